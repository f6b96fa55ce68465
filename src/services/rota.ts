import { addDays } from "../domain/calendar.ts";
import { decide, type Resource } from "../domain/policy.ts";
import { dutyCounts, type DutyHistory, planRota, replanRota, type RotaAssignment, type RotaDay, type SwapError, swapDuties } from "../domain/rota.ts";
import { comparePersonLabels, isUuid, loadPeople, type PersonLabel, personLabel } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { type Db, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { expectedFrom, loadMemberships, scheduleItems } from "./schedule.ts";
import { validate } from "./schemas/common.ts";
import { type RotaPeriod, rotaPeriodSchema, rotaSwapSchema } from "./schemas/rota.ts";

// The breakfast rota: on the ordinary group's group days breakfast is the participants' shared
// responsibility. The rules (who, fairly, swaps, re-planning) are pure (src/domain/rota.ts); this module
// finds the group days and who is available on each, keeps the duties, and checks who may do what.
//
// Group days: the dates on which the program's schedule has a session for the ordinary group that is
// neither cancelled nor skipped for a holiday and starts before noon (breakfast is served then).
//
// Available on a group day: in the ordinary group that day (an enrolment that has started and not ended),
// and without an excused absence recorded ahead for that day's morning session (attendance "absent with
// notice" or "sick": that is how staff register leave or a known absence in advance).
//
// Who: everyone who may see the program's activities sees the rota; the participants' names only those who
// may also see the program's people (its staff). A volunteer sees the group days and whether breakfast is
// covered, never who. Planning, re-planning and swaps: "activities.manage" (coordinators, the manager).
// Protected identities are masked unless the reader works directly with the person. Every read that shows
// names and every change is in the audit log.

/** People on duty per group day. */
export const PER_DAY = 1;
/** Sessions starting before this (local time) are the morning sessions, where breakfast is served. */
const NOON = "12:00";
/** The default period: the coming four weeks from today. */
const DEFAULT_DAYS = 28;

export type RotaPerson = PersonLabel;

export interface RotaDutyView {
  person: RotaPerson;
  /** Still available that day (false: an excused absence was recorded after planning, or they left). */
  available: boolean;
}

export interface RotaDayView {
  date: string;
  /** False: a duty is kept for a date that is no longer a group day (the session was cancelled). */
  groupDay: boolean;
  /** Before today: history, kept as it was. */
  past: boolean;
  /** The morning session's start (HH:MM), when a group day. */
  start: string | null;
  /** Who is on duty; empty for readers who may not see names (see onDuty). */
  duties: RotaDutyView[];
  /** How many are on duty (also for readers who see no names). */
  onDuty: number;
  /** How many could have the duty that day. */
  availableCount: number;
  /** A group day from today on with fewer than PER_DAY on duty who are available. */
  shortfall: number;
}

export interface RotaCountView {
  person: RotaPerson;
  /** Duties in the period shown. */
  inPeriod: number;
  /** All duties so far and planned up to the end of the period. */
  total: number;
}

export interface RotaView {
  program: { id: string; name: string };
  from: string;
  to: string;
  today: string;
  perDay: number;
  /** Whether the reader sees who is on duty. */
  seesNames: boolean;
  canManage: boolean;
  days: RotaDayView[];
  /** Per person in the ordinary group during the period (only for readers who see names), fewest first. */
  counts: RotaCountView[];
  /** Those in the ordinary group during the period (the swap form), names first. Empty without names. */
  participants: RotaPerson[];
}

interface ProgramRow {
  id: string;
  name: string;
  federation_id: string;
}

type RotaAction = "activities.view" | "activities.manage";

const programResource = (program: ProgramRow): Resource => ({ type: "program", programId: program.id, federationId: program.federation_id });

/** The program, when the actor may do `need` (403 to someone who sees the schedule but may not plan; 404 otherwise). */
async function programFor(db: Db | Tx, ctx: ServiceContext, programId: string, need: RotaAction) {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const program = await db.selectFrom("programs").select(["id", "name", "federation_id"]).where("id", "=", programId).executeTakeFirst();
  if (!program) throw new NotFoundError("program");
  const decision = decide(ctx.actor.subject, need, programResource(program));
  if (!decision.allowed) {
    if (need === "activities.manage" && decide(ctx.actor.subject, "activities.view", programResource(program)).allowed) throw new ForbiddenError();
    throw new NotFoundError("program");
  }
  return { program, role: decision.role };
}

/** Whether the reader may see the participants' names on the rota: may see the program's people too. */
function seesNames(ctx: ServiceContext, program: ProgramRow): boolean {
  return decide(ctx.actor.subject, "person.list", programResource(program)).allowed && decide(ctx.actor.subject, "activities.view", programResource(program)).allowed;
}

// ---------------------------------------------------------------------------------------------------------
// Group days and availability

export interface GroupDay extends RotaDay {
  /** The first morning session's start. */
  start: string;
}

/** The group days between two dates, each with who can have the duty, and the stable order (enrolment order). */
export async function groupDays(db: Db | Tx, programId: string, from: string, to: string): Promise<{ days: GroupDay[]; order: string[] }> {
  const items = (await scheduleItems(db, programId, from, to, { includeSkipped: false, groupKind: "ordinary" })).filter((i) => i.status !== "cancelled" && i.start < NOON);
  const byDate = new Map<string, typeof items>();
  for (const item of items) byDate.set(item.date, [...(byDate.get(item.date) ?? []), item]);
  const memberships = await loadMemberships(db, programId, from, to);
  // Excused absences recorded ahead for the morning sessions (only sessions written down can have any).
  const sessionIds = items.map((i) => i.sessionId).filter((id): id is string => id !== null);
  const excused = sessionIds.length
    ? await db.selectFrom("attendance").select(["session_id", "person_id"]).where("session_id", "in", sessionIds).where("status", "in", ["absent_with_notice", "sick"]).execute()
    : [];
  const dateOfSession = new Map(items.filter((i) => i.sessionId).map((i) => [i.sessionId!, i.date]));
  const away = new Set(excused.map((e) => `${dateOfSession.get(e.session_id)}|${e.person_id}`));
  const days = [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, sessions]) => {
      const expected = expectedFrom(memberships, { date, groupKinds: ["ordinary"], personIds: [] }).filter((e) => e.via === "ordinary");
      return { date, start: sessions.map((s) => s.start).sort()[0]!, available: expected.map((e) => e.personId).filter((p) => !away.has(`${date}|${p}`)) };
    });
  const order = [...memberships.enrolments].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.personId < b.personId ? -1 : 1)).map((e) => e.personId);
  return { days, order: [...new Set(order)] };
}

