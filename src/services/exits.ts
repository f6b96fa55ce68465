import { sql } from "kysely";
import { exitProblems, type ExitReason, kindOfReason, ninetyDayAnswerProblem, passivePhaseEndProblem, passivePhasePossible, passivePhaseStart } from "../domain/exit.ts";
import { dueState, type DueState, ninetyDayDue } from "../domain/journey-dates.ts";
import { decide } from "../domain/policy.ts";
import type { Attendee, ExitKind, ExitOccupation, NinetyDayOutcome } from "../persistence/schema-journey.ts";
import { isUuid, loadPeople } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { type Db, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { type AttendeeCandidate, attendeeCandidates, cancelFollowUpsAfter, journeyHeader, type JourneyHeader, resolveAttendees } from "./followups.ts";
import { loadEnrolment, may } from "./journey-access.ts";
import { isUniqueViolation } from "./people.ts";
import { announceFreePlace } from "./places.ts";
import { acceptedFinalPlan } from "./plans.ts";
import { validate } from "./schemas/common.ts";
import { exitSchema, ninetyDaySchema, passiveEndSchema, passiveStartSchema } from "./schemas/exits.ts";
import { offerExitSurvey } from "./surveys.ts";

// The exit and what follows it. The exit ends the enrolment and the person's place in the group (the
// place frees up for the next in line, and the coordinators are told who that is), cancels follow-ups
// booked after it, and creates the 90-day follow-up, which comes due by itself. "According to plan"
// needs an accepted final plan (goal: everyone leaves with a written, accepted plan for the future).
// Afterwards, or past the planned twelve months, a lighter form of contact: the passive phase.

export interface ExitView {
  id: string;
  exitDate: string;
  kind: ExitKind;
  reason: ExitReason;
  occupation: ExitOccupation;
  incomeSource: string;
  meetingDate: string | null;
  meetingAttendees: Attendee[];
  finalPlanVersion: number | null;
  note: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface PassivePhaseView {
  id: string;
  startedOn: string;
  endedOn: string | null;
  reason: "after_exit" | "past_planned_end";
  note: string;
}

export interface NinetyDayView {
  dueOn: string;
  /** Where it stands today; "answered" once it is. */
  state: DueState | "answered";
  answeredOn: string | null;
  outcome: NinetyDayOutcome | null;
  note: string;
}

export interface ExitPage {
  header: JourneyHeader;
  coordinatorName: string;
  /** The income source recorded at start (proposed for the exit). */
  incomeSourceAtStart: string;
  /** The accepted final plan, if there is one ("according to plan" needs it). */
  finalPlan: { version: number; acceptedOn: string } | null;
  /** Where the plan is written and accepted. */
  planPath: string;
  exit: ExitView | null;
  passivePhases: PassivePhaseView[];
  openPassivePhase: PassivePhaseView | null;
  /** A passive phase can be started now (after exit, or past the planned end) and none is open. */
  canStartPassive: boolean;
  ninetyDay: NinetyDayView | null;
  candidates: AttendeeCandidate[];
  /** Follow-ups still booked (those after the exit date are cancelled by the exit). */
  plannedFollowUps: number;
  canManage: boolean;
  today: string;
}

function exitView(row: {
  id: string;
  exit_date: string;
  kind: ExitKind;
  reason: ExitReason;
  occupation: ExitOccupation;
  income_source: string;
  meeting_date: string | null;
  meeting_attendees: Attendee[];
  final_plan_version: number | null;
  note: string;
  recorded_by_name: string;
  recorded_at: Date;
}): ExitView {
  return {
    id: row.id,
    exitDate: row.exit_date,
    kind: row.kind,
    reason: row.reason,
    occupation: row.occupation,
    incomeSource: row.income_source,
    meetingDate: row.meeting_date,
    meetingAttendees: row.meeting_attendees,
    finalPlanVersion: row.final_plan_version,
    note: row.note,
    recordedBy: row.recorded_by_name,
    recordedAt: row.recorded_at,
  };
}

/** The exit of an enrolment: the form before it, the summary, the passive phase and the 90-day follow-up after. */
export async function exitPage(ctx: ServiceContext, enrolmentId: string): Promise<ExitPage> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.view");
    const id = loaded.enrolment.id;
    const exitRow = await tx
      .selectFrom("exits as x")
      .innerJoin("users as u", "u.id", "x.recorded_by")
      .selectAll("x")
      .select("u.display_name as recorded_by_name")
      .where("x.enrolment_id", "=", id)
      .executeTakeFirst();
    const exit = exitRow ? exitView(exitRow) : null;
    const phases = await tx.selectFrom("passive_phases").selectAll().where("enrolment_id", "=", id).orderBy("started_on").execute();
    const passivePhases = phases.map((p) => ({ id: p.id, startedOn: p.started_on, endedOn: p.ended_on, reason: p.reason, note: p.note }));
    const openPassivePhase = passivePhases.find((p) => p.endedOn === null) ?? null;
    const ninety = exit ? await tx.selectFrom("ninety_day_followups").selectAll().where("exit_id", "=", exit.id).executeTakeFirst() : undefined;
    const coordinator = await tx.selectFrom("users").select("display_name").where("id", "=", loaded.enrolment.coordinator_id).executeTakeFirstOrThrow();
    const planned = await tx
      .selectFrom("follow_ups")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("enrolment_id", "=", id)
      .where("status", "=", "planned")
      .executeTakeFirstOrThrow();
    const canManage = may(ctx, loaded, "participant.manage");
    await auditByActor(tx, ctx, loaded.role, {
      action: "exit.view",
      entityType: "enrolment",
      entityId: id,
      personId: loaded.person.row.id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
    });
    return {
      header: journeyHeader(ctx, loaded, exit?.exitDate ?? null),
      coordinatorName: coordinator.display_name,
      incomeSourceAtStart: loaded.enrolment.income_source,
      finalPlan: await acceptedFinalPlan(tx, id),
      planPath: `/enrolments/${id}/plan`,
      exit,
      passivePhases,
      openPassivePhase,
      canStartPassive:
        canManage && openPassivePhase === null && passivePhasePossible({ today, exitDate: exit?.exitDate ?? null, plannedEndDate: loaded.enrolment.planned_end_date }),
      ninetyDay: ninety
        ? {
            dueOn: ninety.due_on,
            state: ninety.outcome ? "answered" : dueState(ninety.due_on, today),
            answeredOn: ninety.answered_on,
            outcome: ninety.outcome,
            note: ninety.note,
          }
        : null,
      candidates: await attendeeCandidates(tx, loaded.enrolment),
      plannedFollowUps: Number(planned.n),
      canManage,
      today,
    };
  });
}

