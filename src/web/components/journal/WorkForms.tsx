import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Button, HStack, Radio, RadioGroup, VStack } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import { WORK_KINDS } from "../../../domain/work.ts";
import { endWorkSchema, workPlacementSchema } from "../../../services/schemas/journal.ts";
import { TextArea, TextInput } from "../fields.tsx";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";

/** What the work page's action answers when one of its forms is refused (shown at that form). */
export type WorkActionData =
  | { intent: "add"; result: SubmissionResult<string[]> }
  | { intent: "end"; placementId: string; result: SubmissionResult<string[]> };

/** Recording a work placement or job: employer, kind, start, end (optional), hours per week, a note. */
export function WorkPlacementForm({ lastResult, today }: { lastResult: SubmissionResult<string[]> | null; today: string }) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(workPlacementSchema, lastResult, { startDate: today });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "add";
  return (
    <div className="form-narrow">
      <FormErrorSummary
        form={form}
        fields={{ employer: fields.employer, kind: fields.kind, startDate: fields.startDate, endDate: fields.endDate, hoursPerWeek: fields.hoursPerWeek, note: fields.note }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="add" />
        <VStack gap="space-24">
          <TextInput field={fields.employer} label={t("work.field.employer")} autoComplete="off" />
          <RadioGroup
            id={fields.kind.id}
            name={fields.kind.name}
            defaultValue={typeof fields.kind.initialValue === "string" ? fields.kind.initialValue : undefined}
            error={fieldError(fields.kind)}
            legend={t("work.field.kind")}
          >
            {WORK_KINDS.map((kind) => (
              <Radio key={kind} value={kind} description={t(`work.kind.${kind}Help`)}>
                {t(`work.kind.${kind}`)}
              </Radio>
            ))}
          </RadioGroup>
          <HStack gap="space-16" wrap>
            <TextInput field={fields.startDate} label={t("work.field.startDate")} description={t("work.field.dateHelp")} htmlSize={12} autoComplete="off" />
            <TextInput field={fields.endDate} label={t("work.field.endDate")} description={t("work.field.dateHelp")} htmlSize={12} autoComplete="off" />
          </HStack>
          <TextInput field={fields.hoursPerWeek} label={t("work.field.hoursPerWeek")} description={t("work.field.hoursHelp")} htmlSize={8} inputMode="decimal" autoComplete="off" />
          <TextArea field={fields.note} label={t("work.field.note")} minRows={2} />
          <div>
            <Button type="submit" loading={busy}>
              {t("work.add.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}

/**
 * Ending a placement: its last day, behind a disclosure in the placement's row. It opens by itself when
 * the server refused it, so the message is where the reader looks.
 */
export function EndWorkForm({ placementId, employer, today, lastResult }: { placementId: string; employer: string; today: string; lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const [form, fields] = useSpelForm(endWorkSchema, lastResult, { endDate: today });
  const refused = lastResult !== null && lastResult.status === "error";
  return (
    <details open={refused || undefined}>
      <summary style={{ cursor: "pointer", padding: "0.25rem 0" }}>
        {t("work.end.open")}
        <span className="visually-hidden"> ({employer})</span>
      </summary>
      <div style={{ minWidth: "14rem", paddingTop: "0.5rem" }}>
        <FormErrorSummary form={form} fields={{ endDate: fields.endDate }} />
        <Form method="post" {...getFormProps(form)}>
          <CsrfField />
          <input type="hidden" name="intent" value="end" />
          <input type="hidden" name="placementId" value={placementId} />
          <VStack gap="space-8">
            <TextInput
              field={fields.endDate}
              label={
                <>
                  {t("work.end.endDate")}
                  <span className="visually-hidden"> ({employer})</span>
                </>
              }
              description={t("work.field.dateHelp")}
              htmlSize={12}
              size="small"
              autoComplete="off"
            />
            <div>
              <Button type="submit" size="small" variant="secondary">
                {t("work.end.submit")}
                <span className="visually-hidden"> ({employer})</span>
              </Button>
            </div>
          </VStack>
        </Form>
      </div>
    </details>
  );
}