// ---------------------------------------------------------------------------------------------------------
// Duties as stored

async function dutiesBetween(db: Db | Tx, programId: string, from: string | null, to: string | null): Promise<RotaAssignment[]> {
  let query = db.selectFrom("breakfast_duties").select(["date", "person_id"]).where("program_id", "=", programId);
  if (from) query = query.where("date", ">=", from);
  if (to) query = query.where("date", "<=", to);
  const rows = await query.orderBy("date").orderBy("planned_at").orderBy("id").execute();
  const byDate = new Map<string, string[]>();
  for (const r of rows) byDate.set(r.date, [...(byDate.get(r.date) ?? []), r.person_id]);
  return [...byDate.entries()].map(([date, personIds]) => ({ date, personIds, shortfall: 0 }));
}

/** Each person's duties before `before` (count and latest date): the history fairness weighs. */
async function historyBefore(db: Db | Tx, programId: string, before: string): Promise<Record<string, DutyHistory>> {
  const rows = await db
    .selectFrom("breakfast_duties")
    .select(["person_id", (eb) => eb.fn.countAll<string>().as("count"), (eb) => eb.fn.max("date").as("last")])
    .where("program_id", "=", programId)
    .where("date", "<", before)
    .groupBy("person_id")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.person_id, { count: Number(r.count), lastDate: r.last }]));
}