/**
 * Records the exit. Ends the enrolment (on the exit date) and the place in the group (now, so that it frees
 * up), cancels follow-ups booked after the exit date, creates the 90-day follow-up, and when a place in the
 * ordinary group freed up tells the coordinators who is next. The accepted final plan's version is kept
 * whenever there is one; "according to plan" is refused without it.
 */
export async function recordExit(ctx: ServiceContext, enrolmentId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(exitSchema, input);
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    const enrolment = loaded.enrolment;
    // One exit per enrolment, even when two people save at once.
    await tx.selectFrom("enrolments").select("id").where("id", "=", enrolment.id).forUpdate().execute();
    const existing = await tx.selectFrom("exits").select("id").where("enrolment_id", "=", enrolment.id).executeTakeFirst();
    if (existing) throw new ValidationError({}, ["exit.errors.alreadyExited"]);
    const finalPlan = await acceptedFinalPlan(tx, enrolment.id);
    const reason = data.reason;
    const problems = exitProblems({
      kind: data.kind,
      reason,
      exitDate: data.exitDate,
      startDate: enrolment.start_date,
      today,
      hasAcceptedFinalPlan: finalPlan !== null,
      meetingDate: data.meetingDate,
    });
    if (problems.length) {
      const fieldErrors: Record<string, string[]> = {};
      for (const p of problems) (fieldErrors[p.field] ??= []).push(`exit.errors.${p.code}`);
      throw new ValidationError(fieldErrors);
    }
    const meetingAttendees = data.meetingDate ? await resolveAttendees(tx, enrolment, "meetingAttendees", data.meetingAttendees, data.otherAttendees) : [];
    const now = ctx.now();
    const kind = kindOfReason(reason);
    const row = await tx
      .insertInto("exits")
      .values({
        enrolment_id: enrolment.id,
        person_id: loaded.person.row.id,
        program_id: loaded.program.id,
        exit_date: data.exitDate,
        kind,
        reason,
        occupation: data.occupation,
        income_source: data.incomeSource,
        meeting_date: data.meetingDate ?? null,
        meeting_attendees: JSON.stringify(meetingAttendees),
        final_plan_version: finalPlan?.version ?? null,
        note: data.note ?? "",
        recorded_by: ctx.actor.user.id,
        recorded_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new ValidationError({}, ["exit.errors.alreadyExited"]);
        throw error;
      });
    await tx.updateTable("enrolments").set({ ended_on: data.exitDate }).where("id", "=", enrolment.id).execute();
    const placement = await tx
      .updateTable("placements")
      .set({ ended_at: now, end_reason: `exit: ${reason}` })
      .where("id", "=", enrolment.placement_id)
      .where("ended_at", "is", null)
      .returning(["id", "place"])
      .executeTakeFirst();
    const cancelled = await cancelFollowUpsAfter(tx, enrolment.id, data.exitDate, now);
    const dueOn = ninetyDayDue(data.exitDate);
    await tx
      .insertInto("ninety_day_followups")
      .values({ exit_id: row.id, enrolment_id: enrolment.id, person_id: loaded.person.row.id, program_id: loaded.program.id, due_on: dueOn })
      .execute();
    // The exit survey, when the program has a questionnaire for those leaving: to hand out on the surveys page.
    const surveyOffered = await offerExitSurvey(tx, { programId: loaded.program.id, personId: loaded.person.row.id, enrolmentId: enrolment.id, exitDate: data.exitDate });
    await auditByActor(tx, ctx, loaded.role, {
      action: "exit.record",
      entityType: "exit",
      entityId: row.id,
      personId: loaded.person.row.id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: {
        enrolmentId: enrolment.id,
        exitDate: data.exitDate,
        kind,
        reason,
        occupation: data.occupation,
        incomeSource: data.incomeSource,
        finalPlanVersion: finalPlan?.version ?? null,
        placementEnded: placement?.id ?? null,
        followUpsCancelled: cancelled,
        ninetyDayDue: dueOn,
        surveyOffered,
      },
    });
    if (placement?.place === "ordinary") await announceFreePlace(tx, now, ctx.publicUrl, loaded.program.id);
    return row;
  });
}

