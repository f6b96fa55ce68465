import { z } from "zod";
import type { ExitOccupation } from "../domain/exit.ts";
import {
  breakdown,
  BREAKDOWN_DIMENSIONS,
  type BreakdownDimension,
  defaultProgramGoals,
  dimensionValue,
  evaluateGoals,
  GOAL_DEFINITIONS,
  GOAL_KINDS,
  type GoalFacts,
  type GoalResult,
  MAX_GOAL_YEAR,
  MIN_GOAL_YEAR,
  monthlyTrend,
  type MonthFigures,
  type ProgramGoalKind,
  type ProgramGoals,
  programGoalsProblems,
  yearPeriod,
} from "../domain/goals.ts";
import type { IncomeSource } from "../domain/intake.ts";
import type { AuthorityKind } from "../domain/organisation.ts";
import type { Sex } from "../domain/person.ts";
import { decide, type Resource } from "../domain/policy.ts";
import type { Role } from "../domain/roles.ts";
import { programFigures, programFiguresView, type ProgramFiguresView } from "../domain/program-figures.ts";
import { type SuppressedCell, suppressCount, suppressFractions, suppressTable } from "../domain/suppression.ts";
import { comparePersonLabels, isUuid, loadPeople, type PersonLabel, personLabel } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { type Db, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { goalTargetsSchema } from "./schemas/goals.ts";
import { loadProgramFigureFacts } from "./program-figures.ts";
import { surveyGoalTallies } from "./survey-results.ts";

// A program's yearly goals and the figures behind them (issue: follow-up for managers, steering group and
// funder). The arithmetic is domain/goals.ts; this reads the facts of one program (enrolments, exits, the
// collaboration team's cases, 90-day follow-ups) and decides who sees what:
// - "aggregates.view" reads the dashboard (coordinators, the manager, the collaboration team, the steering
//   group). Those who may not list the program's people (the team, the steering group) see the figures with
//   small-number suppression (1-4 as "fewer than 5", domain/suppression.ts), never a list.
// - "person.list" opens the list behind a figure (the program's staff); every list is audited.
// - "goals.manage" sets the year's targets (the manager). Without saved targets a year has KRUS's defaults.
// Survey answers are not collected yet: the two survey goals show "nothing to measure" until they are.

export interface GoalFigure {
  kind: ProgramGoalKind;
  measure: "count" | "percent";
  target: number;
  /** Suppressed for readers who see aggregates only. */
  numerator: SuppressedCell;
  denominator: SuppressedCell | null;
  /** The count or floored percent; null when suppressed or nothing to measure. */
  value: number | null;
  met: boolean | null;
  /** 90-day follow-ups due but not answered yet (suppressed like the rest). */
  pending: SuppressedCell;
}

export interface GoalsDashboard {
  program: { id: string; name: string };
  year: number;
  today: string;
  isDefault: boolean;
  figures: GoalFigure[];
  /** Cumulative from January; only for readers who may list people (suppression of a trend is not done). */
  trend: { month: string; values: Record<ProgramGoalKind, number | null> }[] | null;
  suppressed: boolean;
  canList: boolean;
  canManage: boolean;
  years: number[];
  /** Occupancy, waiting and pre-group times, attendance, the wheel, time in program, days to first job. */
  measures: ProgramFiguresView;
  /** The same goals in earlier years (up to HISTORY_YEARS back), newest first. */
  history: { year: number; figures: GoalFigure[] }[];
  /** The year's participants by sex, age band, referring authority and income source at start. */
  breakdowns: GoalBreakdown[];
}

export interface GoalBreakdown {
  dimension: BreakdownDimension;
  rows: { value: string; count: SuppressedCell }[];
  total: SuppressedCell;
}

/** How many earlier years the dashboard compares with. */
export const HISTORY_YEARS = 4;

const goalsYear = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
  z.number({ error: "goals.errors.year" }).int({ error: "goals.errors.year" }).min(MIN_GOAL_YEAR, { error: "goals.errors.year" }).max(MAX_GOAL_YEAR, { error: "goals.errors.year" }),
);

interface ProgramRow {
  id: string;
  name: string;
  federation_id: string;
}