/** Replaces the duties from `from` to `to` with those of `assignments` on those dates. */
async function writeDuties(tx: Tx, ctx: ServiceContext, programId: string, from: string, to: string, assignments: readonly RotaAssignment[]): Promise<number> {
  await tx.deleteFrom("breakfast_duties").where("program_id", "=", programId).where("date", ">=", from).where("date", "<=", to).execute();
  const rows = assignments
    .filter((a) => a.date >= from && a.date <= to)
    .flatMap((a) => a.personIds.map((person_id) => ({ program_id: programId, date: a.date, person_id, planned_by: ctx.actor.user.id, planned_at: ctx.now() })));
  if (rows.length) await tx.insertInto("breakfast_duties").values(rows).execute();
  return rows.length;
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/** A read that showed names (the rota page, or the schedule's week). */
function auditView(tx: Tx, ctx: ServiceContext, role: string, program: ProgramRow, details: Record<string, unknown>) {
  return auditByActor(tx, ctx, role, { action: "rota.view", entityType: "program", entityId: program.id, programId: program.id, federationId: program.federation_id, details });
}

/** The period asked for, or the coming four weeks. */
function periodOf(input: unknown, today: string): RotaPeriod {
  const given = (input ?? {}) as { from?: unknown; to?: unknown };
  const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
  const from = blank(given.from) ? today : given.from;
  const to = blank(given.to) ? (typeof from === "string" ? safeAddDays(from, DEFAULT_DAYS - 1) : undefined) : given.to;
  return validate(rotaPeriodSchema, { from, to });
}

function safeAddDays(date: string, days: number): string | undefined {
  try {
    return addDays(date.trim(), days);
  } catch {
    return undefined;
  }
}

/** The default period (for forms): from today, four weeks. */
export function defaultRotaPeriod(now: Date): RotaPeriod {
  const today = isoToday(now);
  return { from: today, to: addDays(today, DEFAULT_DAYS - 1) };
}

/** The rota of a period (default: the coming four weeks). Audited when it shows names. */
export async function getBreakfastRota(ctx: ServiceContext, programId: string, periodInput: unknown = {}): Promise<RotaView> {
  const today = isoToday(ctx.now());
  const { from, to } = periodOf(periodInput, today);
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programFor(tx, ctx, programId, "activities.view");
    const names = seesNames(ctx, program);
    const { days, order } = await groupDays(tx, program.id, from, to);
    const duties = await dutiesBetween(tx, program.id, from, to);
    const history = await historyBefore(tx, program.id, from);
    const dutyByDate = new Map(duties.map((d) => [d.date, d.personIds]));
    const dayByDate = new Map(days.map((d) => [d.date, d]));
    const dates = [...new Set([...days.map((d) => d.date), ...duties.map((d) => d.date)])].sort();
    const inGroup = [...new Set([...order, ...duties.flatMap((d) => d.personIds)])];
    const people = names ? await loadPeople(tx, inGroup, today) : new Map();
    const label = (id: string) => personLabel(ctx.actor.subject, people.get(id), id);
    const dayViews: RotaDayView[] = dates.map((date) => {
      const day = dayByDate.get(date);
      const onDuty = dutyByDate.get(date) ?? [];
      const available = new Set(day?.available ?? []);
      const past = date < today;
      const covered = onDuty.filter((p) => available.has(p)).length;
      return {
        date,
        groupDay: day !== undefined,
        past,
        start: day?.start ?? null,
        duties: names ? onDuty.map((p) => ({ person: label(p), available: day !== undefined && available.has(p) })) : [],
        onDuty: onDuty.length,
        availableCount: available.size,
        shortfall: day && !past ? Math.max(0, PER_DAY - covered) : 0,
      };
    });
    let counts: RotaCountView[] = [];
    let participants: RotaPerson[] = [];
    if (names) {
      const inPeriod = dutyCounts(duties);
      counts = inGroup
        .map((id) => ({ person: label(id), inPeriod: inPeriod.get(id) ?? 0, total: (history[id]?.count ?? 0) + (inPeriod.get(id) ?? 0) }))
        .sort((a, b) => a.total - b.total || comparePersonLabels(a.person, b.person));
      participants = inGroup.map(label).sort(comparePersonLabels);
      await auditView(tx, ctx, role, program, { from, to, days: dayViews.length });
    }
    return {
      program: { id: program.id, name: program.name },
      from,
      to,
      today,
      perDay: PER_DAY,
      seesNames: names,
      canManage: decide(ctx.actor.subject, "activities.manage", programResource(program)).allowed,
      days: dayViews,
      counts,
      participants,
    };
  });
}

