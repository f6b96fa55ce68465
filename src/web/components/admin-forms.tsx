import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { BodyShort, Link as AkselLink, VStack } from "@navikt/ds-react";
import type { ReactNode } from "react";
import { Form, Link } from "react-router";
import { COUNTRIES } from "../../domain/organisation.ts";
import { federationInputSchema } from "../../services/schemas/organisation.ts";
import { LOCALES, userInputSchema } from "../../services/schemas/user.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../lib/forms.tsx";
import { useT } from "../lib/i18n.ts";
import { SelectInput, TextInput } from "./fields.tsx";
import { FormButtons } from "./FormButtons.tsx";

type Result = SubmissionResult<string[]> | null | undefined;

/** The link back to where a page sits ("Administration", the federation...). */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <BodyShort>
      <AkselLink as={Link} to={to}>
        {children}
      </AkselLink>
    </BodyShort>
  );
}

/** Creating and editing a federation: name and country. */
export function FederationForm({ lastResult, defaultValue, submitLabel, cancelTo }: { lastResult: Result; defaultValue: { name?: string; country: string }; submitLabel: string; cancelTo?: string }) {
  const t = useT();
  const [form, fields] = useSpelForm(federationInputSchema, lastResult, defaultValue);
  return (
    <>
      <FormErrorSummary form={form} fields={{ name: fields.name, country: fields.country }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <VStack gap="space-16">
          <TextInput field={fields.name} label={t("admin.federation.name")} />
          <SelectInput field={fields.country} label={t("admin.federation.country")}>
            {COUNTRIES.map((c) => (
              <option key={c} value={c}>
                {t(`country.${c}`)}
              </option>
            ))}
          </SelectInput>
          <FormButtons submitLabel={submitLabel} cancelTo={cancelTo} />
        </VStack>
      </Form>
    </>
  );
}

/** Creating and editing a user account: name, e-mail and language. */
export function UserForm({
  lastResult,
  defaultValue,
  submitLabel,
  cancelTo,
  intent,
}: {
  lastResult: Result;
  defaultValue: { displayName?: string; email?: string; locale: string };
  submitLabel: string;
  cancelTo?: string;
  /** For pages with several forms: which one this is. */
  intent?: string;
}) {
  const t = useT();
  const [form, fields] = useSpelForm(userInputSchema, lastResult, defaultValue);
  return (
    <>
      <FormErrorSummary form={form} fields={{ displayName: fields.displayName, email: fields.email, locale: fields.locale }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        {intent ? <input type="hidden" name="intent" value={intent} /> : null}
        <VStack gap="space-16">
          <TextInput field={fields.displayName} label={t("admin.user.name")} autoComplete="off" />
          <TextInput field={fields.email} label={t("admin.user.email")} type="email" autoComplete="off" />
          <SelectInput field={fields.locale} label={t("admin.user.locale")}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </SelectInput>
          <FormButtons submitLabel={submitLabel} cancelTo={cancelTo} />
        </VStack>
      </Form>
    </>
  );
}
