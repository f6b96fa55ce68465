import { finsamCsv } from "../../../services/national-reporting.ts";
import { downloadResponse } from "../../lib/download.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import type { Route } from "./+types/reports.finsam-csv";

// A program's Finsam figures for a year as CSV for Excel (a resource route: no page). The service checks access,
// suppresses for those who see aggregates only, and logs the export.
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const { fileName, csv } = await orResponse(finsamCsv(ctx, { programId: params.programId, year: params.year }, web.locale));
  return downloadResponse(csv, { type: "text/csv; charset=utf-8", fileName, nosniff: true });
}
