import { outcomeExport } from "../../../services/national-reporting.ts";
import { downloadResponse } from "../../lib/download.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import type { Route } from "./+types/reports.outcome";

// The SUS-shaped outcome export as a file (a resource route: no page): /programs/:id/reports/outcome/xlsx?from=&to=
// (or csv). The national-reporting page's period form posts, is checked there, and is sent here to download.
// The service checks access (never the steering group), validates the period again and logs the export.
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const file = await orResponse(outcomeExport(ctx, { programId: params.programId, from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "", format: params.format }, web.locale));
  return downloadResponse(file.body, { type: file.contentType, fileName: file.fileName, nosniff: true });
}
