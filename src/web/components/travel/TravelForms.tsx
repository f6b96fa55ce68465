import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { BodyShort, Button, HStack, VStack } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import { travelBudgetSchema, travelDisbursementSchema, voidDisbursementSchema } from "../../../services/schemas/travel.ts";
import { SelectInput, TextArea, TextInput } from "../fields.tsx";
import { FileInput } from "../requests/FileInput.tsx";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { type TravelPersonLike, travelPersonLabel } from "./labels.ts";

// The travel-money page's forms: the year's budget, a disbursement (multipart, with the receipt), voiding
// one. Each works without JavaScript; a refused one comes back with the messages at their fields and what
// was typed (except the receipt: a browser never fills in a file field, so the form says to choose it again).

type Result = SubmissionResult<string[]> | null;

/** What the year page's action answers when one of its forms is refused (shown at that form). */
export type TravelActionData =
  | { intent: "budget"; result: SubmissionResult<string[]> }
  | { intent: "record"; result: SubmissionResult<string[]> }
  | { intent: "void"; disbursementId: string; result: SubmissionResult<string[]> };

/** The kinds of receipt the service accepts (RECEIPT_FILE_TYPES; not imported: that module is server-only). */
const RECEIPT_TYPES = "application/pdf,image/jpeg,image/png";

export function BudgetForm({ year, defaultAmount, lastResult }: { year: number; defaultAmount: string; lastResult: Result }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(travelBudgetSchema, lastResult, { year: String(year), amount: defaultAmount });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "budget";
  return (
    <div className="form-narrow">
      <FormErrorSummary form={form} fields={{ amount: fields.amount, year: fields.year }} />
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="budget" />
        <input type="hidden" name={fields.year.name} value={String(year)} />
        <VStack gap="space-16">
          <TextInput field={fields.amount} label={t("travel.field.amount")} description={t("travel.field.amountHelp")} htmlSize={16} inputMode="decimal" autoComplete="off" />
          <div>
            <Button type="submit" variant="secondary" loading={busy}>
              {t("travel.budget.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}

export function DisbursementForm({
  participants,
  defaultDate,
  defaultPaidBy,
  lastResult,
}: {
  participants: (TravelPersonLike & { current: boolean })[];
  defaultDate: string;
  defaultPaidBy: string;
  lastResult: Result;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(travelDisbursementSchema, lastResult, { date: defaultDate, paidBy: defaultPaidBy, personId: "" });
  // Not in the schema (the file travels beside it), but the service answers with errors at it.
  const receipt = fields.receipt!;
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "record";
  return (
    <div className="form-narrow">
      <FormErrorSummary
        form={form}
        fields={{ personId: fields.personId, date: fields.date, amount: fields.amount, purpose: fields.purpose, paidBy: fields.paidBy, receipt }}
      />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="record" />
        <VStack gap="space-24">
          <SelectInput field={fields.personId} label={t("travel.field.person")}>
            <option value="">{t("travel.field.personChoose")}</option>
            {[true, false].map((current) => {
              const group = participants.filter((p) => p.current === current);
              return group.length === 0 ? null : (
                <optgroup key={String(current)} label={current ? t("travel.field.personNow") : t("travel.field.personEarlier")}>
                  {group.map((p) => (
                    <option key={p.personId} value={p.personId}>
                      {travelPersonLabel(t, p)}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </SelectInput>
          <HStack gap="space-16" wrap>
            <TextInput field={fields.date} label={t("travel.field.date")} description={t("travel.field.dateHelp")} htmlSize={12} autoComplete="off" />
            <TextInput field={fields.amount} label={t("travel.field.amount")} description={t("travel.field.amountHelp")} htmlSize={14} inputMode="decimal" autoComplete="off" />
          </HStack>
          <TextArea field={fields.purpose} label={t("travel.field.purpose")} description={t("travel.field.purposeHelp")} minRows={2} maxLength={300} />
          <TextInput field={fields.paidBy} label={t("travel.field.paidBy")} description={t("travel.field.paidByHelp")} autoComplete="off" />
          <div>
            <FileInput field={receipt} label={t("travel.field.receipt")} description={t("travel.field.receiptHelp")} accept={RECEIPT_TYPES} />
            {form.status === "error" ? (
              <BodyShort size="small" textColor="subtle">
                {t("travel.field.receiptAgain")}
              </BodyShort>
            ) : null}
          </div>
          <div>
            <Button type="submit" loading={busy}>
              {t("travel.record.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}

/**
 * Voiding a disbursement: the reason, behind a disclosure in the row. It opens by itself when the server
 * refused it, so the message is where the reader looks.
 */
export function VoidForm({ disbursementId, label, lastResult }: { disbursementId: string; label: string; lastResult: Result }) {
  const t = useT();
  const [form, fields] = useSpelForm(voidDisbursementSchema, lastResult);
  const refused = lastResult !== null && lastResult.status === "error";
  return (
    <details open={refused || undefined}>
      <summary style={{ cursor: "pointer", padding: "0.25rem 0" }}>
        {t("travel.void.open")}
        <span className="visually-hidden"> ({label})</span>
      </summary>
      <div style={{ minWidth: "14rem", paddingTop: "0.5rem" }}>
        <FormErrorSummary form={form} fields={{ reason: fields.reason }} />
        <Form method="post" {...getFormProps(form)}>
          <CsrfField />
          <input type="hidden" name="intent" value="void" />
          <input type="hidden" name="disbursementId" value={disbursementId} />
          <VStack gap="space-8">
            <TextInput
              field={fields.reason}
              label={
                <>
                  {t("travel.void.reason")}
                  <span className="visually-hidden"> ({label})</span>
                </>
              }
              description={t("travel.void.reasonHelp")}
              size="small"
              autoComplete="off"
            />
            <div>
              <Button type="submit" size="small" variant="secondary">
                {t("travel.void.submit")}
                <span className="visually-hidden"> ({label})</span>
              </Button>
            </div>
          </VStack>
        </Form>
      </div>
    </details>
  );
}
