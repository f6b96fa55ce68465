import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { BodyShort, Button, Heading, Radio, RadioGroup, VStack } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import { TEAM_QUESTIONS } from "../../../domain/intake.ts";
import { adviceSchema, assessmentSchema } from "../../../services/schemas/meeting.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { TextArea } from "../fields.tsx";

// The forms the team fills in per agenda item: the three questions and the decision about a request,
// and the advice on a consultation. Each carries the item's id and an intent (several forms on one page).

const QUESTION_FIELD = { own_options_tried: "ownOptionsTried", able_with_support: "ableWithSupport", wants_to_take_part: "wantsToTakePart" } as const;

function useSubmittingItem(intent: string, itemId: string): boolean {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent && navigation.formData.get("itemId") === itemId;
}

export function AssessmentForm({
  itemId,
  label,
  nextMeetingDate,
  lastResult,
}: {
  itemId: string;
  /** What the item is called ("Item 2: Nora Sandberg"), for headings and buttons. */
  label: string;
  nextMeetingDate: string | null;
  lastResult: SubmissionResult<string[]> | null;
}) {
  const t = useT();
  const fieldError = useFieldError();
  const submitting = useSubmittingItem("assess", itemId);
  const [form, fields] = useSpelForm(assessmentSchema, lastResult);
  const headingId = `${itemId}-assess`;
  return (
    <section aria-labelledby={headingId}>
      <Heading level="4" size="xsmall" id={headingId} spacing>
        {t("meetings.assess.heading")}
        <span className="visually-hidden">: {label}</span>
      </Heading>
      <FormErrorSummary
        form={form}
        fields={{
          ownOptionsTried: fields.ownOptionsTried,
          ableWithSupport: fields.ableWithSupport,
          wantsToTakePart: fields.wantsToTakePart,
          outcome: fields.outcome,
          recommendation: fields.recommendation,
          postponeReason: fields.postponeReason,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="assess" />
        <input type="hidden" name="itemId" value={itemId} />
        <VStack gap="space-24">
          {TEAM_QUESTIONS.map((q) => {
            const field = fields[QUESTION_FIELD[q]];
            return (
              <RadioGroup
                key={q}
                id={field.id}
                name={field.name}
                defaultValue={field.initialValue}
                error={fieldError(field)}
                legend={t(`question.${q}`)}
                size="small"
              >
                <Radio value="yes">{t("answer.yes")}</Radio>
                <Radio value="no">{t("answer.no")}</Radio>
                <Radio value="unknown">{t("answer.unknown")}</Radio>
              </RadioGroup>
            );
          })}
          <RadioGroup
            id={fields.outcome.id}
            name={fields.outcome.name}
            defaultValue={fields.outcome.initialValue}
            error={fieldError(fields.outcome)}
            legend={t("meetings.assess.outcome")}
            size="small"
          >
            <Radio value="accept" description={t("meetings.assess.acceptHelp")}>
              {t("meetings.assess.accept")}
            </Radio>
            <Radio value="not_ready" description={t("meetings.assess.notReadyHelp")}>
              {t("meetings.assess.notReady")}
            </Radio>
            <Radio
              value="postpone"
              description={nextMeetingDate ? t("meetings.assess.postponeHelp", { date: t.date(nextMeetingDate, "long") }) : t("meetings.assess.postponeHelpNoDate")}
            >
              {t("meetings.assess.postpone")}
            </Radio>
          </RadioGroup>
          <TextArea field={fields.recommendation} label={t("meetings.assess.recommendation")} description={t("meetings.assess.recommendationHelp")} minRows={3} size="small" />
          <TextArea field={fields.postponeReason} label={t("meetings.assess.reason")} description={t("meetings.assess.reasonHelp")} minRows={2} size="small" />
          <div>
            <Button type="submit" size="small" loading={submitting}>
              {t("meetings.assess.submit")}
              <span className="visually-hidden">: {label}</span>
            </Button>
          </div>
        </VStack>
      </Form>
    </section>
  );
}

export function AdviceForm({ itemId, label, lastResult }: { itemId: string; label: string; lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const submitting = useSubmittingItem("advise", itemId);
  const [form, fields] = useSpelForm(adviceSchema, lastResult);
  const headingId = `${itemId}-advise`;
  return (
    <section aria-labelledby={headingId}>
      <Heading level="4" size="xsmall" id={headingId} spacing>
        {t("meetings.advise.heading")}
        <span className="visually-hidden">: {label}</span>
      </Heading>
      <FormErrorSummary form={form} fields={{ advice: fields.advice }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="advise" />
        <input type="hidden" name="itemId" value={itemId} />
        <VStack gap="space-16">
          <TextArea field={fields.advice} label={t("meetings.advise.advice")} description={t("meetings.advise.adviceHelp")} minRows={3} size="small" />
          <BodyShort size="small">{t("meetings.advise.after")}</BodyShort>
          <div>
            <Button type="submit" size="small" loading={submitting}>
              {t("meetings.advise.submit")}
              <span className="visually-hidden">: {label}</span>
            </Button>
          </div>
        </VStack>
      </Form>
    </section>
  );
}
