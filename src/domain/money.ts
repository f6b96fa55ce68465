// Exact money for travel money (sv. reskassa): amounts are whole öre (SEK) or øre (NOK), never floating
// point. An amount is a plain JavaScript number that must be a *safe integer* of minor units.
//
// Why safe integers and not bigint: every sum the program needs stays far inside the exact range
// (Number.MAX_SAFE_INTEGER öre is about 90 000 billion kronor; KRUS's whole yearly budget is
// 229 300 000 öre). Integer addition and subtraction are exact in that range, numbers travel through JSON,
// Zod and the JSON API as they are (bigint does not serialise), and every function here checks the range
// and throws instead of silently losing precision. Division is never needed (reports sum; they do not split).
//
// Parsing accepts what people type in Sweden and Norway ("1 234,50", "1234.5", "150 kr", "150:-", "150,-");
// formatting is done here, not by the platform's Intl, so that the server and the browser print exactly the
// same text whatever their ICU version (the same reason src/i18n formats dates with date-fns).

import { isValidDate } from "./calendar.ts";

export const CURRENCIES = ["SEK", "NOK"] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Minor units: öre (SEK) or øre (NOK), a safe integer. 1 krona = 100 öre. */
export type Minor = number;

export const MINOR_PER_MAJOR = 100;

