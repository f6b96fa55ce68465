import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Checkbox, Fieldset, Heading, HStack, Radio, RadioGroup, VStack } from "@navikt/ds-react";
import { useState, useSyncExternalStore } from "react";
import { Form, useNavigation } from "react-router";
import { plannedEndDate } from "../../../domain/enrolment.ts";
import { EDUCATION_LEVELS, INCOME_SOURCES } from "../../../domain/intake.ts";
import { EXIT_OCCUPATIONS } from "../../../domain/exit.ts";
import type { Translator } from "../../../i18n/index.ts";
import type { EnrolmentForm as EnrolmentFormData, EnrolmentSummary as Summary } from "../../../services/enrolments.ts";
import { enrolmentSchema } from "../../../services/schemas/intake.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { SelectInput, TextInput } from "../fields.tsx";
import { LinkButton } from "../LinkButton.tsx";

const noop = () => () => {};
/** False on the server and while hydrating, true once React runs the page (so no-JS readers get every field). */
function useEnhanced(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

/** The planned end, worked out from the start date as it is typed (and shown again after a refused submit). */
function PlannedEnd({ start, months }: { start: string; months: number }) {
  const t = useT();
  const end = plannedEndDate(start, months);
  return (
    <div>
      <BodyShort weight="semibold" aria-live="polite" id="enrolment-planned-end">
        {end ? t("enrolment.plannedEnd", { date: t.date(end, "long") }) : t("enrolment.plannedEndLater")}
      </BodyShort>
      <BodyShort size="small" textColor="subtle">
        {t("enrolment.plannedEndHelp", { months: t.number(months) })}
      </BodyShort>
    </div>
  );
}

export function EnrolmentForm({ data, lastResult, cancelTo }: { data: EnrolmentFormData; lastResult: SubmissionResult<string[]> | null | undefined; cancelTo: string }) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const enhanced = useEnhanced();
  const [form, fields] = useSpelForm(enrolmentSchema, lastResult, { incomeSource: data.incomeSource ?? undefined });
  const initialText = (value: unknown) => (typeof value === "string" ? value : "");
  const [start, setStart] = useState(() => initialText(fields.startDate.initialValue));
  const [offered, setOffered] = useState(() => initialText(fields.therapistOffered.initialValue) === "on");
  const askAccepted = offered || !enhanced || (fields.therapistAccepted.errors?.length ?? 0) > 0;
  const busy = navigation.state === "submitting";
  return (
    <>
      <FormErrorSummary
        form={form}
        fields={{
          coordinatorId: fields.coordinatorId,
          startDate: fields.startDate,
          incomeSource: fields.incomeSource,
          educationLevel: fields.educationLevel,
          occupationAtStart: fields.occupationAtStart,
          firstMeetingDate: fields.firstMeetingDate,
          firstMeetingTime: fields.firstMeetingTime,
          firstMeetingPlace: fields.firstMeetingPlace,
          therapistOffered: fields.therapistOffered,
          therapistAccepted: fields.therapistAccepted,
        }}
      />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <VStack gap="space-32">
          <Fieldset legend={<SectionLegend>{t("enrolment.coordinatorHeading")}</SectionLegend>}>
            <VStack gap="space-24">
              {data.coordinators.length === 0 ? <Alert variant="warning">{t("enrolment.noCoordinators")}</Alert> : null}
              <RadioGroup
                id={fields.coordinatorId.id}
                name={fields.coordinatorId.name}
                defaultValue={fields.coordinatorId.initialValue}
                error={fieldError(fields.coordinatorId)}
                legend={t("enrolment.coordinator")}
                description={t("enrolment.coordinatorHelp")}
              >
                {data.coordinators.map((c) => (
                  <Radio key={c.userId} value={c.userId} description={t.plural("enrolment.caseload", c.caseload)}>
                    {c.name}
                  </Radio>
                ))}
              </RadioGroup>
              <VStack gap="space-8">
                <TextInput
                  field={fields.startDate}
                  label={t("enrolment.startDate")}
                  description={t("enrolment.dateHelp")}
                  autoComplete="off"
                  htmlSize={12}
                  onChange={(event) => setStart(event.target.value)}
                />
                <PlannedEnd start={start} months={data.plannedMonths} />
              </VStack>
            </VStack>
          </Fieldset>

          <Fieldset legend={<SectionLegend>{t("enrolment.situationHeading")}</SectionLegend>}>
            <VStack gap="space-16">
              <SelectInput field={fields.incomeSource} label={t("enrolment.incomeSource")} description={data.incomeSource ? t("enrolment.incomeSourceHelp") : undefined}>
                <option value="">{t("form.choose")}</option>
                {INCOME_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {t(`incomeSource.${s}`)}
                  </option>
                ))}
              </SelectInput>
              <SelectInput field={fields.educationLevel} label={t("enrolment.educationLevel")}>
                <option value="">{t("form.choose")}</option>
                {EDUCATION_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {t(`educationLevel.${l}`)}
                  </option>
                ))}
              </SelectInput>
              <SelectInput field={fields.occupationAtStart} label={t("enrolment.occupationAtStart")} description={t("enrolment.occupationAtStartHelp")}>
                <option value="">{t("form.choose")}</option>
                {EXIT_OCCUPATIONS.map((o) => (
                  <option key={o} value={o}>
                    {t(`exit.occupation.${o}`)}
                  </option>
                ))}
              </SelectInput>
            </VStack>
          </Fieldset>

          <Fieldset
            legend={<SectionLegend>{t("enrolment.meetingHeading")}</SectionLegend>}
            description={data.referrer ? t("enrolment.meetingHelp", { referrer: data.referrer.name, authority: data.referrer.authority }) : t("enrolment.meetingHelpNoReferrer")}
          >
            <VStack gap="space-16">
              <HStack gap="space-16" wrap>
                <TextInput field={fields.firstMeetingDate} label={t("enrolment.firstMeetingDate")} description={t("enrolment.dateHelp")} autoComplete="off" htmlSize={12} />
                <TextInput field={fields.firstMeetingTime} label={t("enrolment.firstMeetingTime")} description={t("enrolment.timeHelp")} autoComplete="off" htmlSize={6} />
              </HStack>
              <TextInput field={fields.firstMeetingPlace} label={t("enrolment.firstMeetingPlace")} autoComplete="off" />
            </VStack>
          </Fieldset>

          <Fieldset legend={<SectionLegend>{t("enrolment.therapistHeading")}</SectionLegend>} description={t("enrolment.therapistHelp")}>
            <VStack gap="space-16">
              <Checkbox
                id={fields.therapistOffered.id}
                name={fields.therapistOffered.name}
                value="on"
                defaultChecked={offered}
                error={Boolean(fields.therapistOffered.errors?.length)}
                onChange={(event) => setOffered(event.target.checked)}
              >
                {t("enrolment.therapistOffered")}
              </Checkbox>
              {askAccepted ? (
                <RadioGroup
                  id={fields.therapistAccepted.id}
                  name={fields.therapistAccepted.name}
                  defaultValue={fields.therapistAccepted.initialValue}
                  error={fieldError(fields.therapistAccepted)}
                  legend={t("enrolment.therapistAccepted")}
                  description={enhanced ? undefined : t("enrolment.therapistAcceptedHelp")}
                >
                  <Radio value="yes">{t("answer.yes")}</Radio>
                  <Radio value="no">{t("answer.no")}</Radio>
                  <Radio value="unknown">{t("answer.unknown")}</Radio>
                </RadioGroup>
              ) : null}
            </VStack>
          </Fieldset>

          <HStack gap="space-16">
            <Button type="submit" loading={busy}>
              {t("enrolment.submit")}
            </Button>
            <LinkButton to={cancelTo} variant="tertiary">
              {t("form.cancel")}
            </LinkButton>
          </HStack>
        </VStack>
      </Form>
    </>
  );
}

