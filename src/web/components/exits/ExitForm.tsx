import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Fieldset, Heading, HStack, Link as AkselLink, Radio, RadioGroup, VStack } from "@navikt/ds-react";
import { type ReactNode, useState, useSyncExternalStore } from "react";
import { Form, Link, useNavigation } from "react-router";
import { EXIT_KINDS, EXIT_OCCUPATIONS, EXIT_REASONS_BY_KIND, type ExitKind, type ExitReason, isExitReason, kindOfReason } from "../../../domain/exit.ts";
import { INCOME_SOURCES } from "../../../domain/intake.ts";
import type { ExitPage } from "../../../services/exits.ts";
import { exitSchema } from "../../../services/schemas/exits.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { SelectInput, TextArea, TextInput } from "../fields.tsx";
import { AttendeeFields, chosen } from "./AttendeeFields.tsx";

const noop = () => () => {};
/** False on the server and while hydrating, true once React runs the page (so readers without JavaScript get every reason). */
function useEnhanced(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

function SectionLegend({ children }: { children: string }) {
  return (
    <Heading as="span" size="small">
      {children}
    </Heading>
  );
}

const NEEDS_PLAN = "exit.errors.needsAcceptedFinalPlan";

/**
 * The exit: when, completed or interrupted and why, occupation and income source at exit, the exit meeting.
 * Without JavaScript every reason is offered in one radio group, grouped in a fieldset per kind (the kind
 * follows from the reason); with it, the kind is chosen first and only its reasons are shown.
 */
export function ExitForm({ page, lastResult }: { page: ExitPage; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const enhanced = useEnhanced();
  const [form, fields] = useSpelForm(exitSchema, lastResult, { exitDate: page.today, incomeSource: page.incomeSourceAtStart });
  const initialReason = typeof fields.reason.initialValue === "string" && isExitReason(fields.reason.initialValue) ? fields.reason.initialValue : null;
  const initialKind = EXIT_KINDS.find((k) => k === fields.kind.initialValue) ?? (initialReason ? kindOfReason(initialReason) : null);
  const [kind, setKind] = useState<ExitKind | null>(initialKind);
  const [reason, setReason] = useState<ExitReason | null>(initialReason);
  const busy = navigation.state === "submitting";
  const planLink = (
    <AkselLink as={Link} to={page.planPath}>
      {t("exit.form.toPlan")}
    </AkselLink>
  );
  // The refusal at the field says why and where to go; so does the warning as soon as the reason is chosen.
  const reasonErrors = fields.reason.errors ?? [];
  const reasonError: ReactNode = reasonErrors.length ? (
    reasonErrors[0] === NEEDS_PLAN ? (
      <>
        {t(NEEDS_PLAN)} {planLink}
      </>
    ) : (
      fieldError(fields.reason)
    )
  ) : undefined;
  const showPlanWarning = enhanced && reason === "according_to_plan" && page.finalPlan === null && reasonErrors[0] !== NEEDS_PLAN;
  const planDescription = page.finalPlan
    ? t("exit.form.planAccepted", { version: t.number(page.finalPlan.version), date: t.date(page.finalPlan.acceptedOn, "long") })
    : t("exit.form.planMissing");
  const reasonRadio = (r: ExitReason) => (
    <Radio key={r} value={r} description={r === "according_to_plan" ? planDescription : undefined} onChange={() => setReason(r)}>
      {t(`exit.reason.${r}`)}
    </Radio>
  );
  return (
    <>
      <FormErrorSummary
        form={form}
        fields={{
          exitDate: fields.exitDate,
          kind: fields.kind,
          reason: fields.reason,
          occupation: fields.occupation,
          incomeSource: fields.incomeSource,
          meetingDate: fields.meetingDate,
          meetingAttendees: fields.meetingAttendees,
          otherAttendees: fields.otherAttendees,
          note: fields.note,
        }}
      />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="exit" />
        <VStack gap="space-32">
          <Fieldset legend={<SectionLegend>{t("exit.form.whenAndWhy")}</SectionLegend>}>
            <VStack gap="space-24">
              <TextInput field={fields.exitDate} label={t("exit.form.exitDate")} description={t("exit.form.exitDateHelp")} htmlSize={12} autoComplete="off" />
              {enhanced ? (
                <>
                  <RadioGroup
                    id={fields.kind.id}
                    name={fields.kind.name}
                    legend={t("exit.form.kind")}
                    error={fieldError(fields.kind)}
                    value={kind ?? ""}
                    onChange={(value: ExitKind) => {
                      setKind(value);
                      if (reason && kindOfReason(reason) !== value) setReason(null);
                    }}
                  >
                    {EXIT_KINDS.map((k) => (
                      <Radio key={k} value={k} description={t(`exit.kind.${k}.help`)}>
                        {t(`exit.kind.${k}`)}
                      </Radio>
                    ))}
                  </RadioGroup>
                  {kind ? (
                    <RadioGroup
                      key={kind}
                      id={fields.reason.id}
                      name={fields.reason.name}
                      legend={t(`exit.form.reasonFor.${kind}`)}
                      error={reasonError}
                      value={reason && kindOfReason(reason) === kind ? reason : ""}
                      onChange={(value: ExitReason) => setReason(value)}
                    >
                      {EXIT_REASONS_BY_KIND[kind].map(reasonRadio)}
                    </RadioGroup>
                  ) : null}
                </>
              ) : (
                <RadioGroup
                  id={fields.reason.id}
                  name={fields.reason.name}
                  legend={t("exit.form.reason")}
                  description={t("exit.form.reasonHelp")}
                  error={reasonError}
                  defaultValue={initialReason ?? undefined}
                >
                  {EXIT_KINDS.map((k) => (
                    <Fieldset key={k} legend={t(`exit.kind.${k}`)} description={t(`exit.kind.${k}.help`)} className="exit-reason-kind">
                      {EXIT_REASONS_BY_KIND[k].map(reasonRadio)}
                    </Fieldset>
                  ))}
                </RadioGroup>
              )}
              {showPlanWarning ? (
                <Alert variant="warning" size="small" inline data-testid="exit-plan-warning">
                  {t(NEEDS_PLAN)} {planLink}
                </Alert>
              ) : null}
            </VStack>
          </Fieldset>

          <Fieldset legend={<SectionLegend>{t("exit.form.situation")}</SectionLegend>}>
            <VStack gap="space-24">
              <RadioGroup
                id={fields.occupation.id}
                name={fields.occupation.name}
                legend={t("exit.form.occupation")}
                error={fieldError(fields.occupation)}
                defaultValue={typeof fields.occupation.initialValue === "string" ? fields.occupation.initialValue : undefined}
              >
                {EXIT_OCCUPATIONS.map((o) => (
                  <Radio key={o} value={o}>
                    {t(`exit.occupation.${o}`)}
                  </Radio>
                ))}
              </RadioGroup>
              <SelectInput field={fields.incomeSource} label={t("exit.form.incomeSource")} description={t("exit.form.incomeSourceHelp", { source: t(`incomeSource.${page.incomeSourceAtStart}`) })}>
                <option value="">{t("form.choose")}</option>
                {INCOME_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {t(`incomeSource.${s}`)}
                  </option>
                ))}
              </SelectInput>
            </VStack>
          </Fieldset>

          <Fieldset legend={<SectionLegend>{t("exit.form.meeting")}</SectionLegend>} description={t("exit.form.meetingHelp")}>
            <VStack gap="space-24">
              <TextInput field={fields.meetingDate} label={t("exit.form.meetingDate")} description={t("exit.form.meetingDateHelp")} htmlSize={12} autoComplete="off" />
              <AttendeeFields
                field={fields.meetingAttendees}
                othersField={fields.otherAttendees}
                candidates={page.candidates}
                person={page.header.name ?? t("person.maskedName", { reference: page.header.reference })}
                legend={t("exit.form.meetingWho")}
                defaultValue={chosen(fields.meetingAttendees, form.status === "error", [])}
              />
            </VStack>
          </Fieldset>

          <TextArea field={fields.note} label={t("exit.form.note")} description={t("exit.form.noteHelp")} minRows={3} />

          <VStack gap="space-16">
            <BodyShort>{t("exit.form.consequences")}</BodyShort>
            {page.plannedFollowUps > 0 ? <BodyShort>{t.plural("exit.form.followUpsCancelled", page.plannedFollowUps)}</BodyShort> : null}
            <HStack gap="space-16">
              <Button type="submit" loading={busy}>
                {t("exit.form.submit")}
              </Button>
            </HStack>
          </VStack>
        </VStack>
      </Form>
    </>
  );
}
