import type { ExpressionBuilder } from "kysely";
import {
  type CaseloadFlag,
  caseloadFlags,
  compareUrgency,
  type EnrolmentFacts,
  type FlagKind,
  FLAG_KINDS,
  needsAction,
  type PassiveReason,
  type Stage,
  stageOf,
} from "../domain/caseload.ts";
import type { AbsenceRuleKind } from "../domain/attendance.ts";
import type { ReadingOccasion } from "../domain/journey-dates.ts";
import { decide, type Decision } from "../domain/policy.ts";
import type { DB } from "../persistence/schema.ts";
import type { ExitKind, ExitReason, NinetyDayOutcome } from "../persistence/schema-journey.ts";
import { loadPeople } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { type Db, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError } from "./errors.ts";
import { validate } from "./schemas/common.ts";
import { type CaseloadFilter, caseloadFilterSchema } from "./schemas/caseload.ts";

// The coordinator's caseload: their participants in a program with what needs doing now, computed from
// the journey's tables (plans, follow-ups, readings, exits, passive phases, 90-day follow-ups) by the
// rules in domain/caseload.ts. A coordinator sees their own participants (enrolments.coordinator_id);
// a manager sees every coordinator's list and may pick one. The facts of the whole list are loaded in a
// fixed number of queries, whatever its length. Reading the list is recorded with the people shown.

export type CaseloadStage = Exclude<Stage, "closed">;

/** Everything the journey's tables say about one enrolment, for the caseload and the hub page. */
export interface JourneyRecords {
  plan: { version: number; writtenOn: string; stage: "ongoing" | "final"; accepted: boolean; acceptedOn: string | null } | null;
  followUps: { held: string[]; planned: string[] };
  readings: { date: string; occasion: ReadingOccasion }[];
  exit: {
    date: string;
    kind: ExitKind;
    reason: ExitReason;
    ninetyDay: { dueOn: string; answeredOn: string | null; outcome: NinetyDayOutcome | null } | null;
  } | null;
  passivePhase: { startedOn: string; reason: PassiveReason } | null;
  /** Absence follow-ups still open (no outcome yet, or the participant was not reached). */
  absenceFollowUps: { dueOn: string; rule: AbsenceRuleKind }[];
}

interface EnrolmentDates {
  id: string;
  start_date: string;
  planned_end_date: string;
}

/**
 * The journey records of many enrolments at once: six queries, however many enrolments there are
 * (plans with the current version and its acceptance, follow-ups, readings, exits with the 90-day
 * follow-up, open passive phases, open absence follow-ups).
 */
