import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { BodyShort, Button, Heading, VStack } from "@navikt/ds-react";
import { Form, redirect, useNavigation } from "react-router";
import { GOAL_DEFINITIONS, GOAL_KINDS } from "../../../domain/goals.ts";
import { goalsDashboard, setGoals } from "../../../services/goals.ts";
import { goalTargetsSchema } from "../../../services/schemas/goals.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { TextInput } from "../../components/fields.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/goals.edit";

// The year's targets (the manager): counts as whole numbers, shares in whole percent.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "goals.edit.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const view = await orResponse(goalsDashboard(ctx, params.programId, params.year));
  if (!view.canManage) throw new Response("Forbidden", { status: 403 });
  return { program: view.program, year: view.year, targets: Object.fromEntries(view.figures.map((f) => [f.kind, String(f.target)])) };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const result = await formAction(await request.formData(), goalTargetsSchema, async (value) => {
    await setGoals(ctx, params.programId, params.year, value);
    return redirect(`/programs/${params.programId}/goals?year=${params.year}&done=saved`);
  });
  return result instanceof Response ? result : { result };
}

export default function GoalsEditPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { program, year, targets } = loaderData;
  const [form, fields] = useSpelForm(goalTargetsSchema, actionData?.result, targets);
  return (
    <VStack gap="space-32">
      <div>
        <BackLink to={`/programs/${program.id}/goals?year=${year}`}>{t("goals.list.back")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("goals.edit.title", { program: program.name, year })}
        </Heading>
        <BodyShort>{t("goals.edit.intro")}</BodyShort>
      </div>
      <div className="form-narrow">
        <FormErrorSummary form={form} fields={Object.fromEntries(GOAL_KINDS.map((k) => [k, fields[k]]))} />
        <Form method="post" {...getFormProps(form)}>
          <CsrfField />
          <VStack gap="space-24">
            {GOAL_KINDS.map((k) => (
              <TextInput
                key={k}
                field={fields[k]}
                label={t(`goals.kind.${k}`)}
                description={t(GOAL_DEFINITIONS[k].measure === "count" ? "goals.edit.countHelp" : "goals.edit.percentHelp")}
                htmlSize={6}
                inputMode="numeric"
                autoComplete="off"
              />
            ))}
            <div>
              <Button type="submit" loading={navigation.state === "submitting"}>
                {t("goals.edit.submit")}
              </Button>
            </div>
          </VStack>
        </Form>
      </div>
    </VStack>
  );
}