async function exitOf(tx: Db | Tx, enrolmentId: string) {
  return tx.selectFrom("exits").select(["id", "exit_date"]).where("enrolment_id", "=", enrolmentId).executeTakeFirst();
}

/** Starts a passive phase: after the exit, or past the planned end of the enrolment. One open at a time. */
export async function startPassivePhase(ctx: ServiceContext, enrolmentId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(passiveStartSchema, input);
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    const enrolment = loaded.enrolment;
    await tx.selectFrom("enrolments").select("id").where("id", "=", enrolment.id).forUpdate().execute();
    const open = await tx.selectFrom("passive_phases").select("id").where("enrolment_id", "=", enrolment.id).where("ended_on", "is", null).executeTakeFirst();
    if (open) throw new ValidationError({}, ["passive.errors.alreadyOpen"]);
    const exit = await exitOf(tx, enrolment.id);
    const start = passivePhaseStart({
      startedOn: data.startedOn,
      today,
      exitDate: exit?.exit_date ?? null,
      plannedEndDate: enrolment.planned_end_date,
      enrolmentStart: enrolment.start_date,
    });
    if (!start.ok) throw new ValidationError({ startedOn: [`passive.errors.${start.code}`] });
    const last = await tx.selectFrom("passive_phases").select("ended_on").where("enrolment_id", "=", enrolment.id).orderBy("ended_on", "desc").executeTakeFirst();
    if (last?.ended_on && data.startedOn < last.ended_on) throw new ValidationError({ startedOn: ["passive.errors.overlaps"] });
    const row = await tx
      .insertInto("passive_phases")
      .values({
        enrolment_id: enrolment.id,
        person_id: loaded.person.row.id,
        program_id: loaded.program.id,
        started_on: data.startedOn,
        reason: start.reason,
        note: data.note ?? "",
        recorded_by: ctx.actor.user.id,
        recorded_at: ctx.now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditByActor(tx, ctx, loaded.role, {
      action: "passivePhase.start",
      entityType: "passive_phase",
      entityId: row.id,
      personId: loaded.person.row.id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { startedOn: data.startedOn, reason: start.reason },
    });
    return row;
  });
}

/** Ends the open passive phase; a note about the end is added to the phase's note. */
export async function endPassivePhase(ctx: ServiceContext, enrolmentId: string, input: unknown): Promise<void> {
  const data = validate(passiveEndSchema, input);
  const today = isoToday(ctx.now());
  await ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    const open = await tx.selectFrom("passive_phases").selectAll().where("enrolment_id", "=", loaded.enrolment.id).where("ended_on", "is", null).forUpdate().executeTakeFirst();
    if (!open) throw new ValidationError({}, ["passive.errors.noneOpen"]);
    const problem = passivePhaseEndProblem({ startedOn: open.started_on, endedOn: data.endedOn, today });
    if (problem) throw new ValidationError({ endedOn: [`passive.errors.${problem}`] });
    const note = [open.note, data.note ?? ""].filter(Boolean).join("\n\n");
    await tx.updateTable("passive_phases").set({ ended_on: data.endedOn, note }).where("id", "=", open.id).execute();
    await auditByActor(tx, ctx, loaded.role, {
      action: "passivePhase.end",
      entityType: "passive_phase",
      entityId: open.id,
      personId: loaded.person.row.id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { endedOn: data.endedOn },
    });
  });
}

