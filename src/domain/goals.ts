import type { ExitKind, ExitOccupation, NinetyDayOutcome } from "./exit.ts";
import { ageBandOf, INCOME_SOURCES, type IncomeSource } from "./intake.ts";
import { authorityKindsFor, type AuthorityKind, type Country } from "./organisation.ts";
import { isIsoDate, SEXES, type Sex } from "./person.ts";

// A program's yearly goals (KRUS: seeds 001, 003) and the arithmetic behind the dashboard. Plain rules over
// plain facts: the service reads enrolments, exits, team cases, survey tallies and 90-day follow-ups of one
// program and passes them in; nothing here knows about storage. Every figure comes with the ids behind its
// numerator and denominator, so that the page can open "the list behind the figure".
//
// What counts (period = 1 January to 31 December of the year, or to `today` when that is earlier):
// - participants: distinct people with an enrolment active on at least one day of the period
//   (start <= period end, and no end date or end >= period start). A person enrolled twice counts once;
//   the ids are their earliest such enrolment. An enrolment starting after `today` does not count yet.
// - team_cases: the collaboration team's cases handled in the period: interest requests decided (accepted
//   or not ready) and consultations answered, by the date of the decision/answer. One case counts once
//   (at its earliest date) even when the service passes it twice (e.g. postponed, then decided).
// - support_influence / more_ready: survey answers (tallied per month and question by the service, since
//   the survey is anonymous) in the period's months: agree / all answers. The ids are the tallies'.
// - occupation_after_exit: exits dated in the period; numerator: occupation at exit is work (employment,
//   subsidised employment), studies or work-oriented rehabilitation. Every exit is in the denominator,
//   interrupted ones too ("job seeking", sick leave and other are not counted as reached).
// - written_plan: exits dated in the period; numerator: left with a written final plan that the participant
//   has accepted. Every exit is in the denominator, interrupted ones too (the goal is 100 % of all who leave).
// - ninety_day: 90-day follow-ups DUE in the period (exit + 90 days) and answered; numerator: working,
//   studying or registered in Arbetsförmedlingen's ordinary services. "Not reached" is an answer and stays in
//   the denominator (unknown is not a success). Due but unanswered ones are left out of the figure and
//   listed as `pendingIds`, so the page can say how many are still to be asked. Default target 30 % (the same
//   bar as for the occupation at exit: the 90-day figure shows whether it lasted).
// Percentages are floored whole percent (89.9 % shows as 89 %); "met" compares exactly
// (numerator * 100 >= target * denominator), which for whole-percent targets agrees with the floored value.

export const GOAL_KINDS = ["participants", "team_cases", "support_influence", "more_ready", "occupation_after_exit", "written_plan", "ninety_day"] as const;
/** A program goal (not to be confused with `GoalKind` in plan.ts, the goal of a participant's plan). */
export type ProgramGoalKind = (typeof GOAL_KINDS)[number];

export type GoalMeasure = "count" | "percent";
/** What the ids behind a figure are ids of. */
export type GoalIdKind = "enrolment" | "team_case" | "survey_tally" | "exit" | "ninety_day";

export interface GoalDefinition {
  measure: GoalMeasure;
  /** KRUS's target: at least this many (count) or at least this share (whole percent). */
  defaultTarget: number;
  idKind: GoalIdKind;
}

export const GOAL_DEFINITIONS = {
  participants: { measure: "count", defaultTarget: 30, idKind: "enrolment" },
  team_cases: { measure: "count", defaultTarget: 70, idKind: "team_case" },
  support_influence: { measure: "percent", defaultTarget: 90, idKind: "survey_tally" },
  more_ready: { measure: "percent", defaultTarget: 75, idKind: "survey_tally" },
  occupation_after_exit: { measure: "percent", defaultTarget: 30, idKind: "exit" },
  written_plan: { measure: "percent", defaultTarget: 100, idKind: "exit" },
  ninety_day: { measure: "percent", defaultTarget: 30, idKind: "ninety_day" },
} as const satisfies Record<ProgramGoalKind, GoalDefinition>;

/** Occupations at exit that count as "in work, studies or work-oriented rehabilitation". */
export const REACHED_OCCUPATIONS: readonly ExitOccupation[] = ["employment", "subsidised_employment", "studies", "work_rehabilitation"];
/** 90-day outcomes that count as reached. */
export const REACHED_NINETY_DAY_OUTCOMES: readonly NinetyDayOutcome[] = ["working", "studying", "af_registered"];

