import type { SubmissionResult } from "@conform-to/react";
import { addKind, archiveKind, listKinds } from "../../../services/schedule.ts";
import { VocabularyPage } from "../../components/schedule/ScheduleForms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/kinds";
import { doneOf, vocabularyAction } from "./vocabulary.server.ts";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "kinds.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const page = await orResponse(listKinds(ctx, params.programId));
  return { ...page, done: doneOf(request) };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  return vocabularyAction(await request.formData(), `/programs/${params.programId}/activity-kinds`, {
    add: (value) => addKind(ctx, params.programId, value),
    archive: (key) => archiveKind(ctx, params.programId, key),
  });
}

export default function KindsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { program, kinds, canManage, done } = loaderData;
  return <VocabularyPage texts="kinds" program={program} entries={kinds} canManage={canManage} done={done} lastResult={actionData?.result} />;
}
