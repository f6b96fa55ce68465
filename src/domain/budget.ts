// Budget and funding per program (DOMAIN.md section 7: Uppföljning Finsam asks every program for its budget
// and actual costs). Pure rules, no database: the year's budget in fixed lines (the lines of the KRUS budget),
// actual costs per month and line, the funding sources and how much of each falls in the year, the cost per
// participant, and the CSV import of actual costs.
//
// Money is exact: whole öre/øre (src/domain/money.ts), summed with sumMinor. There are exactly two divisions
// and both have a written rounding rule:
//  - a funding source's share of a year (pro rata by days; the largest-remainder-free cumulative rule below),
//  - the cost per participant (half up to whole öre).
// Percentages are given in tenths of a percent, computed in integers (half up).

import { isValidDate } from "./calendar.ts";
import { assertMinor, type Minor, parseAmount, subtractMinor, sumMinor } from "./money.ts";

/** The budget lines, in the order of the KRUS budget (seed 001, bilaga 8). */
export const BUDGET_LINE_KINDS = [
  "staff", // Personalkostnader
  "staff_overheads", // Personalomkostnader (PO)
  "supervision", // Arbetsledning
  "external_services", // Extern tjänst
  "lecturers_wellness", // Föreläsare, friskvård, aktiviteter
  "it", // IT/Tele
  "travel", // Resor
  "food_supplies", // Arbetsmiljöåtgärder, kost, div inköp
  "premises", // Lokaler
  "training", // Utbildning, handledning
  "other", // Övrigt
] as const;
export type BudgetLineKind = (typeof BUDGET_LINE_KINDS)[number];

/** Who pays: CRUX lives on many grants, KRUS on one from its federation. */
export const FUNDER_KINDS = ["state", "municipality", "region", "federation", "foundation", "company", "gift", "other"] as const;
export type FunderKind = (typeof FUNDER_KINDS)[number];

export const isBudgetLineKind = (v: unknown): v is BudgetLineKind => typeof v === "string" && (BUDGET_LINE_KINDS as readonly string[]).includes(v);
export const isFunderKind = (v: unknown): v is FunderKind => typeof v === "string" && (FUNDER_KINDS as readonly string[]).includes(v);

/** The months of a year, "YYYY-01" to "YYYY-12". */
export function monthsOf(year: number): string[] {
  checkYear(year);
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
}

/** "YYYY-MM" with a real month. */
export function isValidMonth(value: string): boolean {
  return typeof value === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`year must be 1-9999, got ${year}`);
}

// ---------------------------------------------------------------------------------------------------------
// Integer arithmetic for the two divisions

/** round(numerator / denominator) half up, for numerator >= 0 and denominator > 0, exactly (bigint). */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

/** Signed half-up (away from zero at .5) of a / b with b > 0. */
function divideRound(a: bigint, b: bigint): bigint {
  return a < 0n ? -divideHalfUp(-a, b) : divideHalfUp(a, b);
}

/** actual / budget in tenths of a percent, half up; null when the budget is 0. 1234 means 123,4 %. */
export function percentTenths(part: Minor, whole: Minor): number | null {
  assertMinor(part, "part");
  assertMinor(whole, "whole");
  if (whole <= 0) return null;
  return Number(divideRound(BigInt(part) * 1000n, BigInt(whole)));
}

// ---------------------------------------------------------------------------------------------------------
// Funding: each source's share of a year

