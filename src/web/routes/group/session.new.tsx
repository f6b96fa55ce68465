import type { SubmissionResult } from "@conform-to/react";
import { Heading, VStack } from "@navikt/ds-react";
import { redirect } from "react-router";
import { isoToday } from "../../../services/context.ts";
import { createSession, seriesFormPage } from "../../../services/schedule.ts";
import { sessionSchema } from "../../../services/schemas/schedule.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { SessionForm } from "../../components/schedule/ScheduleForms.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/session.new";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "schedule.session.newTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const page = await orResponse(seriesFormPage(ctx, params.programId));
  if (!page.canManage) throw new Response(null, { status: 403 });
  return { page, today: isoToday(ctx.now()) };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const result = await formAction(await request.formData(), sessionSchema, async (value) => {
    const { id } = await createSession(ctx, params.programId, value);
    return redirect(`/schedule/sessions/${id}?done=created`);
  });
  return result instanceof Response ? result : { result };
}

export default function NewSessionPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page, today } = loaderData;
  return (
    <VStack gap="space-24">
      <div>
        <BackLink to={`/programs/${page.program.id}/schedule`}>{t("schedule.backTo", { program: page.program.name })}</BackLink>
        <Heading level="1" size="large">
          {t("schedule.session.newTitle")}
        </Heading>
      </div>
      <SessionForm lastResult={actionData?.result} choices={page} defaultValue={{ kind: "lecture", date: today, startTime: "13:00", endTime: "14:30" }} />
    </VStack>
  );
}
