import type { ExitKind, ExitOccupation, ExitReason } from "./exit.ts";
import { STAT_AGE_BANDS, statAgeBand, type StatAgeBand } from "./goals.ts";
import type { EducationLevel, IncomeSource } from "./intake.ts";
import { isIsoDate, type Sex } from "./person.ts";
import { type SuppressedCell, suppressTable } from "./suppression.ts";

// National reporting (DOMAIN.md section 7): the figures Uppföljning Finsam asks for, and the outcome export
// in the shape of the old national follow-up system (SUS). Plain rules over plain facts; the service reads the
// enrolments, exits and consents of a program and passes them in.
//
// FINSAM (counts of people per program and year, by sex):
// - sex: female, male, and "other or unknown" (the register's "other" and "not stated" together: Finsam
//   asks for women and men; the rest are kept together so that no small group stands out).
// - A person counts once per year. Their enrolments active on some day of the year decide:
//   new: the earliest of them started in the year; ongoing: it started before the year (active at some point
//   in the year and started before it); new + ongoing = the year's participants.
//   ended: none of them is still active after the year's last counted day (the person's last enrolment that
//   touches the year ended in it). Ended people are new or ongoing too.
//   With `today` in the year the year runs to today (an enrolment starting later does not count yet, and an
//   exit dated after today has not happened).
// - Suppression (for those who see aggregates only): the counts that the page shows are sums of a partition
//   of the year's participants: by sex x {new, ongoing} x {ended, still in the program}. That partition (3 rows
//   x 4 columns, with the row totals = participants per sex and the column totals) is suppressed as ONE table
//   by suppression.ts (primary, secondary and audited). The figures shown are then derived from it: a sum is
//   shown only when every part of it is shown; when its suppressed parts are a single figure (the other parts
//   shown zeros) it takes that figure's label; otherwise it is "hidden" (the sum of suppressed figures would be
//   a new fact the audit did not check). So nothing shown can be worked out from the rest, totals included.
//
// SUS-SHAPED OUTCOME ROWS (per enrolment active in the period):
// - A pseudonym per program and person (pseudonym.ts): HMAC-SHA-256 of "programId:personId" with the installation's secret
//   key, cut to 16 hex digits (64 bits). Stable across exports of the same program, different in another
//   program, and not reversible without the key (which never leaves the database).
// - sex, age band at start (STAT_AGE_BANDS: the goals' breakdown bands, start year - birth year), education
//   level and income source at start, occupation before (Spelplan does not record it at enrolment yet:
//   "not_recorded"), income source and occupation at exit, days in the program (start to exit, or to the
//   period's end while it goes on, both days counted), status, and exit kind and reason.
// - ANONYMOUS rows, as SUS registered them: a person with protected identity, or without consent to
//   follow-up registration (no consent recorded in the program, the latest one withdrawn, or the exit reason
//   "consent withdrawn"), is reported with sex and start year only: no pseudonym (a stable pseudonym would
//   link their rows across exports), no age, no dates, no outcome. Anonymous rows come after the others,
//   ordered by start year and sex only, so their place in the file tells nothing either.

export const FINSAM_SEXES = ["female", "male", "other_or_unknown"] as const;
export type FinsamSex = (typeof FINSAM_SEXES)[number];

export const FINSAM_FIGURES = ["new", "ongoing", "ended", "participants"] as const;
export type FinsamFigure = (typeof FINSAM_FIGURES)[number];

export function finsamSex(sex: Sex | string): FinsamSex {
  return sex === "female" || sex === "male" ? sex : "other_or_unknown";
}

export interface FinsamEnrolmentFact {
  id: string;
  personId: string;
  startDate: string;
  /** The enrolment's last day (the exit date), null while it goes on. */
  endDate: string | null;
  sex: Sex | string;
}

/** One sex's figures (or the total). */
export type FinsamCounts = Record<FinsamFigure, number>;

export interface FinsamYear {
  year: number;
  /** The first and last day counted (the whole year, or to `today`). */
  period: { from: string; to: string };
  bySex: Record<FinsamSex, FinsamCounts>;
  total: FinsamCounts;
  /** The partition behind the figures: [sex][new&ended, new&staying, ongoing&ended, ongoing&staying]. */
  partition: number[][];
}

