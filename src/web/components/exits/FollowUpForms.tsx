import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { BodyShort, Button, HStack, VStack } from "@navikt/ds-react";
import { Form, useNavigation } from "react-router";
import type { AttendeeCandidate } from "../../../services/followups.ts";
import { followUpCancelSchema, followUpHoldSchema, followUpScheduleSchema } from "../../../services/schemas/exits.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { TextArea, TextInput } from "../fields.tsx";
import { AttendeeFields, chosen } from "./AttendeeFields.tsx";

type Result = SubmissionResult<string[]> | null | undefined;

function useBusy(intent: string): boolean {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

/** Booking a follow-up meeting: the proposed date, a time, a place, who takes part. */
export function ScheduleFollowUpForm({
  lastResult,
  proposedDate,
  candidates,
  person,
}: {
  lastResult: Result;
  proposedDate: string;
  candidates: readonly AttendeeCandidate[];
  person: string;
}) {
  const t = useT();
  const busy = useBusy("schedule");
  const [form, fields] = useSpelForm(followUpScheduleSchema, lastResult, { plannedDate: proposedDate });
  const proposal = candidates.filter((c) => c.kind !== "network").map((c) => c.value);
  return (
    <>
      <FormErrorSummary form={form} fields={{ plannedDate: fields.plannedDate, plannedTime: fields.plannedTime, place: fields.place, attendees: fields.attendees, otherAttendees: fields.otherAttendees }} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="schedule" />
        <VStack gap="space-24">
          <HStack gap="space-16" wrap>
            <TextInput field={fields.plannedDate} label={t("followUps.form.date")} description={t("followUps.form.dateHelp")} htmlSize={12} autoComplete="off" />
            <TextInput field={fields.plannedTime} label={t("followUps.form.time")} description={t("followUps.form.timeHelp")} htmlSize={6} autoComplete="off" />
          </HStack>
          <TextInput field={fields.place} label={t("followUps.form.place")} description={t("followUps.form.placeHelp")} autoComplete="off" />
          <AttendeeFields
            field={fields.attendees}
            othersField={fields.otherAttendees}
            candidates={candidates}
            person={person}
            legend={t("followUps.form.who")}
            description={t("followUps.form.whoHelp")}
            defaultValue={chosen(fields.attendees, form.status === "error", proposal)}
          />
          <div>
            <Button type="submit" loading={busy}>
              {t("followUps.form.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </>
  );
}

/** Documenting a held follow-up: when, who came (proposed: who was invited), notes. */
export function HoldFollowUpForm({
  lastResult,
  defaultDate,
  invited,
  candidates,
  person,
}: {
  lastResult: Result;
  defaultDate: string;
  invited: { choices: string[]; others: string };
  candidates: readonly AttendeeCandidate[];
  person: string;
}) {
  const t = useT();
  const busy = useBusy("hold");
  const [form, fields] = useSpelForm(followUpHoldSchema, lastResult, { heldOn: defaultDate, otherAttendees: invited.others });
  return (
    <>
      <FormErrorSummary form={form} fields={{ heldOn: fields.heldOn, attendees: fields.attendees, otherAttendees: fields.otherAttendees, notes: fields.notes }} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="hold" />
        <VStack gap="space-24">
          <TextInput field={fields.heldOn} label={t("followUps.hold.heldOn")} description={t("followUps.form.dateHelp")} htmlSize={12} autoComplete="off" />
          <AttendeeFields
            field={fields.attendees}
            othersField={fields.otherAttendees}
            candidates={candidates}
            person={person}
            legend={t("followUps.hold.who")}
            description={t("followUps.hold.whoHelp")}
            defaultValue={chosen(fields.attendees, form.status === "error", invited.choices)}
          />
          <TextArea field={fields.notes} label={t("followUps.hold.notes")} description={t("followUps.hold.notesHelp")} minRows={4} />
          <div>
            <Button type="submit" loading={busy}>
              {t("followUps.hold.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </>
  );
}

/** Cancelling a planned follow-up, with a note why. */
export function CancelFollowUpForm({ lastResult }: { lastResult: Result }) {
  const t = useT();
  const busy = useBusy("cancel");
  const [form, fields] = useSpelForm(followUpCancelSchema, lastResult);
  return (
    <>
      <FormErrorSummary form={form} fields={{ note: fields.note }} />
      <Form method="post" {...getFormProps(form)} className="form-narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="cancel" />
        <VStack gap="space-16">
          <BodyShort>{t("followUps.cancel.help")}</BodyShort>
          <TextInput field={fields.note} label={t("followUps.cancel.note")} autoComplete="off" />
          <div>
            <Button type="submit" variant="secondary" loading={busy}>
              {t("followUps.cancel.submit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </>
  );
}
