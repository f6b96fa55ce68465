import { addDays } from "./calendar.ts";
import { addMonths } from "./enrolment.ts";

// When things in a participant's journey come due, computed from the data (never from hand-kept lists):
// follow-up meetings (default every 8 weeks), life-area readings (at start, every 3 months, at exit),
// the end of the planned time (12 months, a soft limit) and the 90-day follow-up after exit.
// All dates are ISO calendar dates ("YYYY-MM-DD"); comparisons are plain string comparisons.

export const FOLLOW_UP_INTERVAL_WEEKS = 8;
export const READING_INTERVAL_MONTHS = 3;
export const NINETY_DAYS = 90;
/** How close a planned end counts as "nearing". */
export const NEARING_END_DAYS = 30;
/** How long before a due date it shows as "soon". */
export const SOON_DAYS = 14;

export type DueState = "later" | "soon" | "due" | "overdue";

/** Where a due date stands today: later, within SOON_DAYS, today, or gone by. */
export function dueState(due: string, today: string, soonDays = SOON_DAYS): DueState {
  if (due < today) return "overdue";
  if (due === today) return "due";
  if (due <= addDays(today, soonDays)) return "soon";
  return "later";
}

/**
 * The next follow-up: a planned one if there is one (the earliest still planned), else 8 weeks after the
 * last one held, else 8 weeks after the start. `planned` is null when nothing is booked (then the date is
 * when one should be held by).
 */
export function nextFollowUp(input: {
  startDate: string;
  held: readonly string[];
  planned: readonly string[];
  intervalWeeks?: number;
}): { date: string; booked: boolean } {
  const booked = [...input.planned].sort()[0];
  if (booked) return { date: booked, booked: true };
  const last = [...input.held].sort().at(-1) ?? input.startDate;
  return { date: addDays(last, (input.intervalWeeks ?? FOLLOW_UP_INTERVAL_WEEKS) * 7), booked: false };
}

export type ReadingOccasion = "start" | "during" | "exit";

/**
 * The next life-area reading that is due: at start when there is none, then every 3 months after the
 * latest, and at exit once an exit date is known. Null when nothing more is due (an exit reading exists).
 */
export function nextReading(input: {
  startDate: string;
  readings: readonly { date: string; occasion: ReadingOccasion }[];
  exitDate: string | null;
  intervalMonths?: number;
}): { date: string; occasion: ReadingOccasion } | null {
  if (input.readings.some((r) => r.occasion === "exit")) return null;
  if (input.exitDate) return { date: input.exitDate, occasion: "exit" };
  const dates = input.readings.map((r) => r.date).sort();
  const last = dates.at(-1);
  if (!last) return { date: input.startDate, occasion: "start" };
  return { date: addMonths(last, input.intervalMonths ?? READING_INTERVAL_MONTHS), occasion: "during" };
}

/** The 90-day follow-up comes due 90 days after the exit date. */
export function ninetyDayDue(exitDate: string): string {
  return addDays(exitDate, NINETY_DAYS);
}

/** Nearing the planned end: within NEARING_END_DAYS of it (and not past it). */
export function nearingPlannedEnd(plannedEnd: string, today: string, withinDays = NEARING_END_DAYS): boolean {
  return plannedEnd >= today && plannedEnd <= addDays(today, withinDays);
}

export function pastPlannedEnd(plannedEnd: string, today: string): boolean {
  return plannedEnd < today;
}