export type SuppressedFinsamCounts = Record<FinsamFigure, SuppressedCell>;

export interface SuppressedFinsamYear {
  bySex: Record<FinsamSex, SuppressedFinsamCounts>;
  total: SuppressedFinsamCounts;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function checkDate(value: string, what: string): void {
  if (!isIsoDate(value)) throw new RangeError(`${what} must be an ISO date, got ${JSON.stringify(value)}`);
}

/** The year's first and last counted day: to `today` when that is earlier than 31 December. */
export function finsamPeriod(year: number, today?: string): { from: string; to: string } {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`year must be 1-9999, got ${year}`);
  if (today !== undefined) checkDate(today, "today");
  const from = `${pad(year, 4)}-01-01`;
  const end = `${pad(year, 4)}-12-31`;
  return { from, to: today !== undefined && today < end ? today : end };
}

/** The Finsam figures of one program for a year (see the top of this file). */
export function finsamYear(enrolments: readonly FinsamEnrolmentFact[], year: number, options: { today?: string } = {}): FinsamYear {
  const period = finsamPeriod(year, options.today);
  for (const e of enrolments) {
    checkDate(e.startDate, `enrolment ${e.id} start`);
    if (e.endDate !== null) checkDate(e.endDate, `enrolment ${e.id} end`);
    if (e.endDate !== null && e.endDate < e.startDate) throw new RangeError(`enrolment ${e.id} ends before it starts`);
  }
  const byPerson = new Map<string, FinsamEnrolmentFact[]>();
  for (const e of enrolments) {
    if (e.startDate > period.to || (e.endDate !== null && e.endDate < period.from)) continue;
    byPerson.set(e.personId, [...(byPerson.get(e.personId) ?? []), e]);
  }
  const partition = FINSAM_SEXES.map(() => [0, 0, 0, 0]);
  for (const list of byPerson.values()) {
    const earliest = list.reduce((a, b) => (b.startDate < a.startDate || (b.startDate === a.startDate && b.id < a.id) ? b : a));
    const isNew = earliest.startDate >= period.from;
    // Still in the program after the last counted day: an enrolment without an end, or ending later.
    const staying = list.some((e) => e.endDate === null || e.endDate > period.to);
    // The person's sex as registered (one person, one sex: the earliest enrolment's row is theirs).
    const s = FINSAM_SEXES.indexOf(finsamSex(earliest.sex));
    partition[s]![(isNew ? 0 : 2) + (staying ? 1 : 0)]! += 1;
  }
  const countsOf = (row: readonly number[]): FinsamCounts => ({
    new: row[0]! + row[1]!,
    ongoing: row[2]! + row[3]!,
    ended: row[0]! + row[2]!,
    participants: row[0]! + row[1]! + row[2]! + row[3]!,
  });
  const bySex = Object.fromEntries(FINSAM_SEXES.map((s, i) => [s, countsOf(partition[i]!)])) as Record<FinsamSex, FinsamCounts>;
  const totals = [0, 1, 2, 3].map((c) => partition.reduce((sum, row) => sum + row[c]!, 0));
  return { year, period, bySex, total: countsOf(totals), partition };
}

/** Which partition columns make up each figure. */
const PARTS: Record<FinsamFigure, readonly number[]> = { new: [0, 1], ongoing: [2, 3], ended: [0, 2], participants: [0, 1, 2, 3] };

/**
 * A figure that is a sum of suppressed partition cells: shown when every part is shown; the label of the one
 * suppressed part when the other parts are shown zeros; otherwise hidden.
 */
export function derivedCell(parts: readonly SuppressedCell[], values: readonly number[]): SuppressedCell {
  const suppressed = parts.filter((p) => !("shown" in p));
  if (suppressed.length === 0) return { shown: values.reduce((a, b) => a + b, 0) };
  const othersZero = parts.every((p) => !("shown" in p) || p.shown === 0);
  if (suppressed.length === 1 && othersZero) return suppressed[0]!;
  return { suppressed: "hidden" };
}

