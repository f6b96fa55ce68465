// Recurring meetings: weekly slots by ISO week parity ("every other Tuesday in even weeks"),
// cadences ("every 3 weeks") and one-off exceptions (cancelled or moved slots). Dates are
// YYYY-MM-DD and times HH:MM in the program's own local time. Internally a date is a day number
// (days since 1970-01-01), computed in UTC, so no result depends on the machine's time zone or
// on daylight saving time. No imports, so it runs under Node's type stripping as is.

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO: 1 = Monday ... 7 = Sunday
export type WeekRule = "every" | "even" | "odd"; // which ISO weeks

export interface WeeklyRule {
  weekday: Weekday;
  weeks: WeekRule;
  start: string; // "13:00"
  end: string; // "14:00", after start
}

export interface SlotException {
  /** The date the rule would have given. */
  date: string;
  /** Cancelled (e.g. a holiday): the slot is listed with status "cancelled". */
  cancelled?: boolean;
  /** Moved: the slot takes place on this date/time instead (status "moved", originalDate kept). */
  movedTo?: { date: string; start: string; end: string };
  note?: string;
}

export interface Slot {
  /** The date the rule gives: the slot's stable identity (bookings refer to it). */
  originalDate: string;
  /** When it actually takes place (same as originalDate unless moved). */
  date: string;
  start: string;
  end: string;
  status: "scheduled" | "cancelled" | "moved";
  note?: string;
}

export interface CadenceRule {
  /** A date on which a meeting takes place; the series runs every `intervalWeeks` weeks from it, both directions. */
  anchor: string;
  intervalWeeks: number; // >= 1
  start: string;
  durationMinutes: number; // > 0, the meeting may not run past midnight
}

type Exceptions = readonly SlotException[];

const pad = (n: number, width: number): string => String(n).padStart(width, "0");
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a civil date; UTC only, so the machine's time zone never enters. */
function dayNumber(year: number, month: number, day: number): number {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0-99 as they are
  return Math.round(t.getTime() / DAY_MS);
}

function formatDay(days: number): string {
  const t = new Date(days * DAY_MS);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isValidDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // An impossible day (31 April, 29 February 2026, day 00) comes back as another date.
  return month >= 1 && month <= 12 && formatDay(dayNumber(year, month, day)) === value;
}

/** Day number of a validated date; `what` names the argument in the error message. */
function parseDate(value: string, what = "date"): number {
  if (typeof value !== "string" || !isValidDate(value)) {
    throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return dayNumber(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10)));
}

/** "HH:MM", 00:00-23:59. */
export function isValidTime(value: string): boolean {
  return typeof value === "string" && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/** Minutes after midnight of a validated time. */
function parseTime(value: string, what = "time"): number {
  if (!isValidTime(value)) {
    throw new RangeError(`${what} must be a time HH:MM (00:00-23:59), got ${JSON.stringify(value)}`);
  }
  return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
}

function checkInterval(start: string, end: string, what: string): void {
  if (parseTime(end, `${what} end`) <= parseTime(start, `${what} start`)) {
    throw new RangeError(`${what} end ${end} must be after start ${start}`);
  }
}

// 1970-01-01 (day 0) was a Thursday.
const weekdayOfDay = (days: number): Weekday => ((((((days + 3) % 7) + 7) % 7) + 1) as Weekday);

export function weekdayOf(date: string): Weekday {
  return weekdayOfDay(parseDate(date));
}

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return formatDay(parseDate(date) + days);
}

export function compareDates(a: string, b: string): number {
  return Math.sign(parseDate(a, "a") - parseDate(b, "b"));
}

/** ISO week of a day number: the week (Monday-Sunday) belongs to the year of its Thursday. */
function isoWeekOfDay(days: number): { year: number; week: number } {
  const thursday = days - weekdayOfDay(days) + 4;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  return { year, week: Math.floor((thursday - dayNumber(year, 1, 1)) / 7) + 1 };
}

export function isoWeek(date: string): { year: number; week: number } {
  return isoWeekOfDay(parseDate(date));
}

export function isoWeeksInYear(year: number): 52 | 53 {
  if (!Number.isInteger(year)) throw new RangeError(`year must be an integer, got ${year}`);
  // 28 December always lies in the last ISO week of its year.
  return isoWeekOfDay(dayNumber(year, 12, 28)).week === 53 ? 53 : 52;
}

function checkWeeklyRule(rule: WeeklyRule): void {
  if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
    throw new RangeError(`weekday must be 1 (Monday) ... 7 (Sunday), got ${rule.weekday}`);
  }
  if (!["every", "even", "odd"].includes(rule.weeks)) {
    throw new RangeError(`weeks must be "every", "even" or "odd", got ${JSON.stringify(rule.weeks)}`);
  }
  checkInterval(rule.start, rule.end, "rule");
}

