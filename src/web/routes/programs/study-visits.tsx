import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Heading, HStack, Link as AkselLink, Table, Tag, VStack } from "@navikt/ds-react";
import { data, Link, redirect } from "react-router";
import { hasCapability } from "../../../domain/policy.ts";
import { bookingSchema } from "../../../services/schemas/intake.ts";
import { bookStudyVisit, type BookingView, listSlots, setBookingStatus, type SlotView, type StudyVisitSchedule } from "../../../services/study-visits.ts";
import { LinkButton } from "../../components/LinkButton.tsx";
import { BookingForm } from "../../components/study-visits/BookingForm.tsx";
import { BookingStatusTag, CancelBookingConfirm, CancelBookingLink, RequestLink } from "../../components/study-visits/BookingParts.tsx";
import { dayLabel, timeRange, weekdayName } from "../../components/study-visits/format.ts";
import { SlotStatus, SlotWhen } from "../../components/study-visits/SlotStatus.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Translator } from "../../../i18n/index.ts";
import type { Route } from "./+types/study-visits";

// The program's study visits: the schedule, the coming slots with places left, booking a visitor,
// the reader's own coming visits (with the way on to an interest request), and for the program's
// staff every booking and the slots of the last weeks (to record who came).

const COMING_WEEKS = 12;
const PAST_WEEKS = 4;
const DONE = ["schedule", "bookingCancelled"] as const;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "studyVisits.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const view = await orResponse(listSlots(ctx, params.programId, COMING_WEEKS, { pastWeeks: PAST_WEEKS }));
  const url = new URL(request.url);
  const { today } = view;
  const coming = view.slots.filter((s) => s.date >= today);
  const past = view.canManage ? view.slots.filter((s) => s.date < today) : [];
  const visible = [...view.slots.flatMap((slot) => slot.bookings.map((booking) => ({ booking, slot: slot as SlotView | null }))), ...view.outsideSchedule.map((booking) => ({ booking, slot: null }))];
  const find = (id: string | null) => (id ? (visible.find((v) => v.booking.id === id) ?? null) : null);
  const slotParam = url.searchParams.get("slot");
  return {
    programId: params.programId,
    programName: view.programName,
    schedule: view.schedule,
    canManage: view.canManage,
    canCreateRequest: hasCapability(ctx.actor.subject, "request.create"),
    today,
    coming,
    past,
    mine: coming.flatMap((slot) => slot.bookings.filter((b) => b.mine).map((booking) => ({ booking, slot }))),
    outsideSchedule: view.outsideSchedule,
    toCancel: find(url.searchParams.get("cancelBooking")),
    booked: find(url.searchParams.get("booked")),
    done: DONE.find((d) => url.searchParams.get("done") === d) ?? null,
    defaults: {
      ...(slotParam && coming.some((s) => s.originalDate === slotParam && s.bookable) ? { slotDate: slotParam } : {}),
      // A case officer usually goes with the visitor; the program's staff book for others.
      ...(view.canManage ? {} : { accompanyingName: ctx.actor.user.displayName }),
    },
  };
}

type ActionData = { intent: "book"; result: SubmissionResult<string[]> };

export async function action({ context, request, params }: Route.ActionArgs): Promise<ActionData | Response> {
  const { ctx } = requireUser(context, request);
  const formData = await request.formData();
  const base = `/programs/${params.programId}/study-visits`;
  const intent = formData.get("intent");
  if (intent === "book") {
    const result = await formAction(formData, bookingSchema, async (value) => {
      const { id } = await bookStudyVisit(ctx, params.programId, value);
      return redirect(`${base}?booked=${id}`);
    });
    return result instanceof Response ? result : { intent: "book", result };
  }
  if (intent === "cancelBooking") {
    await orResponse(setBookingStatus(ctx, String(formData.get("bookingId") ?? ""), "cancelled"));
    return redirect(`${base}?done=bookingCancelled`);
  }
  throw data({ reason: "bad_request" }, { status: 400 });
}

