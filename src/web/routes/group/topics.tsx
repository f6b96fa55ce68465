import type { SubmissionResult } from "@conform-to/react";
import { addTopic, archiveTopic, listTopics } from "../../../services/schedule.ts";
import { VocabularyPage } from "../../components/schedule/ScheduleForms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/topics";
import { doneOf, vocabularyAction } from "./vocabulary.server.ts";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "topics.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const page = await orResponse(listTopics(ctx, params.programId));
  return { ...page, done: doneOf(request) };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  return vocabularyAction(await request.formData(), `/programs/${params.programId}/topics`, {
    add: (value) => addTopic(ctx, params.programId, value),
    archive: (key) => archiveTopic(ctx, params.programId, key),
  });
}

export default function TopicsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { program, topics, canManage, done } = loaderData;
  return <VocabularyPage texts="topics" program={program} entries={topics} canManage={canManage} done={done} lastResult={actionData?.result} />;
}
