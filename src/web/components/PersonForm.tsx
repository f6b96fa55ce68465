import { LinkButton } from "./LinkButton.tsx";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, Button, Checkbox, Fieldset, HStack, Radio, RadioGroup, Select, TextField, VStack } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import { SEXES } from "../../domain/person.ts";
import { personInputSchema } from "../../services/schemas/person.ts";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../lib/forms.tsx";
import { useT } from "../lib/i18n.ts";

export interface PersonFormDefaults {
  programId?: string;
  firstName?: string;
  lastName?: string;
  idNumber?: string;
  birthDate?: string;
  sex?: string;
  email?: string;
  phone?: string;
  streetAddress?: string;
  postalCode?: string;
  city?: string;
  preferredLanguage?: string;
  protectedIdentity?: boolean;
  version?: number;
}

function todayIso(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date());
}

/** Registering and editing a person: the same fields, rules and messages. */
export function PersonForm({
  lastResult,
  defaultValue,
  programs,
  languages,
  submitLabel,
  cancelTo,
}: {
  /** Language names come from the server (Intl's names differ between ICU versions). */
  languages: { code: string; name: string }[];
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: PersonFormDefaults;
  programs: { id: string; name: string }[] | null;
  submitLabel: string;
  cancelTo: string;
}) {
  const t = useT();
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const { version, protectedIdentity, ...initial } = defaultValue ?? {};
  const [form, fields] = useSpelForm(personInputSchema(todayIso()), lastResult, {
    preferredLanguage: "sv",
    ...initial,
    protectedIdentity: protectedIdentity ? "on" : undefined,
  });
  const possibleDuplicate = form.errors?.includes("conflict.possible_duplicate") ?? false;
  // The error summary's link for the sex goes to a radio button (the checked one, else the first), which can
  // take the focus; the group's fieldset cannot.
  const radioId = (sex: string) => `${fields.sex.id}-${sex}`;
  const chosenSex = SEXES.find((sex) => sex === (fields.sex.value ?? fields.sex.initialValue)) ?? SEXES[0];
  const visibleFields = {
    ...(programs && programs.length > 1 ? { programId: fields.programId } : {}),
    firstName: fields.firstName,
    lastName: fields.lastName,
    idNumber: fields.idNumber,
    birthDate: fields.birthDate,
    sex: { id: radioId(chosenSex), errors: fields.sex.errors },
    preferredLanguage: fields.preferredLanguage,
    email: fields.email,
    phone: fields.phone,
    streetAddress: fields.streetAddress,
    postalCode: fields.postalCode,
    city: fields.city,
  };
  return (
    <>
      <FormErrorSummary form={form} fields={visibleFields} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        {version ? <input type="hidden" name="version" value={version} /> : null}
        <VStack gap="space-24">
          {programs && programs.length > 1 ? (
            <Select
              id={fields.programId.id}
              name={fields.programId.name}
              defaultValue={fields.programId.initialValue}
              error={fieldError(fields.programId)}
              label={t("person.program")}
              description={t("person.programHelp")}
            >
              <option value="">{t("form.choose")}</option>
              {programs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          ) : programs?.length === 1 ? (
            <input type="hidden" name="programId" value={programs[0]!.id} />
          ) : null}
          <Fieldset legend={t("person.section.identity")}>
            <VStack gap="space-16">
              <HStack gap="space-16" wrap>
                <TextField id={fields.firstName.id} name={fields.firstName.name} defaultValue={fields.firstName.initialValue} error={fieldError(fields.firstName)} label={t("person.firstName")} autoComplete="off" />
                <TextField id={fields.lastName.id} name={fields.lastName.name} defaultValue={fields.lastName.initialValue} error={fieldError(fields.lastName)} label={t("person.lastName")} autoComplete="off" />
              </HStack>
              <TextField
                id={fields.idNumber.id}
                name={fields.idNumber.name}
                defaultValue={fields.idNumber.initialValue}
                error={fieldError(fields.idNumber)}
                label={t("person.idNumber")}
                description={t("person.idNumberHelp")}
                inputMode="numeric"
                autoComplete="off"
                htmlSize={20}
              />
              <TextField
                id={fields.birthDate.id}
                name={fields.birthDate.name}
                defaultValue={fields.birthDate.initialValue}
                error={fieldError(fields.birthDate)}
                label={t("person.birthDate")}
                description={t("person.birthDateHelp")}
                htmlSize={12}
                autoComplete="off"
              />
              <RadioGroup
                id={fields.sex.id}
                name={fields.sex.name}
                defaultValue={fields.sex.initialValue}
                error={fieldError(fields.sex)}
                legend={t("person.sex")}
              >
                {SEXES.map((sex) => (
                  <Radio key={sex} id={radioId(sex)} value={sex}>
                    {t(`sex.${sex}`)}
                  </Radio>
                ))}
              </RadioGroup>
              <Select
                id={fields.preferredLanguage.id}
                name={fields.preferredLanguage.name}
                defaultValue={fields.preferredLanguage.initialValue}
                error={fieldError(fields.preferredLanguage)}
                label={t("person.preferredLanguage")}
              >
                {languages.map((l) => (
                  <option key={l.code} value={l.code}>
                    {l.name}
                  </option>
                ))}
              </Select>
            </VStack>
          </Fieldset>
          <Fieldset legend={t("person.section.contact")}>
            <VStack gap="space-16">
              <TextField id={fields.email.id} name={fields.email.name} defaultValue={fields.email.initialValue} error={fieldError(fields.email)} label={t("person.email")} type="email" autoComplete="off" />
              <TextField id={fields.phone.id} name={fields.phone.name} defaultValue={fields.phone.initialValue} error={fieldError(fields.phone)} label={t("person.phone")} type="tel" autoComplete="off" />
              <TextField id={fields.streetAddress.id} name={fields.streetAddress.name} defaultValue={fields.streetAddress.initialValue} error={fieldError(fields.streetAddress)} label={t("person.streetAddress")} autoComplete="off" />
              <HStack gap="space-16" wrap>
                <TextField id={fields.postalCode.id} name={fields.postalCode.name} defaultValue={fields.postalCode.initialValue} error={fieldError(fields.postalCode)} label={t("person.postalCode")} htmlSize={8} autoComplete="off" />
                <TextField id={fields.city.id} name={fields.city.name} defaultValue={fields.city.initialValue} error={fieldError(fields.city)} label={t("person.city")} autoComplete="off" />
              </HStack>
            </VStack>
          </Fieldset>
          <Checkbox
            id={fields.protectedIdentity.id}
            name={fields.protectedIdentity.name}
            value="on"
            defaultChecked={fields.protectedIdentity.initialValue === "on"}
            description={t("person.protectedIdentityHelp")}
          >
            {t("person.protectedIdentity")}
          </Checkbox>
          {possibleDuplicate ? (
            <Alert variant="warning">
              <VStack gap="space-8">
                <span>{t("person.possibleDuplicateHelp")}</span>
                <Checkbox id={fields.confirmNotDuplicate.id} name={fields.confirmNotDuplicate.name} value="on">
                  {t("person.confirmNotDuplicate")}
                </Checkbox>
              </VStack>
            </Alert>
          ) : null}
          <HStack gap="space-16">
            <Button type="submit" loading={navigation.state === "submitting"}>
              {submitLabel}
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
