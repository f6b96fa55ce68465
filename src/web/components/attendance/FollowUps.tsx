import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { BodyLong, BodyShort, Button, Heading, Radio, RadioGroup, Tag, VStack } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import { type AbsenceRules, FOLLOW_UP_OUTCOMES, type TriggerSession } from "../../../domain/attendance.ts";
import type { Translator } from "../../../i18n/index.ts";
import type { FollowUpView } from "../../../services/attendance.ts";
import { followUpOutcomeSchema } from "../../../services/schemas/attendance.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { TextArea, TextInput } from "../fields.tsx";

// Absence follow-ups: why one was made, in plain words (the rule and what the register said), and what
// came of the call.

function sessionLine(t: Translator, s: TriggerSession): string {
  return t("attendance.explain.session", { date: t.date(s.date, "long"), start: s.start, kind: t(`activityKind.${s.kind}`), status: t(`attendance.status.${s.status}`) });
}

/** The rule and its result, in words a coordinator reads at a glance. */
export function explainFollowUp(t: Translator, f: FollowUpView, person: string): { summary: string; rule: string; sessions: string[]; note: string | null } {
  const trigger = f.trigger;
  if (trigger.rule === "consecutive_unexcused") {
    return {
      summary: t("attendance.explain.consecutive", { person, count: trigger.sessions.length, from: t.date(trigger.sessions[0]!.date, "long"), to: t.date(trigger.sessions.at(-1)!.date, "long") }),
      rule: t("attendance.explain.consecutiveRule", { threshold: trigger.threshold }),
      sessions: trigger.sessions.map((s) => sessionLine(t, s)),
      note: trigger.passedOver.length ? t("attendance.explain.passedOver", { count: trigger.passedOver.length }) : null,
    };
  }
  return {
    summary: t("attendance.explain.lowRate", {
      person,
      percent: trigger.rate.percent ?? 0,
      attended: trigger.rate.attended,
      counted: trigger.rate.counted,
      from: t.date(trigger.windowStart, "long"),
      to: t.date(trigger.windowEnd, "long"),
    }),
    rule: t("attendance.explain.lowRateRule", { threshold: trigger.thresholdPercent, days: trigger.windowDays }),
    sessions: trigger.sessions.map((s) => sessionLine(t, s)),
    note: trigger.rate.excused > 0 ? t("attendance.explain.excusedLeftOut", { count: trigger.rate.excused }) : null,
  };
}

/** The program's rules in words (for the rules page and under each follow-up). */
export function rulesText(t: Translator, rules: AbsenceRules): string[] {
  const lines: string[] = [];
  lines.push(rules.consecutiveUnexcused > 0 ? t("attendance.rules.consecutiveOn", { count: rules.consecutiveUnexcused }) : t("attendance.rules.consecutiveOff"));
  if (rules.consecutiveUnexcused > 0) lines.push(t(rules.excusedBreaksRun ? "attendance.rules.excusedBreaks" : "attendance.rules.excusedPassed"));
  lines.push(
    rules.lowRatePercent > 0
      ? t("attendance.rules.lowRateOn", { percent: rules.lowRatePercent, days: rules.windowDays, sessions: rules.minSessions })
      : t("attendance.rules.lowRateOff"),
  );
  lines.push(t("attendance.rules.contact"));
  return lines;
}

export function FollowUpItem({
  followUp,
  person,
  canRecord,
  today,
  lastResult,
}: {
  followUp: FollowUpView;
  person: string;
  canRecord: boolean;
  today: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const t = useT();
  const text = explainFollowUp(t, followUp, person);
  const headingId = `follow-up-${followUp.id}`;
  return (
    <section aria-labelledby={headingId} className="follow-up-item" data-testid="absence-follow-up">
      <Heading level="3" size="small" id={headingId} spacing>
        {t(`attendance.followUp.rule.${followUp.rule}`)}{" "}
        <Tag variant={followUp.open ? (followUp.dueOn < today ? "error" : "warning") : "success"} size="small">
          {followUp.open
            ? t(followUp.dueOn < today ? "attendance.followUp.overdue" : "attendance.followUp.due", { date: t.date(followUp.dueOn, "long") })
            : t(`attendance.outcome.${followUp.outcome!.outcome}`)}
        </Tag>
      </Heading>
      <BodyLong spacing>{text.summary}</BodyLong>
      <ul>
        {text.sessions.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      {text.note ? <BodyShort spacing>{text.note}</BodyShort> : null}
      <BodyShort size="small" textColor="subtle" spacing>
        {text.rule}
      </BodyShort>
      {followUp.outcome ? (
        <BodyShort spacing data-testid="follow-up-outcome">
          {t("attendance.followUp.recorded", { outcome: t(`attendance.outcome.${followUp.outcome.outcome}`), date: t.date(followUp.outcome.on, "long"), by: followUp.outcome.by })}
          {followUp.outcome.note ? ` ${followUp.outcome.note}` : ""}
        </BodyShort>
      ) : null}
      {canRecord && followUp.open ? <OutcomeForm followUpId={followUp.id} today={today} lastResult={lastResult} /> : null}
    </section>
  );
}

function OutcomeForm({ followUpId, today, lastResult }: { followUpId: string; today: string; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(followUpOutcomeSchema, lastResult, { on: today, outcome: "", note: "" });
  const busy = navigation.state === "submitting" && navigation.formData?.get("followUpId") === followUpId;
  return (
    <div className="form-narrow">
      <FormErrorSummary form={form} fields={{ outcome: fields.outcome, on: fields.on, note: fields.note }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="outcome" />
        <input type="hidden" name="followUpId" value={followUpId} />
        <VStack gap="space-16">
          <RadioGroup
            id={fields.outcome.id}
            name={fields.outcome.name}
            defaultValue={fields.outcome.initialValue}
            error={fieldError(fields.outcome)}
            legend={t("attendance.outcome.legend")}
          >
            {FOLLOW_UP_OUTCOMES.map((o) => (
              <Radio key={o} value={o} description={t(`attendance.outcome.${o}.help`)}>
                {t(`attendance.outcome.${o}`)}
              </Radio>
            ))}
          </RadioGroup>
          <TextInput field={fields.on} label={t("attendance.outcome.on")} description={t("attendance.outcome.onHelp")} htmlSize={12} autoComplete="off" />
          <TextArea field={fields.note} label={t("attendance.outcome.note")} description={t("attendance.outcome.noteHelp")} minRows={2} maxLength={1000} />
          <div>
            <Button type="submit" loading={busy}>
              {t("attendance.outcome.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}