/** Answers the 90-day follow-up once it is due. */
export async function answerNinetyDay(ctx: ServiceContext, enrolmentId: string, input: unknown): Promise<void> {
  const data = validate(ninetyDaySchema, input);
  const today = isoToday(ctx.now());
  await ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    const row = await tx
      .selectFrom("ninety_day_followups as n")
      .innerJoin("exits as x", "x.id", "n.exit_id")
      .select(["n.exit_id", "n.due_on", "n.outcome", "x.exit_date"])
      .where("n.enrolment_id", "=", loaded.enrolment.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new ValidationError({}, ["ninetyDay.errors.noExit"]);
    if (row.outcome) throw new ValidationError({}, ["ninetyDay.errors.answered"]);
    const problem = ninetyDayAnswerProblem({ dueOn: row.due_on, exitDate: row.exit_date, answeredOn: data.answeredOn, today });
    if (problem === "notDue") throw new ValidationError({}, ["ninetyDay.errors.notDue"]);
    if (problem) throw new ValidationError({ answeredOn: [`ninetyDay.errors.${problem}`] });
    await tx
      .updateTable("ninety_day_followups")
      .set({ outcome: data.outcome, answered_on: data.answeredOn, note: data.note ?? "", recorded_by: ctx.actor.user.id, recorded_at: ctx.now() })
      .where("exit_id", "=", row.exit_id)
      .execute();
    await auditByActor(tx, ctx, loaded.role, {
      action: "ninetyDay.answer",
      entityType: "exit",
      entityId: row.exit_id,
      personId: loaded.person.row.id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { outcome: data.outcome, answeredOn: data.answeredOn },
    });
  });
}

export interface NinetyDayDueItem {
  enrolmentId: string;
  personId: string;
  reference: string;
  /** Null when masked (protected identity, reader not working with the person). */
  name: string | null;
  coordinatorId: string;
  coordinatorName: string;
  exitDate: string;
  dueOn: string;
  state: "due" | "overdue";
}

/**
 * The 90-day follow-ups of a program that are due or overdue and not answered, the oldest first: for the
 * coordinators' caseload (each item says whose participant it is) and the manager.
 */
export async function ninetyDayDueList(ctx: ServiceContext, programId: string): Promise<NinetyDayDueItem[]> {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const program = await tx.selectFrom("programs").select(["id", "federation_id"]).where("id", "=", programId).executeTakeFirst();
    if (!program) throw new NotFoundError("program");
    const decision = decide(ctx.actor.subject, "caseload.view", { type: "program", programId, federationId: program.federation_id });
    if (!decision.allowed) throw new ForbiddenError();
    const rows = await tx
      .selectFrom("ninety_day_followups as n")
      .innerJoin("exits as x", "x.id", "n.exit_id")
      .innerJoin("enrolments as e", "e.id", "n.enrolment_id")
      .innerJoin("users as c", "c.id", "e.coordinator_id")
      .select(["n.enrolment_id", "n.person_id", "n.due_on", "x.exit_date", "e.coordinator_id", "c.display_name as coordinator_name"])
      .where("n.program_id", "=", programId)
      .where("n.outcome", "is", null)
      .where("n.due_on", "<=", today)
      .orderBy("n.due_on")
      .orderBy(sql`n.enrolment_id`)
      .execute();
    const people = await loadPeople(tx, rows.map((r) => r.person_id), today);
    await auditByActor(tx, ctx, decision.role, {
      action: "ninetyDay.list",
      entityType: "program",
      entityId: programId,
      programId,
      federationId: program.federation_id,
      details: { shown: rows.map((r) => r.person_id) },
    });
    return rows.flatMap((r) => {
      const person = people.get(r.person_id);
      if (!person) return [];
      const masked = person.resource.protectedIdentity && !decide(ctx.actor.subject, "person.viewProtected", person.resource).allowed;
      return [
        {
          enrolmentId: r.enrolment_id,
          personId: r.person_id,
          reference: person.row.reference,
          name: masked ? null : `${person.row.first_name} ${person.row.last_name}`,
          coordinatorId: r.coordinator_id,
          coordinatorName: r.coordinator_name,
          exitDate: r.exit_date,
          dueOn: r.due_on,
          state: dueState(r.due_on, today) as "due" | "overdue",
        },
      ];
    });
  });
}