export default function StudyVisits({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { programId, schedule, canManage, coming, toCancel, booked, done } = loaderData;
  const base = `/programs/${programId}/study-visits`;
  const data = actionData as ActionData | undefined;
  return (
    <VStack gap="space-32">
      {done && !data ? <Alert variant="success">{t(`studyVisits.done.${done}`)}</Alert> : null}
      {booked && !data ? <BookedAlert t={t} booked={booked} canCreateRequest={loaderData.canCreateRequest} /> : null}
      <HStack justify="space-between" align="end" gap="space-16" wrap>
        <div>
          <Heading level="1" size="large" spacing>
            {t("studyVisits.title")}
          </Heading>
          <BodyShort>{loaderData.programName}</BodyShort>
        </div>
        {canManage ? (
          <LinkButton to={`${base}/schedule`} variant="secondary">
            {schedule ? t("studyVisits.schedule.edit") : t("studyVisits.schedule.create")}
          </LinkButton>
        ) : null}
      </HStack>

      <ScheduleSummary t={t} schedule={schedule} canManage={canManage} />

      {toCancel ? (
        <CancelBookingConfirm
          t={t}
          booking={toCancel.booking}
          when={toCancel.slot ?? { date: toCancel.booking.slotDate, start: null, end: null }}
          backTo={base}
        />
      ) : null}

      {loaderData.outsideSchedule.length > 0 ? <OutsideSchedule t={t} bookings={loaderData.outsideSchedule} base={base} /> : null}

      {schedule ? (
        <>
          <ComingSlots t={t} slots={coming} canManage={canManage} today={loaderData.today} base={base} />
          <BookingForm
            key={booked?.booking.id ?? "new"}
            slots={coming}
            lastResult={data?.intent === "book" ? data.result : null}
            defaultValue={loaderData.defaults}
          />
          <MyVisits t={t} visits={loaderData.mine} base={base} canCreateRequest={loaderData.canCreateRequest} />
          {canManage ? <PastSlots t={t} slots={loaderData.past} base={base} /> : null}
        </>
      ) : null}
    </VStack>
  );
}

function BookedAlert({ t, booked, canCreateRequest }: { t: Translator; booked: { booking: BookingView; slot: SlotView | null }; canCreateRequest: boolean }) {
  const { booking, slot } = booked;
  return (
    <Alert variant="success">
      <VStack gap="space-8">
        <BodyShort>
          {slot
            ? t("studyVisits.done.booked", { name: booking.visitorName, date: dayLabel(t, slot.date), time: timeRange(slot.start, slot.end) })
            : t("studyVisits.done.bookedNoTime", { name: booking.visitorName })}
        </BodyShort>
        {canCreateRequest && !booking.requestId ? (
          <BodyShort>
            {t("studyVisits.done.bookedNext")} <RequestLink t={t} booking={booking} canCreateRequest={canCreateRequest} />
          </BodyShort>
        ) : null}
      </VStack>
    </Alert>
  );
}

function ScheduleSummary({ t, schedule, canManage }: { t: Translator; schedule: StudyVisitSchedule | null; canManage: boolean }) {
  if (!schedule) {
    return <Alert variant="info">{canManage ? t("studyVisits.schedule.noneStaff") : t("studyVisits.schedule.none")}</Alert>;
  }
  const params = { weekday: weekdayName(t, schedule.weekday), time: timeRange(schedule.startTime, schedule.endTime) };
  return (
    <section aria-labelledby="schedule-heading">
      <Heading level="2" size="medium" id="schedule-heading" spacing>
        {t("studyVisits.schedule.heading")}
      </Heading>
      <BodyShort spacing>{t(`studyVisits.schedule.summary.${schedule.weeks}`, params)}</BodyShort>
      <BodyShort spacing>{t.plural("studyVisits.schedule.capacity", schedule.capacity)}</BodyShort>
      {schedule.location ? <BodyShort>{t("studyVisits.schedule.location", { location: schedule.location })}</BodyShort> : null}
    </section>
  );
}

function ComingSlots({ t, slots, canManage, today, base }: { t: Translator; slots: SlotView[]; canManage: boolean; today: string; base: string }) {
  return (
    <section aria-labelledby="slots-heading">
      <Heading level="2" size="medium" id="slots-heading" spacing>
        {t("studyVisits.slots.heading")}
      </Heading>
      <BodyShort spacing>{t("studyVisits.slots.intro", { weeks: COMING_WEEKS })}</BodyShort>
      {slots.length === 0 ? (
        <BodyShort>{t("studyVisits.slots.none")}</BodyShort>
      ) : (
        <div className="table-scroll">
          <Table>
            <caption className="visually-hidden">{t("studyVisits.slots.caption")}</caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("studyVisits.col.day")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.time")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.status")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.booked")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {slots.map((slot) => (
                <Table.Row key={slot.originalDate}>
                  <Table.HeaderCell scope="row">
                    <SlotWhen t={t} slot={slot} />
                  </Table.HeaderCell>
                  <Table.DataCell style={{ whiteSpace: "nowrap" }}>{timeRange(slot.start, slot.end)}</Table.DataCell>
                  <Table.DataCell>
                    <SlotStatus t={t} slot={slot} today={today} />
                  </Table.DataCell>
                  <Table.DataCell>
                    {t("studyVisits.slots.bookedOf", { booked: slot.booked, capacity: slot.capacity })}
                    {canManage && slot.bookings.length > 0 ? (
                      <ul style={{ margin: "0.25rem 0 0", paddingLeft: "1.25rem" }}>
                        {slot.bookings.map((b) => (
                          <li key={b.id}>
                            {b.visitorName}
                            {b.accompanyingName ? ` (${t("studyVisits.slots.with", { name: b.accompanyingName })})` : ""}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </Table.DataCell>
                  <Table.DataCell>
                    <VStack gap="space-4" align="start">
                      {slot.bookable ? (
                        <AkselLink as={Link} to={`${base}?slot=${slot.originalDate}#book-heading`}>
                          {t("studyVisits.slots.book")}
                          <span className="visually-hidden">: {dayLabel(t, slot.date)}</span>
                        </AkselLink>
                      ) : null}
                      {canManage ? (
                        <AkselLink as={Link} to={`${base}/slots/${slot.originalDate}`}>
                          {t("studyVisits.slots.manage")}
                          <span className="visually-hidden">: {dayLabel(t, slot.originalDate)}</span>
                        </AkselLink>
                      ) : null}
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

function MyVisits({ t, visits, base, canCreateRequest }: { t: Translator; visits: { booking: BookingView; slot: SlotView }[]; base: string; canCreateRequest: boolean }) {
  return (
    <section aria-labelledby="my-visits-heading">
      <Heading level="2" size="medium" id="my-visits-heading" spacing>
        {t("studyVisits.mine.heading")}
      </Heading>
      {visits.length === 0 ? (
        <BodyShort>{t("studyVisits.mine.none")}</BodyShort>
      ) : (
        <div className="table-scroll">
          <Table>
            <caption className="visually-hidden">{t("studyVisits.mine.caption")}</caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("studyVisits.col.visitor")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.day")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.time")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.accompanying")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.note")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.status")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {visits.map(({ booking, slot }) => (
                <Table.Row key={booking.id}>
                  <Table.HeaderCell scope="row">{booking.visitorName}</Table.HeaderCell>
                  <Table.DataCell>
                    <SlotWhen t={t} slot={slot} />
                  </Table.DataCell>
                  <Table.DataCell style={{ whiteSpace: "nowrap" }}>{timeRange(slot.start, slot.end)}</Table.DataCell>
                  <Table.DataCell>{booking.accompanyingName}</Table.DataCell>
                  <Table.DataCell>{booking.note}</Table.DataCell>
                  <Table.DataCell>
                    <VisitStatus t={t} booking={booking} slot={slot} />
                  </Table.DataCell>
                  <Table.DataCell>
                    <VStack gap="space-4" align="start">
                      <RequestLink t={t} booking={booking} canCreateRequest={canCreateRequest} />
                      <CancelBookingLink t={t} booking={booking} basePath={base} />
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

/** A booking's state as its booker needs it: cancelled or moved slots first, then the booking's own status. */
function VisitStatus({ t, booking, slot }: { t: Translator; booking: BookingView; slot: SlotView }) {
  if (slot.status === "cancelled") {
    return (
      <VStack gap="space-4" align="start">
        <Tag variant="error" size="small">
          {t("studyVisits.status.cancelled")}
        </Tag>
        {slot.note ? <BodyShort size="small">{t("studyVisits.status.note", { note: slot.note })}</BodyShort> : null}
        <BodyShort size="small">{t("studyVisits.mine.slotCancelled")}</BodyShort>
      </VStack>
    );
  }
  return (
    <VStack gap="space-4" align="start">
      <BookingStatusTag t={t} status={booking.status} />
      {slot.status === "moved" ? (
        <>
          <Tag variant="info" size="small">
            {t("studyVisits.status.moved")}
          </Tag>
          <BodyShort size="small">{t("studyVisits.status.movedFrom", { date: dayLabel(t, slot.originalDate) })}</BodyShort>
        </>
      ) : null}
      {slot.note ? <BodyShort size="small">{t("studyVisits.status.note", { note: slot.note })}</BodyShort> : null}
    </VStack>
  );
}

function PastSlots({ t, slots, base }: { t: Translator; slots: SlotView[]; base: string }) {
  return (
    <section aria-labelledby="past-heading">
      <Heading level="2" size="medium" id="past-heading" spacing>
        {t("studyVisits.past.heading")}
      </Heading>
      <BodyShort spacing>{t("studyVisits.past.intro", { weeks: PAST_WEEKS })}</BodyShort>
      {slots.length === 0 ? (
        <BodyShort>{t("studyVisits.past.none")}</BodyShort>
      ) : (
        <div className="table-scroll">
          <Table>
            <caption className="visually-hidden">{t("studyVisits.past.caption")}</caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("studyVisits.col.day")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.time")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.attendance")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("studyVisits.col.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {slots.map((slot) => {
                const open = slot.bookings.filter((b) => b.status === "booked").length;
                return (
                  <Table.Row key={slot.originalDate}>
                    <Table.HeaderCell scope="row">
                      <SlotWhen t={t} slot={slot} />
                    </Table.HeaderCell>
                    <Table.DataCell style={{ whiteSpace: "nowrap" }}>{slot.status === "cancelled" ? t("studyVisits.status.cancelled") : timeRange(slot.start, slot.end)}</Table.DataCell>
                    <Table.DataCell>
                      {slot.bookings.length === 0
                        ? t("studyVisits.past.noBookings")
                        : open > 0
                          ? t.plural("studyVisits.past.open", open)
                          : t("studyVisits.past.allRecorded")}
                    </Table.DataCell>
                    <Table.DataCell>
                      {slot.bookings.length > 0 ? (
                        <AkselLink as={Link} to={`${base}/slots/${slot.originalDate}`}>
                          {t("studyVisits.past.record")}
                          <span className="visually-hidden">: {dayLabel(t, slot.date)}</span>
                        </AkselLink>
                      ) : null}
                    </Table.DataCell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </div>
      )}
    </section>
  );
}

function OutsideSchedule({ t, bookings, base }: { t: Translator; bookings: BookingView[]; base: string }) {
  return (
    <section aria-labelledby="outside-heading">
      <Alert variant="warning">
        <Heading level="2" size="small" id="outside-heading" spacing>
          {t("studyVisits.outside.heading")}
        </Heading>
        <BodyShort spacing>{t("studyVisits.outside.intro")}</BodyShort>
        <ul>
          {bookings.map((b) => (
            <li key={b.id}>
              {t("studyVisits.outside.item", { name: b.visitorName, date: dayLabel(t, b.slotDate), by: b.bookedBy })} <CancelBookingLink t={t} booking={b} basePath={base} />
            </li>
          ))}
        </ul>
      </Alert>
    </section>
  );
}