async function programOf(db: Db | Tx, ctx: ServiceContext, programId: string, need: "aggregates.view" | "goals.manage"): Promise<{ program: ProgramRow; role: Role }> {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const program = await db.selectFrom("programs").select(["id", "name", "federation_id"]).where("id", "=", programId).executeTakeFirst();
  if (!program) throw new NotFoundError("program");
  const resource: Resource = { type: "program", programId: program.id, federationId: program.federation_id };
  const decision = decide(ctx.actor.subject, need, resource);
  if (!decision.allowed) {
    if (decide(ctx.actor.subject, "aggregates.view", resource).allowed) throw new ForbiddenError();
    throw new NotFoundError("program");
  }
  return { program, role: decision.role };
}

const mayList = (ctx: ServiceContext, program: ProgramRow) => decide(ctx.actor.subject, "person.list", { type: "program", programId: program.id, federationId: program.federation_id }).allowed;

export async function goalsOf(db: Db | Tx, programId: string, year: number): Promise<{ goals: ProgramGoals; isDefault: boolean }> {
  const row = await db.selectFrom("program_goals").select("targets").where("program_id", "=", programId).where("year", "=", year).executeTakeFirst();
  const defaults = defaultProgramGoals(programId, year);
  if (!row) return { goals: defaults, isDefault: true };
  return { goals: { ...defaults, targets: { ...defaults.targets, ...row.targets } }, isDefault: false };
}

/** The facts of one program that the goals read (the whole history: the domain picks the year's). */
export async function loadGoalFacts(db: Db | Tx, programId: string): Promise<GoalFacts> {
  const enrolments = await db
    .selectFrom("enrolments as e")
    .innerJoin("people as p", "p.id", "e.person_id")
    .innerJoin("placements as pl", "pl.id", "e.placement_id")
    .innerJoin("interest_requests as r", "r.id", "pl.request_id")
    .innerJoin("authorities as a", "a.id", "r.referring_authority_id")
    .select(["e.id", "e.person_id", "e.start_date", "e.ended_on", "e.income_source", "p.sex", "p.birth_date", "a.kind"])
    .where("e.program_id", "=", programId)
    .execute();
  const exits = await db
    .selectFrom("exits as x")
    .leftJoin("plans as pn", "pn.enrolment_id", "x.enrolment_id")
    .select((eb) => [
      "x.id",
      "x.enrolment_id",
      "x.person_id",
      "x.exit_date",
      "x.kind",
      "x.occupation",
      "x.final_plan_version",
      eb
        .selectFrom("plan_acceptances as pa")
        .select((a) => a.fn.countAll<string>().as("n"))
        .whereRef("pa.plan_id", "=", "pn.id")
        .whereRef("pa.version", "=", "x.final_plan_version")
        .as("accepted"),
    ])
    .where("x.program_id", "=", programId)
    .execute();
  const requests = await db.selectFrom("interest_requests").select(["id", "decided_at"]).where("program_id", "=", programId).where("status", "=", "decided").where("decided_at", "is not", null).execute();
  const consultations = await db.selectFrom("consultations").select(["id", "answered_at"]).where("program_id", "=", programId).where("status", "=", "answered").where("answered_at", "is not", null).execute();
  const ninety = await db.selectFrom("ninety_day_followups").select(["exit_id", "due_on", "outcome", "answered_on"]).where("program_id", "=", programId).execute();
  return {
    enrolments: enrolments.map((e) => ({
      id: e.id,
      personId: e.person_id,
      startDate: e.start_date,
      endDate: e.ended_on,
      sex: e.sex as Sex,
      birthYear: Number(e.birth_date.slice(0, 4)),
      referringAuthorityKind: e.kind as AuthorityKind,
      incomeSourceAtStart: e.income_source as IncomeSource,
    })),
    exits: exits.map((x) => ({
      id: x.id,
      enrolmentId: x.enrolment_id,
      personId: x.person_id,
      exitDate: x.exit_date,
      kind: x.kind,
      occupation: x.occupation as ExitOccupation,
      withWrittenPlan: x.final_plan_version !== null && Number(x.accepted ?? 0) > 0,
    })),
    teamCases: [
      ...requests.map((r) => ({ id: r.id, kind: "interest_request" as const, handledOn: isoToday(r.decided_at!) })),
      ...consultations.map((c) => ({ id: c.id, kind: "consultation" as const, handledOn: isoToday(c.answered_at!) })),
    ],
    survey: await surveyGoalTallies(db, programId),
    ninetyDay: ninety.map((n) => ({ id: n.exit_id, dueOn: n.due_on, outcome: n.answered_on ? n.outcome : null })),
  };
}

