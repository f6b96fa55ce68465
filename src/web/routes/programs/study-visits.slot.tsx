import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Button, Heading, HStack, Table, VStack } from "@navikt/ds-react";
import { data, Form, redirect, useNavigation } from "react-router";
import { slotExceptionSchema } from "../../../services/schemas/intake.ts";
import { getSlot, setBookingStatus, setSlotException, type SlotView } from "../../../services/study-visits.ts";
import { hasCapability } from "../../../domain/policy.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { TextArea, TextInput } from "../../components/fields.tsx";
import { BookingStatusTag, CancelBookingConfirm, CancelBookingLink, RequestLink } from "../../components/study-visits/BookingParts.tsx";
import { dayLabel, timeRange } from "../../components/study-visits/format.ts";
import { SlotStatus } from "../../components/study-visits/SlotStatus.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { CsrfField, FormErrorSummary, useSpelForm } from "../../lib/forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Translator } from "../../../i18n/index.ts";
import type { Route } from "./+types/study-visits.slot";

// One study-visit slot for the program's staff: its bookings (who came, who did not), and cancelling,
// moving or restoring the slot (a holiday, a day the staff are away) with a note the bookers see.

const DONE = ["cancel", "move", "restore", "attendance", "bookingCancelled"] as const;
const ATTENDANCE = { attended: "attended", no_show: "no_show", booked: "booked" } as const;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "studyVisits.slot.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const view = await orResponse(getSlot(ctx, params.programId, params.date));
  if (!view.canManage) throw data({ reason: "forbidden" }, { status: 403 });
  const url = new URL(request.url);
  const cancelId = url.searchParams.get("cancelBooking");
  return {
    programId: params.programId,
    programName: view.programName,
    schedule: view.schedule,
    slot: view.slot,
    today: view.today,
    canCreateRequest: hasCapability(ctx.actor.subject, "request.create"),
    toCancel: cancelId ? (view.slot.bookings.find((b) => b.id === cancelId) ?? null) : null,
    done: DONE.find((d) => url.searchParams.get("done") === d) ?? null,
  };
}

type ExceptionForm = "cancel" | "move" | "restore";
type ActionData = { form: ExceptionForm; result: SubmissionResult<string[]> };

export async function action({ context, request, params }: Route.ActionArgs): Promise<ActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const here = `/programs/${params.programId}/study-visits/slots/${params.date}`;
  const intent = formData.get("intent");
  const bookingId = String(formData.get("bookingId") ?? "");
  if (intent === "exception") {
    const submitted = formData.get("action");
    const form: ExceptionForm = submitted === "move" ? "move" : submitted === "restore" ? "restore" : "cancel";
    const result = await formAction(formData, slotExceptionSchema, async (value) => {
      await setSlotException(ctx, params.programId, params.date, value);
      return redirect(`${here}?done=${value.action}`);
    });
    return result instanceof Response ? result : { form, result };
  }
  if (intent === "attendance") {
    const status = ATTENDANCE[String(formData.get("status")) as keyof typeof ATTENDANCE];
    if (!status) throw data({ reason: "bad_request" }, { status: 400 });
    await orResponse(setBookingStatus(ctx, bookingId, status));
    return redirect(`${here}?done=attendance`);
  }
  if (intent === "cancelBooking") {
    await orResponse(setBookingStatus(ctx, bookingId, "cancelled"));
    return redirect(`${here}?done=bookingCancelled`);
  }
  throw data({ reason: "bad_request" }, { status: 400 });
}