/** Largest count target accepted (a sanity bound against typing mistakes). */
export const MAX_COUNT_TARGET = 10_000;
export const MIN_GOAL_YEAR = 2000;
export const MAX_GOAL_YEAR = 2100;

export interface ProgramGoals {
  programId: string;
  year: number;
  targets: Record<ProgramGoalKind, number>;
}

export function defaultProgramGoals(programId: string, year: number): ProgramGoals {
  const targets = Object.fromEntries(GOAL_KINDS.map((kind) => [kind, GOAL_DEFINITIONS[kind].defaultTarget])) as Record<ProgramGoalKind, number>;
  return { programId, year, targets };
}

export type ProgramGoalsField = "year" | ProgramGoalKind;
export type ProgramGoalsProblemCode = "notWholeNumber" | "negative" | "over100" | "tooLarge" | "yearOutOfRange" | "missing";

/**
 * Field errors for a program's goals: the year is a whole number in MIN_GOAL_YEAR..MAX_GOAL_YEAR; each target is
 * present and a whole number, not negative; percentages at most 100, counts at most MAX_COUNT_TARGET.
 */
export function programGoalsProblems(input: { year: unknown; targets: Partial<Record<ProgramGoalKind, unknown>> }): { field: ProgramGoalsField; code: ProgramGoalsProblemCode }[] {
  const problems: { field: ProgramGoalsField; code: ProgramGoalsProblemCode }[] = [];
  if (typeof input.year !== "number" || !Number.isInteger(input.year)) problems.push({ field: "year", code: "notWholeNumber" });
  else if (input.year < MIN_GOAL_YEAR || input.year > MAX_GOAL_YEAR) problems.push({ field: "year", code: "yearOutOfRange" });
  for (const kind of GOAL_KINDS) {
    const value = input.targets[kind];
    if (value === undefined || value === null) problems.push({ field: kind, code: "missing" });
    else if (typeof value !== "number" || !Number.isInteger(value)) problems.push({ field: kind, code: "notWholeNumber" });
    else if (value < 0) problems.push({ field: kind, code: "negative" });
    else if (GOAL_DEFINITIONS[kind].measure === "percent" && value > 100) problems.push({ field: kind, code: "over100" });
    else if (GOAL_DEFINITIONS[kind].measure === "count" && value > MAX_COUNT_TARGET) problems.push({ field: kind, code: "tooLarge" });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Facts

export interface EnrolmentFact {
  id: string;
  personId: string;
  startDate: string;
  /** The exit date (the enrolment's last day), null while it goes on. */
  endDate: string | null;
  sex: Sex;
  /** Only the year: enough for the age bands, and all there is for a protected identity. */
  birthYear: number;
  /** The kind of the authority that wrote the interest request. */
  referringAuthorityKind: AuthorityKind;
  incomeSourceAtStart: IncomeSource;
}

export interface ExitFact {
  id: string;
  enrolmentId: string;
  personId: string;
  exitDate: string;
  kind: ExitKind;
  occupation: ExitOccupation;
  /** Left with a written final plan that the participant accepted. */
  withWrittenPlan: boolean;
}

export interface TeamCaseFact {
  id: string;
  kind: "interest_request" | "consultation";
  /** The day the team decided the request or answered the consultation. */
  handledOn: string;
}

export const SURVEY_GOAL_QUESTIONS = ["support_influence", "more_ready"] as const;
export type SurveyGoalQuestion = (typeof SURVEY_GOAL_QUESTIONS)[number];

/** Anonymous survey answers to one question in one month: how many agreed, of how many answered. */
export interface SurveyTally {
  id: string;
  question: SurveyGoalQuestion;
  /** YYYY-MM */
  month: string;
  agree: number;
  total: number;
}

export interface NinetyDayFact {
  /** The follow-up's id (the exit's id in storage). */
  id: string;
  dueOn: string;
  /** Null while unanswered. */
  outcome: NinetyDayOutcome | null;
}

export interface GoalFacts {
  enrolments: readonly EnrolmentFact[];
  exits: readonly ExitFact[];
  teamCases: readonly TeamCaseFact[];
  survey: readonly SurveyTally[];
  ninetyDay: readonly NinetyDayFact[];
}

export interface GoalResult {
  kind: ProgramGoalKind;
  measure: GoalMeasure;
  target: number;
  numerator: number;
  /** Null for count goals. */
  denominator: number | null;
  /** The count, or the floored whole percent; null when the denominator is 0. */
  value: number | null;
  /** Null when there is nothing to measure (denominator 0). */
  met: boolean | null;
  idKind: GoalIdKind;
  numeratorIds: string[];
  /** For count goals the same as numeratorIds. */
  denominatorIds: string[];
  /** 90-day follow-ups due in the period but not answered (empty for the other goals). */
  pendingIds: string[];
}

export interface Period {
  from: string;
  to: string;
}

// ---------------------------------------------------------------------------------------------------------
// Arithmetic

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`year must be 1-9999, got ${year}`);
}