function figuresOf(results: readonly GoalResult[], suppress: boolean): GoalFigure[] {
  const exits = results.find((r) => r.kind === "occupation_after_exit")!;
  const plan = results.find((r) => r.kind === "written_plan")!;
  // The two exit goals share their denominator: suppressed together, so that neither reveals the other.
  const shared = suppressFractions(exits.denominator ?? 0, [exits.numerator, plan.numerator]);
  return results.map((r): GoalFigure => {
    const pending = suppress ? suppressCount(r.pendingIds.length) : { shown: r.pendingIds.length };
    if (!suppress) {
      return { kind: r.kind, measure: r.measure, target: r.target, numerator: { shown: r.numerator }, denominator: r.denominator === null ? null : { shown: r.denominator }, value: r.value, met: r.met, pending };
    }
    if (r.measure === "count") {
      const cell = suppressCount(r.numerator);
      return { kind: r.kind, measure: r.measure, target: r.target, numerator: cell, denominator: null, value: "shown" in cell ? r.value : null, met: "shown" in cell ? r.met : r.numerator < r.target ? false : null, pending };
    }
    const fraction = r.kind === "occupation_after_exit" ? shared.figures[0]! : r.kind === "written_plan" ? shared.figures[1]! : suppressFractions(r.denominator ?? 0, [r.numerator]).figures[0]!;
    return { kind: r.kind, measure: r.measure, target: r.target, numerator: fraction.numerator, denominator: fraction.denominator, value: fraction.percent, met: fraction.percent === null ? null : r.met, pending };
  });
}

/** The dashboard of a program's goals for a year (default: this year). Audited. */
export async function goalsDashboard(ctx: ServiceContext, programId: string, yearInput: unknown): Promise<GoalsDashboard> {
  const today = isoToday(ctx.now());
  const parsedYear = goalsYear.safeParse(yearInput === undefined || yearInput === null || yearInput === "" ? Number(today.slice(0, 4)) : yearInput);
  if (!parsedYear.success) throw new NotFoundError("goals_year");
  const year = parsedYear.data;
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programOf(tx, ctx, programId, "aggregates.view");
    const canList = mayList(ctx, program);
    const { goals, isDefault } = await goalsOf(tx, program.id, year);
    const facts = await loadGoalFacts(tx, program.id);
    const options = year === Number(today.slice(0, 4)) ? { today } : year > Number(today.slice(0, 4)) ? { today: `${year}-01-01` } : {};
    const results = evaluateGoals(facts, goals, year, options);
    const trend: MonthFigures[] | null = canList ? monthlyTrend(facts, goals, year, options) : null;
    const figureFacts = await loadProgramFigureFacts(tx, program.id, facts);
    const period = yearPeriod(year, "today" in options ? options.today : undefined);
    const measures = programFiguresView(programFigures(figureFacts, period), !canList);
    const saved = await tx.selectFrom("program_goals").select("year").where("program_id", "=", program.id).execute();
    const firstYear = facts.enrolments.reduce((min, e) => Math.min(min, Number(e.startDate.slice(0, 4))), Number(today.slice(0, 4)));
    const years = [...new Set([...saved.map((s) => s.year), ...Array.from({ length: Number(today.slice(0, 4)) - firstYear + 1 }, (_, i) => firstYear + i), year])].sort((a, b) => b - a);
    const history: GoalsDashboard["history"] = [];
    for (const earlier of years.filter((y) => y < year && y >= firstYear).slice(0, HISTORY_YEARS)) {
      const { goals: then } = await goalsOf(tx, program.id, earlier);
      history.push({ year: earlier, figures: figuresOf(evaluateGoals(facts, then, earlier), !canList) });
    }
    const breakdowns = BREAKDOWN_DIMENSIONS.map((dimension): GoalBreakdown => {
      const rows = breakdown(facts, dimension, year, options);
      if (canList) return { dimension, rows: rows.map((r) => ({ value: r.value, count: { shown: r.count } })), total: { shown: rows.reduce((n, r) => n + r.count, 0) } };
      // One column: the rows and their total, with secondary suppression so no small row can be worked out.
      const table = suppressTable(rows.map((r) => [r.count]));
      return { dimension, rows: rows.map((r, i) => ({ value: r.value, count: table.cells[i]![0]! })), total: table.grandTotal };
    });
    await auditByActor(tx, ctx, role, {
      action: "goals.view",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { year, suppressed: !canList },
    });
    return {
      program: { id: program.id, name: program.name },
      year,
      today,
      isDefault,
      figures: figuresOf(results, !canList),
      trend: trend ? trend.map((m) => ({ month: m.month, values: Object.fromEntries(m.goals.map((r) => [r.kind, r.value])) as Record<ProgramGoalKind, number | null> })) : null,
      suppressed: !canList,
      canList,
      canManage: decide(ctx.actor.subject, "goals.manage", { type: "program", programId: program.id, federationId: program.federation_id }).allowed,
      years,
      measures,
      history,
      breakdowns,
    };
  });
}

