import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { BodyShort, Radio, RadioGroup, VStack } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import { JOURNAL_KINDS, journalNoteSchema } from "../../../services/schemas/journal.ts";
import { TextArea, TextInput } from "../fields.tsx";
import { FormButtons } from "../FormButtons.tsx";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";

export interface NoteDefaults {
  noteDate: string;
  kind?: string;
  visibility?: string;
  body?: string;
}

/**
 * A journal note's fields: date, type, who may read it, the text. Used for a new note and for a correction
 * (then prefilled with the note being corrected). Works as a plain form; enhanced when JavaScript runs.
 */
export function JournalNoteForm({
  lastResult,
  defaults,
  sharedWith,
  submitLabel,
  visibilityNote,
  cancelTo,
  intent,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaults: NoteDefaults;
  sharedWith: { name: string; authority: string }[];
  submitLabel: string;
  /** Said under the choice of readers (the correction page explains what staff-only does to the chain). */
  visibilityNote?: string;
  cancelTo?: string;
  intent?: string;
}) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(journalNoteSchema, lastResult, { ...defaults });
  const officers = sharedWith.map((o) => (o.authority ? t("journal.sharedOfficer", { name: o.name, authority: o.authority }) : o.name)).join(", ");
  const initial = (value: unknown) => (typeof value === "string" ? value : undefined);
  return (
    <div className="form-narrow">
      <FormErrorSummary form={form} fields={{ noteDate: fields.noteDate, kind: fields.kind, visibility: fields.visibility, body: fields.body }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        {intent ? <input type="hidden" name="intent" value={intent} /> : null}
        <VStack gap="space-24">
          <TextInput field={fields.noteDate} label={t("journal.field.noteDate")} description={t("journal.field.noteDateHelp")} htmlSize={12} autoComplete="off" />
          <RadioGroup
            id={fields.kind.id}
            name={fields.kind.name}
            defaultValue={initial(fields.kind.initialValue)}
            error={fieldError(fields.kind)}
            legend={t("journal.field.kind")}
          >
            {JOURNAL_KINDS.map((kind) => (
              <Radio key={kind} value={kind}>
                {t(`journal.kind.${kind}`)}
              </Radio>
            ))}
          </RadioGroup>
          <RadioGroup
            id={fields.visibility.id}
            name={fields.visibility.name}
            defaultValue={initial(fields.visibility.initialValue)}
            error={fieldError(fields.visibility)}
            legend={t("journal.field.visibility")}
            description={visibilityNote}
          >
            <Radio value="staff" description={t("journal.visibility.staffHelp")}>
              {t("journal.visibility.staff")}
            </Radio>
            <Radio value="shared" description={officers ? t("journal.visibility.sharedSome", { officers }) : t("journal.visibility.sharedNone")}>
              {t("journal.visibility.shared")}
            </Radio>
          </RadioGroup>
          <TextArea field={fields.body} label={t("journal.field.body")} description={t("journal.field.bodyHelp")} minRows={5} />
          <BodyShort>{t("journal.new.final")}</BodyShort>
          <FormButtons
            submitLabel={submitLabel}
            cancelTo={cancelTo}
            loading={navigation.state === "submitting" && (intent === undefined || navigation.formData?.get("intent") === intent)}
          />
        </VStack>
      </Form>
    </div>
  );
}
