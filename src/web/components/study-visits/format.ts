import { format } from "date-fns";
import { enGB, nb, sv } from "date-fns/locale";
import { isoWeek } from "../../../domain/calendar.ts";
import type { Translator } from "../../../i18n/index.ts";

// How study-visit days and times read on the pages. Dates are formatted with date-fns (the same
// locale data on the server and in the browser), never with the platform's Intl.

const LOCALES = { sv, nb, en: enGB } as const;
const LONG: Record<Translator["locale"], string> = { sv: "EEEE d MMMM yyyy", nb: "EEEE d. MMMM yyyy", en: "EEEE d MMMM yyyy" };

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** "tisdag 8 december 2026" (capitalised at the start of a sentence or a cell). */
export function dayLabel(t: Translator, iso: string, options: { capital?: boolean } = {}): string {
  const text = format(new Date(`${iso}T12:00:00`), LONG[t.locale], { locale: LOCALES[t.locale] });
  return options.capital ? capitalise(text) : text;
}

/** "tisdag" (or "Tisdag" with `capital`) for ISO weekdays 1 (Monday) ... 7 (Sunday). */
export function weekdayName(t: Translator, weekday: number, options: { capital?: boolean } = {}): string {
  const name = LOCALES[t.locale].localize.day((weekday % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6, { width: "wide" });
  return options.capital ? capitalise(name) : name;
}

/** "13:00–14:00" */
export function timeRange(start: string, end: string): string {
  return `${start}–${end}`;
}

export function weekNumber(iso: string): number {
  return isoWeek(iso).week;
}

export interface SlotFacts {
  originalDate: string;
  date: string;
  start: string;
  end: string;
  status: "scheduled" | "cancelled" | "moved";
}

/** The day and time a slot actually takes place, e.g. for a booking form's options. */
export function slotWhen(t: Translator, slot: SlotFacts): string {
  return `${dayLabel(t, slot.date, { capital: true })}, ${timeRange(slot.start, slot.end)}`;
}