export interface GoalListRow {
  /** Counted in the numerator (e.g. left with a written plan), or only in the denominator. */
  counted: boolean;
  person: PersonLabel | null;
  /** Where to open it: the participant's page, a request. */
  href: string | null;
  date: string;
  what: "enrolment" | "exit" | "ninety_day" | "interest_request" | "consultation";
}

export interface GoalList {
  program: { id: string; name: string };
  year: number;
  kind: ProgramGoalKind;
  figure: GoalFigure;
  rows: GoalListRow[];
  pending: GoalListRow[];
  /** The list was narrowed to one value of a breakdown (e.g. the women among the participants). */
  filter: { dimension: BreakdownDimension; value: string } | null;
}

/** Reads "dimension:value" (a breakdown's row) from a query string; null when absent or unknown. */
export function breakdownFilter(dimension: string | null, value: string | null): { dimension: BreakdownDimension; value: string } | null {
  if (!dimension || !value || !(BREAKDOWN_DIMENSIONS as readonly string[]).includes(dimension)) return null;
  return { dimension: dimension as BreakdownDimension, value };
}

/** The list behind one goal's figure (the program's staff only). Audited with how many were shown. */
export async function goalList(
  ctx: ServiceContext,
  programId: string,
  yearInput: unknown,
  kindInput: string,
  filter: { dimension: BreakdownDimension; value: string } | null = null,
): Promise<GoalList> {
  const year = goalsYear.safeParse(yearInput);
  if (!year.success || !(GOAL_KINDS as readonly string[]).includes(kindInput)) throw new NotFoundError("goal");
  const kind = kindInput as ProgramGoalKind;
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programOf(tx, ctx, programId, "aggregates.view");
    if (!mayList(ctx, program)) throw new ForbiddenError();
    const { goals } = await goalsOf(tx, program.id, year.data);
    const facts = await loadGoalFacts(tx, program.id);
    const options = year.data === Number(today.slice(0, 4)) ? { today } : {};
    const all = evaluateGoals(facts, goals, year.data, options);
    const result = all.find((r) => r.kind === kind)!;
    const counted = new Set(result.numeratorIds);
    const idKind = GOAL_DEFINITIONS[kind].idKind;
    const enrolmentOf = new Map(facts.enrolments.map((e) => [e.id, e]));
    const exitOf = new Map(facts.exits.map((x) => [x.id, x]));
    const ninetyOf = new Map(facts.ninetyDay.map((n) => [n.id, n]));
    const teamOf = new Map(facts.teamCases.map((c) => [c.id, c]));
    const personIds = [...result.denominatorIds, ...result.pendingIds].flatMap((id) => {
      if (idKind === "enrolment") return [enrolmentOf.get(id)?.personId ?? ""];
      if (idKind === "exit" || idKind === "ninety_day") return [exitOf.get(id)?.personId ?? ""];
      return [];
    });
    const people = await loadPeople(tx, personIds.filter(Boolean), today);
    const rowOf = (id: string): GoalListRow => {
      if (idKind === "enrolment") {
        const e = enrolmentOf.get(id)!;
        return { counted: counted.has(id), person: personLabel(ctx.actor.subject, people.get(e.personId), e.personId), href: `/enrolments/${e.id}`, date: e.startDate, what: "enrolment" };
      }
      if (idKind === "exit" || idKind === "ninety_day") {
        const x = exitOf.get(id)!;
        return {
          counted: counted.has(id),
          person: personLabel(ctx.actor.subject, people.get(x.personId), x.personId),
          href: `/enrolments/${x.enrolmentId}/exit`,
          date: idKind === "exit" ? x.exitDate : (ninetyOf.get(id)?.dueOn ?? x.exitDate),
          what: idKind,
        };
      }
      const c = teamOf.get(id)!;
      // Consultations are anonymous: no person, no link.
      return { counted: counted.has(id), person: null, href: c.kind === "interest_request" ? `/requests/${c.id}` : null, date: c.handledOn, what: c.kind };
    };
    const byName = (a: GoalListRow, b: GoalListRow) => (a.person && b.person ? comparePersonLabels(a.person, b.person) : a.date.localeCompare(b.date));
    // A breakdown's row: only the ids whose enrolment has the value (team cases and survey tallies have none).
    const keep = (id: string): boolean => {
      if (!filter) return true;
      const enrolment = idKind === "enrolment" ? enrolmentOf.get(id) : idKind === "exit" || idKind === "ninety_day" ? enrolmentOf.get(exitOf.get(id)?.enrolmentId ?? "") : undefined;
      return enrolment !== undefined && dimensionValue(enrolment, filter.dimension) === filter.value;
    };
    const rows = result.denominatorIds.filter(keep).map(rowOf).sort((a, b) => Number(b.counted) - Number(a.counted) || byName(a, b));
    const pending = result.pendingIds.filter(keep).map(rowOf).sort(byName);
    await auditByActor(tx, ctx, role, {
      action: "goals.list",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { year: year.data, goal: kind, shown: rows.length + pending.length, ...(filter ? { filter: `${filter.dimension}:${filter.value}` } : {}) },
    });
    return { program: { id: program.id, name: program.name }, year: year.data, kind, figure: figuresOf(all, false).find((f) => f.kind === kind)!, rows, pending, filter };
  });
}