/** Throws unless `value` is a safe integer (a valid amount in minor units). */
export function assertMinor(value: number, what = "amount"): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer number of öre/øre, got ${String(value)}`);
  }
}

/** A disbursement must be a positive amount (more than 0 öre). */
export function isPositiveAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

/** Whole kronor: 150 -> 15000 öre. */
export function fromMajor(kronor: number): Minor {
  assertMinor(kronor, "kronor");
  const minor = kronor * MINOR_PER_MAJOR;
  assertMinor(minor, "amount");
  return minor;
}

/** Exact sum; throws when a term is not a safe integer or the total would leave the exact range. */
export function sumMinor(values: Iterable<Minor>): Minor {
  let total = 0;
  for (const value of values) {
    assertMinor(value, "term");
    total += value;
    // Both terms are safe integers, so a result outside the safe range is the only way to lose exactness.
    if (!Number.isSafeInteger(total)) throw new RangeError("sum of amounts is too large to be exact");
  }
  return total;
}

export function subtractMinor(a: Minor, b: Minor): Minor {
  assertMinor(a, "a");
  assertMinor(b, "b");
  const result = a - b;
  if (!Number.isSafeInteger(result)) throw new RangeError("difference of amounts is too large to be exact");
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Parsing

export type ParseAmountError =
  | "empty" // nothing typed
  | "invalid" // not an amount ("abc", "1,2,3", "12 34")
  | "too_many_decimals" // more than two decimals: money is never rounded silently
  | "negative" // a minus sign where it is not allowed
  | "zero" // 0 where a positive amount is needed
  | "too_large"; // outside the exact range

export type ParseAmountResult = { ok: true; minor: Minor } | { ok: false; error: ParseAmountError };

export interface ParseAmountOptions {
  /** Allow a leading minus sign (e.g. a correction). Default false: a disbursement must be positive. */
  allowNegative?: boolean;
  /** Allow 0. Default false. */
  allowZero?: boolean;
}

/** Spaces people (and copy-paste) use between digit groups: space, no-break, narrow no-break, thin. */
const GROUP_SPACES = /[ \u00a0\u202f\u2009]/g;
/** Currency marks around the number: "kr", "kr.", "SEK", "NOK", "150:-", "150,-". */
const CURRENCY_PREFIX = /^(?:kr\.?|sek|nok)\s*/i;
const CURRENCY_SUFFIX = /\s*(?::-|,-|kr\.?|sek|nok)$/i;
/** At most 13 digits of kronor: with 2 decimals that is 15 digits, well inside the exact range. */
const MAX_INTEGER_DIGITS = 13;

/** Digits written with an optional group separator: "1234", "1 234", "1.234.567" (groups of three). */
function integerDigits(text: string, group: string | null): string | null {
  if (text === "") return "";
  if (group === null) return /^\d+$/.test(text) ? text : null;
  const parts = text.split(group);
  if (parts.length === 1) return /^\d+$/.test(text) ? text : null;
  const [first, ...rest] = parts;
  if (!first || !/^\d{1,3}$/.test(first) || !rest.every((p) => /^\d{3}$/.test(p))) return null;
  return parts.join("");
}

/**
 * Parses an amount typed by a person, Swedish or Norwegian style, into öre/øre.
 * "1 234,50", "1234,5", "1234.5", "1.234,50", "150 kr", "kr 150", "150:-", "150,-", ",50", "-20" (if allowed).
 * Grouping must be regular (groups of three) so that "12 34" or "1,2,3" are refused rather than guessed.
 * With both "," and "." the last one is the decimal mark; with only "," it is the decimal mark (Swedish);
 * a single "." is the decimal mark ("1234.5"), several are grouping ("1.234.567"). So "1.234" reads as
 * 1,234 kr with three decimals and is refused (too_many_decimals) rather than guessed to be 1 234 kr.
 */
export function parseAmount(input: string, options: ParseAmountOptions = {}): ParseAmountResult {
  let text = String(input ?? "").trim();
  if (text === "") return { ok: false, error: "empty" };
  let negative = false;
  if (/^[-\u2212]/.test(text)) {
    negative = true;
    text = text.slice(1).trim();
  }
  text = text.replace(CURRENCY_PREFIX, "").replace(CURRENCY_SUFFIX, "").trim();
  if (!negative && /^[-\u2212]/.test(text)) {
    // "kr -150"
    negative = true;
    text = text.slice(1).trim();
  }
  if (text === "") return { ok: false, error: "invalid" };
  text = text.replace(GROUP_SPACES, " ");

  const lastComma = text.lastIndexOf(",");
  const lastDot = text.lastIndexOf(".");
  let decimalMark: string | null = null;
  let group: string | null = text.includes(" ") ? " " : null;
  if (lastComma >= 0 && lastDot >= 0) {
    decimalMark = lastComma > lastDot ? "," : ".";
    if (group !== null) return { ok: false, error: "invalid" }; // three kinds of separators
    group = decimalMark === "," ? "." : ",";
  } else if (lastComma >= 0) {
    if (text.indexOf(",") !== lastComma) return { ok: false, error: "invalid" }; // "1,234,567" is ambiguous
    decimalMark = ",";
  } else if (lastDot >= 0) {
    if (text.indexOf(".") === lastDot) decimalMark = ".";
    else if (group === null) group = ".";
    else return { ok: false, error: "invalid" };
  }

  const [intText, fracText = ""] = decimalMark === null ? [text] : [text.slice(0, text.lastIndexOf(decimalMark)), text.slice(text.lastIndexOf(decimalMark) + 1)];
  if (intText === undefined) return { ok: false, error: "invalid" };
  const digits = integerDigits(intText, group);
  if (digits === null) return { ok: false, error: "invalid" };
  if (!/^\d*$/.test(fracText)) return { ok: false, error: "invalid" };
  if (digits === "" && fracText === "") return { ok: false, error: "invalid" };
  if (fracText.length > 2) return { ok: false, error: "too_many_decimals" };
  const intDigits = digits.replace(/^0+(?=\d)/, "");
  if (intDigits.length > MAX_INTEGER_DIGITS) return { ok: false, error: "too_large" };

  // Whole strings of digits become integers exactly (at most 15 digits here): no fractional arithmetic.
  const magnitude = Number(intDigits || "0") * MINOR_PER_MAJOR + Number(fracText.padEnd(2, "0"));
  if (magnitude === 0) {
    return options.allowZero ? { ok: true, minor: 0 } : { ok: false, error: "zero" };
  }
  if (negative && !options.allowNegative) return { ok: false, error: "negative" };
  return { ok: true, minor: negative ? -magnitude : magnitude };
}

// ---------------------------------------------------------------------------------------------------------
// Formatting

/** The app's locales ("sv", "nb", "en") or their regional forms. */
export type MoneyLocale = "sv" | "nb" | "en" | "sv-SE" | "nb-NO" | "en-GB";

const NBSP = "\u00a0";
const MINUS = "\u2212";

function language(locale: MoneyLocale): "sv" | "nb" | "en" {
  const lang = locale.slice(0, 2);
  if (lang === "sv" || lang === "nb" || lang === "en") return lang;
  throw new RangeError(`unknown locale ${JSON.stringify(locale)}`);
}

function groupDigits(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** "-1234.50": a plain decimal string with a dot and no grouping, for CSV and machine use. */
export function toDecimalString(minor: Minor): string {
  assertMinor(minor);
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / MINOR_PER_MAJOR); // exact: integer division of a safe integer
  const cents = abs % MINOR_PER_MAJOR;
  return `${minor < 0 ? "-" : ""}${whole}.${String(cents).padStart(2, "0")}`;
}

/**
 * For display, always with two decimals:
 * sv: "1 234,50 kr" (SEK) / "1 234,50 NOK"; nb: "1 234,50 kr" (NOK) / "1 234,50 SEK";
 * en: "SEK 1,234.50" / "-SEK 1,234.50". Groups and the space before the currency are no-break spaces;
 * sv and nb write a negative amount with a real minus sign (as CLDR does), en with a hyphen.
 */
export function formatMoney(minor: Minor, currency: Currency, locale: MoneyLocale): string {
  assertMinor(minor);
  if (!(CURRENCIES as readonly string[]).includes(currency)) throw new RangeError(`unknown currency ${JSON.stringify(currency)}`);
  const lang = language(locale);
  const [whole = "0", cents = "00"] = toDecimalString(Math.abs(minor)).split(".");
  if (lang === "en") {
    return `${minor < 0 ? "-" : ""}${currency}${NBSP}${groupDigits(whole, ",")}.${cents}`;
  }
  const home: Currency = lang === "sv" ? "SEK" : "NOK";
  const symbol = currency === home ? "kr" : currency;
  return `${minor < 0 ? MINUS : ""}${groupDigits(whole, NBSP)},${cents}${NBSP}${symbol}`;
}

// ---------------------------------------------------------------------------------------------------------
// Travel money: budget, disbursements and the report

export interface Disbursement {
  personId: string;
  /** YYYY-MM-DD, the day it was paid. */
  date: string;
  /** Positive, in minor units. */
  amount: Minor;
}

function checkDisbursement(d: Disbursement): void {
  if (!isValidDate(d.date)) throw new RangeError(`disbursement date must be YYYY-MM-DD, got ${JSON.stringify(d.date)}`);
  assertMinor(d.amount, "disbursement amount");
  if (d.amount <= 0) throw new RangeError(`a disbursement must be positive, got ${d.amount}`);
}

export interface BudgetBalance {
  budget: Minor;
  disbursed: Minor;
  /** budget - disbursed; negative when overspent. */
  balance: Minor;
  overspent: boolean;
}

/** Balance against the budget. */
export function budgetBalance(budget: Minor, disbursements: readonly Disbursement[]): BudgetBalance {
  assertMinor(budget, "budget");
  if (budget < 0) throw new RangeError(`budget must not be negative, got ${budget}`);
  disbursements.forEach(checkDisbursement);
  const disbursed = sumMinor(disbursements.map((d) => d.amount));
  const balance = subtractMinor(budget, disbursed);
  return { budget, disbursed, balance, overspent: balance < 0 };
}

export interface MonthTotal {
  /** YYYY-MM */
  month: string;
  total: Minor;
  count: number;
}

export interface ParticipantTotal {
  personId: string;
  total: Minor;
  count: number;
}

/** Totals per calendar month, in month order; only months with disbursements. */
export function totalsByMonth(disbursements: readonly Disbursement[]): MonthTotal[] {
  const byMonth = new Map<string, Minor[]>();
  for (const d of disbursements) {
    checkDisbursement(d);
    const month = d.date.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), d.amount]);
  }
  return [...byMonth.keys()].sort().map((month) => {
    const amounts = byMonth.get(month)!;
    return { month, total: sumMinor(amounts), count: amounts.length };
  });
}

/** Totals per participant, largest first (then by person id, so the order is stable). */
export function totalsByParticipant(disbursements: readonly Disbursement[]): ParticipantTotal[] {
  const byPerson = new Map<string, Minor[]>();
  for (const d of disbursements) {
    checkDisbursement(d);
    byPerson.set(d.personId, [...(byPerson.get(d.personId) ?? []), d.amount]);
  }
  return [...byPerson.entries()]
    .map(([personId, amounts]) => ({ personId, total: sumMinor(amounts), count: amounts.length }))
    .sort((a, b) => b.total - a.total || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
}

export interface TravelMoneyReport extends BudgetBalance {
  year: number;
  currency: Currency;
  /** All twelve months of the year, in order, zero where nothing was paid. */
  months: MonthTotal[];
  participants: ParticipantTotal[];
  count: number;
}

/**
 * The yearly travel-money report: balance against the year's budget, per month (all twelve) and per
 * participant. Only disbursements dated in `year` count; others are ignored (the budget is per year).
 */
export function travelMoneyReport(input: {
  year: number;
  currency: Currency;
  budget: Minor;
  disbursements: readonly Disbursement[];
}): TravelMoneyReport {
  if (!Number.isInteger(input.year) || input.year < 1 || input.year > 9999) throw new RangeError(`year must be 1-9999, got ${input.year}`);
  if (!(CURRENCIES as readonly string[]).includes(input.currency)) throw new RangeError(`unknown currency ${JSON.stringify(input.currency)}`);
  input.disbursements.forEach(checkDisbursement);
  const prefix = `${String(input.year).padStart(4, "0")}-`;
  const ofYear = input.disbursements.filter((d) => d.date.startsWith(prefix));
  const byMonth = new Map(totalsByMonth(ofYear).map((m) => [m.month, m]));
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = `${prefix}${String(i + 1).padStart(2, "0")}`;
    return byMonth.get(month) ?? { month, total: 0, count: 0 };
  });
  return {
    year: input.year,
    currency: input.currency,
    ...budgetBalance(input.budget, ofYear),
    months,
    participants: totalsByParticipant(ofYear),
    count: ofYear.length,
  };
}
