import {
  type AbsenceRules,
  absenceRules,
  type AbsenceTrigger,
  type AttendanceRate,
  attendanceRate,
  type AttendanceBand,
  type AttendanceStatus,
  ATTENDANCE_STATUSES,
  DEFAULT_ABSENCE_RULES,
  evaluateAbsenceRules,
  type FollowUpOutcome,
  followUpDone,
  isExcused,
  personSessions,
  type PersonSession,
  ratesByParticipant,
  ratesByPeriod,
  sessionMinutes,
} from "../domain/attendance.ts";
import { addDays, compareDates } from "../domain/calendar.ts";
import { ABSENCE_CONTACT_DAYS } from "../domain/caseload.ts";
import { decide, type Resource } from "../domain/policy.ts";
import type { Role } from "../domain/roles.ts";
import type { GroupKind } from "../persistence/schema-group.ts";
import { comparePersonLabels, isUuid, loadPeople, type PersonLabel, personLabel } from "./access.ts";
import { loadAttendanceData } from "./attendance-data.ts";
import { auditByActor } from "./audit.ts";
import { isoToday, type Db, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { loadEnrolment, may } from "./journey-access.ts";
import { notify } from "./notifications.ts";
import { validate } from "./schemas/common.ts";
import { absenceRulesSchema, attendancePeriodSchema, followUpOutcomeSchema, registerSchema } from "./schemas/attendance.ts";
import { ensureSession, type ExpectedParticipant, expectedParticipants, itemByRef, type ScheduleItem, sessionPage, type SessionPage } from "./schedule.ts";

// Attendance: the register of a session (made for a tablet in the group room), the history and rates of
// a participant and of a group, and the absence follow-up that makes "you are missed if you do not show
// up" happen before someone drops out.
//
// Who: anyone the policy lets take a session's register ("attendance.record": the program's staff, a
// volunteer for the sessions they lead). A volunteer sees the names on the register and nothing else:
// no rates, no follow-ups. Rates and history need "attendance.view" on the program (its staff) and, for
// one participant, "participant.view". Follow-up outcomes are recorded by those who manage the journey
// ("participant.manage": coordinators, the manager).
//
// After every register, the program's absence rules (domain/attendance.ts) are checked for each person
// whose mark changed. A rule that holds at the person's latest session makes a follow-up task (once per
// episode: the trigger's key), notifies their coordinator (no name in the message) and shows on the
// caseload until an outcome is recorded. If a correction of the register makes the episode disappear
// (the absence was in fact reported), a follow-up nobody has acted on yet is withdrawn.

/** How far back the rules look when a register is saved: enough for any window and a long run. */
const REVIEW_DAYS = 120;

// ---------------------------------------------------------------------------------------------------
// Access

interface ProgramRow {
  id: string;
  name: string;
  federation_id: string;
}

async function programRow(db: Db | Tx, programId: string): Promise<ProgramRow> {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const row = await db.selectFrom("programs").select(["id", "name", "federation_id"]).where("id", "=", programId).executeTakeFirst();
  if (!row) throw new NotFoundError("program");
  return row;
}

const programResource = (p: ProgramRow): Resource => ({ type: "program", programId: p.id, federationId: p.federation_id });

/** The program, when the actor may read its attendance (404 for those who may not see its activities, 403 for the rest). */
async function programForAttendance(db: Db | Tx, ctx: ServiceContext, programId: string, action: "attendance.view" | "activities.manage"): Promise<{ program: ProgramRow; role: Role }> {
  const program = await programRow(db, programId);
  const decision = decide(ctx.actor.subject, action, programResource(program));
  if (!decision.allowed) {
    if (decide(ctx.actor.subject, "activities.view", programResource(program)).allowed) throw new ForbiddenError();
    throw new NotFoundError("program");
  }
  return { program, role: decision.role };
}

function sessionResourceOf(program: { id: string; federation_id: string }, item: ScheduleItem): Resource {
  return { type: "session", sessionId: item.sessionId ?? item.ref, programId: program.id, federationId: program.federation_id, leaderUserIds: item.leaderIds };
}

// ---------------------------------------------------------------------------------------------------
// The program's absence rules

export async function rulesOf(db: Db | Tx, programId: string): Promise<AbsenceRules> {
  const row = await db.selectFrom("absence_rules").selectAll().where("program_id", "=", programId).executeTakeFirst();
  if (!row) return { ...DEFAULT_ABSENCE_RULES };
  return absenceRules({
    consecutiveUnexcused: row.consecutive_unexcused,
    excusedBreaksRun: row.excused_breaks_run,
    lowRatePercent: row.low_rate_percent,
    windowDays: row.window_days,
    minSessions: row.min_sessions,
  });
}

export interface AbsenceRulesPage {
  program: { id: string; name: string };
  rules: AbsenceRules;
  /** True while the program uses Spelplan's defaults (nothing saved). */
  isDefault: boolean;
  updated: { at: Date; by: string } | null;
  canManage: boolean;
}

/** The program's absence rules, for its staff. */
export async function getAbsenceRules(ctx: ServiceContext, programId: string): Promise<AbsenceRulesPage> {
  const { program } = await programForAttendance(ctx.db, ctx, programId, "attendance.view");
  const row = await ctx.db
    .selectFrom("absence_rules as r")
    .innerJoin("users as u", "u.id", "r.updated_by")
    .select(["r.updated_at", "u.display_name"])
    .where("r.program_id", "=", program.id)
    .executeTakeFirst();
  return {
    program: { id: program.id, name: program.name },
    rules: await rulesOf(ctx.db, program.id),
    isDefault: !row,
    updated: row ? { at: row.updated_at, by: row.display_name } : null,
    canManage: decide(ctx.actor.subject, "activities.manage", programResource(program)).allowed,
  };
}

/** Saves the program's absence rules (coordinators, the manager). Applies from the next register taken. */
export async function setAbsenceRules(ctx: ServiceContext, programId: string, input: unknown): Promise<void> {
  const value = validate(absenceRulesSchema, input);
  const rules = absenceRules(value);
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programForAttendance(tx, ctx, programId, "activities.manage");
    const now = ctx.now();
    const row = {
      consecutive_unexcused: rules.consecutiveUnexcused,
      excused_breaks_run: rules.excusedBreaksRun,
      low_rate_percent: rules.lowRatePercent,
      window_days: rules.windowDays,
      min_sessions: rules.minSessions,
      updated_by: ctx.actor.user.id,
      updated_at: now,
    };
    await tx
      .insertInto("absence_rules")
      .values({ program_id: program.id, ...row })
      .onConflict((oc) => oc.column("program_id").doUpdateSet(row))
      .execute();
    await auditByActor(tx, ctx, role, {
      action: "absenceRules.update",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { ...rules },
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// The register

export interface RegisterLine {
  person: PersonLabel;
  via: ExpectedParticipant["via"];
  mark: { status: AttendanceStatus; minutesLate: number | null; note: string; recordedBy: string; recordedAt: Date } | null;
}

export interface RegisterPage {
  session: SessionPage;
  lines: RegisterLine[];
  /** The session lies ahead: only absence with notice or sickness can be recorded (leave known in advance). */
  ahead: boolean;
  /** Length of the session in minutes (the most minutes late that make sense). */
  minutes: number;
  counts: Record<AttendanceStatus | "unrecorded", number>;
  /** Staff who may read the group's attendance (a volunteer only takes the register). */
  canViewHistory: boolean;
}

function countLines(lines: readonly { mark: { status: AttendanceStatus } | null }[]): RegisterPage["counts"] {
  const counts = Object.fromEntries([...ATTENDANCE_STATUSES, "unrecorded"].map((s) => [s, 0])) as RegisterPage["counts"];
  for (const l of lines) counts[l.mark?.status ?? "unrecorded"] += 1;
  return counts;
}

/** A session's register: everyone expected, with the marks recorded so far. Needs "attendance.record". */
export async function registerPage(ctx: ServiceContext, ref: string): Promise<RegisterPage> {
  const session = await sessionPage(ctx, ref);
  if (!session.canRecord) throw new ForbiddenError();
  const { item } = session;
  if (item.status === "skipped" || item.status === "cancelled" || session.participants === null) {
    throw new ValidationError({}, ["attendance.errors.notHeld"]);
  }
  const marks = item.sessionId
    ? await ctx.db
        .selectFrom("attendance as a")
        .innerJoin("users as u", "u.id", "a.recorded_by")
        .select(["a.person_id", "a.status", "a.minutes_late", "a.note", "a.recorded_at", "u.display_name"])
        .where("a.session_id", "=", item.sessionId)
        .execute()
    : [];
  const byPerson = new Map(marks.map((m) => [m.person_id, m]));
  const lines: RegisterLine[] = session.participants.map((p) => {
    const m = byPerson.get(p.personId);
    return {
      person: { personId: p.personId, reference: p.reference, name: p.name },
      via: p.via,
      mark: m ? { status: m.status, minutesLate: m.minutes_late, note: m.note, recordedBy: m.display_name, recordedAt: m.recorded_at } : null,
    };
  });
  const program = await programRow(ctx.db, session.program.id);
  return {
    session,
    lines,
    ahead: compareDates(item.date, isoToday(ctx.now())) > 0,
    minutes: sessionMinutes(item),
    counts: countLines(lines),
    canViewHistory: decide(ctx.actor.subject, "attendance.view", programResource(program)).allowed,
  };
}

export interface RegisterResult {
  sessionId: string;
  /** Marks written, changed or taken back. */
  changed: number;
  /** Absence follow-ups the save made (for the coordinator; a volunteer is not told whose). */
  followUpsCreated: number;
}

/**
 * Saves a session's register in one go. Lines not in the input are left as they are; a line with no status
 * takes back a mark given earlier; "allPresent" marks every line the form leaves empty as present. Every
 * person must be expected at the session. Ahead of the day only notice of absence or sickness is taken.
 */
export async function recordAttendance(ctx: ServiceContext, ref: string, input: unknown): Promise<RegisterResult> {
  const value = validate(registerSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const { program, item } = await itemByRef(tx, ctx, ref);
    const decision = decide(ctx.actor.subject, "attendance.record", sessionResourceOf(program, item));
    if (!decision.allowed) throw new ForbiddenError();
    if (item.status === "skipped" || item.status === "cancelled") throw new ValidationError({}, ["attendance.errors.notHeld"]);
    const now = ctx.now();
    const today = isoToday(now);
    const ahead = compareDates(item.date, today) > 0;
    const expected = new Set((await expectedParticipants(tx, program.id, item)).map((e) => e.personId));
    const length = sessionMinutes(item);

    const errors: Record<string, string[]> = {};
    const seen = new Set<string>();
    const wanted = new Map<string, { status: AttendanceStatus; minutesLate: number | null; note: string } | null>();
    value.marks.forEach((line, i) => {
      if (!expected.has(line.personId) || seen.has(line.personId)) {
        errors[`marks.${i}.personId`] = ["attendance.errors.notExpected"];
        return;
      }
      seen.add(line.personId);
      const status = line.status ?? (value.intent === "allPresent" ? "present" : undefined);
      if (status === undefined) {
        wanted.set(line.personId, null);
        return;
      }
      if (ahead && !isExcused(status)) {
        errors[`marks.${i}.status`] = [value.intent === "allPresent" && !line.status ? "attendance.errors.allPresentAhead" : "attendance.errors.ahead"];
        return;
      }
      const minutesLate = status === "late" ? (line.minutesLate ?? null) : null;
      if (minutesLate !== null && minutesLate > length) {
        errors[`marks.${i}.minutesLate`] = ["attendance.errors.minutesLate"];
        return;
      }
      wanted.set(line.personId, { status, minutesLate, note: line.note ?? "" });
    });
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);

    let sessionId = item.sessionId;
    if (!sessionId) sessionId = (await ensureSession(tx, item.seriesId!, item.originalDate!, { userId: ctx.actor.user.id, now })).id;
    const existing = await tx.selectFrom("attendance").selectAll().where("session_id", "=", sessionId).execute();
    const before = new Map(existing.map((r) => [r.person_id, r]));
    const changedPeople: string[] = [];
    for (const [personId, mark] of wanted) {
      const old = before.get(personId);
      if (mark === null) {
        if (!old) continue;
        await tx.deleteFrom("attendance").where("session_id", "=", sessionId).where("person_id", "=", personId).execute();
        changedPeople.push(personId);
        continue;
      }
      if (old && old.status === mark.status && old.minutes_late === mark.minutesLate && old.note === mark.note) continue;
      const row = { status: mark.status, minutes_late: mark.minutesLate, note: mark.note, recorded_by: ctx.actor.user.id, recorded_at: now };
      await tx
        .insertInto("attendance")
        .values({ session_id: sessionId, person_id: personId, ...row })
        .onConflict((oc) => oc.columns(["session_id", "person_id"]).doUpdateSet(row))
        .execute();
      changedPeople.push(personId);
    }
    const after = new Map(before);
    for (const [personId, mark] of wanted) {
      if (mark === null) after.delete(personId);
      else after.set(personId, { ...before.get(personId)!, status: mark.status });
    }
    await auditByActor(tx, ctx, decision.role, {
      action: "attendance.record",
      entityType: "activity_session",
      entityId: sessionId,
      programId: program.id,
      federationId: program.federation_id,
      // Counts only: whose status is what stays in the register itself.
      details: { date: item.date, changed: changedPeople.length, ...countLines([...after.values()].map((r) => ({ mark: { status: r.status } }))), unrecorded: expected.size - after.size },
    });
    const followUpsCreated = changedPeople.length ? await reviewAbsences(tx, ctx, decision.role, program, changedPeople, today) : 0;
    return { sessionId, changed: changedPeople.length, followUpsCreated };
  });
}

// ---------------------------------------------------------------------------------------------------
// Absence follow-up

/**
 * Checks the absence rules for these people (their current enrolment in the program) and writes what
 * follows: a follow-up for each episode that holds now and has none yet (with a notification to the
 * coordinator), and the withdrawal of untouched follow-ups whose episode a correction made disappear.
 * Returns how many follow-ups were made.
 */
async function reviewAbsences(tx: Tx, ctx: ServiceContext, role: Role, program: ProgramRow, personIds: readonly string[], today: string): Promise<number> {
  const enrolments = await tx
    .selectFrom("enrolments as e")
    .innerJoin("people as p", "p.id", "e.person_id")
    .select(["e.id", "e.person_id", "e.start_date", "e.coordinator_id", "p.reference"])
    .where("e.program_id", "=", program.id)
    .where("e.person_id", "in", [...personIds])
    .where("e.start_date", "<=", today)
    .where((eb) => eb.or([eb("e.ended_on", "is", null), eb("e.ended_on", ">=", today)]))
    .execute();
  if (enrolments.length === 0) return 0;
  const rules = await rulesOf(tx, program.id);
  const from = addDays(today, -REVIEW_DAYS);
  const data = await loadAttendanceData(tx, program.id, from, today);
  // Every follow-up of these enrolments in one query (not one per person).
  const allExisting = await tx
    .selectFrom("absence_followups")
    .select(["id", "enrolment_id", "trigger_key", "outcome", "details"])
    .where("enrolment_id", "in", enrolments.map((e) => e.id))
    .execute();
  let created = 0;
  for (const enrolment of enrolments) {
    const since = compareDates(enrolment.start_date, from) > 0 ? enrolment.start_date : from;
    const triggers = evaluateAbsenceRules({ personId: enrolment.person_id, sessions: data.sessions, marks: data.marks, today, rules, since });
    const existing = allExisting.filter((f) => f.enrolment_id === enrolment.id);
    const known = new Set(existing.map((f) => f.trigger_key));
    const keys = new Set(triggers.map((t) => t.key));
    for (const trigger of triggers) {
      if (!trigger.active || known.has(trigger.key)) continue;
      const dueOn = addDays(trigger.triggeredAt.date, ABSENCE_CONTACT_DAYS);
      const row = await tx
        .insertInto("absence_followups")
        .values({
          program_id: program.id,
          enrolment_id: enrolment.id,
          person_id: enrolment.person_id,
          rule: trigger.rule,
          trigger_key: trigger.key,
          // The trigger itself: enough to explain the follow-up in plain words later.
          details: JSON.stringify(trigger),
          created_at: ctx.now(),
          due_on: dueOn,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      created += 1;
      await auditByActor(tx, ctx, role, {
        action: "absenceFollowUp.create",
        entityType: "absence_followup",
        entityId: row.id,
        personId: enrolment.person_id,
        programId: program.id,
        federationId: program.federation_id,
        details: { rule: trigger.rule, dueOn },
      });
      await notify(tx, ctx.now(), ctx.publicUrl, {
        userIds: [enrolment.coordinator_id],
        kind: "attendance.absence",
        params: { reference: enrolment.reference, program: program.name, date: dueOn },
        link: `/enrolments/${enrolment.id}/attendance#follow-ups`,
      });
    }
    // An episode the register no longer shows (a correction: the absence was reported after all), inside
    // the stretch looked at, and nobody has acted on it yet: withdrawn.
    for (const f of existing) {
      const at = (f.details as { triggeredAt?: { date?: string } }).triggeredAt?.date ?? "";
      if (f.outcome !== null || keys.has(f.trigger_key) || compareDates(at, since) < 0) continue;
      await tx.deleteFrom("absence_followups").where("id", "=", f.id).execute();
      await auditByActor(tx, ctx, role, {
        action: "absenceFollowUp.withdraw",
        entityType: "absence_followup",
        entityId: f.id,
        personId: enrolment.person_id,
        programId: program.id,
        federationId: program.federation_id,
        details: { reason: "register_corrected" },
      });
    }
  }
  return created;
}

export interface FollowUpView {
  id: string;
  rule: AbsenceTrigger["rule"];
  trigger: AbsenceTrigger;
  createdAt: Date;
  dueOn: string;
  outcome: { outcome: FollowUpOutcome; on: string; note: string; by: string } | null;
  /** No outcome yet, or the participant was not reached: still to do. */
  open: boolean;
}

async function followUpViews(db: Db | Tx, enrolmentId: string): Promise<FollowUpView[]> {
  const rows = await db
    .selectFrom("absence_followups as f")
    .leftJoin("users as u", "u.id", "f.outcome_by")
    .select(["f.id", "f.rule", "f.details", "f.created_at", "f.due_on", "f.outcome", "f.outcome_on", "f.outcome_note", "u.display_name"])
    .where("f.enrolment_id", "=", enrolmentId)
    .orderBy("f.due_on", "desc")
    .orderBy("f.created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    rule: r.rule,
    trigger: r.details as unknown as AbsenceTrigger,
    createdAt: r.created_at,
    dueOn: r.due_on,
    outcome: r.outcome ? { outcome: r.outcome, on: r.outcome_on ?? "", note: r.outcome_note, by: r.display_name ?? "" } : null,
    open: r.outcome === null || !followUpDone(r.outcome),
  }));
}

/** Records what came of a follow-up. A new attempt can be recorded after "not reached"; a settled one stays. */
export async function recordFollowUpOutcome(ctx: ServiceContext, followUpId: string, input: unknown): Promise<{ enrolmentId: string }> {
  const value = validate(followUpOutcomeSchema, input);
  if (!isUuid(followUpId)) throw new NotFoundError("absence_followup");
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom("absence_followups").selectAll().where("id", "=", followUpId).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError("absence_followup");
    const loaded = await loadEnrolment(tx, ctx, row.enrolment_id, "participant.manage");
    if (row.outcome !== null && followUpDone(row.outcome)) throw new ValidationError({}, ["attendance.errors.outcomeSettled"]);
    const today = isoToday(ctx.now());
    const createdOn = isoToday(row.created_at);
    if (compareDates(value.on, today) > 0) throw new ValidationError({ on: ["attendance.errors.outcomeAhead"] });
    if (compareDates(value.on, createdOn) < 0) throw new ValidationError({ on: ["attendance.errors.outcomeBefore"] });
    await tx
      .updateTable("absence_followups")
      .set({ outcome: value.outcome, outcome_on: value.on, outcome_note: value.note ?? "", outcome_by: ctx.actor.user.id, outcome_at: ctx.now() })
      .where("id", "=", row.id)
      .execute();
    await auditByActor(tx, ctx, loaded.role, {
      action: "absenceFollowUp.outcome",
      entityType: "absence_followup",
      entityId: row.id,
      personId: row.person_id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { outcome: value.outcome, on: value.on, ...(row.outcome ? { previous: row.outcome } : {}) },
    });
    return { enrolmentId: row.enrolment_id };
  });
}

