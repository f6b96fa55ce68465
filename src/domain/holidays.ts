// Swedish public holidays (helgdagar) for the scheduler. The red days ("röda dagar") are those of
// the Public Holidays Act (lag (1989:253) om allmänna helgdagar) as it stands since 2005, when
// nationaldagen replaced annandag pingst. Midsommarafton, julafton and nyårsafton are not
// holidays by law but are days off de facto (most collective agreements and the Annual Leave Act
// treat them like Sundays); programs usually skip both kinds. Everything is computed (Easter by
// the Gregorian computus), so there is no table to keep up to date and no year it stops at.
// Sundays are red days by law too; they are not listed here.

import { addDays, compareDates, isValidDate, weekdayOf, type Weekday } from "./calendar.ts";

export type SwedishHolidayKey =
  | "nyarsdagen"
  | "trettondedagJul"
  | "langfredagen"
  | "paskdagen"
  | "annandagPask"
  | "forstaMaj"
  | "kristiHimmelsfardsdag"
  | "pingstdagen"
  | "nationaldagen"
  | "midsommarafton"
  | "midsommardagen"
  | "allaHelgonsDag"
  | "julafton"
  | "juldagen"
  | "annandagJul"
  | "nyarsafton";

/** "public": a red day by law. "deFacto": not a holiday by law, but a day off in practice. */
export type HolidayKind = "public" | "deFacto";

export interface SwedishHoliday {
  date: string; // YYYY-MM-DD
  key: SwedishHolidayKey;
  /** The Swedish name, e.g. "Kristi himmelsfärdsdag" (the pages translate by key). */
  name: string;
  kind: HolidayKind;
}

/** The first year of today's set of holidays (nationaldagen became a red day in 2005). */
export const FIRST_HOLIDAY_YEAR = 2005;
const LAST_YEAR = 9999;

const NAMES: Record<SwedishHolidayKey, string> = {
  nyarsdagen: "Nyårsdagen",
  trettondedagJul: "Trettondedag jul",
  langfredagen: "Långfredagen",
  paskdagen: "Påskdagen",
  annandagPask: "Annandag påsk",
  forstaMaj: "Första maj",
  kristiHimmelsfardsdag: "Kristi himmelsfärdsdag",
  pingstdagen: "Pingstdagen",
  nationaldagen: "Sveriges nationaldag",
  midsommarafton: "Midsommarafton",
  midsommardagen: "Midsommardagen",
  allaHelgonsDag: "Alla helgons dag",
  julafton: "Julafton",
  juldagen: "Juldagen",
  annandagJul: "Annandag jul",
  nyarsafton: "Nyårsafton",
};

const DE_FACTO: ReadonlySet<SwedishHolidayKey> = new Set(["midsommarafton", "julafton", "nyarsafton"]);

function checkYear(year: number, min: number): void {
  if (!Number.isInteger(year) || year < min || year > LAST_YEAR) {
    throw new RangeError(`year must be an integer ${min}-${LAST_YEAR}, got ${year}`);
  }
}

const ymd = (year: number, month: number, day: number): string =>
  `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm: Meeus, Jones, Butcher). */
export function easterSunday(year: number): string {
  checkYear(year, 1583);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** The first date on or after `date` that falls on `weekday`. */
function onOrAfter(date: string, weekday: Weekday): string {
  return addDays(date, (weekday - weekdayOf(date) + 7) % 7);
}

/** The holidays of a year (from 2005), in date order. */
export function swedishHolidays(year: number): SwedishHoliday[] {
  checkYear(year, FIRST_HOLIDAY_YEAR);
  const easter = easterSunday(year);
  const midsommardagen = onOrAfter(ymd(year, 6, 20), 6); // the Saturday 20-26 June
  const dates: [SwedishHolidayKey, string][] = [
    ["nyarsdagen", ymd(year, 1, 1)],
    ["trettondedagJul", ymd(year, 1, 6)],
    ["langfredagen", addDays(easter, -2)],
    ["paskdagen", easter],
    ["annandagPask", addDays(easter, 1)],
    ["forstaMaj", ymd(year, 5, 1)],
    ["kristiHimmelsfardsdag", addDays(easter, 39)], // the sixth Thursday after Easter
    ["pingstdagen", addDays(easter, 49)],
    ["nationaldagen", ymd(year, 6, 6)],
    ["midsommarafton", addDays(midsommardagen, -1)], // the Friday 19-25 June
    ["midsommardagen", midsommardagen],
    ["allaHelgonsDag", onOrAfter(ymd(year, 10, 31), 6)], // the Saturday 31 October - 6 November
    ["julafton", ymd(year, 12, 24)],
    ["juldagen", ymd(year, 12, 25)],
    ["annandagJul", ymd(year, 12, 26)],
    ["nyarsafton", ymd(year, 12, 31)],
  ];
  // Two holidays can share a date (Kristi himmelsfärd on 1 May as in 2008, pingstdagen on
  // 6 June): both are listed.
  return dates
    .map(([key, date]): SwedishHoliday => ({ date, key, name: NAMES[key], kind: DE_FACTO.has(key) ? "deFacto" : "public" }))
    .sort((x, y) => compareDates(x.date, y.date));
}

/** Holidays with dates in [from, to], in date order. */
export function swedishHolidaysBetween(from: string, to: string): SwedishHoliday[] {
  for (const [what, value] of [["from", from], ["to", to]] as const) {
    if (!isValidDate(value)) throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  const result: SwedishHoliday[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const h of swedishHolidays(year)) {
      if (compareDates(h.date, from) >= 0 && compareDates(h.date, to) <= 0) result.push(h);
    }
  }
  return result;
}

/** The holidays on a date (usually none or one; Kristi himmelsfärd can fall on 1 May). */
export function swedishHolidaysOn(date: string): SwedishHoliday[] {
  return swedishHolidaysBetween(date, date);
}