export async function loadJourneyRecords(db: Db | Tx, enrolmentIds: readonly string[]): Promise<Map<string, JourneyRecords>> {
  const ids = [...new Set(enrolmentIds)];
  const result = new Map<string, JourneyRecords>();
  if (ids.length === 0) return result;
  for (const id of ids) result.set(id, { plan: null, followUps: { held: [], planned: [] }, readings: [], exit: null, passivePhase: null, absenceFollowUps: [] });
  const plans = await db
    .selectFrom("plans as p")
    .innerJoin("plan_versions as v", (j) => j.onRef("v.plan_id", "=", "p.id").onRef("v.version", "=", "p.current_version"))
    .select((eb) => [
      "p.enrolment_id",
      "p.current_version",
      "v.created_at",
      "v.stage",
      eb
        .selectFrom("plan_acceptances as a")
        .select((a) => a.fn.max("a.accepted_on").as("accepted_on"))
        .whereRef("a.plan_id", "=", "p.id")
        .whereRef("a.version", "=", "p.current_version")
        .as("accepted_on"),
    ])
    .where("p.enrolment_id", "in", ids)
    .where("p.current_version", ">", 0)
    .execute();
  for (const p of plans) {
    const acceptedOn = (p.accepted_on as string | null) ?? null;
    result.get(p.enrolment_id)!.plan = {
      version: p.current_version,
      writtenOn: isoToday(p.created_at),
      stage: p.stage,
      accepted: acceptedOn !== null,
      acceptedOn,
    };
  }
  const followUps = await db
    .selectFrom("follow_ups")
    .select(["enrolment_id", "status", "planned_date", "held_on"])
    .where("enrolment_id", "in", ids)
    .where("status", "in", ["planned", "held"])
    .execute();
  for (const f of followUps) {
    const records = result.get(f.enrolment_id)!;
    if (f.status === "held") records.followUps.held.push(f.held_on ?? f.planned_date);
    else records.followUps.planned.push(f.planned_date);
  }
  const readings = await db.selectFrom("wheel_readings").select(["enrolment_id", "reading_date", "occasion"]).where("enrolment_id", "in", ids).execute();
  for (const r of readings) result.get(r.enrolment_id)!.readings.push({ date: r.reading_date, occasion: r.occasion });
  const exits = await db
    .selectFrom("exits as x")
    .leftJoin("ninety_day_followups as n", "n.exit_id", "x.id")
    .select(["x.enrolment_id", "x.exit_date", "x.kind", "x.reason", "n.due_on", "n.answered_on", "n.outcome"])
    .where("x.enrolment_id", "in", ids)
    .execute();
  for (const x of exits) {
    result.get(x.enrolment_id)!.exit = {
      date: x.exit_date,
      kind: x.kind,
      reason: x.reason,
      ninetyDay: x.due_on ? { dueOn: x.due_on, answeredOn: x.answered_on, outcome: x.outcome } : null,
    };
  }
  const passive = await db
    .selectFrom("passive_phases")
    .select(["enrolment_id", "started_on", "reason"])
    .where("enrolment_id", "in", ids)
    .where("ended_on", "is", null)
    .execute();
  for (const p of passive) result.get(p.enrolment_id)!.passivePhase = { startedOn: p.started_on, reason: p.reason };
  const absences = await db
    .selectFrom("absence_followups")
    .select(["enrolment_id", "rule", "due_on"])
    .where("enrolment_id", "in", ids)
    .where((eb) => eb.or([eb("outcome", "is", null), eb("outcome", "=", "not_reached")]))
    .execute();
  for (const a of absences) result.get(a.enrolment_id)!.absenceFollowUps.push({ dueOn: a.due_on, rule: a.rule });
  return result;
}

/** The facts the caseload rules read, from an enrolment and its records. */
export function toFacts(enrolment: EnrolmentDates, records: JourneyRecords): EnrolmentFacts {
  return {
    startDate: enrolment.start_date,
    plannedEndDate: enrolment.planned_end_date,
    plan: records.plan ? { version: records.plan.version, writtenOn: records.plan.writtenOn, accepted: records.plan.accepted } : null,
    followUps: records.followUps,
    readings: records.readings,
    exit: records.exit ? { date: records.exit.date, ninetyDay: records.exit.ninetyDay } : null,
    passivePhase: records.passivePhase,
    absenceFollowUps: records.absenceFollowUps,
  };
}

export interface CaseloadRow {
  enrolmentId: string;
  personId: string;
  reference: string;
  /** Protected identity and the reader does not work directly with the person: no name. */
  masked: boolean;
  protectedIdentity: boolean;
  firstName: string | null;
  lastName: string | null;
  coordinator: { id: string; name: string };
  startDate: string;
  plannedEndDate: string;
  stage: CaseloadStage;
  flags: CaseloadFlag[];
}

export interface CaseloadView {
  program: { id: string; name: string };
  /** The programs whose caseload the reader may open. */
  programs: { id: string; name: string }[];
  /** The reader sees every coordinator's list and may choose one. */
  viewAll: boolean;
  /** For the coordinator filter (empty unless viewAll). */
  coordinators: { id: string; name: string }[];
  filter: { coordinatorId: string; flag: FlagKind | null; stage: CaseloadStage | null; sort: CaseloadFilter["sort"] };
  rows: CaseloadRow[];
  /** How many participants are in the list before the flag and stage filters. */
  total: number;
  /** How many of those have each kind of flag. */
  flagCounts: Record<FlagKind, number>;
  today: string;
}

interface ProgramChoice {
  id: string;
  name: string;
  federationId: string;
  view: Extract<Decision, { allowed: true }>;
  viewAll: Extract<Decision, { allowed: true }> | null;
}