// ---------------------------------------------------------------------------------------------------
// History and rates

export interface HistorySession {
  ref: string;
  date: string;
  start: string;
  end: string;
  title: string;
  kind: string;
  status: AttendanceStatus | null;
  minutesLate: number;
}

/** A rate (with its band) for a week (its Monday) or a month (YYYY-MM). */
export interface PeriodRate {
  period: string;
  rate: AttendanceRate;
}

export interface ParticipantAttendance {
  enrolmentId: string;
  program: { id: string; name: string };
  person: PersonLabel;
  from: string;
  to: string;
  rate: AttendanceRate;
  weeks: PeriodRate[];
  months: PeriodRate[];
  /** The person's sessions in the period, the latest first. */
  sessions: HistorySession[];
  followUps: FollowUpView[];
  rules: AbsenceRules;
  canRecordOutcome: boolean;
  /** May sign the monthly report for the paying authority. */
  canSign: boolean;
  today: string;
}

function defaultPeriod(today: string, start: string, end: string | null, input: { from?: string; to?: string }): { from: string; to: string } {
  const last = end && compareDates(end, today) < 0 ? end : today;
  const to = input.to ?? last;
  const from = input.from ?? (compareDates(start, addDays(to, -55)) > 0 ? start : addDays(to, -55));
  if (compareDates(from, to) > 0) throw new ValidationError({ to: ["attendance.errors.period"] });
  if (compareDates(to, addDays(from, 400)) > 0) throw new ValidationError({ from: ["attendance.errors.periodTooLong"] });
  return { from, to };
}