/** Exceptions by date, validated: well-formed, at most one per date, not both cancelled and moved. */
function exceptionsByDate(exceptions: Exceptions): Map<string, SlotException> {
  const byDate = new Map<string, SlotException>();
  for (const e of exceptions) {
    parseDate(e.date, "exception date");
    if (byDate.has(e.date)) throw new RangeError(`more than one exception for ${e.date}`);
    if (e.movedTo) {
      if (e.cancelled) throw new RangeError(`exception for ${e.date} is both cancelled and moved`);
      parseDate(e.movedTo.date, "movedTo date");
      checkInterval(e.movedTo.start, e.movedTo.end, `movedTo for ${e.date}:`);
    }
    byDate.set(e.date, e);
  }
  return byDate;
}

const weekMatches = (days: number, weeks: WeekRule): boolean =>
  weeks === "every" || (isoWeekOfDay(days).week % 2 === 0) === (weeks === "even");

/** The rule's dates from day `first` on, without end (as day numbers). */
function* ruleDays(rule: WeeklyRule, first: number): Generator<number> {
  let day = first + ((rule.weekday - weekdayOfDay(first) + 7) % 7);
  for (; ; day += 7) if (weekMatches(day, rule.weeks)) yield day;
}

function slotOn(rule: WeeklyRule, day: number, byDate: Map<string, SlotException>): Slot {
  const date = formatDay(day);
  const e = byDate.get(date);
  const note = e?.note === undefined ? {} : { note: e.note };
  if (e?.movedTo) {
    const { date: movedDate, start, end } = e.movedTo;
    return { originalDate: date, date: movedDate, start, end, status: "moved", ...note };
  }
  const status = e?.cancelled ? "cancelled" : "scheduled";
  return { originalDate: date, date, start: rule.start, end: rule.end, status, ...note };
}

/** Slots with originalDate in [from, to], in that order, exceptions applied (moved ones wherever they went). */
export function weeklySlots(rule: WeeklyRule, from: string, to: string, exceptions: Exceptions = []): Slot[] {
  checkWeeklyRule(rule);
  const [first, last] = [parseDate(from, "from"), parseDate(to, "to")];
  const byDate = exceptionsByDate(exceptions);
  const slots: Slot[] = [];
  for (const day of ruleDays(rule, first)) {
    if (day > last) break;
    slots.push(slotOn(rule, day, byDate));
  }
  return slots;
}

/** The next `count` slots with originalDate >= today that are not cancelled (moved ones included). */
export function nextSlots(rule: WeeklyRule, today: string, count: number, exceptions: Exceptions = []): Slot[] {
  checkWeeklyRule(rule);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const byDate = exceptionsByDate(exceptions);
  const slots: Slot[] = [];
  // Terminates: there are finitely many exceptions, so only finitely many slots are cancelled.
  for (const day of ruleDays(rule, parseDate(today, "today"))) {
    if (slots.length === count) break;
    const slot = slotOn(rule, day, byDate);
    if (slot.status !== "cancelled") slots.push(slot);
  }
  return slots;
}

/** "13:00" + 120 -> "15:00". Throws when the end would not be a time of the same day (after 23:59). */
export function endTime(start: string, durationMinutes: number): string {
  const begin = parseTime(start, "start");
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0) {
    throw new RangeError(`durationMinutes must be a positive integer, got ${durationMinutes}`);
  }
  const end = begin + durationMinutes;
  if (end >= 24 * 60) {
    throw new RangeError(`a meeting from ${start} lasting ${durationMinutes} minutes would run to or past midnight`);
  }
  return `${pad(Math.floor(end / 60), 2)}:${pad(end % 60, 2)}`;
}

/** The cadence's dates in [from, to], in order: every intervalWeeks weeks from the anchor, both directions. */
export function cadenceDates(rule: CadenceRule, from: string, to: string): string[] {
  const anchor = parseDate(rule.anchor, "anchor");
  if (!Number.isInteger(rule.intervalWeeks) || rule.intervalWeeks < 1) {
    throw new RangeError(`intervalWeeks must be an integer >= 1, got ${rule.intervalWeeks}`);
  }
  endTime(rule.start, rule.durationMinutes); // validates start, duration and midnight
  const [first, last] = [parseDate(from, "from"), parseDate(to, "to")];
  const period = rule.intervalWeeks * 7;
  const dates: string[] = [];
  for (let day = anchor + Math.ceil((first - anchor) / period) * period; day <= last; day += period) {
    dates.push(formatDay(day));
  }
  return dates;
}