/** The programs whose caseload the actor may open, by name. */
async function caseloadPrograms(db: Db | Tx, ctx: ServiceContext): Promise<ProgramChoice[]> {
  const subject = ctx.actor.subject;
  const ids = [...new Set(subject.assignments.map((a) => a.programId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return [];
  const programs = await db.selectFrom("programs").select(["id", "name", "federation_id"]).where("id", "in", ids).orderBy("name").execute();
  const choices: ProgramChoice[] = [];
  for (const p of programs) {
    const resource = { type: "program" as const, programId: p.id, federationId: p.federation_id };
    const view = decide(subject, "caseload.view", resource);
    if (!view.allowed) continue;
    const all = decide(subject, "caseload.viewAll", resource);
    choices.push({ id: p.id, name: p.name, federationId: p.federation_id, view, viewAll: all.allowed ? all : null });
  }
  return choices;
}

/** Exited, the 90-day follow-up answered, and no passive contact: no longer in the caseload. */
function closedSql(eb: ExpressionBuilder<DB & { e: DB["enrolments"] }, "e">, today: string) {
  return eb.and([
    eb.exists(
      eb
        .selectFrom("exits as x")
        .innerJoin("ninety_day_followups as n", "n.exit_id", "x.id")
        .select("x.id")
        .whereRef("x.enrolment_id", "=", "e.id")
        .where("x.exit_date", "<=", today)
        .where("n.answered_on", "is not", null),
    ),
    eb.not(eb.exists(eb.selectFrom("passive_phases as pp").select("pp.id").whereRef("pp.enrolment_id", "=", "e.id").where("pp.ended_on", "is", null))),
  ]);
}

const collator = new Intl.Collator("sv", { sensitivity: "base" });

/** Masked people by reference after everyone else by name: sorting them by name would hint at the name. */
function compareNames(a: CaseloadRow, b: CaseloadRow): number {
  if (a.masked !== b.masked) return a.masked ? 1 : -1;
  if (a.masked) return collator.compare(a.reference, b.reference);
  return collator.compare(a.lastName ?? "", b.lastName ?? "") || collator.compare(a.firstName ?? "", b.firstName ?? "") || collator.compare(a.reference, b.reference);
}

const SORTS: Record<CaseloadFilter["sort"], (a: CaseloadRow, b: CaseloadRow) => number> = {
  urgency: (a, b) => compareUrgency(a.flags, b.flags) || compareNames(a, b),
  name: compareNames,
  start: (a, b) => collator.compare(a.startDate, b.startDate) || compareNames(a, b),
  plannedEnd: (a, b) => collator.compare(a.plannedEndDate, b.plannedEndDate) || compareNames(a, b),
};

interface Built {
  view: CaseloadView;
  program: ProgramChoice;
  role: string;
}

async function buildCaseload(tx: Tx, ctx: ServiceContext, filter: CaseloadFilter): Promise<Built> {
  const today = isoToday(ctx.now());
  const userId = ctx.actor.user.id;
  const programs = await caseloadPrograms(tx, ctx);
  if (programs.length === 0) throw new ForbiddenError();
  const program = filter.programId ? programs.find((p) => p.id === filter.programId) : programs[0];
  if (!program) throw new ForbiddenError();

  // A coordinator sees their own list; a manager every coordinator's, or the one they choose.
  let coordinatorId: string;
  if (program.viewAll) coordinatorId = filter.coordinatorId ?? "all";
  else if (filter.coordinatorId === undefined || filter.coordinatorId === userId) coordinatorId = userId;
  else throw new ForbiddenError();
  const role = coordinatorId !== userId && program.viewAll ? program.viewAll.role : program.view.role;

  let query = tx
    .selectFrom("enrolments as e")
    .innerJoin("users as c", "c.id", "e.coordinator_id")
    .select(["e.id", "e.person_id", "e.coordinator_id", "e.start_date", "e.planned_end_date", "c.display_name as coordinator_name"])
    .where("e.program_id", "=", program.id)
    .where((eb) => eb.not(closedSql(eb, today)));
  if (coordinatorId !== "all") query = query.where("e.coordinator_id", "=", coordinatorId);
  const enrolments = await query.execute();

  const people = await loadPeople(
    tx,
    enrolments.map((e) => e.person_id),
    today,
  );
  const records = await loadJourneyRecords(
    tx,
    enrolments.map((e) => e.id),
  );
  const subject = ctx.actor.subject;
  const all: CaseloadRow[] = [];
  for (const e of enrolments) {
    const person = people.get(e.person_id);
    // Program staff see every participant of their program; the check is the policy's all the same.
    if (!person || !decide(subject, "participant.view", person.resource).allowed) continue;
    const facts = toFacts(e, records.get(e.id)!);
    const stage = stageOf(facts, today);
    if (stage === "closed") continue;
    const masked = person.resource.protectedIdentity && !decide(subject, "person.viewProtected", person.resource).allowed;
    all.push({
      enrolmentId: e.id,
      personId: e.person_id,
      reference: person.row.reference,
      masked,
      protectedIdentity: person.row.protected_identity,
      firstName: masked ? null : person.row.first_name,
      lastName: masked ? null : person.row.last_name,
      coordinator: { id: e.coordinator_id, name: e.coordinator_name },
      startDate: e.start_date,
      plannedEndDate: e.planned_end_date,
      stage,
      flags: caseloadFlags(facts, today),
    });
  }
  const flagCounts = Object.fromEntries(FLAG_KINDS.map((k) => [k, all.filter((r) => r.flags.some((f) => f.kind === k)).length])) as Record<FlagKind, number>;
  const rows = all
    .filter((r) => (filter.flag ? r.flags.some((f) => f.kind === filter.flag) : true))
    .filter((r) => (filter.stage ? r.stage === filter.stage : true))
    .sort(SORTS[filter.sort]);

  let coordinators: CaseloadView["coordinators"] = [];
  if (program.viewAll) {
    // Everyone who coordinates in the program now, and anyone who still has participants here.
    coordinators = await tx
      .selectFrom("users as u")
      .select(["u.id", "u.display_name as name"])
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom("role_assignments as ra")
              .select("ra.id")
              .whereRef("ra.user_id", "=", "u.id")
              .where("ra.program_id", "=", program.id)
              .where("ra.role", "=", "coordinator")
              .where("ra.ended_at", "is", null),
          ),
          eb.exists(eb.selectFrom("enrolments as e2").select("e2.id").whereRef("e2.coordinator_id", "=", "u.id").where("e2.program_id", "=", program.id)),
        ]),
      )
      .orderBy("u.display_name")
      .orderBy("u.id")
      .execute();
  }
  return {
    program,
    role,
    view: {
      program: { id: program.id, name: program.name },
      programs: programs.map((p) => ({ id: p.id, name: p.name })),
      viewAll: program.viewAll !== null,
      coordinators,
      filter: { coordinatorId, flag: filter.flag ?? null, stage: filter.stage ?? null, sort: filter.sort },
      rows,
      total: all.length,
      flagCounts,
      today,
    },
  };
}

