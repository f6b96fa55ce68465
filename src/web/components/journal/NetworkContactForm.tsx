import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { HStack, Radio, RadioGroup, VStack } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import { NETWORK_KINDS, networkContactSchema } from "../../../services/schemas/journal.ts";
import { SelectInput, TextArea, TextInput } from "../fields.tsx";
import { FormButtons } from "../FormButtons.tsx";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";

/**
 * A contact in the participant's network: what kind, which member authority (for contacts at one), name,
 * organisation, role, how to reach them and a note. Every field is there without JavaScript; the authority
 * is only used for a contact at an authority.
 */
export function NetworkContactForm({
  lastResult,
  defaults,
  authorities,
  submitLabel,
  intent,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaults?: Record<string, string>;
  authorities: { id: string; name: string }[];
  submitLabel: string;
  intent: string;
  cancelTo?: string;
}) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(networkContactSchema, lastResult, defaults);
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <div className="form-narrow">
      <FormErrorSummary
        form={form}
        fields={{
          kind: fields.kind,
          authorityId: fields.authorityId,
          name: fields.name,
          organisation: fields.organisation,
          role: fields.role,
          phone: fields.phone,
          email: fields.email,
          note: fields.note,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value={intent} />
        <VStack gap="space-24">
          <RadioGroup
            id={fields.kind.id}
            name={fields.kind.name}
            defaultValue={typeof fields.kind.initialValue === "string" ? fields.kind.initialValue : undefined}
            error={fieldError(fields.kind)}
            legend={t("network.field.kind")}
          >
            {NETWORK_KINDS.map((kind) => (
              <Radio key={kind} value={kind}>
                {t(`network.kind.${kind}`)}
              </Radio>
            ))}
          </RadioGroup>
          <SelectInput field={fields.authorityId} label={t("network.field.authority")} description={t("network.field.authorityHelp")}>
            <option value="">{t("form.choose")}</option>
            {authorities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </SelectInput>
          <TextInput field={fields.name} label={t("network.field.name")} autoComplete="off" />
          <TextInput field={fields.organisation} label={t("network.field.organisation")} description={t("network.field.organisationHelp")} autoComplete="off" />
          <TextInput field={fields.role} label={t("network.field.role")} description={t("network.field.roleHelp")} autoComplete="off" />
          <HStack gap="space-16" wrap>
            <TextInput field={fields.phone} label={t("network.field.phone")} type="tel" autoComplete="off" />
            <TextInput field={fields.email} label={t("network.field.email")} type="email" autoComplete="off" />
          </HStack>
          <TextArea field={fields.note} label={t("network.field.note")} description={t("network.field.noteHelp")} minRows={2} />
          <FormButtons submitLabel={submitLabel} cancelTo={cancelTo} loading={busy} />
        </VStack>
      </Form>
    </div>
  );
}
