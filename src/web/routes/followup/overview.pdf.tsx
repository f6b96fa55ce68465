import { quarterlyReportPdf } from "../../../services/followup-overview.ts";
import { downloadResponse } from "../../lib/download.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import type { Route } from "./+types/overview.pdf";

// The steering group's quarterly report as a tagged PDF in the reader's language (a resource route: no page).
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const { fileName, pdf } = await orResponse(quarterlyReportPdf(ctx, params.federationId, params.year, params.quarter, web.locale));
  return downloadResponse(pdf, { type: "application/pdf", fileName, language: web.locale });
}
