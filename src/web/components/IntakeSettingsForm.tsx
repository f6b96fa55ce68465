import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { BodyShort, Button, Fieldset, Heading, VStack } from "@navikt/ds-react";
import { Form } from "react-router";
import { intakeSettingsSchema } from "../../services/schemas/intake.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../lib/forms.tsx";
import { useT } from "../lib/i18n.ts";
import { TextInput } from "./fields.tsx";

/** Who the program is for and how long it lasts: guidance for the interest requests, never a block. */
export function IntakeSettingsForm({
  lastResult,
  defaultValue,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: { minAge: number; priorityMaxAge: number; maxAge: number; plannedMonths: number };
}) {
  const t = useT();
  const [form, fields] = useSpelForm(intakeSettingsSchema, lastResult, {
    minAge: String(defaultValue.minAge),
    priorityMaxAge: String(defaultValue.priorityMaxAge),
    maxAge: String(defaultValue.maxAge),
    plannedMonths: String(defaultValue.plannedMonths),
  });
  return (
    <section aria-labelledby="program-intake">
      <Heading level="2" size="medium" id="program-intake" spacing>
        {t("program.intake.heading")}
      </Heading>
      <BodyShort spacing>{t("program.intake.intro")}</BodyShort>
      <FormErrorSummary form={form} fields={{ minAge: fields.minAge, priorityMaxAge: fields.priorityMaxAge, maxAge: fields.maxAge, plannedMonths: fields.plannedMonths }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="intake" />
        <VStack gap="space-16">
          <Fieldset legend={t("program.intake.ages")} description={t("program.intake.agesHelp")}>
            <TextInput field={fields.minAge} label={t("program.intake.minAge")} inputMode="numeric" htmlSize={4} />
            <TextInput field={fields.priorityMaxAge} label={t("program.intake.priorityMaxAge")} inputMode="numeric" htmlSize={4} />
            <TextInput field={fields.maxAge} label={t("program.intake.maxAge")} inputMode="numeric" htmlSize={4} />
          </Fieldset>
          <TextInput field={fields.plannedMonths} label={t("program.intake.plannedMonths")} description={t("program.intake.plannedMonthsHelp")} inputMode="numeric" htmlSize={4} />
          <div>
            <Button type="submit">{t("program.intake.save")}</Button>
          </div>
        </VStack>
      </Form>
    </section>
  );
}
