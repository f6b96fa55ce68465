import { monthlyReportPdf } from "../../../services/attendance-report.ts";
import { downloadResponse } from "../../lib/download.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import type { Route } from "./+types/attendance-report-pdf";

// A participant's monthly attendance report as a tagged PDF in the reader's language (a resource route: no page).
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const { fileName, pdf } = await orResponse(monthlyReportPdf(ctx, params.enrolmentId, params.month, web.locale));
  return downloadResponse(pdf, { type: "application/pdf", fileName, language: web.locale });
}
