import { meetingMinutesPdf } from "../../../services/minutes.ts";
import { downloadResponse } from "../../lib/download.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import type { Route } from "./+types/minutes";

// The minutes of a meeting as a PDF file (a resource route: no page). The reader gets only what they may see.
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const { fileName, pdf } = await orResponse(meetingMinutesPdf(ctx, params.meetingId, web.locale));
  return downloadResponse(pdf, { type: "application/pdf", fileName });
}