/** A participant's attendance over a period (default: the last eight weeks of the enrolment): rates, bands, sessions and follow-ups. */
export async function participantAttendance(ctx: ServiceContext, enrolmentId: string, periodInput: unknown = {}): Promise<ParticipantAttendance> {
  const period = validate(attendancePeriodSchema, periodInput);
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.view");
    const program = await programRow(tx, loaded.program.id);
    if (!decide(ctx.actor.subject, "attendance.view", programResource(program)).allowed) throw new ForbiddenError();
    const today = isoToday(ctx.now());
    const { from, to } = defaultPeriod(today, loaded.enrolment.start_date, loaded.enrolment.ended_on, period);
    const personId = loaded.enrolment.person_id;
    const data = await loadAttendanceData(tx, program.id, from, to, { personId });
    const rows = personSessions(data.sessions, data.marks).filter((r) => r.personId === personId);
    const past = rows.filter((r) => compareDates(r.date, today) <= 0);
    await auditByActor(tx, ctx, loaded.role, {
      action: "attendance.view",
      entityType: "enrolment",
      entityId: loaded.enrolment.id,
      personId,
      programId: program.id,
      federationId: program.federation_id,
      details: { from, to },
    });
    return {
      enrolmentId: loaded.enrolment.id,
      program: { id: program.id, name: program.name },
      person: personLabel(ctx.actor.subject, loaded.person, personId),
      from,
      to,
      rate: attendanceRate(past),
      weeks: ratesByPeriod(past, "week"),
      months: ratesByPeriod(past, "month"),
      sessions: rows
        .map((r) => historySession(r, data.items.get(r.sessionId)!))
        .sort((a, b) => compareDates(b.date, a.date) || (a.start < b.start ? 1 : a.start > b.start ? -1 : 0)),
      followUps: await followUpViews(tx, loaded.enrolment.id),
      rules: await rulesOf(tx, program.id),
      canRecordOutcome: may(ctx, loaded, "participant.manage"),
      canSign: decide(ctx.actor.subject, "attendance.sign", loaded.person.resource).allowed,
      today,
    };
  });
}

