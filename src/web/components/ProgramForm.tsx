import { LinkButton } from "./LinkButton.tsx";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Button, Checkbox, Fieldset, HStack, VStack } from "@navikt/ds-react";
import { Form } from "react-router";
import { programInputSchema } from "../../services/schemas/organisation.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../lib/forms.tsx";
import { useT } from "../lib/i18n.ts";
import { SelectInput, TextArea, TextInput } from "./fields.tsx";

export interface ProgramFormDefaults {
  name?: string;
  ownerAuthorityId?: string;
  description?: string;
  active?: boolean;
  ordinaryGroupName?: string;
  ordinaryCapacity?: number;
  preGroupName?: string;
  preGroupCapacity?: number;
}

export function ProgramForm({
  lastResult,
  defaultValue,
  authorities,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: ProgramFormDefaults;
  authorities: { id: string; name: string }[];
  cancelTo: string;
}) {
  const t = useT();
  const [form, fields] = useSpelForm(programInputSchema, lastResult, {
    ...defaultValue,
    active: defaultValue.active === false ? undefined : "on",
    ordinaryCapacity: String(defaultValue.ordinaryCapacity ?? ""),
    preGroupCapacity: String(defaultValue.preGroupCapacity ?? ""),
  });
  return (
    <>
      <FormErrorSummary
        form={form}
        fields={{
          name: fields.name,
          ownerAuthorityId: fields.ownerAuthorityId,
          description: fields.description,
          ordinaryGroupName: fields.ordinaryGroupName,
          ordinaryCapacity: fields.ordinaryCapacity,
          preGroupName: fields.preGroupName,
          preGroupCapacity: fields.preGroupCapacity,
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <VStack gap="space-24">
          <TextInput field={fields.name} label={t("admin.program.name")} />
          <SelectInput field={fields.ownerAuthorityId} label={t("admin.program.owner")} description={t("admin.program.ownerHelp")}>
            <option value="">{t("form.choose")}</option>
            {authorities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </SelectInput>
          <TextArea field={fields.description} label={t("admin.program.description")} />
          <Checkbox id={fields.active.id} name={fields.active.name} value="on" defaultChecked={fields.active.initialValue === "on"}>
            {t("admin.program.activeLabel")}
          </Checkbox>
          <Fieldset legend={t("admin.program.ordinaryGroup")}>
            <HStack gap="space-16" wrap>
              <TextInput field={fields.ordinaryGroupName} label={t("admin.program.groupName")} />
              <TextInput field={fields.ordinaryCapacity} label={t("admin.program.capacity")} inputMode="numeric" htmlSize={6} />
            </HStack>
          </Fieldset>
          <Fieldset legend={t("admin.program.preGroup")} description={t("admin.program.preGroupHelp")}>
            <HStack gap="space-16" wrap>
              <TextInput field={fields.preGroupName} label={t("admin.program.groupName")} />
              <TextInput field={fields.preGroupCapacity} label={t("admin.program.capacity")} inputMode="numeric" htmlSize={6} />
            </HStack>
          </Fieldset>
          <HStack gap="space-16">
            <Button type="submit">{t("form.save")}</Button>
            <LinkButton to={cancelTo} variant="tertiary">
              {t("form.cancel")}
            </LinkButton>
          </HStack>
        </VStack>
      </Form>
    </>
  );
}