/**
 * Who has breakfast duty on each date between two dates, as labels for the schedule's week; null for readers
 * who may not see names (they see no duties there). Audited when it names anyone.
 */
export async function breakfastForSchedule(ctx: ServiceContext, programId: string, from: string, to: string): Promise<Record<string, RotaPerson[]> | null> {
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programFor(tx, ctx, programId, "activities.view");
    if (!seesNames(ctx, program)) return null;
    const duties = await dutiesBetween(tx, program.id, from, to);
    if (duties.length === 0) return {};
    const people = await loadPeople(
      tx,
      duties.flatMap((d) => d.personIds),
      isoToday(ctx.now()),
    );
    await auditView(tx, ctx, role, program, { from, to, days: duties.length, on: "schedule" });
    return Object.fromEntries(duties.map((d) => [d.date, d.personIds.map((p) => personLabel(ctx.actor.subject, people.get(p), p))]));
  });
}

// ---------------------------------------------------------------------------------------------------------
// Planning

export interface PlanResult {
  from: string;
  to: string;
  /** The group days planned (from today or the period's start, whichever is later), with who is on duty. */
  days: RotaAssignment[];
  /** Duties written. */
  duties: number;
  /** Group days with fewer on duty than needed (too few available). */
  shortfallDays: string[];
}

/** The planned part of a period: from today (days before are history) to the end; null when all of it is past. */
function plannable(period: RotaPeriod, today: string): { start: string; end: string } | null {
  const start = period.from > today ? period.from : today;
  return start > period.to ? null : { start, end: period.to };
}

async function planIn(ctx: ServiceContext, programId: string, input: unknown, mode: "plan" | "replan"): Promise<PlanResult> {
  const today = isoToday(ctx.now());
  const period = periodOf(input, today);
  const range = plannable(period, today);
  if (!range) throw new ValidationError({ to: ["rota.errors.periodPast"] });
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programFor(tx, ctx, programId, "activities.manage");
    const { days, order } = await groupDays(tx, program.id, range.start, range.end);
    const history = await historyBefore(tx, program.id, range.start);
    const planned =
      mode === "plan"
        ? planRota(days, { perDay: PER_DAY, history, order })
        : replanRota({ assignments: await dutiesBetween(tx, program.id, range.start, range.end), days, today: range.start, perDay: PER_DAY, history, order }).filter((a) => a.date >= range.start);
    const written = await writeDuties(tx, ctx, program.id, range.start, range.end, planned);
    const shortfallDays = planned.filter((a) => a.shortfall > 0).map((a) => a.date);
    const event = {
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { from: range.start, to: range.end, groupDays: planned.length, duties: written, shortfallDays },
    };
    // One literal per action, so that every audit action has its name in the log view (src/i18n).
    if (mode === "plan") await auditByActor(tx, ctx, role, { action: "rota.plan", ...event });
    else await auditByActor(tx, ctx, role, { action: "rota.replan", ...event });
    return { from: range.start, to: range.end, days: planned, duties: written, shortfallDays };
  });
}

/**
 * Plans the rota for a period (default: the coming four weeks) afresh: duties before today stay as they were;
 * from today on every group day gets the fairest choice, counting everyone's duties before. Needs
 * "activities.manage". The demo calls this too.
 */
