import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, HStack, VStack } from "@navikt/ds-react";
import { Form, redirect } from "react-router";
import { addKind, archiveKind, listKinds } from "../../../services/schedule.ts";
import { activityKindSchema } from "../../../services/schemas/schedule.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { KindForm } from "../../components/schedule/ScheduleForms.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/kinds";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "kinds.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const page = await orResponse(listKinds(ctx, params.programId));
  const done = new URL(request.url).searchParams.get("done");
  return { ...page, done: done === "added" || done === "archived" ? done : null };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const here = `/programs/${params.programId}/activity-kinds`;
  if (formData.get("intent") === "archive") {
    await orResponse(archiveKind(ctx, params.programId, String(formData.get("key") ?? "")));
    return redirect(`${here}?done=archived`);
  }
  const result = await formAction(formData, activityKindSchema, async (value) => {
    await addKind(ctx, params.programId, value);
    return redirect(`${here}?done=added`);
  });
  return result instanceof Response ? result : { result };
}

export default function KindsPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { program, kinds, canManage, done } = loaderData;
  return (
    <VStack gap="space-32">
      {done && !actionData ? <Alert variant="success">{t(`kinds.done.${done}`)}</Alert> : null}
      <div>
        <BackLink to={`/programs/${program.id}/schedule`}>{t("schedule.backTo", { program: program.name })}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("kinds.heading", { program: program.name })}
        </Heading>
        <BodyShort>{t("kinds.intro")}</BodyShort>
      </div>
      <ul>
        {kinds.map((k) => (
          <li key={k.key}>
            <HStack gap="space-16" align="center">
              <span>
                {k.label ?? t(`activityKind.${k.key}`)}
                {k.builtIn ? ` (${t("kinds.builtIn")})` : ""}
                {k.archived ? ` (${t("kinds.archived")})` : ""}
              </span>
              {canManage && !k.builtIn && !k.archived ? (
                <Form method="post">
                  <CsrfField />
                  <input type="hidden" name="intent" value="archive" />
                  <input type="hidden" name="key" value={k.key} />
                  <Button type="submit" size="small" variant="tertiary">
                    {t("kinds.archive", { kind: k.label ?? k.key })}
                  </Button>
                </Form>
              ) : null}
            </HStack>
          </li>
        ))}
      </ul>
      {canManage ? (
        <section aria-labelledby="kinds-add">
          <Heading level="2" size="medium" id="kinds-add" spacing>
            {t("kinds.form.heading")}
          </Heading>
          <KindForm lastResult={actionData?.result} />
        </section>
      ) : null}
    </VStack>
  );
}
