import type { SubmissionResult } from "@conform-to/react";
import { ErrorSummary, Heading, Radio, RadioGroup, Textarea, VStack } from "@navikt/ds-react";
import { useEffect, useRef } from "react";
import type { SurveyQuestion } from "../../../domain/surveys.ts";
import { useT } from "../../lib/i18n.ts";

// The questions of a hand-out (one section per questionnaire version), as radio buttons and text boxes that
// work without JavaScript: names "answers[<section>].<key>", the anonymity choice "anonymous" (yes by default).
// Used by the public answer page and by staff entering a paper answer.

export interface FormSection {
  versionId: string;
  name: string;
  intro: string;
  questions: SurveyQuestion[];
}

type Result = SubmissionResult<string[]> | null | undefined;

const fieldName = (section: number, key: string) => `answers[${section}].${key}`;
const fieldId = (section: number, key: string) => `answer-${section}-${key}`;

function submitted(result: Result, section: number, key: string): string | undefined {
  const initial = result?.initialValue as { answers?: Record<string, string>[] } | undefined;
  const value = initial?.answers?.[section]?.[key];
  return typeof value === "string" ? value : undefined;
}

function submittedAnonymous(result: Result): string | undefined {
  const value = (result?.initialValue as { anonymous?: unknown } | undefined)?.anonymous;
  return typeof value === "string" ? value : undefined;
}

/** The error summary at the top: the form's messages and each question's, linked to the question. */
export function SurveyErrorSummary({ result, sections, formId }: { result: Result; sections: readonly FormSection[]; formId: string }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const errors = (result?.error ?? {}) as Record<string, string[] | null>;
  const items: { href: string; message: string }[] = [];
  for (const message of errors[""] ?? []) items.push({ href: `#${formId}`, message: t(message) });
  sections.forEach((s, i) => {
    for (const q of s.questions) {
      const e = errors[fieldName(i, q.key)];
      if (e?.length) items.push({ href: `#${fieldId(i, q.key)}`, message: `${q.text}: ${t(e[0]!)}` });
    }
  });
  for (const key of ["personId", "audience", "answeredOn"]) if (errors[key]?.length) items.push({ href: `#field-${key}`, message: t(errors[key]![0]!) });
  const count = items.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count, result]);
  if (count === 0) return null;
  return (
    <ErrorSummary ref={ref} heading={t("form.errorSummary")} className="spelplan-error-summary">
      {items.map((item) => (
        <ErrorSummary.Item key={item.href + item.message} href={item.href}>
          {item.message}
        </ErrorSummary.Item>
      ))}
    </ErrorSummary>
  );
}

export function SurveySections({ sections, result }: { sections: readonly FormSection[]; result: Result }) {
  const t = useT();
  const errors = (result?.error ?? {}) as Record<string, string[] | null>;
  const errorOf = (i: number, key: string) => {
    const e = errors[fieldName(i, key)];
    return e?.length ? t(e[0]!) : undefined;
  };
  return (
    <VStack gap="space-40">
      {sections.map((s, i) => (
        <section key={s.versionId} aria-labelledby={`section-${i}`}>
          <Heading level="2" size="medium" id={`section-${i}`} spacing>
            {s.name}
          </Heading>
          {s.intro ? <p>{s.intro}</p> : null}
          <VStack gap="space-32">
            {s.questions.map((q) =>
              q.kind === "free_text" ? (
                <Textarea
                  key={q.key}
                  id={fieldId(i, q.key)}
                  name={fieldName(i, q.key)}
                  label={q.text}
                  description={t("surveys.answer.freeTextHelp")}
                  defaultValue={submitted(result, i, q.key) ?? ""}
                  error={errorOf(i, q.key)}
                  maxLength={2000}
                />
              ) : (
                <RadioGroup
                  key={q.key}
                  id={fieldId(i, q.key)}
                  name={fieldName(i, q.key)}
                  legend={q.text}
                  defaultValue={submitted(result, i, q.key)}
                  error={errorOf(i, q.key)}
                  className="survey-question"
                >
                  {(q.kind === "yes_no" ? [t("surveys.answer.yes"), t("surveys.answer.no")] : q.options).map((label, index) => (
                    <Radio key={label} value={q.kind === "yes_no" ? (index === 0 ? "1" : "0") : String(index + 1)}>
                      {label}
                    </Radio>
                  ))}
                </RadioGroup>
              ),
            )}
          </VStack>
        </section>
      ))}
    </VStack>
  );
}

/** The anonymity choice: anonymous unless the participant chooses to put their name on the answers. */
export function AnonymityChoice({ result, staff }: { result: Result; staff?: boolean }) {
  const t = useT();
  return (
    <RadioGroup name="anonymous" legend={t(staff ? "surveys.paper.anonymityLegend" : "surveys.answer.anonymityLegend")} defaultValue={submittedAnonymous(result) ?? "yes"} className="survey-question">
      <Radio value="yes" description={t(staff ? "surveys.paper.anonymousHelp" : "surveys.answer.anonymousHelp")}>
        {t("surveys.answer.anonymous")}
      </Radio>
      <Radio value="no" description={t(staff ? "surveys.paper.namedHelp" : "surveys.answer.namedHelp")}>
        {t("surveys.answer.named")}
      </Radio>
    </RadioGroup>
  );
}
