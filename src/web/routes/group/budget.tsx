import { redirect } from "react-router";
import { isoToday } from "../../../services/context.ts";
import { requireUser } from "../../lib/guards.server.ts";
import type { Route } from "./+types/budget";

// The program's budget: this year's page.
export function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  return redirect(`/programs/${params.programId}/budget/${isoToday(ctx.now()).slice(0, 4)}`);
}
