import { planPdf } from "../../../services/plans.ts";
import { downloadResponse } from "../../lib/download.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import type { Route } from "./+types/plan.pdf";

// One version of the plan as a PDF (a resource route: no page): ?version=N, the current one without it.
// In the participant's language where we have it, else the reader's; only for those who may read the plan.
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const version = new URL(request.url).searchParams.get("version");
  const { fileName, pdf, language } = await orResponse(planPdf(ctx, params.enrolmentId, version, web.locale));
  return downloadResponse(pdf, { type: "application/pdf", fileName, language });
}
