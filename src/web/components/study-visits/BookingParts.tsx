import { BodyShort, Button, Heading, HStack, Link as AkselLink, Tag, VStack } from "@navikt/ds-react";
import { useEffect, useRef } from "react";
import { Form, Link } from "react-router";
import type { Translator } from "../../../i18n/index.ts";
import { CsrfField } from "../../lib/forms.tsx";
import { LinkButton } from "../LinkButton.tsx";
import { dayLabel, timeRange } from "./format.ts";

export interface BookingFacts {
  id: string;
  visitorName: string;
  accompanyingName: string;
  note: string;
  status: "booked" | "cancelled" | "attended" | "no_show";
  bookedBy: string;
  requestId: string | null;
  mine: boolean;
}

/** The way from a visitor to an interest request: a new one from the booking, or the one made already. */
export function RequestLink({ t, booking, canCreateRequest }: { t: Translator; booking: BookingFacts; canCreateRequest: boolean }) {
  if (booking.status === "cancelled") return null;
  if (booking.requestId) {
    // Drafts are their author's: others are told that a request exists.
    return booking.mine ? (
      <AkselLink as={Link} to={`/requests/${booking.requestId}`}>
        {t("studyVisits.request.open")}
        <span className="visually-hidden">: {booking.visitorName}</span>
      </AkselLink>
    ) : (
      <Tag variant="info" size="small">
        {t("studyVisits.request.exists")}
      </Tag>
    );
  }
  if (!canCreateRequest) return null;
  return (
    <AkselLink as={Link} to={`/requests/new?booking=${booking.id}`}>
      {t("studyVisits.request.new")}
      <span className="visually-hidden">: {booking.visitorName}</span>
    </AkselLink>
  );
}

/** What happened with a booking, in words. */
export function BookingStatusTag({ t, status }: { t: Translator; status: BookingFacts["status"] }) {
  const variant = { booked: "info", attended: "success", no_show: "warning", cancelled: "neutral" } as const;
  return (
    <Tag variant={variant[status]} size="small">
      {t(`studyVisits.bookingStatus.${status}`)}
    </Tag>
  );
}

/** The link that asks before a booking is cancelled (the question is a page state, so it works without JavaScript). */
export function CancelBookingLink({ t, booking, basePath }: { t: Translator; booking: BookingFacts; basePath: string }) {
  return (
    <AkselLink as={Link} to={`${basePath}?cancelBooking=${booking.id}#cancel-booking`}>
      {t("studyVisits.cancelBooking.link")}
      <span className="visually-hidden">: {booking.visitorName}</span>
    </AkselLink>
  );
}

/** "Do you want to cancel the booking of X on <day>?" with the form that does it. */
export function CancelBookingConfirm({
  t,
  booking,
  when,
  backTo,
}: {
  t: Translator;
  booking: BookingFacts;
  /** The slot's day and time; no time for a booking on a day the schedule no longer has. */
  when: { date: string; start: string | null; end: string | null };
  backTo: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [booking.id]);
  return (
    <section aria-labelledby="cancel-booking" className="form-narrow">
      <VStack gap="space-16">
        <Heading level="2" size="medium" id="cancel-booking" ref={heading} tabIndex={-1}>
          {t("studyVisits.cancelBooking.heading")}
        </Heading>
        <BodyShort>
          {when.start && when.end
            ? t("studyVisits.cancelBooking.question", { name: booking.visitorName, date: dayLabel(t, when.date), time: timeRange(when.start, when.end) })
            : t("studyVisits.cancelBooking.questionNoTime", { name: booking.visitorName, date: dayLabel(t, when.date) })}
        </BodyShort>
        {booking.mine ? null : <BodyShort>{t("studyVisits.cancelBooking.notYours", { name: booking.bookedBy })}</BodyShort>}
        <Form method="post">
          <CsrfField />
          <input type="hidden" name="intent" value="cancelBooking" />
          <input type="hidden" name="bookingId" value={booking.id} />
          <HStack gap="space-16">
            <Button type="submit" variant="danger">
              {t("studyVisits.cancelBooking.submit")}
            </Button>
            <LinkButton to={backTo} variant="tertiary">
              {t("studyVisits.cancelBooking.keep")}
            </LinkButton>
          </HStack>
        </Form>
      </VStack>
    </section>
  );
}