/** The year's figures as those who see aggregates only may see them (see the top of this file). */
export function suppressFinsam(figures: FinsamYear): SuppressedFinsamYear {
  const table = suppressTable(figures.partition);
  const rowOf = (cells: readonly SuppressedCell[], values: readonly number[], rowTotal: SuppressedCell): SuppressedFinsamCounts => ({
    new: derivedCell(PARTS.new.map((c) => cells[c]!), PARTS.new.map((c) => values[c]!)),
    ongoing: derivedCell(PARTS.ongoing.map((c) => cells[c]!), PARTS.ongoing.map((c) => values[c]!)),
    ended: derivedCell(PARTS.ended.map((c) => cells[c]!), PARTS.ended.map((c) => values[c]!)),
    // The row total is a figure of the suppressed table itself (audited there).
    participants: rowTotal,
  });
  const bySex = Object.fromEntries(FINSAM_SEXES.map((s, i) => [s, rowOf(table.cells[i]!, figures.partition[i]!, table.rowTotals[i]!)])) as Record<FinsamSex, SuppressedFinsamCounts>;
  const totals = [0, 1, 2, 3].map((c) => figures.partition.reduce((sum, row) => sum + row[c]!, 0));
  return { bySex, total: rowOf(table.columnTotals, totals, table.grandTotal) };
}

/** The exact figures in the same shape (for the program's own staff). */
export function exactFinsam(figures: FinsamYear): SuppressedFinsamYear {
  const shown = (c: FinsamCounts): SuppressedFinsamCounts => Object.fromEntries(FINSAM_FIGURES.map((f) => [f, { shown: c[f] }])) as SuppressedFinsamCounts;
  return { bySex: Object.fromEntries(FINSAM_SEXES.map((s) => [s, shown(figures.bySex[s])])) as Record<FinsamSex, SuppressedFinsamCounts>, total: shown(figures.total) };
}

// ---------------------------------------------------------------------------------------------------------
// SUS-shaped outcome rows

/** "Occupation before" of an enrolment made before the occupation at the start was asked. */
export const OCCUPATION_NOT_RECORDED = "not_recorded";

export interface OutcomeFact {
  enrolmentId: string;
  personId: string;
  startDate: string;
  endDate: string | null;
  sex: Sex | string;
  birthYear: number;
  educationLevel: EducationLevel | string;
  incomeSourceAtStart: IncomeSource | string;
  /** Null for enrolments made before the occupation at the start was asked. */
  occupationAtStart: ExitOccupation | string | null;
  exit: { date: string; kind: ExitKind; reason: ExitReason; occupation: ExitOccupation; incomeSource: IncomeSource | string } | null;
  protectedIdentity: boolean;
  /** Consent to follow-up registration: a consent recorded in the program whose latest is not withdrawn. */
  consentToFollowUp: boolean;
}

export type OutcomeStatus = "ongoing" | "ended";

export interface OutcomeRow {
  /** Null for an anonymous row. */
  pseudonym: string | null;
  anonymous: boolean;
  sex: FinsamSex;
  startYear: number;
  ageBand: StatAgeBand | null;
  educationLevel: string | null;
  incomeSourceBefore: string | null;
  occupationBefore: string | null;
  incomeSourceAfter: string | null;
  occupationAfter: string | null;
  /** Start to exit (or to the period's end), both days counted. */
  daysInProgram: number | null;
  status: OutcomeStatus | null;
  exitKind: ExitKind | null;
  exitReason: ExitReason | null;
}

export const OUTCOME_COLUMNS = [
  "pseudonym",
  "sex",
  "startYear",
  "ageBand",
  "educationLevel",
  "incomeSourceBefore",
  "occupationBefore",
  "incomeSourceAfter",
  "occupationAfter",
  "daysInProgram",
  "status",
  "exitKind",
  "exitReason",
] as const satisfies readonly (keyof OutcomeRow)[];

export const MAX_EXPORT_DAYS = 366 * 10;

