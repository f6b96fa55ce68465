import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Button, HStack, Radio, RadioGroup, VStack } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import type { RotaDayView, RotaPerson } from "../../../services/rota.ts";
import { ROTA_PLAN_MODES, rotaPlanFormSchema, rotaSwapSchema } from "../../../services/schemas/rota.ts";
import { SelectInput, TextInput } from "../fields.tsx";
import { CsrfField, FormErrorSummary, useFieldError, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { personText } from "../../lib/person-label.ts";

// The breakfast rota's forms: planning (the period and how) and a swap of two duties. Both work without
// JavaScript; a refused one comes back with the messages at their fields and what was chosen kept.

type Result = SubmissionResult<string[]> | null;

/** What the rota page's action answers when one of its forms is refused (shown at that form). */
export type RotaActionData = { intent: "plan"; result: SubmissionResult<string[]> } | { intent: "swap"; result: SubmissionResult<string[]> };

export function PlanForm({ from, to, defaultMode, lastResult }: { from: string; to: string; defaultMode: (typeof ROTA_PLAN_MODES)[number]; lastResult: Result }) {
  const t = useT();
  const navigation = useNavigation();
  const fieldError = useFieldError();
  const [form, fields] = useSpelForm(rotaPlanFormSchema, lastResult, { from, to, mode: defaultMode });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "plan";
  return (
    <div className="form-narrow">
      <FormErrorSummary form={form} fields={{ from: fields.from, to: fields.to, mode: fields.mode }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="plan" />
        <VStack gap="space-24">
          <HStack gap="space-16" wrap>
            <TextInput field={fields.from} label={t("rota.period.from")} description={t("rota.period.dateHelp")} htmlSize={12} autoComplete="off" />
            <TextInput field={fields.to} label={t("rota.period.to")} description={t("rota.period.dateHelp")} htmlSize={12} autoComplete="off" />
          </HStack>
          <RadioGroup
            id={fields.mode.id}
            name={fields.mode.name}
            defaultValue={typeof fields.mode.initialValue === "string" ? fields.mode.initialValue : defaultMode}
            error={fieldError(fields.mode)}
            legend={t("rota.plan.mode")}
          >
            {ROTA_PLAN_MODES.map((mode) => (
              <Radio key={mode} value={mode}>
                {t(`rota.plan.mode.${mode}`)}
              </Radio>
            ))}
          </RadioGroup>
          <div>
            <Button type="submit" loading={busy}>
              {t("rota.plan.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}

export function SwapForm({
  days,
  participants,
  shownFrom,
  shownTo,
  lastResult,
}: {
  days: RotaDayView[];
  participants: RotaPerson[];
  /** The period shown, to come back to after the swap. */
  shownFrom: string;
  shownTo: string;
  lastResult: Result;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(rotaSwapSchema, lastResult, { aPersonId: "", aDate: "", bPersonId: "", bDate: "" });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "swap";
  const dayOptions = days.map((d) => (
    <option key={d.date} value={d.date}>
      {t("rota.swap.dayOption", { date: t.date(d.date, "long"), names: d.duties.map((x) => personText(t, x.person)).join(", ") || t("rota.table.nobody") })}
    </option>
  ));
  const personOptions = participants.map((p) => (
    <option key={p.personId} value={p.personId}>
      {personText(t, p)}
    </option>
  ));
  return (
    <div className="form-narrow">
      <FormErrorSummary form={form} fields={{ aPersonId: fields.aPersonId, aDate: fields.aDate, bPersonId: fields.bPersonId, bDate: fields.bDate }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="swap" />
        <input type="hidden" name="shownFrom" value={shownFrom} />
        <input type="hidden" name="shownTo" value={shownTo} />
        <VStack gap="space-24">
          <HStack gap="space-16" wrap align="start">
            <SelectInput field={fields.aPersonId} label={t("rota.swap.aPerson")}>
              <option value="">{t("rota.swap.choosePerson")}</option>
              {personOptions}
            </SelectInput>
            <SelectInput field={fields.aDate} label={t("rota.swap.aDate")} description={t("rota.swap.dateHelp")}>
              <option value="">{t("rota.swap.chooseDate")}</option>
              {dayOptions}
            </SelectInput>
          </HStack>
          <HStack gap="space-16" wrap align="start">
            <SelectInput field={fields.bPersonId} label={t("rota.swap.bPerson")}>
              <option value="">{t("rota.swap.choosePerson")}</option>
              {personOptions}
            </SelectInput>
            <SelectInput field={fields.bDate} label={t("rota.swap.bDate")} description={t("rota.swap.dateHelp")}>
              <option value="">{t("rota.swap.chooseDate")}</option>
              {dayOptions}
            </SelectInput>
          </HStack>
          <div>
            <Button type="submit" variant="secondary" loading={busy}>
              {t("rota.swap.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}
