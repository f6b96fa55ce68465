// iCalendar (RFC 5545) text for the schedule feeds. Plain string building, no imports of a library:
// the feed needs a handful of properties, and the well-known generators fold lines by characters
// rather than by the 75 octets the RFC asks for, which matters for Swedish text.
//
// Times are written in UTC ("DTSTART:20270111T080000Z"). Each occurrence is its own VEVENT (the
// exceptions and holiday rules are applied here, not left to an RRULE), so a TZID with a VTIMEZONE
// would buy nothing but a second, hand-written copy of Stockholm's daylight-saving rules that has
// to match the time-zone database; UTC instants are exact, every client reads them, and each
// client shows them in its own user's time zone. The feed is made afresh on every fetch, so a
// change of the zone's rules reaches the calendars with the next refresh. X-WR-TIMEZONE tells the
// clients that honour it which zone the schedule was planned in.

import type { Occurrence } from "./schedule.ts";

export type IcalStatus = "CONFIRMED" | "CANCELLED";

export interface IcalEvent {
  /** Stable across feeds (see occurrenceUid): clients update an event with the same UID. */
  uid: string;
  /** Instants, ISO 8601 with offset ("2027-01-11T08:00:00Z"). */
  startsAt: string;
  endsAt: string;
  summary: string;
  description?: string;
  location?: string;
  status: IcalStatus;
  /** Raise it when the event changes (time, place, cancellation); default 0. */
  sequence?: number;
  lastModified?: string;
  categories?: readonly string[];
  /** An absolute URL (to the session's page). */
  url?: string;
}

export interface IcalCalendar {
  /** The calendar's name in the subscriber's list ("KRUS – ordinarie gruppen"). */
  name: string;
  description?: string;
  /** When the feed was generated (DTSTAMP of every event), an instant. */
  generatedAt: string;
  /** How often clients should fetch again, in minutes (REFRESH-INTERVAL, RFC 7986); default 60. */
  refreshMinutes?: number;
  /** The zone the schedule is planned in (X-WR-TIMEZONE); default Europe/Stockholm. */
  timeZone?: string;
  events: readonly IcalEvent[];
}

export const ICAL_PRODID = "-//Spelplan//Spelplan schedule//EN";

/** Escape a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma, newlines; other control characters dropped. */
export function escapeIcalText(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, "\n")
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "") // eslint-disable-line no-control-regex
    .replace(/[\\;,\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
}

const encoder = new TextEncoder();

/** Fold a content line to at most 75 octets per physical line, never inside a UTF-8 character (RFC 5545 3.1). */
export function foldIcalLine(line: string): string {
  if (/[\r\n]/.test(line)) throw new RangeError("a content line may not contain a line break");
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = 74; // continuation lines start with a space
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** "2027-01-11T08:00:00Z" (or with an offset) as an iCalendar UTC DATE-TIME, "20270111T080000Z". */
export function icalUtc(instant: string): string {
  const ms = Date.parse(instant);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(instant) || Number.isNaN(ms)) {
    throw new RangeError(`instant must be an ISO 8601 date-time with offset, got ${JSON.stringify(instant)}`);
  }
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/** The stable UID of a series occurrence: the series and the date the rule gives (moving it keeps its UID). */
export function occurrenceUid(occurrence: Pick<Occurrence, "seriesId" | "originalDate">): string {
  return `${occurrence.seriesId}-${occurrence.originalDate.replace(/-/g, "")}@spelplan`;
}

/** The feed status of an occurrence; undefined for a holiday-skipped one, which a feed leaves out. */
export function occurrenceIcalStatus(occurrence: Pick<Occurrence, "status">): IcalStatus | undefined {
  switch (occurrence.status) {
    case "scheduled":
    case "changed":
      return "CONFIRMED";
    case "cancelled":
      return "CANCELLED";
    case "skipped":
      return undefined;
  }
}

function eventLines(event: IcalEvent, stamp: string): string[] {
  if (typeof event.uid !== "string" || !/^[\x21-\x7E]{1,255}$/.test(event.uid)) {
    throw new RangeError(`uid must be 1-255 printable ASCII characters, got ${JSON.stringify(event.uid)}`);
  }
  const [start, end] = [icalUtc(event.startsAt), icalUtc(event.endsAt)];
  if (end < start) throw new RangeError(`event ${event.uid} ends before it starts`);
  const sequence = event.sequence ?? 0;
  if (!Number.isInteger(sequence) || sequence < 0) throw new RangeError(`sequence must be a non-negative integer, got ${sequence}`);
  if (event.url !== undefined && !/^https?:\/\/[\x21-\x7E]+$/.test(event.url)) {
    throw new RangeError(`url must be an absolute http(s) URL, got ${JSON.stringify(event.url)}`);
  }
  const lines = [
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${start}`,
    `DTEND:${end}`,
    `SUMMARY:${escapeIcalText(event.summary)}`,
  ];
  if (event.location !== undefined) lines.push(`LOCATION:${escapeIcalText(event.location)}`);
  if (event.description !== undefined) lines.push(`DESCRIPTION:${escapeIcalText(event.description)}`);
  if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escapeIcalText).join(",")}`);
  if (event.url !== undefined) lines.push(`URL:${event.url}`);
  lines.push(`STATUS:${event.status}`, `SEQUENCE:${sequence}`);
  if (event.lastModified !== undefined) lines.push(`LAST-MODIFIED:${icalUtc(event.lastModified)}`);
  // Subscribed calendars should not block the subscriber's free time with cancelled sessions.
  lines.push(`TRANSP:${event.status === "CANCELLED" ? "TRANSPARENT" : "OPAQUE"}`, "END:VEVENT");
  return lines;
}

/** The whole feed: a VCALENDAR with one VEVENT per event, CRLF line ends, folded lines. */
export function icalendar(calendar: IcalCalendar): string {
  const stamp = icalUtc(calendar.generatedAt);
  const refresh = calendar.refreshMinutes ?? 60;
  if (!Number.isInteger(refresh) || refresh < 1) throw new RangeError(`refreshMinutes must be a positive integer, got ${refresh}`);
  const uids = new Set<string>();
  for (const e of calendar.events) {
    if (uids.has(e.uid)) throw new RangeError(`uid ${e.uid} appears twice`);
    uids.add(e.uid);
  }
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${ICAL_PRODID}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `NAME:${escapeIcalText(calendar.name)}`,
    `X-WR-CALNAME:${escapeIcalText(calendar.name)}`,
    ...(calendar.description === undefined
      ? []
      : [`DESCRIPTION:${escapeIcalText(calendar.description)}`, `X-WR-CALDESC:${escapeIcalText(calendar.description)}`]),
    `X-WR-TIMEZONE:${escapeIcalText(calendar.timeZone ?? "Europe/Stockholm")}`,
    `REFRESH-INTERVAL;VALUE=DURATION:PT${refresh}M`,
    `X-PUBLISHED-TTL:PT${refresh}M`,
    ...calendar.events.flatMap((e) => eventLines(e, stamp)),
    "END:VCALENDAR",
  ];
  return lines.map(foldIcalLine).join("\r\n") + "\r\n";
}