export interface FundingSource {
  id: string;
  amount: Minor;
  /** YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

function checkSource(s: FundingSource): void {
  if (!isValidDate(s.from) || !isValidDate(s.to)) throw new RangeError(`funding period must be YYYY-MM-DD, got ${s.from} - ${s.to}`);
  if (s.from > s.to) throw new RangeError(`funding period ends before it starts: ${s.from} - ${s.to}`);
  assertMinor(s.amount, "funding amount");
  if (s.amount <= 0) throw new RangeError(`funding amount must be positive, got ${s.amount}`);
}

/**
 * How much of a source falls in `year`: pro rata by days of its period (both ends inclusive) that lie in the
 * year. Rounding rule (cumulative): the part of the amount that has fallen due by the end of day d is
 * floor(amount * daysSoFar / totalDays); a year's share is that figure at the end of the year's last day in the
 * period minus the figure at the end of the day before the year's first day in the period. So the shares of all
 * the years of a period add up to exactly the amount (the last one ends at daysSoFar = totalDays), every share
 * is within one öre of the exact proportion, and no öre is lost or made up.
 */
export function fundingShare(source: FundingSource, year: number): Minor {
  checkSource(source);
  checkYear(year);
  const start = dayNumber(source.from);
  const end = dayNumber(source.to);
  const total = BigInt(end - start + 1);
  const first = Math.max(start, dayNumber(`${String(year).padStart(4, "0")}-01-01`));
  const last = Math.min(end, dayNumber(`${String(year).padStart(4, "0")}-12-31`));
  if (first > last) return 0;
  const dueBy = (daysSoFar: number) => (BigInt(source.amount) * BigInt(daysSoFar)) / total;
  return Number(dueBy(last - start + 1) - dueBy(first - start));
}

// ---------------------------------------------------------------------------------------------------------
// The year

export interface BudgetLineInput {
  line: BudgetLineKind;
  amount: Minor;
}

export interface ActualCostInput {
  /** YYYY-MM */
  month: string;
  line: BudgetLineKind;
  /** May be negative (a credit note). */
  amount: Minor;
}

export interface LineSummary {
  line: BudgetLineKind;
  budget: Minor;
  actual: Minor;
  /** budget - actual; negative when overspent. */
  remaining: Minor;
  overspent: boolean;
  /** actual / budget in tenths of a percent (half up), null without a budget. */
  usedTenths: number | null;
}

export interface MonthSummary {
  month: string;
  /** Per line, in BUDGET_LINE_KINDS order; null where nothing was entered for the line that month. */
  lines: { line: BudgetLineKind; actual: Minor | null }[];
  total: Minor;
  /** Anything entered for the month. */
  entered: boolean;
}

export interface FundingSummary {
  sources: { id: string; amount: Minor; share: Minor }[];
  /** Sum of the shares that fall in the year. */
  total: Minor;
  /** Budget total - funding total: positive is a gap (not covered), negative is more funding than budget. */
  gap: Minor;
  covered: boolean;
  /** Funding total / budget total in tenths of a percent. */
  coveredTenths: number | null;
}

export interface BudgetYearSummary {
  year: number;
  lines: LineSummary[];
  months: MonthSummary[];
  total: Omit<LineSummary, "line">;
  funding: FundingSummary;
  /** Participants in the year (given). */
  participants: number;
  /** Actual total / participants, half up to whole öre; null with no participants. */
  costPerParticipant: Minor | null;
  /** Budget total / participants, half up; null with no participants. */
  budgetPerParticipant: Minor | null;
}

/** Actual total / participants, rounded half up (away from zero) to whole öre; null with 0 participants. */
export function costPerParticipant(total: Minor, participants: number): Minor | null {
  assertMinor(total, "total");
  if (!Number.isInteger(participants) || participants < 0) throw new RangeError(`participants must be a whole number >= 0, got ${participants}`);
  if (participants === 0) return null;
  return Number(divideRound(BigInt(total), BigInt(participants)));
}

function lineSummary(budget: Minor, actual: Minor): Omit<LineSummary, "line"> {
  const remaining = subtractMinor(budget, actual);
  return { budget, actual, remaining, overspent: remaining < 0, usedTenths: percentTenths(actual, budget) };
}

/**
 * The year: per line budget, actual, remaining and % used; every month with its actuals per line; the funding
 * that falls in the year against the budget; the cost per participant. Lines not given count 0; actuals and
 * funding outside the year are ignored. Lines and actuals must not repeat (one row per line, per month and line).
 */
export function budgetYear(input: {
  year: number;
  lines: readonly BudgetLineInput[];
  actuals: readonly ActualCostInput[];
  funding: readonly FundingSource[];
  participants: number;
}): BudgetYearSummary {
  checkYear(input.year);
  const budgets = new Map<BudgetLineKind, Minor>();
  for (const l of input.lines) {
    if (!isBudgetLineKind(l.line)) throw new RangeError(`unknown budget line ${JSON.stringify(l.line)}`);
    assertMinor(l.amount, "budget line");
    if (l.amount < 0) throw new RangeError(`a budget line must not be negative, got ${l.amount}`);
    if (budgets.has(l.line)) throw new RangeError(`budget line ${l.line} given twice`);
    budgets.set(l.line, l.amount);
  }
  const months = monthsOf(input.year);
  const cells = new Map<string, Minor>();
  for (const a of input.actuals) {
    if (!isBudgetLineKind(a.line)) throw new RangeError(`unknown budget line ${JSON.stringify(a.line)}`);
    if (!isValidMonth(a.month)) throw new RangeError(`month must be YYYY-MM, got ${JSON.stringify(a.month)}`);
    assertMinor(a.amount, "actual cost");
    if (!months.includes(a.month)) continue;
    const key = `${a.month}|${a.line}`;
    if (cells.has(key)) throw new RangeError(`actual cost for ${a.line} in ${a.month} given twice`);
    cells.set(key, a.amount);
  }
  const lines: LineSummary[] = BUDGET_LINE_KINDS.map((line) => {
    const actual = sumMinor(months.map((m) => cells.get(`${m}|${line}`) ?? 0));
    return { line, ...lineSummary(budgets.get(line) ?? 0, actual) };
  });
  const monthSummaries: MonthSummary[] = months.map((month) => {
    const row = BUDGET_LINE_KINDS.map((line) => ({ line, actual: cells.get(`${month}|${line}`) ?? null }));
    return { month, lines: row, total: sumMinor(row.map((r) => r.actual ?? 0)), entered: row.some((r) => r.actual !== null) };
  });
  const total = lineSummary(sumMinor(lines.map((l) => l.budget)), sumMinor(lines.map((l) => l.actual)));
  const sources = input.funding.map((s) => ({ id: s.id, amount: s.amount, share: fundingShare(s, input.year) }));
  const fundingTotal = sumMinor(sources.map((s) => s.share));
  const gap = subtractMinor(total.budget, fundingTotal);
  return {
    year: input.year,
    lines,
    months: monthSummaries,
    total,
    funding: { sources, total: fundingTotal, gap, covered: gap <= 0, coveredTenths: percentTenths(fundingTotal, total.budget) },
    participants: input.participants,
    costPerParticipant: costPerParticipant(total.actual, input.participants),
    budgetPerParticipant: costPerParticipant(total.budget, input.participants),
  };
}

// ---------------------------------------------------------------------------------------------------------
// CSV import of actual costs

/** Names a spreadsheet may use for a line, besides its key: the KRUS budget's Swedish names and English ones. */
const LINE_ALIASES: Record<BudgetLineKind, string[]> = {
  staff: ["personal", "personalkostnader", "personalkostnad", "lønn", "staff costs"],
  staff_overheads: ["po", "personalomkostnader", "personalomkostnader (po)", "sosiale kostnader", "staff overheads"],
  supervision: ["arbetsledning", "arbeidsledelse"],
  external_services: ["extern tjänst", "externa tjänster", "ekstern tjeneste", "external services"],
  lecturers_wellness: ["föreläsare, friskvård, aktiviteter", "föreläsare", "friskvård", "lecturers and wellness"],
  it: ["it/tele", "it", "tele"],
  travel: ["resor", "reiser"],
  food_supplies: ["arbetsmiljöåtgärder, kost, div inköp", "kost", "kost och inköp", "food and supplies"],
  premises: ["lokaler", "lokaler og husleie", "lokale"],
  training: ["utbildning, handledning", "utbildning", "opplæring"],
  other: ["övrigt", "annet"],
};

/** A line named by its key or one of its names, any case; null when unknown. */
export function lineFromName(name: string): BudgetLineKind | null {
  const text = name.trim().toLowerCase().replace(/\s+/g, " ");
  if (isBudgetLineKind(text)) return text;
  for (const kind of BUDGET_LINE_KINDS) if (LINE_ALIASES[kind].includes(text)) return kind;
  return null;
}

export type CsvRowErrorCode =
  | "columns" // not 3 or 4 fields
  | "month" // not YYYY-MM
  | "monthOutsideYear" // a month of another year than the one imported
  | "line" // unknown line
  | "amount" // not an amount (or more than two decimals)
  | "duplicate" // the same month and line twice in the file
  | "noteTooLong" // more than 300 characters
  | "quote" // an unterminated quote
  | "empty" // the file has no rows
  | "tooMany"; // more rows than IMPORT_MAX_ROWS

export interface CsvRowError {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  code: CsvRowErrorCode;
  /** The field concerned, as it was written (for the message). */
  value?: string;
}

export interface ImportedCost extends ActualCostInput {
  note: string;
  /** Where it was in the file. */
  fileLine: number;
}

export type CsvImportResult = { ok: true; rows: ImportedCost[] } | { ok: false; errors: CsvRowError[] };

export const NOTE_MAX = 300;
export const IMPORT_MAX_ROWS = 2000;

/**
 * Splits CSV text into records of fields with their line numbers. Separator ";" (what Swedish and Norwegian
 * Excel write; "," is their decimal mark), or tab; fields may be in double quotes ("" is a quote inside).
 * A byte-order mark is dropped; CRLF, LF and CR end lines; blank lines are skipped.
 */
export function splitCsv(text: string): { records: { line: number; fields: string[] }[]; unterminated: number | null } {
  const input = text.replace(/^\uFEFF/, "");
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let quotedStart = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]!.trim() === "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === "\n" || (c === "\r" && input[i + 1] !== "\n")) line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === "") {
      inQuotes = true;
      quotedStart = line;
      field = "";
    } else if (c === ";" || c === "\t") {
      fields.push(field);
      field = "";
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && input[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (inQuotes) return { records, unterminated: quotedStart };
  endRecord();
  return { records, unterminated: null };
}

const HEADER_WORDS = ["month", "månad", "måned", "manad", "maned"];

/**
 * Parses a CSV of actual costs: columns month;line;amount[;note], one row per month and line. The first row
 * is a header (month;line;amount;note or in Swedish/Norwegian) and is skipped when its first field is not a
 * month. Amounts in kronor with a decimal comma ("12 345,50"; a minus for a credit). With `year`, every month
 * must be in that year. All or nothing: any error and no row is returned, every error with its line number.
 */
export function parseActualCostsCsv(text: string, options: { year?: number } = {}): CsvImportResult {
  const { records, unterminated } = splitCsv(text);
  if (unterminated !== null) return { ok: false, errors: [{ line: unterminated, code: "quote" }] };
  const body = records.length > 0 && HEADER_WORDS.includes(records[0]!.fields[0]!.trim().toLowerCase()) ? records.slice(1) : records;
  if (body.length === 0) return { ok: false, errors: [{ line: records.length > 0 ? records[0]!.line : 1, code: "empty" }] };
  const errors: CsvRowError[] = [];
  const rows: ImportedCost[] = [];
  const seen = new Map<string, number>();
  for (const { line: fileLine, fields } of body.slice(0, IMPORT_MAX_ROWS)) {
    if (fields.length < 3 || fields.length > 4) {
      errors.push({ line: fileLine, code: "columns", value: String(fields.length) });
      continue;
    }
    const [monthText = "", lineText = "", amountText = "", noteText = ""] = fields.map((f) => f.trim());
    const month = /^\d{4}-\d$/.test(monthText) ? `${monthText.slice(0, 5)}0${monthText.slice(5)}` : monthText;
    const before = errors.length;
    if (!isValidMonth(month)) errors.push({ line: fileLine, code: "month", value: monthText });
    else if (options.year !== undefined && Number(month.slice(0, 4)) !== options.year) errors.push({ line: fileLine, code: "monthOutsideYear", value: monthText });
    const kind = lineFromName(lineText);
    if (kind === null) errors.push({ line: fileLine, code: "line", value: lineText });
    const amount = parseAmount(amountText, { allowNegative: true, allowZero: true });
    if (!amount.ok) errors.push({ line: fileLine, code: "amount", value: amountText });
    if (noteText.length > NOTE_MAX) errors.push({ line: fileLine, code: "noteTooLong" });
    if (errors.length > before || kind === null || !amount.ok) continue;
    const key = `${month}|${kind}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push({ line: fileLine, code: "duplicate", value: String(earlier) });
      continue;
    }
    seen.set(key, fileLine);
    rows.push({ month, line: kind, amount: amount.minor, note: noteText, fileLine });
  }
  if (body.length > IMPORT_MAX_ROWS) errors.push({ line: body[IMPORT_MAX_ROWS]!.line, code: "tooMany", value: String(IMPORT_MAX_ROWS) });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
