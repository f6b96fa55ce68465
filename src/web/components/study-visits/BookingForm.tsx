import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { BodyShort, Button, Heading, VStack } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import { bookingSchema } from "../../../services/schemas/intake.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { SelectInput, TextArea, TextInput } from "../fields.tsx";
import { slotWhen } from "./format.ts";
import { placesLeft, type SlotCapacity } from "./SlotStatus.tsx";

/**
 * Booking a visitor on a slot. Every coming slot is listed; cancelled and fully booked ones are shown but
 * cannot be chosen. The service decides in the end (a slot may fill up while the form is open).
 */
export function BookingForm({
  slots,
  lastResult,
  defaultValue,
}: {
  slots: SlotCapacity[];
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: { slotDate?: string; accompanyingName?: string };
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(bookingSchema, lastResult, defaultValue);
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "book";
  return (
    <section aria-labelledby="book-heading">
      <Heading level="2" size="medium" id="book-heading" spacing>
        {t("studyVisits.book.heading")}
      </Heading>
      <BodyShort spacing>{t("studyVisits.book.intro")}</BodyShort>
      <FormErrorSummary
        form={form}
        fields={{ slotDate: fields.slotDate, visitorName: fields.visitorName, accompanyingName: fields.accompanyingName, note: fields.note }}
      />
      <Form method="post" {...getFormProps(form)} className="form-narrow" aria-labelledby="book-heading">
        <CsrfField />
        <input type="hidden" name="intent" value="book" />
        <VStack gap="space-16">
          <SelectInput field={fields.slotDate} label={t("studyVisits.book.slot")} description={t("studyVisits.book.slotHelp")}>
            <option value="">{t("form.choose")}</option>
            {slots.map((slot) => {
              const when = slot.status === "moved" ? t("studyVisits.book.whenMoved", { when: slotWhen(t, slot) }) : slotWhen(t, slot);
              const label =
                slot.status === "cancelled"
                  ? t("studyVisits.book.optionCancelled", { when })
                  : placesLeft(slot) === 0
                    ? t("studyVisits.book.optionFull", { when })
                    : t.plural("studyVisits.book.optionLeft", placesLeft(slot), { when });
              return (
                <option key={slot.originalDate} value={slot.originalDate} disabled={!slot.bookable}>
                  {label}
                </option>
              );
            })}
          </SelectInput>
          <TextInput field={fields.visitorName} label={t("studyVisits.book.visitorName")} description={t("studyVisits.book.visitorNameHelp")} autoComplete="off" />
          <TextInput
            field={fields.accompanyingName}
            label={t("studyVisits.book.accompanyingName")}
            description={t("studyVisits.book.accompanyingNameHelp")}
            autoComplete="off"
          />
          <TextArea field={fields.note} label={t("studyVisits.book.note")} description={t("studyVisits.book.noteHelp")} minRows={2} />
          <div>
            <Button type="submit" loading={submitting}>
              {t("studyVisits.book.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </section>
  );
}
