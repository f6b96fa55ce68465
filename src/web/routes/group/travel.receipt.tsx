import { travelReceipt } from "../../../services/travel.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import type { Route } from "./+types/travel.receipt";

// A disbursement's receipt, as a download (a resource route: no page). The service checks access and logs it.
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const file = await orResponse(travelReceipt(ctx, params.programId, params.disbursementId));
  const encoded = encodeURIComponent(file.name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const fallback = file.name.replace(/[^\w.-]+/g, "_") || "kvitto";
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.type,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