function checkDate(value: string, what: string): void {
  if (!isIsoDate(value)) throw new RangeError(`${what} must be an ISO date, got ${JSON.stringify(value)}`);
}

function checkFacts(facts: GoalFacts): void {
  for (const e of facts.enrolments) {
    checkDate(e.startDate, `enrolment ${e.id} start`);
    if (e.endDate !== null) checkDate(e.endDate, `enrolment ${e.id} end`);
    if (!Number.isInteger(e.birthYear)) throw new RangeError(`enrolment ${e.id}: birth year must be a whole number`);
  }
  for (const x of facts.exits) checkDate(x.exitDate, `exit ${x.id}`);
  for (const c of facts.teamCases) checkDate(c.handledOn, `team case ${c.id}`);
  for (const f of facts.ninetyDay) checkDate(f.dueOn, `90-day follow-up ${f.id}`);
  for (const t of facts.survey) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(t.month)) throw new RangeError(`survey tally ${t.id}: month must be YYYY-MM`);
    if (!Number.isInteger(t.agree) || !Number.isInteger(t.total) || t.agree < 0 || t.agree > t.total) {
      throw new RangeError(`survey tally ${t.id}: need 0 <= agree <= total, whole numbers`);
    }
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function lastDayOfMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate(), 2)}`;
}

/** The period a year's figures cover: the whole year, or up to `today` when that is earlier. */
export function yearPeriod(year: number, today?: string): Period {
  checkYear(year);
  const from = `${pad(year, 4)}-01-01`;
  const end = `${pad(year, 4)}-12-31`;
  if (today !== undefined) checkDate(today, "today");
  return { from, to: today !== undefined && today < end ? today : end };
}

const within = (date: string, p: Period) => date >= p.from && date <= p.to;

/** Enrolments active on a day of the period, one per person (the earliest-starting, then by id). */
export function participantsIn(enrolments: readonly EnrolmentFact[], p: Period): EnrolmentFact[] {
  const byPerson = new Map<string, EnrolmentFact>();
  for (const e of enrolments) {
    if (e.startDate > p.to || (e.endDate !== null && e.endDate < p.from)) continue;
    const seen = byPerson.get(e.personId);
    if (!seen || e.startDate < seen.startDate || (e.startDate === seen.startDate && e.id < seen.id)) byPerson.set(e.personId, e);
  }
  return sortById([...byPerson.values()]);
}

function sortById<T extends { id: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const ids = (items: readonly { id: string }[]) => items.map((i) => i.id);

function countResult(kind: ProgramGoalKind, target: number, items: readonly { id: string }[]): GoalResult {
  const n = items.length;
  return {
    kind,
    measure: "count",
    target,
    numerator: n,
    denominator: null,
    value: n,
    met: n >= target,
    idKind: GOAL_DEFINITIONS[kind].idKind,
    numeratorIds: ids(items),
    denominatorIds: ids(items),
    pendingIds: [],
  };
}

/** Floored whole percent of n / d (null when d is 0), in exact integer arithmetic. */
export function flooredPercent(n: number, d: number): number | null {
  return d === 0 ? null : Math.floor((n * 100) / d);
}

function percentResult(
  kind: ProgramGoalKind,
  target: number,
  numerator: number,
  denominator: number,
  numeratorIds: string[],
  denominatorIds: string[],
  pendingIds: string[] = [],
): GoalResult {
  return {
    kind,
    measure: "percent",
    target,
    numerator,
    denominator,
    value: flooredPercent(numerator, denominator),
    met: denominator === 0 ? null : numerator * 100 >= target * denominator,
    idKind: GOAL_DEFINITIONS[kind].idKind,
    numeratorIds,
    denominatorIds,
    pendingIds,
  };
}

function surveyResult(kind: SurveyGoalQuestion, target: number, tallies: readonly SurveyTally[], p: Period): GoalResult {
  const fromMonth = p.from.slice(0, 7);
  const toMonth = p.to.slice(0, 7);
  const inPeriod = sortById(tallies.filter((t) => t.question === kind && t.month >= fromMonth && t.month <= toMonth));
  const agree = inPeriod.reduce((sum, t) => sum + t.agree, 0);
  const total = inPeriod.reduce((sum, t) => sum + t.total, 0);
  return percentResult(kind, target, agree, total, ids(inPeriod.filter((t) => t.agree > 0)), ids(inPeriod.filter((t) => t.total > 0)));
}

/** Each goal's figure for a period (see the top of this file for what counts). */
export function evaluatePeriod(facts: GoalFacts, goals: ProgramGoals, p: Period): GoalResult[] {
  checkFacts(facts);
  const t = goals.targets;

  const participants = participantsIn(facts.enrolments, p);

  const firstHandled = new Map<string, TeamCaseFact>();
  for (const c of facts.teamCases) {
    const seen = firstHandled.get(c.id);
    if (!seen || c.handledOn < seen.handledOn) firstHandled.set(c.id, c);
  }
  const teamCases = sortById([...firstHandled.values()].filter((c) => within(c.handledOn, p)));

  const exits = sortById(facts.exits.filter((x) => within(x.exitDate, p)));
  const reachedExits = exits.filter((x) => REACHED_OCCUPATIONS.includes(x.occupation));
  const withPlan = exits.filter((x) => x.withWrittenPlan);

  const due = sortById(facts.ninetyDay.filter((f) => within(f.dueOn, p)));
  const answered = due.filter((f) => f.outcome !== null);
  const reachedNinety = answered.filter((f) => f.outcome !== null && REACHED_NINETY_DAY_OUTCOMES.includes(f.outcome));
  const pending = due.filter((f) => f.outcome === null);

  return [
    countResult("participants", t.participants, participants),
    countResult("team_cases", t.team_cases, teamCases),
    surveyResult("support_influence", t.support_influence, facts.survey, p),
    surveyResult("more_ready", t.more_ready, facts.survey, p),
    percentResult("occupation_after_exit", t.occupation_after_exit, reachedExits.length, exits.length, ids(reachedExits), ids(exits)),
    percentResult("written_plan", t.written_plan, withPlan.length, exits.length, ids(withPlan), ids(exits)),
    percentResult("ninety_day", t.ninety_day, reachedNinety.length, answered.length, ids(reachedNinety), ids(answered), ids(pending)),
  ];
}

/**
 * The dashboard's figures for a year, against the program's goals for that year. With `today`, the period
 * ends there (nothing that starts, happens or falls due later counts yet).
 */
export function evaluateGoals(facts: GoalFacts, goals: ProgramGoals, year: number, options: { today?: string } = {}): GoalResult[] {
  if (goals.year !== year) throw new RangeError(`goals are for ${goals.year}, not ${year}`);
  return evaluatePeriod(facts, goals, yearPeriod(year, options.today));
}

export interface MonthFigures {
  /** YYYY-MM */
  month: string;
  /** Year to date: from 1 January to the end of this month (or `today`). */
  period: Period;
  goals: GoalResult[];
}

/**
 * The monthly trend: for each month the same figures, CUMULATIVE year to date (1 January to the month's
 * end), so each point is read against the year's target and December equals the year's figure. With
 * `today`, months that begin after it are left out and the current month runs to `today`.
 */
export function monthlyTrend(facts: GoalFacts, goals: ProgramGoals, year: number, options: { today?: string } = {}): MonthFigures[] {
  if (goals.year !== year) throw new RangeError(`goals are for ${goals.year}, not ${year}`);
  const whole = yearPeriod(year, options.today);
  const months: MonthFigures[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${pad(year, 4)}-${pad(m, 2)}`;
    if (`${month}-01` > whole.to) break;
    const end = lastDayOfMonth(year, m);
    const period = { from: whole.from, to: end < whole.to ? end : whole.to };
    months.push({ month, period, goals: evaluatePeriod(facts, goals, period) });
  }
  return months;
}