export type PeriodProblem = { field: "from" | "to"; code: "date" | "toBeforeFrom" | "tooLong" };

/** Field problems of an export period: both ISO dates, to not before from, at most ten years. */
export function periodProblems(from: string, to: string): PeriodProblem[] {
  const problems: PeriodProblem[] = [];
  if (!isIsoDate(from)) problems.push({ field: "from", code: "date" });
  if (!isIsoDate(to)) problems.push({ field: "to", code: "date" });
  if (problems.length) return problems;
  if (to < from) problems.push({ field: "to", code: "toBeforeFrom" });
  else if (daysBetween(from, to) + 1 > MAX_EXPORT_DAYS) problems.push({ field: "to", code: "tooLong" });
  return problems;
}

/** Days from a to b (b - a), on ISO dates. */
export function daysBetween(a: string, b: string): number {
  const ms = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((ms(b) - ms(a)) / 86_400_000);
}

/** Whether a person is reported anonymously (protected identity, or no consent to follow-up registration). */
export function isAnonymous(f: Pick<OutcomeFact, "protectedIdentity" | "consentToFollowUp" | "exit">): boolean {
  return f.protectedIdentity || !f.consentToFollowUp || f.exit?.reason === "consent_withdrawn";
}

/**
 * The SUS-shaped rows of the enrolments active on some day of the period (from..to, ISO dates). An exit dated
 * after `to` has not happened yet in the period (the row is ongoing). `pseudonym` gives a person's pseudonym.
 */
export function outcomeRows(facts: readonly OutcomeFact[], period: { from: string; to: string }, pseudonym: (personId: string) => string): OutcomeRow[] {
  const problems = periodProblems(period.from, period.to);
  if (problems.length) throw new RangeError(`bad period: ${problems.map((p) => `${p.field} ${p.code}`).join(", ")}`);
  const named: { key: string; row: OutcomeRow }[] = [];
  const anonymous: OutcomeRow[] = [];
  for (const f of facts) {
    checkDate(f.startDate, `enrolment ${f.enrolmentId} start`);
    if (f.endDate !== null) checkDate(f.endDate, `enrolment ${f.enrolmentId} end`);
    if (f.startDate > period.to || (f.endDate !== null && f.endDate < period.from)) continue;
    const startYear = Number(f.startDate.slice(0, 4));
    if (isAnonymous(f)) {
      anonymous.push({
        pseudonym: null,
        anonymous: true,
        sex: finsamSex(f.sex),
        startYear,
        ageBand: null,
        educationLevel: null,
        incomeSourceBefore: null,
        occupationBefore: null,
        incomeSourceAfter: null,
        occupationAfter: null,
        daysInProgram: null,
        status: null,
        exitKind: null,
        exitReason: null,
      });
      continue;
    }
    const exited = f.exit !== null && f.exit.date <= period.to ? f.exit : null;
    const last = exited ? exited.date : period.to;
    const p = pseudonym(f.personId);
    named.push({
      key: `${p}:${f.startDate}:${f.enrolmentId}`,
      row: {
        pseudonym: p,
        anonymous: false,
        sex: finsamSex(f.sex),
        startYear,
        ageBand: statAgeBand(f.birthYear, f.startDate),
        educationLevel: f.educationLevel,
        incomeSourceBefore: f.incomeSourceAtStart,
        occupationBefore: f.occupationAtStart ?? OCCUPATION_NOT_RECORDED,
        incomeSourceAfter: exited ? exited.incomeSource : null,
        occupationAfter: exited ? exited.occupation : null,
        daysInProgram: last < f.startDate ? 0 : daysBetween(f.startDate, last) + 1,
        status: exited ? "ended" : "ongoing",
        exitKind: exited ? exited.kind : null,
        exitReason: exited ? exited.reason : null,
      },
    });
  }
  named.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  anonymous.sort((a, b) => a.startYear - b.startYear || FINSAM_SEXES.indexOf(a.sex) - FINSAM_SEXES.indexOf(b.sex));
  return [...named.map((n) => n.row), ...anonymous];
}

export { STAT_AGE_BANDS };
