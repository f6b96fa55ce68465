import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Checkbox, Heading, VStack } from "@navikt/ds-react";
import { Form, redirect, useNavigation } from "react-router";
import { getAbsenceRules, setAbsenceRules } from "../../../services/attendance.ts";
import { absenceRulesSchema } from "../../../services/schemas/attendance.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { rulesText } from "../../components/attendance/FollowUps.tsx";
import { TextInput } from "../../components/fields.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/attendance.rules";

// A program's absence rules: when an absence becomes a follow-up task for the coordinator.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "attendance.rules.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  return { page: await orResponse(getAbsenceRules(ctx, params.programId)), saved: new URL(request.url).searchParams.get("done") === "saved" };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const result = await formAction(await request.formData(), absenceRulesSchema, async (value) => {
    await setAbsenceRules(ctx, params.programId, value);
    return redirect(`/programs/${params.programId}/attendance/rules?done=saved`);
  });
  return result instanceof Response ? result : { result };
}

export default function AbsenceRulesPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page, saved } = loaderData;
  const navigation = useNavigation();
  const r = page.rules;
  const [form, fields] = useSpelForm(absenceRulesSchema, actionData?.result, {
    consecutiveUnexcused: String(r.consecutiveUnexcused),
    excusedBreaksRun: r.excusedBreaksRun ? "on" : "",
    lowRatePercent: String(r.lowRatePercent),
    windowDays: String(r.windowDays),
    minSessions: String(r.minSessions),
  });
  return (
    <VStack gap="space-32">
      {saved && !actionData ? <Alert variant="success">{t("attendance.rules.saved")}</Alert> : null}
      <div>
        <BackLink to={`/programs/${page.program.id}/attendance`}>{t("attendance.rules.back", { program: page.program.name })}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("attendance.rules.title", { program: page.program.name })}
        </Heading>
        <BodyShort spacing>{t("attendance.rules.intro")}</BodyShort>
        <ul data-testid="rules-text">
          {rulesText(t, r).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <BodyShort size="small" textColor="subtle">
          {page.isDefault ? t("attendance.rules.default") : t("attendance.rules.updated", { date: t.date(page.updated!.at), by: page.updated!.by })}
        </BodyShort>
      </div>
      {page.canManage ? (
        <section aria-labelledby="rules-form" className="form-narrow">
          <Heading level="2" size="medium" id="rules-form" spacing>
            {t("attendance.rules.change")}
          </Heading>
          <FormErrorSummary form={form} fields={{ consecutiveUnexcused: fields.consecutiveUnexcused, lowRatePercent: fields.lowRatePercent, windowDays: fields.windowDays, minSessions: fields.minSessions }} />
          <Form method="post" {...getFormProps(form)}>
            <CsrfField />
            <VStack gap="space-24">
              <TextInput field={fields.consecutiveUnexcused} label={t("attendance.rules.field.consecutive")} description={t("attendance.rules.field.consecutiveHelp")} htmlSize={4} inputMode="numeric" autoComplete="off" />
              <Checkbox id={fields.excusedBreaksRun.id} name={fields.excusedBreaksRun.name} value="on" defaultChecked={fields.excusedBreaksRun.initialValue === "on"} description={t("attendance.rules.field.excusedHelp")}>
                {t("attendance.rules.field.excused")}
              </Checkbox>
              <TextInput field={fields.lowRatePercent} label={t("attendance.rules.field.percent")} description={t("attendance.rules.field.percentHelp")} htmlSize={4} inputMode="numeric" autoComplete="off" />
              <TextInput field={fields.windowDays} label={t("attendance.rules.field.days")} description={t("attendance.rules.field.daysHelp")} htmlSize={4} inputMode="numeric" autoComplete="off" />
              <TextInput field={fields.minSessions} label={t("attendance.rules.field.sessions")} description={t("attendance.rules.field.sessionsHelp")} htmlSize={4} inputMode="numeric" autoComplete="off" />
              <div>
                <Button type="submit" loading={navigation.state === "submitting"}>
                  {t("attendance.rules.submit")}
                </Button>
              </div>
            </VStack>
          </Form>
        </section>
      ) : null}
    </VStack>
  );
}
