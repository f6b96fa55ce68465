// The schedule of group life: activity kinds and topics (data, so programs can add their own),
// recurring series over a term with per-occurrence exceptions and Swedish holidays, their
// occurrences as local wall-clock times and exact instants, and week and month views as plain data.
//
// Times are wall-clock times in the program's time zone (Europe/Stockholm unless told otherwise):
// a 09:00 session is at 09:00 local time all year, i.e. 08:00Z in winter and 07:00Z in summer.
// The conversion uses the time-zone database (through @date-fns/tz, which asks Intl), never a table
// of our own. Local times that do not exist or occur twice on the nights the clocks change are read
// as RFC 5545 (section 3.3.5) reads them, the same as Temporal's "compatible" disambiguation:
// - a time in the gap (02:00-02:59 on the last Sunday of March in Stockholm) is read with the
//   offset before the gap, so 02:30 becomes 01:30Z, which is 03:30 summer time;
// - a repeated time (02:00-02:59 on the last Sunday of October) is its first occurrence, so 02:30
//   becomes 00:30Z (02:30 summer time), not 01:30Z.
// Both cases are flagged on the occurrence (`adjusted`), so a page can say so.

import { tzOffset } from "@date-fns/tz";
import {
  addDays,
  compareDates,
  isValidDate,
  isValidTime,
  isoWeek,
  isoWeeksInYear,
  weekdayOf,
  weeklySlots,
  type WeekRule,
  type Weekday,
} from "./calendar.ts";
import { swedishHolidaysBetween, type HolidayKind, type SwedishHoliday } from "./holidays.ts";

export const SCHEDULE_TIME_ZONE = "Europe/Stockholm";

// ---------------------------------------------------------------------------------------------
// Activity kinds and topics

/** The activity kinds every program has (labels through i18n by key). */
export const DEFAULT_ACTIVITY_KINDS = [
  "groupSession",
  "wellness",
  "preGroupSession",
  "lecture",
  "workplaceStudyVisit",
  "employerVisit",
  "individualCoaching",
  "therapistMeeting",
  "nada",
  "other",
] as const;
export type DefaultActivityKind = (typeof DEFAULT_ACTIVITY_KINDS)[number];

/** The 7TJUGO topics as a starting list. */
export const DEFAULT_TOPICS = [
  "gamePlan",
  "platform",
  "communication",
  "attitudes",
  "selfImage",
  "resources",
  "responsibility",
  "goals",
  "wellness",
] as const;
export type DefaultTopic = (typeof DEFAULT_TOPICS)[number];

/** A kind or topic: the built-in ones are labelled through i18n, a program's own carry their label. */
export interface VocabularyEntry {
  key: string;
  builtIn: boolean;
  label?: string;
}

/** Keys are stable identifiers: a lower-case letter, then letters, digits or hyphens (2-40 characters). */
export function isVocabularyKey(key: string): boolean {
  return typeof key === "string" && /^[a-z][a-zA-Z0-9-]{1,39}$/.test(key);
}

function vocabulary(defaults: readonly string[], custom: readonly { key: string; label: string }[]): VocabularyEntry[] {
  const entries: VocabularyEntry[] = defaults.map((key) => ({ key, builtIn: true }));
  const seen = new Set<string>(defaults);
  for (const { key, label } of custom) {
    if (!isVocabularyKey(key)) throw new RangeError(`invalid key ${JSON.stringify(key)}`);
    if (seen.has(key)) throw new RangeError(`key ${JSON.stringify(key)} is already in use`);
    if (typeof label !== "string" || label.trim() === "") throw new RangeError(`key ${key} needs a label`);
    seen.add(key);
    entries.push({ key, builtIn: false, label: label.trim() });
  }
  return entries;
}

/** The built-in activity kinds followed by a program's own (keys must be new and well-formed). */
export function activityKinds(custom: readonly { key: string; label: string }[] = []): VocabularyEntry[] {
  return vocabulary(DEFAULT_ACTIVITY_KINDS, custom);
}

/** The 7TJUGO topics followed by a program's own. */
export function topics(custom: readonly { key: string; label: string }[] = []): VocabularyEntry[] {
  return vocabulary(DEFAULT_TOPICS, custom);
}

// ---------------------------------------------------------------------------------------------
// Wall-clock time and instants

/** How a local time was read on a night the clocks change: it did not exist, or it came twice. */
export type LocalTimeAdjustment = "gap" | "repeated";