/**
 * A coordinator's caseload (or, for a manager, every coordinator's or the one chosen), filtered by flag
 * and stage and sorted. Refused for those without "caseload.view" in the program. Recorded in the audit
 * log with the people shown, by id.
 */
export async function viewCaseload(ctx: ServiceContext, input: unknown = {}): Promise<CaseloadView> {
  const filter = validate(caseloadFilterSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const { view, program, role } = await buildCaseload(tx, ctx, filter);
    await auditByActor(tx, ctx, role, {
      action: "caseload.view",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federationId,
      details: {
        coordinatorId: view.filter.coordinatorId,
        flag: view.filter.flag,
        stage: view.filter.stage,
        sort: view.filter.sort,
        shown: view.rows.map((r) => r.personId),
      },
    });
    return view;
  });
}

export interface CaseloadHighlights {
  program: { id: string; name: string };
  viewAll: boolean;
  /** The most urgent participants who have something to do now. */
  rows: CaseloadRow[];
  /** How many participants have something to do now, in all. */
  needingAction: number;
  total: number;
}

/**
 * The top of the caseload for the start page: the most urgent participants with something to do now.
 * Null for those who have no caseload. Recorded in the audit log with the people shown.
 */
export async function caseloadHighlights(ctx: ServiceContext, limit = 5): Promise<CaseloadHighlights | null> {
  return ctx.db.transaction().execute(async (tx) => {
    let built: Built;
    try {
      built = await buildCaseload(tx, ctx, validate(caseloadFilterSchema, {}));
    } catch (error) {
      // No program whose caseload the reader may open: nothing to show, which is not an error here.
      if (error instanceof ForbiddenError) return null;
      throw error;
    }
    const { view, program, role } = built;
    const needing = view.rows.filter((r) => needsAction(r.flags));
    const rows = needing.slice(0, Math.max(0, Math.trunc(limit)));
    await auditByActor(tx, ctx, role, {
      action: "caseload.view",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federationId,
      details: { coordinatorId: view.filter.coordinatorId, page: "home", shown: rows.map((r) => r.personId) },
    });
    return { program: view.program, viewAll: view.viewAll, rows, needingAction: needing.length, total: view.total };
  });
}