function historySession(r: PersonSession, item: ScheduleItem): HistorySession {
  return { ref: item.ref, date: r.date, start: r.start, end: r.end, title: item.title, kind: r.kind, status: r.status, minutesLate: r.minutesLate };
}

export interface GroupAttendanceRow {
  person: PersonLabel;
  /** The current enrolment, for a link to the participant's attendance (null for someone only in the pre-group). */
  enrolmentId: string | null;
  rate: AttendanceRate;
  openFollowUps: number;
}

export interface GroupAttendance {
  program: { id: string; name: string };
  from: string;
  to: string;
  group: GroupKind | null;
  rate: AttendanceRate;
  weeks: PeriodRate[];
  participants: GroupAttendanceRow[];
  bands: Record<AttendanceBand | "none", number>;
  /** Sessions held in the period with no register taken yet (oldest first). */
  unrecorded: { ref: string; date: string; start: string; title: string; missing: number }[];
  today: string;
}

/** A program's attendance over a period (default: the last eight weeks), optionally of one group: per participant, per week, with bands. */
export async function groupAttendance(ctx: ServiceContext, programId: string, periodInput: unknown = {}): Promise<GroupAttendance> {
  const period = validate(attendancePeriodSchema, periodInput);
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programForAttendance(tx, ctx, programId, "attendance.view");
    const today = isoToday(ctx.now());
    const to = period.to ?? today;
    const from = period.from ?? addDays(to, -55);
    if (compareDates(to, addDays(from, 400)) > 0) throw new ValidationError({ from: ["attendance.errors.periodTooLong"] });
    const data = await loadAttendanceData(tx, program.id, from, to);
    const group = period.group ?? null;
    const sessions = data.sessions.filter((s) => compareDates(s.date, today) <= 0 && (!group || data.items.get(s.id)!.groupKinds.includes(group)));
    const rows = personSessions(sessions, data.marks);
    const people = await loadPeople(tx, [...new Set(rows.map((r) => r.personId))], today);
    const enrolments = people.size
      ? await tx
          .selectFrom("enrolments")
          .select(["id", "person_id"])
          .where("program_id", "=", program.id)
          .where("person_id", "in", [...people.keys()])
          .orderBy("start_date", "desc")
          .execute()
      : [];
    const enrolmentOf = new Map<string, string>();
    for (const e of enrolments) if (!enrolmentOf.has(e.person_id)) enrolmentOf.set(e.person_id, e.id);
    const open = enrolments.length
      ? await tx
          .selectFrom("absence_followups")
          .select(["person_id"])
          .where("program_id", "=", program.id)
          .where("person_id", "in", [...people.keys()])
          .where((eb) => eb.or([eb("outcome", "is", null), eb("outcome", "=", "not_reached")]))
          .execute()
      : [];
    const rates = ratesByParticipant(rows);
    const participants = [...rates.entries()]
      .map(([personId, rate]) => ({
        person: personLabel(ctx.actor.subject, people.get(personId), personId),
        enrolmentId: enrolmentOf.get(personId) ?? null,
        rate,
        openFollowUps: open.filter((o) => o.person_id === personId).length,
      }))
      .sort((a, b) => comparePersonLabels(a.person, b.person));
    const bands: GroupAttendance["bands"] = { compliant: 0, partial: 0, not_compliant: 0, none: 0 };
    for (const p of participants) bands[p.rate.band ?? "none"] += 1;
    const marked = new Set(data.marks.map((m) => `${m.sessionId}|${m.personId}`));
    const unrecorded = sessions
      .map((s) => ({ s, missing: s.expected.filter((p) => !marked.has(`${s.id}|${p}`)).length }))
      .filter((x) => x.missing > 0)
      .map(({ s, missing }) => ({ ref: s.id, date: s.date, start: s.start, title: data.items.get(s.id)!.title, missing }));
    await auditByActor(tx, ctx, role, {
      action: "attendance.viewGroup",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { from, to, ...(group ? { group } : {}), shown: participants.length },
    });
    return {
      program: { id: program.id, name: program.name },
      from,
      to,
      group,
      rate: attendanceRate(rows),
      weeks: ratesByPeriod(rows, "week"),
      participants,
      bands,
      unrecorded,
      today,
    };
  });
}
