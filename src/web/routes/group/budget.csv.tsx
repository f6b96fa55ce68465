import { budgetYearCsv } from "../../../services/budget.ts";
import { downloadResponse } from "../../lib/download.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import type { Route } from "./+types/budget.csv";

// The budget year as CSV for Excel (a resource route: no page). The service checks access and logs the export.
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const { fileName, csv } = await orResponse(budgetYearCsv(ctx, params.programId, params.year, web.locale));
  return downloadResponse(csv, { type: "text/csv; charset=utf-8", fileName, nosniff: true });
}
