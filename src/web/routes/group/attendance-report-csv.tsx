import { monthlyReportCsv } from "../../../services/attendance-report.ts";
import { downloadResponse } from "../../lib/download.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import type { Route } from "./+types/attendance-report-csv";

// A participant's monthly attendance report as CSV for Excel (a resource route: no page). The service checks
// access and logs it.
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const { fileName, csv } = await orResponse(monthlyReportCsv(ctx, params.enrolmentId, params.month, web.locale));
  return downloadResponse(csv, { type: "text/csv; charset=utf-8", fileName, nosniff: true });
}
