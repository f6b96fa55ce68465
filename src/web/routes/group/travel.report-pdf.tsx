import { travelReportPdf } from "../../../services/travel.ts";
import { downloadResponse } from "../../lib/download.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import type { Route } from "./+types/travel.report-pdf";

// The year's report as a tagged PDF in the reader's language (a resource route: no page).
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const { fileName, pdf } = await orResponse(travelReportPdf(ctx, params.programId, params.year, web.locale));
  return downloadResponse(pdf, { type: "application/pdf", fileName, language: web.locale });
}
