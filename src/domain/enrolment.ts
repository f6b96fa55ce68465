import { isIsoDate } from "./person.ts";

// Enrolment dates. The planned end is a number of months after the start (12 by default for KRUS):
// a soft limit, after which a passive form of contact is possible.

/** Adds months to an ISO date, keeping the day where the month has it (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** The planned end of an enrolment starting on `startDate` (ISO), or null while that is not a date. */
export function plannedEndDate(startDate: string, plannedMonths: number): string | null {
  const start = startDate.trim();
  return isIsoDate(start) ? addMonths(start, plannedMonths) : null;
}
