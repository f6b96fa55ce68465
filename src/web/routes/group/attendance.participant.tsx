import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, HStack, Link as AkselLink, TextField, VStack } from "@navikt/ds-react";
import { Form, Link, redirect } from "react-router";
import { participantAttendance, recordFollowUpOutcome } from "../../../services/attendance.ts";
import { ValidationError } from "../../../services/errors.ts";
import { followUpOutcomeSchema } from "../../../services/schemas/attendance.ts";
import { HistoryTable, PeriodRateTable, RateSummary } from "../../components/attendance/AttendanceTables.tsx";
import { FollowUpItem, rulesText } from "../../components/attendance/FollowUps.tsx";
import { JourneyHeader } from "../../components/journal/JourneyHeader.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import { personText } from "../../lib/person-label.ts";
import type { Route } from "./+types/attendance.participant";

// A participant's attendance: the rate with its band, per week and month, every session, and the absence
// follow-ups (why each was made, in plain words, and what came of the call).

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "attendance.participant.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const periodValues = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" };
  let periodErrors: Record<string, string> = {};
  let view: Awaited<ReturnType<typeof participantAttendance>>;
  try {
    view = await participantAttendance(ctx, params.enrolmentId, periodValues);
  } catch (error) {
    if (!(error instanceof ValidationError)) rethrowAsResponse(error);
    periodErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [field, messages[0] ?? "errors.invalid"]));
    view = await orResponse(participantAttendance(ctx, params.enrolmentId));
  }
  return { view, periodValues, periodErrors, done: url.searchParams.get("done") === "outcome" };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ followUpId: string; result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const followUpId = String(formData.get("followUpId") ?? "");
  const result = await formAction(formData, followUpOutcomeSchema, async (value) => {
    await recordFollowUpOutcome(ctx, followUpId, value);
    return redirect(`/enrolments/${params.enrolmentId}/attendance?done=outcome#follow-ups`);
  });
  return result instanceof Response ? result : { followUpId, result };
}

export default function ParticipantAttendancePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { view, periodValues, periodErrors, done } = loaderData;
  const person = personText(t, view.person);
  const open = view.followUps.filter((f) => f.open);
  const closed = view.followUps.filter((f) => !f.open);
  const month = view.to.slice(0, 7);
  return (
    <VStack gap="space-32">
      {done && !actionData ? <Alert variant="success">{t("attendance.outcome.done")}</Alert> : null}
      <JourneyHeader enrolmentId={view.enrolmentId} title={t("attendance.participant.title", { person })} intro={t("attendance.participant.intro")} />

      <section aria-labelledby="attendance-rate">
        <Heading level="2" size="medium" id="attendance-rate" spacing>
          {t("attendance.participant.rateHeading", { from: t.date(view.from, "long"), to: t.date(view.to, "long") })}
        </Heading>
        <RateSummary rate={view.rate} />
        <BodyShort size="small" textColor="subtle" style={{ marginTop: "0.5rem" }}>
          {t("attendance.rate.explain")}
        </BodyShort>
        <Form method="get" className="form-narrow" style={{ marginTop: "1rem" }}>
          <HStack gap="space-16" align="end" wrap>
            <TextField name="from" label={t("attendance.period.from")} defaultValue={periodValues.from} error={periodErrors.from ? t(periodErrors.from) : undefined} htmlSize={12} autoComplete="off" />
            <TextField name="to" label={t("attendance.period.to")} defaultValue={periodValues.to} error={periodErrors.to ? t(periodErrors.to) : undefined} htmlSize={12} autoComplete="off" />
            <Button type="submit" variant="secondary" size="small">
              {t("attendance.period.show")}
            </Button>
          </HStack>
        </Form>
      </section>

      <section aria-labelledby="follow-ups-heading" id="follow-ups">
        <Heading level="2" size="medium" id="follow-ups-heading" spacing>
          {t("attendance.followUp.heading")}
        </Heading>
        <VStack gap="space-8" style={{ marginBottom: "1rem" }}>
          <BodyShort>{t("attendance.followUp.rulesIntro")}</BodyShort>
          <ul>
            {rulesText(t, view.rules).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </VStack>
        {view.followUps.length === 0 ? <BodyShort>{t("attendance.followUp.none")}</BodyShort> : null}
        <VStack gap="space-24">
          {[...open, ...closed].map((f) => (
            <FollowUpItem
              key={f.id}
              followUp={f}
              person={person}
              canRecord={view.canRecordOutcome}
              today={view.today}
              lastResult={actionData?.followUpId === f.id ? actionData.result : undefined}
            />
          ))}
        </VStack>
      </section>

      <section aria-labelledby="attendance-weeks">
        <Heading level="2" size="medium" id="attendance-weeks" spacing>
          {t("attendance.participant.weeks")}
        </Heading>
        <PeriodRateTable rows={view.weeks} period="week" caption={t("attendance.participant.weeks")} />
      </section>

      <section aria-labelledby="attendance-months">
        <Heading level="2" size="medium" id="attendance-months" spacing>
          {t("attendance.participant.months")}
        </Heading>
        <PeriodRateTable rows={view.months} period="month" caption={t("attendance.participant.months")} />
        <BodyShort style={{ marginTop: "0.5rem" }}>
          <AkselLink as={Link} to={`/enrolments/${view.enrolmentId}/attendance/report/${month}`}>
            {t("attendance.participant.report")}
          </AkselLink>
        </BodyShort>
      </section>

      <section aria-labelledby="attendance-sessions">
        <Heading level="2" size="medium" id="attendance-sessions" spacing>
          {t("attendance.participant.sessions")}
        </Heading>
        <HistoryTable sessions={view.sessions} today={view.today} />
      </section>
    </VStack>
  );
}