// ---------------------------------------------------------------------------------------------------------
// Breakdowns

export const BREAKDOWN_DIMENSIONS = ["sex", "age_band", "referring_authority", "income_source"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/**
 * Age bands for the statistics: the intake bands (intake.ts, also used for anonymous consultations) with
 * everything from 30 up in one band, since the program is for young adults (priority 19-29) and more bands
 * would only give more cells to suppress. The age is the one reached during the start year (start year -
 * birth year, Statistics Sweden's "age at the end of the year"), which needs only the birth year.
 */
export const STAT_AGE_BANDS = ["under_19", "19_24", "25_29", "30_plus"] as const;
export type StatAgeBand = (typeof STAT_AGE_BANDS)[number];

export function statAgeBand(birthYear: number, startDate: string): StatAgeBand {
  const band = ageBandOf(Number(startDate.slice(0, 4)) - birthYear);
  return band === "under_19" || band === "19_24" || band === "25_29" ? band : "30_plus";
}

export function dimensionValues(dimension: BreakdownDimension, country: Country = "SE"): readonly string[] {
  switch (dimension) {
    case "sex":
      return SEXES;
    case "age_band":
      return STAT_AGE_BANDS;
    case "referring_authority":
      return authorityKindsFor(country);
    case "income_source":
      return INCOME_SOURCES;
  }
}

export function dimensionValue(e: EnrolmentFact, dimension: BreakdownDimension): string {
  switch (dimension) {
    case "sex":
      return e.sex;
    case "age_band":
      return statAgeBand(e.birthYear, e.startDate);
    case "referring_authority":
      return e.referringAuthorityKind;
    case "income_source":
      return e.incomeSourceAtStart;
  }
}

export interface BreakdownRow {
  value: string;
  count: number;
  /** The enrolments (participants) or exits counted. */
  ids: string[];
}

export type BreakdownPopulation = "participants" | "exits";

/** Who a breakdown counts: the year's participants (as in the goal) or the year's exits (by their enrolment). */
function population(facts: GoalFacts, p: Period, who: BreakdownPopulation): { id: string; enrolment: EnrolmentFact }[] {
  if (who === "participants") return participantsIn(facts.enrolments, p).map((e) => ({ id: e.id, enrolment: e }));
  const enrolments = new Map(facts.enrolments.map((e) => [e.id, e]));
  return sortById(facts.exits.filter((x) => within(x.exitDate, p))).map((x) => {
    const enrolment = enrolments.get(x.enrolmentId);
    if (!enrolment) throw new RangeError(`exit ${x.id}: enrolment ${x.enrolmentId} is not among the facts`);
    return { id: x.id, enrolment };
  });
}

/**
 * Counts per value of a dimension, for the year's participants (default) or exits. Every value of the
 * dimension's vocabulary is listed, zeros included, in vocabulary order (the referring authority kinds of
 * `country`); a value outside the vocabulary is added after them. The counts add up to the population.
 */
export function breakdown(
  facts: GoalFacts,
  dimension: BreakdownDimension,
  year: number,
  options: { population?: BreakdownPopulation; today?: string; country?: Country } = {},
): BreakdownRow[] {
  checkFacts(facts);
  const rows = new Map<string, string[]>(dimensionValues(dimension, options.country).map((v) => [v, []]));
  for (const item of population(facts, yearPeriod(year, options.today), options.population ?? "participants")) {
    const value = dimensionValue(item.enrolment, dimension);
    rows.set(value, [...(rows.get(value) ?? []), item.id]);
  }
  return [...rows.entries()].map(([value, list]) => ({ value, count: list.length, ids: list }));
}

/**
 * Counts by two dimensions at once (rows x columns, e.g. age band by sex) as a matrix for the suppressed
 * tables in suppression.ts: `counts[i][j]` for rows[i] and columns[j].
 */
export function crossTabulate(
  facts: GoalFacts,
  rowDimension: BreakdownDimension,
  columnDimension: BreakdownDimension,
  year: number,
  options: { population?: BreakdownPopulation; today?: string; country?: Country } = {},
): { rows: string[]; columns: string[]; counts: number[][] } {
  checkFacts(facts);
  const items = population(facts, yearPeriod(year, options.today), options.population ?? "participants");
  const valuesOf = (dimension: BreakdownDimension) => {
    const known = [...dimensionValues(dimension, options.country)];
    for (const item of items) {
      const value = dimensionValue(item.enrolment, dimension);
      if (!known.includes(value)) known.push(value);
    }
    return known;
  };
  const rows = valuesOf(rowDimension);
  const columns = valuesOf(columnDimension);
  const counts = rows.map(() => columns.map(() => 0));
  for (const item of items) {
    counts[rows.indexOf(dimensionValue(item.enrolment, rowDimension))]![columns.indexOf(dimensionValue(item.enrolment, columnDimension))]! += 1;
  }
  return { rows, columns, counts };
}