function SectionLegend({ children }: { children: string }) {
  return (
    <Heading as="span" size="small">
      {children}
    </Heading>
  );
}

function therapistText(t: Translator, e: Summary): string {
  if (!e.therapistOffered) return t("enrolment.therapist.notOffered");
  return e.therapistAccepted === true ? t("enrolment.therapist.yes") : e.therapistAccepted === false ? t("enrolment.therapist.no") : t("enrolment.therapist.unknown");
}

/** A saved enrolment: who, from when to when (the planned end), the situation at start, the first meeting. */
export function EnrolmentSummary({ enrolment }: { enrolment: Summary }) {
  const t = useT();
  const meeting = enrolment.firstMeeting;
  // The months as they were when the enrolment was saved (the program's setting may have changed since).
  const [sy, sm] = enrolment.startDate.split("-").map(Number) as [number, number];
  const [ey, em] = enrolment.plannedEndDate.split("-").map(Number) as [number, number];
  const plannedMonths = ey * 12 + em - (sy * 12 + sm);
  return (
    <section aria-labelledby="enrolment-summary">
      <Heading level="2" size="medium" id="enrolment-summary" spacing>
        {t("enrolment.summaryHeading")}
      </Heading>
      <dl className="details-list">
        <dt>{t("enrolment.summary.coordinator")}</dt>
        <dd>{enrolment.coordinatorName}</dd>
        <dt>{t("enrolment.summary.start")}</dt>
        <dd>{t.date(enrolment.startDate, "long")}</dd>
        <dt>{t("enrolment.summary.plannedEnd")}</dt>
        <dd data-testid="planned-end">{t("enrolment.summary.plannedEndValue", { date: t.date(enrolment.plannedEndDate, "long"), months: t.number(plannedMonths) })}</dd>
        <dt>{t("enrolment.summary.incomeSource")}</dt>
        <dd>{t(`incomeSource.${enrolment.incomeSource}`)}</dd>
        <dt>{t("enrolment.summary.educationLevel")}</dt>
        <dd>{t(`educationLevel.${enrolment.educationLevel}`)}</dd>
        <dt>{t("enrolment.summary.occupationAtStart")}</dt>
        <dd>{enrolment.occupationAtStart ? t(`exit.occupation.${enrolment.occupationAtStart}`) : t("enrolment.summary.notRecorded")}</dd>
        <dt>{t("enrolment.summary.firstMeeting")}</dt>
        <dd>
          {meeting
            ? [meeting.time ? t("enrolment.summary.firstMeetingValue", { date: t.date(meeting.date, "long"), time: meeting.time }) : t.date(meeting.date, "long"), meeting.place].filter(Boolean).join(", ")
            : t("enrolment.summary.firstMeetingNone")}
        </dd>
        <dt>{t("enrolment.summary.therapist")}</dt>
        <dd>{therapistText(t, enrolment)}</dd>
      </dl>
    </section>
  );
}