export default function StudyVisitSlot({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { programId, slot, schedule, today, toCancel, done } = loaderData;
  const data = actionData as ActionData | undefined;
  const base = `/programs/${programId}/study-visits`;
  const here = `${base}/slots/${slot.originalDate}`;
  return (
    <VStack gap="space-32">
      {done && !data ? <Alert variant="success">{t(`studyVisits.slot.done.${done}`)}</Alert> : null}
      <div>
        <BackLink to={base}>{t("studyVisits.title")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("studyVisits.slot.heading", { date: dayLabel(t, slot.originalDate) })}
        </Heading>
        <BodyShort>{loaderData.programName}</BodyShort>
      </div>
      <dl className="details-list">
        <dt>{t("studyVisits.col.status")}</dt>
        <dd>
          <SlotStatus t={t} slot={slot} today={today} />
        </dd>
        <dt>{t("studyVisits.slot.when")}</dt>
        <dd>{slot.status === "cancelled" ? t("studyVisits.status.cancelled") : `${dayLabel(t, slot.date, { capital: true })}, ${timeRange(slot.start, slot.end)}`}</dd>
        {schedule.location ? (
          <>
            <dt>{t("studyVisits.scheduleForm.location")}</dt>
            <dd>{schedule.location}</dd>
          </>
        ) : null}
        <dt>{t("studyVisits.col.booked")}</dt>
        <dd>{t("studyVisits.slots.bookedOf", { booked: slot.booked, capacity: slot.capacity })}</dd>
      </dl>

      {toCancel ? <CancelBookingConfirm t={t} booking={toCancel} when={slot} backTo={here} /> : null}

      <Bookings t={t} slot={slot} today={today} here={here} canCreateRequest={loaderData.canCreateRequest} />

      {/* A slot that has taken place stays as it was. */}
      {slot.date < today && slot.originalDate < today ? null : (
        <section aria-labelledby="change-heading">
          <Heading level="2" size="medium" id="change-heading" spacing>
            {t("studyVisits.slot.changeHeading")}
          </Heading>
          {slot.booked > 0 ? <BodyShort spacing>{t.plural("studyVisits.slot.tellBookers", slot.booked)}</BodyShort> : null}
          <VStack gap="space-32">
            {slot.status !== "scheduled" ? <RestoreForm t={t} slot={slot} schedule={schedule} /> : null}
            {slot.status !== "cancelled" ? <CancelForm key={`cancel-${done ?? ""}`} lastResult={data?.form === "cancel" ? data.result : null} /> : null}
            <MoveForm key={`move-${done ?? ""}`} slot={slot} lastResult={data?.form === "move" ? data.result : null} />
          </VStack>
        </section>
      )}
    </VStack>
  );
}

function Bookings({ t, slot, today, here, canCreateRequest }: { t: Translator; slot: SlotView; today: string; here: string; canCreateRequest: boolean }) {
  // Who came is recorded on the day or afterwards.
  const canRecord = slot.status !== "cancelled" && slot.date <= today;
  return (
    <section aria-labelledby="bookings-heading">
      <Heading level="2" size="medium" id="bookings-heading" spacing>
        {t("studyVisits.slot.bookings")}
      </Heading>
      {slot.bookings.length === 0 ? (
        <BodyShort>{t("studyVisits.slot.noBookings")}</BodyShort>
      ) : (
        <div className="table-scroll">
          <Table>
            <caption className="visually-hidden">{t("studyVisits.slot.bookingsCaption", { date: dayLabel(t, slot.originalDate) })}</caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("studyVisits.col.visitor")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.accompanying")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.bookedBy")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.note")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.status")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {slot.bookings.map((b) => (
                <Table.Row key={b.id}>
                  <Table.HeaderCell scope="row">{b.visitorName}</Table.HeaderCell>
                  <Table.DataCell>{b.accompanyingName}</Table.DataCell>
                  <Table.DataCell>{b.bookedBy}</Table.DataCell>
                  <Table.DataCell>{b.note}</Table.DataCell>
                  <Table.DataCell>
                    <BookingStatusTag t={t} status={b.status} />
                  </Table.DataCell>
                  <Table.DataCell>
                    <VStack gap="space-8" align="start">
                      {canRecord ? <AttendanceForm t={t} booking={b} /> : null}
                      <RequestLink t={t} booking={b} canCreateRequest={canCreateRequest} />
                      {b.status === "booked" ? <CancelBookingLink t={t} booking={b} basePath={here} /> : null}
                    </VStack>
                  </Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}

function AttendanceForm({ t, booking }: { t: Translator; booking: SlotView["bookings"][number] }) {
  const hidden = <span className="visually-hidden">: {booking.visitorName}</span>;
  return (
    <Form method="post">
      <CsrfField />
      <input type="hidden" name="intent" value="attendance" />
      <input type="hidden" name="bookingId" value={booking.id} />
      {booking.status === "booked" ? (
        <HStack gap="space-8">
          <Button type="submit" name="status" value="attended" size="small" variant="secondary">
            {t("studyVisits.slot.attended")}
            {hidden}
          </Button>
          <Button type="submit" name="status" value="no_show" size="small" variant="secondary">
            {t("studyVisits.slot.noShow")}
            {hidden}
          </Button>
        </HStack>
      ) : (
        <Button type="submit" name="status" value="booked" size="small" variant="tertiary">
          {t("studyVisits.slot.undoAttendance")}
          {hidden}
        </Button>
      )}
    </Form>
  );
}

function RestoreForm({ t, slot, schedule }: { t: Translator; slot: SlotView; schedule: { startTime: string; endTime: string } }) {
  return (
    <div className="form-narrow">
      <Heading level="3" size="small" id="restore-heading" spacing>
        {t("studyVisits.slot.restoreHeading")}
      </Heading>
      <BodyShort spacing>{t("studyVisits.slot.restoreHelp", { date: dayLabel(t, slot.originalDate), time: timeRange(schedule.startTime, schedule.endTime) })}</BodyShort>
      <Form method="post" aria-labelledby="restore-heading">
        <CsrfField />
        <input type="hidden" name="intent" value="exception" />
        <input type="hidden" name="action" value="restore" />
        <Button type="submit" variant="secondary">
          {t("studyVisits.slot.restoreSubmit")}
        </Button>
      </Form>
    </div>
  );
}

function CancelForm({ lastResult }: { lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(slotExceptionSchema, lastResult, { action: "cancel" });
  return (
    <div className="form-narrow">
      <Heading level="3" size="small" id="cancel-slot-heading" spacing>
        {t("studyVisits.slot.cancelHeading")}
      </Heading>
      <FormErrorSummary form={form} fields={{ note: fields.note }} />
      <Form method="post" {...getFormProps(form)} aria-labelledby="cancel-slot-heading">
        <CsrfField />
        <input type="hidden" name="intent" value="exception" />
        <input type="hidden" name="action" value="cancel" />
        <VStack gap="space-16">
          <TextArea field={fields.note} label={t("studyVisits.slot.note")} description={t("studyVisits.slot.cancelNoteHelp")} minRows={2} />
          <div>
            <Button type="submit" variant="danger" loading={navigation.state === "submitting" && navigation.formData?.get("action") === "cancel"}>
              {t("studyVisits.slot.cancelSubmit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}

function MoveForm({ slot, lastResult }: { slot: SlotView; lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useSpelForm(slotExceptionSchema, lastResult, {
    action: "move",
    movedDate: slot.date,
    movedStart: slot.start,
    movedEnd: slot.end,
    note: slot.status === "moved" ? slot.note : undefined,
  });
  return (
    <div className="form-narrow">
      <Heading level="3" size="small" id="move-slot-heading" spacing>
        {t("studyVisits.slot.moveHeading")}
      </Heading>
      <BodyShort spacing>{t("studyVisits.slot.moveHelp")}</BodyShort>
      <FormErrorSummary form={form} fields={{ movedDate: fields.movedDate, movedStart: fields.movedStart, movedEnd: fields.movedEnd, note: fields.note }} />
      <Form method="post" {...getFormProps(form)} aria-labelledby="move-slot-heading">
        <CsrfField />
        <input type="hidden" name="intent" value="exception" />
        <input type="hidden" name="action" value="move" />
        <VStack gap="space-16">
          <TextInput field={fields.movedDate} label={t("studyVisits.slot.movedDate")} description={t("studyVisits.dateHelp")} htmlSize={12} autoComplete="off" />
          <HStack gap="space-16" wrap>
            <TextInput field={fields.movedStart} label={t("studyVisits.slot.movedStart")} description={t("studyVisits.timeHelp")} htmlSize={8} autoComplete="off" />
            <TextInput field={fields.movedEnd} label={t("studyVisits.slot.movedEnd")} description={t("studyVisits.timeHelp")} htmlSize={8} autoComplete="off" />
          </HStack>
          <TextArea field={fields.note} label={t("studyVisits.slot.note")} description={t("studyVisits.slot.moveNoteHelp")} minRows={2} />
          <div>
            <Button type="submit" loading={navigation.state === "submitting" && navigation.formData?.get("action") === "move"}>
              {t("studyVisits.slot.moveSubmit")}
            </Button>
          </div>
        </VStack>
      </Form>
    </div>
  );
}