/** Sets a year's targets (the manager). Audited with the targets. */
export async function setGoals(ctx: ServiceContext, programId: string, yearInput: unknown, input: unknown): Promise<void> {
  const year = goalsYear.safeParse(yearInput);
  if (!year.success) throw new NotFoundError("goals_year");
  const raw = goalTargetsSchema.safeParse(input);
  const values = raw.success ? raw.data : ({} as Record<string, unknown>);
  const targets = Object.fromEntries(
    GOAL_KINDS.map((k) => {
      const v = values[k];
      return [k, typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim().replace(/\s*%$/, ""))) : v];
    }),
  ) as Partial<Record<ProgramGoalKind, unknown>>;
  const problems = programGoalsProblems({ year: year.data, targets });
  if (problems.length > 0) throw new ValidationError(Object.fromEntries(problems.map((p) => [p.field, [`goals.errors.${p.code}`]])));
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programOf(tx, ctx, programId, "goals.manage");
    const row = { targets: JSON.stringify(targets), updated_by: ctx.actor.user.id, updated_at: ctx.now() };
    await tx
      .insertInto("program_goals")
      .values({ program_id: program.id, year: year.data, ...row })
      .onConflict((oc) => oc.columns(["program_id", "year"]).doUpdateSet(row))
      .execute();
    await auditByActor(tx, ctx, role, {
      action: "goals.set",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { year: year.data, targets },
    });
  });
}

/** Whether the reader may open the program's goals (for a link). */
export async function mayViewGoals(ctx: ServiceContext, programId: string): Promise<boolean> {
  if (!isUuid(programId)) return false;
  const program = await ctx.db.selectFrom("programs").select(["id", "federation_id"]).where("id", "=", programId).executeTakeFirst();
  return program ? decide(ctx.actor.subject, "aggregates.view", { type: "program", programId: program.id, federationId: program.federation_id }).allowed : false;
}
