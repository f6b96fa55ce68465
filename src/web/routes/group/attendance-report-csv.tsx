import { monthlyReportCsv } from "../../../services/attendance-report.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import type { Route } from "./+types/attendance-report-csv";

// A participant's monthly attendance report as CSV for Excel (a resource route: no page). The service checks
// access and logs it.
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const { fileName, csv } = await orResponse(monthlyReportCsv(ctx, params.enrolmentId, params.month, web.locale));
  const body = new TextEncoder().encode(csv);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Content-Length": String(body.byteLength),
      // Personal data: never kept in a shared cache.
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