export interface ZonedInstant {
  /** UTC, "2027-01-11T08:00:00Z". */
  instant: string;
  adjustment?: LocalTimeAdjustment;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function offsetMinutes(timeZone: string, ms: number): number {
  const offset = tzOffset(timeZone, new Date(ms));
  if (!Number.isFinite(offset)) throw new RangeError(`unknown time zone ${JSON.stringify(timeZone)}`);
  return offset;
}

const formatInstant = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function checkDate(value: string, what: string): void {
  if (!isValidDate(value)) throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

function checkTime(value: string, what: string): void {
  if (!isValidTime(value)) throw new RangeError(`${what} must be a time HH:MM (00:00-23:59), got ${JSON.stringify(value)}`);
}

/** Milliseconds of the wall-clock date and time read as if it were UTC. */
function wallClockMs(date: string, time: string): number {
  const t = new Date(0);
  t.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  t.setUTCHours(Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  return t.getTime();
}

/** The instant of a local date and time in a time zone (gaps and repeats read as RFC 5545 says). */
export function zonedInstant(date: string, time: string, timeZone: string = SCHEDULE_TIME_ZONE): ZonedInstant {
  checkDate(date, "date");
  checkTime(time, "time");
  const wall = wallClockMs(date, time);
  // The offsets in force a day either side; a zone changes its offset at most once in two days.
  const before = offsetMinutes(timeZone, wall - DAY_MS);
  const after = offsetMinutes(timeZone, wall + DAY_MS);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((ms) => (wall - ms) / MINUTE_MS === offsetMinutes(timeZone, ms))
    .sort((a, b) => a - b);
  if (candidates.length === 0) {
    // In the gap: the offset before the gap puts it as far after the gap's start as it was meant to be.
    return { instant: formatInstant(wall - before * MINUTE_MS), adjustment: "gap" };
  }
  const first = candidates[0] as number;
  return candidates.length > 1 ? { instant: formatInstant(first), adjustment: "repeated" } : { instant: formatInstant(first) };
}

/** The local date and time ("HH:MM", seconds dropped) of an instant in a time zone. */
export function localDateTime(instant: string, timeZone: string = SCHEDULE_TIME_ZONE): { date: string; time: string } {
  const ms = Date.parse(instant);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(instant) || Number.isNaN(ms)) {
    throw new RangeError(`instant must be an ISO 8601 date-time with offset, got ${JSON.stringify(instant)}`);
  }
  const local = new Date(ms + offsetMinutes(timeZone, ms) * MINUTE_MS).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

// ---------------------------------------------------------------------------------------------
// Recurring series

/** Which holidays a series skips: both kinds (the default), only the red days, or none. */
export type HolidaySkip = "all" | "public" | "none";

export type OccurrenceException =
  /** The occurrence does not take place (it is still listed, as cancelled, with the note). */
  | { originalDate: string; kind: "cancelled"; note?: string }
  /**
   * The occurrence takes place, changed: another date, start, end or place (each optional). It is
   * held even when its date is a holiday the series skips.
   */
  | { originalDate: string; kind: "changed"; date?: string; start?: string; end?: string; placeId?: string; note?: string };

export interface RecurringSeries {
  /** Stable id (letters, digits, ".", "_", "-"): with the original date it names an occurrence. */
  id: string;
  /** One or more ISO weekdays (1 = Monday). */
  weekdays: readonly Weekday[];
  /** Local wall-clock times "HH:MM", end after start (a session does not run past midnight). */
  start: string;
  end: string;
  /** The term: the first and last date the series may fall on. */
  firstDate: string;
  lastDate: string;
  /** ISO-week parity; default "every". */
  weeks?: WeekRule;
  /** Default "all": public holidays and the de facto days off. */
  skipHolidays?: HolidaySkip;
  exceptions?: readonly OccurrenceException[];
}

export type OccurrenceStatus = "scheduled" | "changed" | "cancelled" | "skipped";

export interface Occurrence {
  seriesId: string;
  /** The date the rule gives: with seriesId the occurrence's stable identity (attendance, UIDs). */
  originalDate: string;
  /** When it takes place, local wall-clock (the rule's unless changed). */
  date: string;
  start: string;
  end: string;
  /** The same as exact instants, UTC ("2027-01-11T08:00:00Z"). */
  startsAt: string;
  endsAt: string;
  /**
   * scheduled: as the rule says; changed: held with a change; cancelled: by an exception;
   * skipped: not held because its date is a holiday the series skips.
   */
  status: OccurrenceStatus;
  /** The holidays that made it skipped. */
  skippedFor?: SwedishHoliday[];
  /** A changed place, for this occurrence only. */
  placeId?: string;
  note?: string;
  /** Set when a start or end fell in a clock-change gap or repeat (see the top of this file). */
  adjusted?: { start?: LocalTimeAdjustment; end?: LocalTimeAdjustment };
}

/** A term may be long, but not endless: a mistyped year should not expand into thousands of sessions. */
export const MAX_SERIES_DAYS = 2 * 366;

function checkInterval(start: string, end: string, what: string): void {
  checkTime(start, `${what} start`);
  checkTime(end, `${what} end`);
  if (end <= start) throw new RangeError(`${what} end ${end} must be after start ${start}`);
}

/** The dates the rule gives (before exceptions and holidays), in order. */
export function seriesRuleDates(series: RecurringSeries): string[] {
  if (typeof series.id !== "string" || !/^[A-Za-z0-9._-]{1,64}$/.test(series.id)) {
    throw new RangeError(`series id must be 1-64 letters, digits, ".", "_" or "-", got ${JSON.stringify(series.id)}`);
  }
  const weekdays = series.weekdays;
  if (!Array.isArray(weekdays) || weekdays.length === 0) throw new RangeError("a series needs at least one weekday");
  if (new Set(weekdays).size !== weekdays.length) throw new RangeError("a series lists a weekday twice");
  checkInterval(series.start, series.end, "series");
  checkDate(series.firstDate, "firstDate");
  checkDate(series.lastDate, "lastDate");
  if (compareDates(series.firstDate, series.lastDate) > 0) {
    throw new RangeError(`firstDate ${series.firstDate} is after lastDate ${series.lastDate}`);
  }
  if (compareDates(addDays(series.firstDate, MAX_SERIES_DAYS), series.lastDate) < 0) {
    throw new RangeError(`a series may span at most ${MAX_SERIES_DAYS} days`);
  }
  if (series.skipHolidays !== undefined && !["all", "public", "none"].includes(series.skipHolidays)) {
    throw new RangeError(`skipHolidays must be "all", "public" or "none", got ${JSON.stringify(series.skipHolidays)}`);
  }
  const weeks = series.weeks ?? "every";
  // weeklySlots validates the weekday and the parity.
  return weekdays
    .flatMap((weekday) =>
      weeklySlots({ weekday, weeks, start: series.start, end: series.end }, series.firstDate, series.lastDate).map((s) => s.originalDate),
    )
    .sort(compareDates);
}

/**
 * Exceptions whose original date the rule no longer gives (after the weekdays, parity or term of a
 * series changed): a service removes or re-dates them before saving, since expanding refuses them.
 */
export function exceptionsOutsideRule(series: RecurringSeries): OccurrenceException[] {
  const dates = new Set(seriesRuleDates(series));
  return (series.exceptions ?? []).filter((e) => !dates.has(e.originalDate));
}

function exceptionsByDate(series: RecurringSeries, ruleDates: ReadonlySet<string>): Map<string, OccurrenceException> {
  const byDate = new Map<string, OccurrenceException>();
  for (const e of series.exceptions ?? []) {
    checkDate(e.originalDate, "exception originalDate");
    if (!ruleDates.has(e.originalDate)) throw new RangeError(`series ${series.id} has no occurrence on ${e.originalDate}`);
    if (byDate.has(e.originalDate)) throw new RangeError(`more than one exception for ${e.originalDate}`);
    if (e.kind === "changed") {
      if (e.date !== undefined) checkDate(e.date, `changed date for ${e.originalDate}`);
      checkInterval(e.start ?? series.start, e.end ?? series.end, `changed time for ${e.originalDate}:`);
      if (e.placeId !== undefined && (typeof e.placeId !== "string" || e.placeId === "")) {
        throw new RangeError(`changed placeId for ${e.originalDate} must be a non-empty string`);
      }
    } else if (e.kind !== "cancelled") {
      throw new RangeError(`exception kind must be "cancelled" or "changed", got ${JSON.stringify((e as { kind: unknown }).kind)}`);
    }
    byDate.set(e.originalDate, e);
  }
  return byDate;
}

function skips(kind: HolidayKind, rule: HolidaySkip): boolean {
  return rule === "all" || (rule === "public" && kind === "public");
}

function timed(date: string, start: string, end: string, timeZone: string) {
  const s = zonedInstant(date, start, timeZone);
  const e = zonedInstant(date, end, timeZone);
  // A session wholly inside the spring gap (02:15-02:45) would end before it starts: it gets no length.
  const endsAt = e.instant < s.instant ? s.instant : e.instant;
  const adjusted = {
    ...(s.adjustment ? { start: s.adjustment } : {}),
    ...(e.adjustment ? { end: e.adjustment } : {}),
  };
  return { startsAt: s.instant, endsAt, ...(s.adjustment || e.adjustment ? { adjusted } : {}) };
}

export interface ExpandOptions {
  /** Default Europe/Stockholm. */
  timeZone?: string;
}

/**
 * The series' occurrences whose actual date (after changes) lies in [from, to] (default: all), in
 * order of start. Cancelled and holiday-skipped occurrences are listed too, with their status.
 */
export function seriesOccurrences(series: RecurringSeries, from?: string, to?: string, options: ExpandOptions = {}): Occurrence[] {
  const timeZone = options.timeZone ?? SCHEDULE_TIME_ZONE;
  if (from !== undefined) checkDate(from, "from");
  if (to !== undefined) checkDate(to, "to");
  const ruleDates = seriesRuleDates(series);
  const byDate = exceptionsByDate(series, new Set(ruleDates));
  const skipRule = series.skipHolidays ?? "all";
  const holidays = new Map<string, SwedishHoliday[]>();
  if (skipRule !== "none") {
    for (const h of swedishHolidaysBetween(series.firstDate, series.lastDate)) {
      if (skips(h.kind, skipRule)) holidays.set(h.date, [...(holidays.get(h.date) ?? []), h]);
    }
  }
  const occurrences: Occurrence[] = [];
  for (const originalDate of ruleDates) {
    const e = byDate.get(originalDate);
    const note = e?.note === undefined ? {} : { note: e.note };
    let occurrence: Occurrence;
    if (e?.kind === "changed") {
      const [date, start, end] = [e.date ?? originalDate, e.start ?? series.start, e.end ?? series.end];
      const place = e.placeId === undefined ? {} : { placeId: e.placeId };
      occurrence = { seriesId: series.id, originalDate, date, start, end, ...timed(date, start, end, timeZone), status: "changed", ...place, ...note };
    } else {
      const skippedFor = holidays.get(originalDate);
      const status: OccurrenceStatus = e?.kind === "cancelled" ? "cancelled" : skippedFor ? "skipped" : "scheduled";
      occurrence = {
        seriesId: series.id,
        originalDate,
        date: originalDate,
        start: series.start,
        end: series.end,
        ...timed(originalDate, series.start, series.end, timeZone),
        status,
        ...(status === "skipped" && skippedFor ? { skippedFor } : {}),
        ...note,
      };
    }
    if ((from === undefined || compareDates(occurrence.date, from) >= 0) && (to === undefined || compareDates(occurrence.date, to) <= 0)) {
      occurrences.push(occurrence);
    }
  }
  return occurrences.sort(byStart);
}

function byStart(a: Occurrence, b: Occurrence): number {
  return a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.seriesId < b.seriesId ? -1 : a.seriesId > b.seriesId ? 1 : 0;
}

/** The occurrences of several series in [from, to], merged in order of start. */
export function scheduleOccurrences(series: readonly RecurringSeries[], from: string, to: string, options: ExpandOptions = {}): Occurrence[] {
  const ids = new Set<string>();
  for (const s of series) {
    if (ids.has(s.id)) throw new RangeError(`series id ${s.id} appears twice`);
    ids.add(s.id);
  }
  return series.flatMap((s) => seriesOccurrences(s, from, to, options)).sort(byStart);
}

/** Held (scheduled or changed): what attendance, the participants' hours and the feed's live events count. */
export function isHeld(occurrence: Pick<Occurrence, "status">): boolean {
  return occurrence.status === "scheduled" || occurrence.status === "changed";
}

// ---------------------------------------------------------------------------------------------
// Who takes part

export interface Participation {
  leaderIds: readonly string[];
  groupIds: readonly string[];
  personIds: readonly string[];
}

/** A participant's or a staff member's share in a session: named as a participant or leader, or through a group. */
export function isInvolved(session: Participation, who: { ids: readonly string[]; groupIds: readonly string[] }): boolean {
  return (
    who.ids.some((id) => session.personIds.includes(id) || session.leaderIds.includes(id)) ||
    who.groupIds.some((id) => session.groupIds.includes(id))
  );
}

// ---------------------------------------------------------------------------------------------
// Week and month views

/** What a view places: anything with a local date and an instant to order by (an Occurrence, or one with more data). */
export interface Placed {
  date: string;
  startsAt: string;
}

export interface DayView<T> {
  date: string;
  weekday: Weekday;
  /** All Swedish holidays on the day (both kinds), whatever the series skip. */
  holidays: SwedishHoliday[];
  items: T[];
}

export interface WeekView<T> {
  /** ISO week-numbering year and week: 2026-12-31 is in week 53 of 2026, 2027-01-01 too. */
  year: number;
  week: number;
  /** Monday to Sunday. */
  days: DayView<T>[];
}

export interface MonthView<T> {
  year: number;
  month: number; // 1-12
  /** The ISO weeks that touch the month, each Monday to Sunday; days of the neighbouring months are marked. */
  weeks: (Omit<WeekView<T>, "days"> & { days: (DayView<T> & { inMonth: boolean })[] })[];
}

/** The Monday of an ISO week. */
export function mondayOfIsoWeek(year: number, week: number): string {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`year must be an integer 1-9999, got ${year}`);
  if (!Number.isInteger(week) || week < 1 || week > isoWeeksInYear(year)) {
    throw new RangeError(`week must be 1-${isoWeeksInYear(year)} in ${year}, got ${week}`);
  }
  const jan4 = `${String(year).padStart(4, "0")}-01-04`; // 4 January is always in week 1
  return addDays(jan4, 1 - weekdayOf(jan4) + (week - 1) * 7);
}

function itemsByDate<T extends Placed>(items: readonly T[]): Map<string, T[]> {
  const byDate = new Map<string, T[]>();
  for (const item of items) byDate.set(item.date, [...(byDate.get(item.date) ?? []), item]);
  for (const list of byDate.values()) list.sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
  return byDate;
}

function holidaysByDate(from: string, to: string): Map<string, SwedishHoliday[]> {
  const byDate = new Map<string, SwedishHoliday[]>();
  for (const h of swedishHolidaysBetween(from, to)) byDate.set(h.date, [...(byDate.get(h.date) ?? []), h]);
  return byDate;
}

function buildWeek<T extends Placed>(monday: string, items: Map<string, T[]>, holidays: Map<string, SwedishHoliday[]>): WeekView<T> {
  const { year, week } = isoWeek(monday);
  const days = Array.from({ length: 7 }, (_, i): DayView<T> => {
    const date = addDays(monday, i);
    return { date, weekday: (i + 1) as Weekday, holidays: holidays.get(date) ?? [], items: items.get(date) ?? [] };
  });
  return { year, week, days };
}

/** Every ISO week that touches [from, to], Monday to Sunday, with the items of each day in order of start. */
export function weekViews<T extends Placed>(items: readonly T[], from: string, to: string): WeekView<T>[] {
  checkDate(from, "from");
  checkDate(to, "to");
  if (compareDates(from, to) > 0) throw new RangeError(`from ${from} is after to ${to}`);
  const first = addDays(from, 1 - weekdayOf(from));
  const last = addDays(to, 7 - weekdayOf(to));
  const byDate = itemsByDate(items);
  const holidays = holidaysByDate(first, last);
  const weeks: WeekView<T>[] = [];
  for (let monday = first; compareDates(monday, last) < 0; monday = addDays(monday, 7)) weeks.push(buildWeek(monday, byDate, holidays));
  return weeks;
}

/** One ISO week. */
export function weekView<T extends Placed>(items: readonly T[], year: number, week: number): WeekView<T> {
  const monday = mondayOfIsoWeek(year, week);
  return weekViews(items, monday, addDays(monday, 6))[0] as WeekView<T>;
}

const monthStart = (year: number, month: number): string => `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`;

/** One month as a calendar grid of ISO weeks. */
export function monthView<T extends Placed>(items: readonly T[], year: number, month: number): MonthView<T> {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month must be 1-12, got ${month}`);
  const first = monthStart(year, month);
  checkDate(first, "month");
  const last = addDays(month === 12 ? monthStart(year + 1, 1) : monthStart(year, month + 1), -1);
  const prefix = first.slice(0, 7);
  const weeks = weekViews(items, first, last).map((w) => ({
    ...w,
    days: w.days.map((d) => ({ ...d, inMonth: d.date.startsWith(prefix) })),
  }));
  return { year, month, weeks };
}

/** Every month that touches [from, to]. */
export function monthViews<T extends Placed>(items: readonly T[], from: string, to: string): MonthView<T>[] {
  checkDate(from, "from");
  checkDate(to, "to");
  if (compareDates(from, to) > 0) throw new RangeError(`from ${from} is after to ${to}`);
  const views: MonthView<T>[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [lastYear, lastMonth] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    views.push(monthView(items, year, month));
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return views;
}