export function planBreakfastRota(ctx: ServiceContext, programId: string, input: unknown = {}): Promise<PlanResult> {
  return planIn(ctx, programId, input, "plan");
}

/**
 * Plans the rota again (after someone left, fell ill or a day was cancelled): days before today stay, duties
 * from today on that are still possible stay (agreed swaps too), only what became free is filled.
 */
export function replanBreakfastRota(ctx: ServiceContext, programId: string, input: unknown = {}): Promise<PlanResult> {
  return planIn(ctx, programId, input, "replan");
}

// ---------------------------------------------------------------------------------------------------------
// Swaps

/** Where a refused swap's message goes, and which. */
function swapFieldErrors(error: SwapError, detail: { personId?: string; date?: string }, input: { aPersonId: string; aDate: string; bPersonId: string; bDate: string }): Record<string, string[]> {
  const message = `rota.errors.swap.${error}`;
  switch (error) {
    case "same_person":
      return { bPersonId: [message] };
    case "same_day":
      return { bDate: [message] };
    case "unknown_day":
    case "past_day":
      return { [detail.date === input.aDate ? "aDate" : "bDate"]: [message] };
    case "not_on_duty":
      // The person is not on duty on their own date: the message at the date chosen for them.
      return { [detail.personId === input.aPersonId && detail.date === input.aDate ? "aDate" : "bDate"]: [message] };
    case "not_available":
    case "already_on_duty":
      // The person cannot take the other's date: the message at the person.
      return { [detail.personId === input.aPersonId ? "aPersonId" : "bPersonId"]: [message] };
  }
}

/** Swaps two duties: a (on duty on aDate) takes bDate, and b (on duty on bDate) takes aDate. Recorded and audited. */
export async function swapBreakfastDuties(ctx: ServiceContext, programId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(rotaSwapSchema, input);
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programFor(tx, ctx, programId, "activities.manage");
    const [first, last] = data.aDate < data.bDate ? [data.aDate, data.bDate] : [data.bDate, data.aDate];
    const { days } = await groupDays(tx, program.id, first, last);
    const dates = new Set([data.aDate, data.bDate]);
    const assignments = (await dutiesBetween(tx, program.id, first, last)).filter((a) => dates.has(a.date));
    const result = swapDuties({
      assignments,
      days: days.filter((d) => dates.has(d.date)),
      a: { personId: data.aPersonId, date: data.aDate },
      b: { personId: data.bPersonId, date: data.bDate },
      today,
    });
    if (!result.ok) throw new ValidationError(swapFieldErrors(result.error, result, data));
    const now = ctx.now();
    await tx
      .deleteFrom("breakfast_duties")
      .where("program_id", "=", program.id)
      .where((eb) => eb.or([eb.and([eb("date", "=", data.aDate), eb("person_id", "=", data.aPersonId)]), eb.and([eb("date", "=", data.bDate), eb("person_id", "=", data.bPersonId)])]))
      .execute();
    await tx
      .insertInto("breakfast_duties")
      .values([
        { program_id: program.id, date: data.bDate, person_id: data.aPersonId, planned_by: ctx.actor.user.id, planned_at: now },
        { program_id: program.id, date: data.aDate, person_id: data.bPersonId, planned_by: ctx.actor.user.id, planned_at: now },
      ])
      .execute();
    const row = await tx
      .insertInto("breakfast_swaps")
      .values({ program_id: program.id, a_person_id: data.aPersonId, a_date: data.aDate, b_person_id: data.bPersonId, b_date: data.bDate, recorded_by: ctx.actor.user.id, recorded_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditByActor(tx, ctx, role, {
      action: "rota.swap",
      entityType: "breakfast_swap",
      entityId: row.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { a: { personId: data.aPersonId, date: data.aDate }, b: { personId: data.bPersonId, date: data.bDate } },
    });
    return row;
  });
}
