import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { BodyLong, BodyShort, Button, Heading, Radio, RadioGroup, Table, Tag, VStack } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import { NINETY_DAY_OUTCOMES } from "../../../domain/exit.ts";
import type { ExitPage, ExitView, NinetyDayView, PassivePhaseView } from "../../../services/exits.ts";
import { ninetyDaySchema, passiveEndSchema, passiveStartSchema } from "../../../services/schemas/exits.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { DataTable } from "../DataTable.tsx";
import { TextArea, TextInput } from "../fields.tsx";
import { attendeeList } from "./labels.ts";

type Result = SubmissionResult<string[]> | null | undefined;

function useBusy(intent: string): boolean {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

function Multiline({ text }: { text: string }) {
  return (
    <BodyLong as="span" style={{ whiteSpace: "pre-wrap" }}>
      {text}
    </BodyLong>
  );
}

/** The recorded exit. */
export function ExitSummary({ exit }: { exit: ExitView }) {
  const t = useT();
  return (
    <section aria-labelledby="exit-summary">
      <Heading level="2" size="medium" id="exit-summary" spacing>
        {t("exit.summary.heading")}
      </Heading>
      <dl className="details-list" data-testid="exit-summary">
        <dt>{t("exit.summary.exitDate")}</dt>
        <dd>{t.date(exit.exitDate, "long")}</dd>
        <dt>{t("exit.summary.kindAndReason")}</dt>
        <dd>{t("exit.summary.kindReason", { kind: t(`exit.kind.${exit.kind}`), reason: t(`exit.reason.${exit.reason}`) })}</dd>
        <dt>{t("exit.summary.occupation")}</dt>
        <dd>{t(`exit.occupation.${exit.occupation}`)}</dd>
        <dt>{t("exit.summary.incomeSource")}</dt>
        <dd>{t(`incomeSource.${exit.incomeSource}`)}</dd>
        <dt>{t("exit.summary.plan")}</dt>
        <dd>{exit.finalPlanVersion !== null ? t("exit.summary.planVersion", { version: t.number(exit.finalPlanVersion) }) : t("exit.summary.noPlan")}</dd>
        <dt>{t("exit.summary.meeting")}</dt>
        <dd>{exit.meetingDate ? t("exit.summary.meetingValue", { date: t.date(exit.meetingDate, "long"), who: attendeeList(t, exit.meetingAttendees) }) : t("exit.summary.noMeeting")}</dd>
        {exit.note ? (
          <>
            <dt>{t("exit.summary.note")}</dt>
            <dd>
              <Multiline text={exit.note} />
            </dd>
          </>
        ) : null}
        <dt>{t("exit.summary.recorded")}</dt>
        <dd>{t("exit.summary.recordedValue", { name: exit.recordedBy, time: t.dateTime(new Date(exit.recordedAt)) })}</dd>
      </dl>
    </section>
  );
}

function ninetyTag(state: NinetyDayView["state"]) {
  return state === "answered" ? "success" : state === "overdue" ? "warning" : state === "due" ? "info" : "neutral";
}

/** The 90-day follow-up: when it comes due, the form once it has, the answer once given. */
export function NinetyDaySection({ ninety, canManage, today, lastResult }: { ninety: NinetyDayView; canManage: boolean; today: string; lastResult: Result }) {
  const t = useT();
  const fieldError = useFieldError();
  const busy = useBusy("ninetyDay");
  const [form, fields] = useSpelForm(ninetyDaySchema, lastResult, { answeredOn: today });
  const open = ninety.state === "due" || ninety.state === "overdue";
  return (
    <section aria-labelledby="exit-ninety">
      <Heading level="2" size="medium" id="exit-ninety" spacing>
        {t("ninetyDay.heading")}
      </Heading>
      <VStack gap="space-16">
        <BodyShort>{t("ninetyDay.intro")}</BodyShort>
        <dl className="details-list" data-testid="ninety-day">
          <dt>{t("ninetyDay.dueOn")}</dt>
          <dd>
            {t.date(ninety.dueOn, "long")}{" "}
            <Tag variant={ninetyTag(ninety.state)} size="xsmall">
              {t(`ninetyDay.state.${ninety.state}`)}
            </Tag>
          </dd>
          {ninety.outcome ? (
            <>
              <dt>{t("ninetyDay.outcome")}</dt>
              <dd>{t(`ninetyDay.outcome.${ninety.outcome}`)}</dd>
              <dt>{t("ninetyDay.answeredOn")}</dt>
              <dd>{t.date(ninety.answeredOn!, "long")}</dd>
              {ninety.note ? (
                <>
                  <dt>{t("ninetyDay.note")}</dt>
                  <dd>
                    <Multiline text={ninety.note} />
                  </dd>
                </>
              ) : null}
            </>
          ) : null}
        </dl>
        {!ninety.outcome && !open ? <BodyShort>{t("ninetyDay.notYet", { date: t.date(ninety.dueOn, "long") })}</BodyShort> : null}
        {!ninety.outcome && open && canManage ? (
          <div>
            <FormErrorSummary form={form} fields={{ outcome: fields.outcome, answeredOn: fields.answeredOn, note: fields.note }} />
            <Form method="post" {...getFormProps(form)} className="form-narrow">
              <CsrfField />
              <input type="hidden" name="intent" value="ninetyDay" />
              <VStack gap="space-24">
                <RadioGroup
                  id={fields.outcome.id}
                  name={fields.outcome.name}
                  legend={t("ninetyDay.form.outcome")}
                  error={fieldError(fields.outcome)}
                  defaultValue={typeof fields.outcome.initialValue === "string" ? fields.outcome.initialValue : undefined}
                >
                  {NINETY_DAY_OUTCOMES.map((o) => (
                    <Radio key={o} value={o}>
                      {t(`ninetyDay.outcome.${o}`)}
                    </Radio>
                  ))}
                </RadioGroup>
                <TextInput field={fields.answeredOn} label={t("ninetyDay.form.answeredOn")} description={t("exit.form.dateHelp")} htmlSize={12} autoComplete="off" />
                <TextArea field={fields.note} label={t("ninetyDay.form.note")} minRows={2} />
                <div>
                  <Button type="submit" loading={busy}>
                    {t("ninetyDay.form.submit")}
                  </Button>
                </div>
              </VStack>
            </Form>
          </div>
        ) : null}
      </VStack>
    </section>
  );
}

function PhasesTable({ phases }: { phases: PassivePhaseView[] }) {
  const t = useT();
  return (
    <DataTable caption={t("passive.caption")} columns={[t("passive.col.period"), t("passive.col.reason"), t("passive.col.note")]} size="small">
      {phases.map((p) => (
        <Table.Row key={p.id} data-testid="passive-phase">
          <Table.HeaderCell scope="row" style={{ whiteSpace: "nowrap" }}>
            {p.endedOn ? t("passive.period", { start: t.date(p.startedOn), end: t.date(p.endedOn) }) : t("passive.since", { start: t.date(p.startedOn) })}
          </Table.HeaderCell>
          <Table.DataCell>{t(`passive.reason.${p.reason}`)}</Table.DataCell>
          <Table.DataCell>{p.note ? <Multiline text={p.note} /> : t("passive.noNote")}</Table.DataCell>
        </Table.Row>
      ))}
    </DataTable>
  );
}

/** The passive phase: a lighter form of contact after the exit or past the planned end. */
export function PassivePhaseSection({ page, startResult, endResult }: { page: ExitPage; startResult: Result; endResult: Result }) {
  const t = useT();
  const open = page.openPassivePhase;
  const startDefault = page.exit && page.exit.exitDate > page.today ? page.exit.exitDate : page.today;
  return (
    <section aria-labelledby="exit-passive">
      <Heading level="2" size="medium" id="exit-passive" spacing>
        {t("passive.heading")}
      </Heading>
      <VStack gap="space-16">
        <BodyShort>{t("passive.intro")}</BodyShort>
        {page.passivePhases.length ? <PhasesTable phases={page.passivePhases} /> : <BodyShort>{t("passive.none")}</BodyShort>}
        {open && page.canManage ? <EndPassiveForm lastResult={endResult} today={page.today} /> : null}
        {page.canStartPassive ? <StartPassiveForm lastResult={startResult} defaultDate={startDefault} /> : null}
      </VStack>
    </section>
  );
}

function StartPassiveForm({ lastResult, defaultDate }: { lastResult: Result; defaultDate: string }) {
  const t = useT();
  const busy = useBusy("passiveStart");
  const [form, fields] = useSpelForm(passiveStartSchema, lastResult, { startedOn: defaultDate });
  return (
    <div>
      <Heading level="3" size="small" spacing>
        {t("passive.start.heading")}
      </Heading>
      <FormErrorSummary form={form} fields={{ startedOn: fields.startedOn, note: fields.note }} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="passiveStart" />
        <VStack gap="space-16">
          <TextInput field={fields.startedOn} label={t("passive.start.date")} description={t("exit.form.dateHelp")} htmlSize={12} autoComplete="off" />
          <TextArea field={fields.note} label={t("passive.start.note")} description={t("passive.start.noteHelp")} minRows={2} />
          <div>
            <Button type="submit" variant="secondary" loading={busy}>
              {t("passive.start.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}

function EndPassiveForm({ lastResult, today }: { lastResult: Result; today: string }) {
  const t = useT();
  const busy = useBusy("passiveEnd");
  const [form, fields] = useSpelForm(passiveEndSchema, lastResult, { endedOn: today });
  return (
    <div>
      <Heading level="3" size="small" spacing>
        {t("passive.end.heading")}
      </Heading>
      <FormErrorSummary form={form} fields={{ endedOn: fields.endedOn, note: fields.note }} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="passiveEnd" />
        <VStack gap="space-16">
          <TextInput field={fields.endedOn} label={t("passive.end.date")} description={t("exit.form.dateHelp")} htmlSize={12} autoComplete="off" />
          <TextArea field={fields.note} label={t("passive.end.note")} minRows={2} />
          <div>
            <Button type="submit" variant="secondary" loading={busy}>
              {t("passive.end.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}
