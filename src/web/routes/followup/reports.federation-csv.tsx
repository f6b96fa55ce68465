import { finsamCsv } from "../../../services/national-reporting.ts";
import { downloadResponse } from "../../lib/download.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import type { Route } from "./+types/reports.federation-csv";

// A federation's Finsam figures for a year (each program the reader may see, and the total) as CSV for Excel.
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const { fileName, csv } = await orResponse(finsamCsv(ctx, { federationId: params.federationId, year: params.year }, web.locale));
  return downloadResponse(csv, { type: "text/csv; charset=utf-8", fileName, nosniff: true });
}
