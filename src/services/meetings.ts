import { addDays, cadenceDates, endTime } from "../domain/calendar.ts";
import { assessEligibility, type Eligibility } from "../domain/eligibility.ts";
import type { AgeBand, Outcome } from "../domain/intake.ts";
import type { Place } from "../domain/places.ts";
import { decide, type RequestResource, type Resource } from "../domain/policy.ts";
import { isUuid, loadPeople } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { type Db, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { notify } from "./notifications.ts";
import { announceFreePlace, placeAccepted } from "./places.ts";
import { validate } from "./schemas/common.ts";
import { adviceSchema, assessmentSchema, attendanceSchema, meetingSchema, meetingSettingsSchema } from "./schemas/meeting.ts";

// The collaboration team's meetings: a cadence (KRUS: every three weeks, two hours), an agenda that fills
// itself in order of arrival, attendance per member, and per request the answers to the three questions
// and a decision. What each reader sees of an item follows the policy (consent decides for the team).

export interface MeetingSettings {
  anchor: string;
  intervalWeeks: number;
  startTime: string;
  durationMinutes: number;
  location: string;
}

export const DEFAULT_MEETING_SETTINGS: Omit<MeetingSettings, "anchor"> = { intervalWeeks: 3, startTime: "13:00", durationMinutes: 120, location: "" };

/** The collaboration team's yearly goal: cases handled (interest requests decided and consultations answered). */
export const TEAM_CASE_GOAL = 70;

async function programOf(db: Db | Tx, programId: string) {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const program = await db.selectFrom("programs").select(["id", "name", "federation_id", "min_age", "max_age", "priority_max_age"]).where("id", "=", programId).executeTakeFirst();
  if (!program) throw new NotFoundError("program");
  return program;
}

function programResource(program: { id: string; federation_id: string }): Resource {
  return { type: "program", programId: program.id, federationId: program.federation_id };
}

function authorize(ctx: ServiceContext, permission: "meeting.view" | "meeting.manage" | "meeting.decide", program: { id: string; federation_id: string }) {
  const decision = decide(ctx.actor.subject, permission, programResource(program));
  if (!decision.allowed) throw new ForbiddenError();
  return decision.role;
}

/** The first planned meeting on or after today (new requests and consultations go on its agenda). */
export async function nextPlannedMeeting(db: Db | Tx, programId: string, today: string): Promise<{ id: string; date: string } | null> {
  const row = await db
    .selectFrom("team_meetings")
    .select(["id", "date"])
    .where("program_id", "=", programId)
    .where("status", "=", "planned")
    .where("date", ">=", today)
    .orderBy("date")
    .executeTakeFirst();
  return row ?? null;
}

export async function getMeetingSettings(ctx: ServiceContext, programId: string): Promise<MeetingSettings | null> {
  const program = await programOf(ctx.db, programId);
  authorize(ctx, "meeting.view", program);
  const row = await ctx.db.selectFrom("team_meeting_settings").selectAll().where("program_id", "=", programId).executeTakeFirst();
  return row ? { anchor: row.anchor, intervalWeeks: row.interval_weeks, startTime: row.start_time, durationMinutes: row.duration_minutes, location: row.location } : null;
}

/** Sets the cadence and plans the meetings of the coming half year by it. */
export async function setMeetingSettings(ctx: ServiceContext, programId: string, input: unknown): Promise<{ planned: number }> {
  const data = validate(meetingSettingsSchema, input);
  try {
    endTime(data.startTime, data.durationMinutes);
  } catch {
    throw new ValidationError({ durationMinutes: ["meeting.errors.pastMidnight"] });
  }
  return ctx.db.transaction().execute(async (tx) => {
    const program = await programOf(tx, programId);
    const role = authorize(ctx, "meeting.manage", program);
    const values = { anchor: data.anchor, interval_weeks: data.intervalWeeks, start_time: data.startTime, duration_minutes: data.durationMinutes, location: data.location ?? "" };
    await tx.insertInto("team_meeting_settings").values({ program_id: programId, ...values }).onConflict((oc) => oc.column("program_id").doUpdateSet(values)).execute();
    const today = isoToday(ctx.now());
    const planned = await planFromSettings(tx, programId, today, addDays(today, 182));
    await auditByActor(tx, ctx, role, { action: "meeting.settings", entityType: "program", entityId: programId, programId, federationId: program.federation_id, details: { ...data, planned } });
    return { planned };
  });
}

/** Creates the meetings the cadence gives between two dates that do not exist yet, then fills their agendas. */
export async function planFromSettings(tx: Tx, programId: string, from: string, to: string): Promise<number> {
  const settings = await tx.selectFrom("team_meeting_settings").selectAll().where("program_id", "=", programId).executeTakeFirst();
  if (!settings) return 0;
  const dates = cadenceDates({ anchor: settings.anchor, intervalWeeks: settings.interval_weeks, start: settings.start_time, durationMinutes: settings.duration_minutes }, from, to);
  const existing = new Set((await tx.selectFrom("team_meetings").select("date").where("program_id", "=", programId).where("date", ">=", from).where("date", "<=", to).execute()).map((m) => m.date));
  const missing = dates.filter((d) => !existing.has(d));
  if (missing.length) {
    const end = endTime(settings.start_time, settings.duration_minutes);
    await tx
      .insertInto("team_meetings")
      .values(missing.map((date) => ({ program_id: programId, date, start_time: settings.start_time, end_time: end, location: settings.location })))
      .execute();
  }
  await fillAgenda(tx, programId, from);
  return missing.length;
}

/** Submitted requests and consultations that are on no planned meeting's agenda go on the next one. */
async function fillAgenda(tx: Tx, programId: string, today: string): Promise<void> {
  const next = await nextPlannedMeeting(tx, programId, today);
  if (!next) return;
  const plannedIds = (await tx.selectFrom("team_meetings").select("id").where("program_id", "=", programId).where("status", "=", "planned").execute()).map((m) => m.id);
  const onAgenda = tx.selectFrom("agenda_items").where("meeting_id", "in", plannedIds);
  const requests = await tx
    .selectFrom("interest_requests")
    .select(["id", "submitted_at"])
    .where("program_id", "=", programId)
    .where("status", "=", "submitted")
    .where("id", "not in", onAgenda.select("request_id").where("request_id", "is not", null).$narrowType<{ request_id: string }>())
    .execute();
  const consultations = await tx
    .selectFrom("consultations")
    .select(["id", "created_at"])
    .where("program_id", "=", programId)
    .where("status", "=", "submitted")
    .where("id", "not in", onAgenda.select("consultation_id").where("consultation_id", "is not", null).$narrowType<{ consultation_id: string }>())
    .execute();
  const arrivals = [
    ...requests.map((r) => ({ at: r.submitted_at ?? new Date(0), item: { requestId: r.id } })),
    ...consultations.map((c) => ({ at: c.created_at, item: { consultationId: c.id } })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const arrival of arrivals) await appendItem(tx, next.id, arrival.item);
}

async function appendItem(tx: Tx, meetingId: string, item: { requestId?: string; consultationId?: string }): Promise<void> {
  const last = await tx.selectFrom("agenda_items").select((eb) => eb.fn.max<number>("position").as("max")).where("meeting_id", "=", meetingId).executeTakeFirst();
  await tx
    .insertInto("agenda_items")
    .values({ meeting_id: meetingId, position: (last?.max ?? 0) + 1, request_id: item.requestId ?? null, consultation_id: item.consultationId ?? null })
    .execute();
}

/** A single meeting outside the cadence (or to replace a cancelled one). */
export async function createMeeting(ctx: ServiceContext, programId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(meetingSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const program = await programOf(tx, programId);
    const role = authorize(ctx, "meeting.manage", program);
    const clash = await tx.selectFrom("team_meetings").select("id").where("program_id", "=", programId).where("date", "=", data.date).executeTakeFirst();
    if (clash) throw new ValidationError({ date: ["meeting.errors.dateTaken"] });
    const row = await tx
      .insertInto("team_meetings")
      .values({ program_id: programId, date: data.date, start_time: data.startTime, end_time: data.endTime, location: data.location ?? "" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await fillAgenda(tx, programId, isoToday(ctx.now()));
    await auditByActor(tx, ctx, role, { action: "meeting.create", entityType: "team_meeting", entityId: row.id, programId, federationId: program.federation_id, details: { date: data.date } });
    return row;
  });
}

export interface MeetingSummary {
  id: string;
  date: string;
  startTime: string;
  endTime: string;
  location: string;
  status: "planned" | "held" | "cancelled";
  items: number;
}

export async function listMeetings(ctx: ServiceContext, programId: string): Promise<{ upcoming: MeetingSummary[]; past: MeetingSummary[]; canManage: boolean }> {
  const program = await programOf(ctx.db, programId);
  authorize(ctx, "meeting.view", program);
  const today = isoToday(ctx.now());
  const rows = await ctx.db
    .selectFrom("team_meetings as m")
    .select((eb) => [
      "m.id", "m.date", "m.start_time", "m.end_time", "m.location", "m.status",
      eb.selectFrom("agenda_items as ai").whereRef("ai.meeting_id", "=", "m.id").select(eb.fn.countAll<string>().as("n")).as("items"),
    ])
    .where("m.program_id", "=", programId)
    .orderBy("m.date")
    .execute();
  const summaries = rows.map((r) => ({ id: r.id, date: r.date, startTime: r.start_time, endTime: r.end_time, location: r.location, status: r.status, items: Number(r.items ?? 0) }));
  return {
    upcoming: summaries.filter((m) => m.date >= today && m.status === "planned"),
    past: summaries.filter((m) => m.date < today || m.status !== "planned").reverse(),
    canManage: decide(ctx.actor.subject, "meeting.manage", programResource(program)).allowed,
  };
}

/** The programs whose team meetings the reader may see, and whether they may plan them. */
export async function meetingPrograms(ctx: ServiceContext): Promise<{ id: string; name: string; canManage: boolean }[]> {
  const ids = [...new Set(ctx.actor.subject.assignments.map((a) => a.programId).filter((id): id is string => id !== null))];
  if (!ids.length) return [];
  const programs = await ctx.db.selectFrom("programs").select(["id", "name", "federation_id"]).where("id", "in", ids).where("active", "=", true).orderBy("name").execute();
  return programs
    .filter((p) => decide(ctx.actor.subject, "meeting.view", programResource(p)).allowed)
    .map((p) => ({ id: p.id, name: p.name, canManage: decide(ctx.actor.subject, "meeting.manage", programResource(p)).allowed }));
}

export interface TeamCaseCount {
  year: number;
  goal: number;
  /** Interest requests the team decided (accepted or not ready) at a meeting held in the year. */
  requests: number;
  /** Consultations the team answered at a meeting in the year. */
  consultations: number;
  total: number;
}

/**
 * How many cases the team has handled in a calendar year (this year by default), against its goal:
 * decided interest requests and answered consultations, counted by the date of the meeting.
 */
export async function teamCaseCount(ctx: ServiceContext, programId: string, year?: number): Promise<TeamCaseCount> {
  const program = await programOf(ctx.db, programId);
  authorize(ctx, "meeting.view", program);
  const y = year ?? Number(isoToday(ctx.now()).slice(0, 4));
  const from = `${String(y).padStart(4, "0")}-01-01`;
  const to = `${String(y).padStart(4, "0")}-12-31`;
  const requests = await ctx.db
    .selectFrom("request_assessments as ra")
    .innerJoin("team_meetings as m", "m.id", "ra.meeting_id")
    .select((eb) => eb.fn.count<string>("ra.request_id").distinct().as("n"))
    .where("m.program_id", "=", programId)
    .where("ra.outcome", "in", ["accept", "not_ready"])
    .where("m.date", ">=", from)
    .where("m.date", "<=", to)
    .executeTakeFirst();
  const consultations = await ctx.db
    .selectFrom("consultations as c")
    .innerJoin("team_meetings as m", "m.id", "c.answered_meeting_id")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("c.program_id", "=", programId)
    .where("c.status", "=", "answered")
    .where("m.date", ">=", from)
    .where("m.date", "<=", to)
    .executeTakeFirst();
  const r = Number(requests?.n ?? 0);
  const c = Number(consultations?.n ?? 0);
  return { year: y, goal: TEAM_CASE_GOAL, requests: r, consultations: c, total: r + c };
}

export type Answer = boolean | null;

export interface AgendaItemView {
  id: string;
  position: number;
  kind: "request" | "consultation";
  /** True when the reader may not see the item's content (consent does not cover their authority). */
  hidden: boolean;
  requestId: string | null;
  consultationId: string | null;
  /** Request: the person's name (null when hidden or masked). Consultation: null. */
  personName: string | null;
  personReference: string | null;
  referrer: string | null;
  authority: string | null;
  eligibility: Eligibility | null;
  /** The request's status now (a request decided at this meeting shows "decided"). */
  status: string;
  assessment: {
    ownOptionsTried: Answer;
    ableWithSupport: Answer;
    wantsToTakePart: Answer;
    outcome: Outcome;
    recommendation: string;
    postponeReason: string;
    /** Where an accepted person has their place now (null when not accepted, or the place has ended). */
    place: Place | null;
  } | null;
  consultation: { ageBand: AgeBand; sex: string; situation: string; question: string; advice: string; status: string } | null;
}

export interface MeetingView extends MeetingSummary {
  programId: string;
  programName: string;
  notes: string;
  attendance: { userId: string; name: string; authority: string; present: boolean | null }[];
  agenda: AgendaItemView[];
  permissions: { manage: boolean; decide: boolean };
  /** The next planned meeting after this one (where "move to the next meeting" and postponed requests go). */
  nextMeeting: { id: string; date: string } | null;
}

/** One meeting as a reader may see it. Opening it is recorded (with the people whose requests were shown). */
export async function getMeeting(ctx: ServiceContext, meetingId: string): Promise<MeetingView> {
  if (!isUuid(meetingId)) throw new NotFoundError("meeting");
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const meeting = await tx.selectFrom("team_meetings").selectAll().where("id", "=", meetingId).executeTakeFirst();
    if (!meeting) throw new NotFoundError("meeting");
    const program = await programOf(tx, meeting.program_id);
    const role = authorize(ctx, "meeting.view", program);
    const items = await tx
      .selectFrom("agenda_items as ai")
      .leftJoin("interest_requests as r", "r.id", "ai.request_id")
      .leftJoin("users as u", "u.id", "r.author_id")
      .leftJoin("authorities as a", "a.id", "r.referring_authority_id")
      .leftJoin("consultations as c", "c.id", "ai.consultation_id")
      .leftJoin("users as cu", "cu.id", "c.author_id")
      .leftJoin("authorities as ca", "ca.id", "c.authority_id")
      .select([
        "ai.id", "ai.position", "ai.request_id", "ai.consultation_id",
        "r.person_id", "r.author_id", "r.status as request_status", "r.active_at", "r.tried_before",
        "u.display_name as author_name", "a.name as authority_name",
        "c.age_band", "c.sex", "c.situation", "c.question", "c.advice", "c.status as consultation_status", "c.author_id as consultation_author",
        "cu.display_name as consultation_author_name", "ca.name as consultation_authority",
      ])
      .where("ai.meeting_id", "=", meetingId)
      .orderBy("ai.position")
      .execute();
    const people = await loadPeople(tx, items.map((i) => i.person_id).filter((id): id is string => id !== null), today);
    const assessments = await tx.selectFrom("request_assessments").selectAll().where("meeting_id", "=", meetingId).execute();
    const requestIds = items.map((i) => i.request_id).filter((id): id is string => id !== null);
    const placements = requestIds.length
      ? await tx.selectFrom("placements").select(["request_id", "place"]).where("request_id", "in", requestIds).where("ended_at", "is", null).execute()
      : [];
    const memberIds = new Set((await tx.selectFrom("authorities").select("id").where("federation_id", "=", program.federation_id).execute()).map((a) => a.id));
    const shown: string[] = [];
    const agenda: AgendaItemView[] = items.map((i) => {
      if (i.request_id && i.person_id) {
        const person = people.get(i.person_id);
        const resource: RequestResource = {
          type: "request", requestId: i.request_id, programId: program.id, federationId: program.federation_id, personId: i.person_id,
          authorUserId: i.author_id ?? "", status: i.request_status ?? "submitted", consent: person?.resource.consent ?? null,
        };
        const visible = decide(ctx.actor.subject, "request.view", resource).allowed;
        const masked = !person || (person.resource.protectedIdentity && !decide(ctx.actor.subject, "person.viewProtected", person.resource).allowed);
        if (visible) shown.push(i.person_id);
        const a = assessments.find((x) => x.request_id === i.request_id);
        return {
          id: i.id, position: i.position, kind: "request", hidden: !visible, requestId: i.request_id, consultationId: null,
          personName: visible && !masked && person ? `${person.row.first_name} ${person.row.last_name}` : null,
          personReference: visible && person ? person.row.reference : null,
          referrer: visible ? i.author_name : null,
          authority: visible ? i.authority_name : null,
          eligibility:
            visible && person
              ? assessEligibility({
                  birthDate: masked ? null : person.row.birth_date,
                  today,
                  ages: { minAge: program.min_age, maxAge: program.max_age, priorityMaxAge: program.priority_max_age },
                  activeAtMemberAuthorities: (i.active_at ?? []).filter((e) => memberIds.has(e.authorityId)).length,
                  triedBefore: i.tried_before ?? "",
                })
              : null,
          status: i.request_status ?? "submitted",
          assessment: a && visible
            ? {
                ownOptionsTried: a.own_options_tried, ableWithSupport: a.able_with_support, wantsToTakePart: a.wants_to_take_part, outcome: a.outcome,
                recommendation: a.recommendation, postponeReason: a.postpone_reason,
                place: a.outcome === "accept" ? (placements.find((p) => p.request_id === i.request_id)?.place ?? null) : null,
              }
            : null,
          consultation: null,
        };
      }
      return {
        id: i.id, position: i.position, kind: "consultation", hidden: false, requestId: null, consultationId: i.consultation_id,
        personName: null, personReference: null, referrer: i.consultation_author_name, authority: i.consultation_authority, eligibility: null,
        status: i.consultation_status ?? "submitted", assessment: null,
        consultation: { ageBand: (i.age_band ?? "19_24") as AgeBand, sex: i.sex ?? "not_stated", situation: i.situation ?? "", question: i.question ?? "", advice: i.advice ?? "", status: i.consultation_status ?? "submitted" },
      };
    });
    const members = await tx
      .selectFrom("role_assignments as ra")
      .innerJoin("users as u", "u.id", "ra.user_id")
      .leftJoin("authorities as a", "a.id", "ra.authority_id")
      .select(["u.id", "u.display_name", "a.name as authority"])
      .where("ra.program_id", "=", program.id)
      .where("ra.role", "=", "collaboration_team")
      .where("ra.ended_at", "is", null)
      .orderBy("a.name")
      .execute();
    const attendance = await tx.selectFrom("team_meeting_attendance").selectAll().where("meeting_id", "=", meetingId).execute();
    const nextMeeting = await tx
      .selectFrom("team_meetings")
      .select(["id", "date"])
      .where("program_id", "=", program.id)
      .where("status", "=", "planned")
      .where("date", ">", meeting.date)
      .orderBy("date")
      .executeTakeFirst();
    await auditByActor(tx, ctx, role, { action: "meeting.view", entityType: "team_meeting", entityId: meetingId, programId: program.id, federationId: program.federation_id, details: { shown } });
    return {
      id: meeting.id, programId: program.id, programName: program.name, date: meeting.date, startTime: meeting.start_time, endTime: meeting.end_time,
      location: meeting.location, status: meeting.status, notes: meeting.notes, items: agenda.length,
      attendance: members.map((m) => ({ userId: m.id, name: m.display_name, authority: m.authority ?? "", present: attendance.find((x) => x.user_id === m.id)?.present ?? null })),
      agenda,
      permissions: {
        manage: decide(ctx.actor.subject, "meeting.manage", programResource(program)).allowed,
        decide: decide(ctx.actor.subject, "meeting.decide", programResource(program)).allowed,
      },
      nextMeeting: nextMeeting ?? null,
    };
  });
}

async function itemContext(tx: Tx, ctx: ServiceContext, itemId: string, permission: "meeting.manage" | "meeting.decide") {
  if (!isUuid(itemId)) throw new NotFoundError("agenda item");
  const item = await tx
    .selectFrom("agenda_items as ai")
    .innerJoin("team_meetings as m", "m.id", "ai.meeting_id")
    .select(["ai.id", "ai.position", "ai.meeting_id", "ai.request_id", "ai.consultation_id", "m.program_id", "m.date", "m.status"])
    .where("ai.id", "=", itemId)
    .executeTakeFirst();
  if (!item) throw new NotFoundError("agenda item");
  const program = await programOf(tx, item.program_id);
  const role = authorize(ctx, permission, program);
  return { item, program, role };
}

/** Moves an item up or down the agenda, or to the next planned meeting. */
export async function moveAgendaItem(ctx: ServiceContext, itemId: string, direction: "up" | "down" | "next"): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { item, program, role } = await itemContext(tx, ctx, itemId, "meeting.manage");
    if (direction === "next") {
      const next = await tx
        .selectFrom("team_meetings")
        .select("id")
        .where("program_id", "=", program.id)
        .where("status", "=", "planned")
        .where("date", ">", item.date)
        .orderBy("date")
        .executeTakeFirst();
      if (!next) throw new ValidationError({}, ["meeting.errors.noNextMeeting"]);
      await tx.deleteFrom("agenda_items").where("id", "=", item.id).execute();
      await appendItem(tx, next.id, { requestId: item.request_id ?? undefined, consultationId: item.consultation_id ?? undefined });
    } else {
      const neighbour = await tx
        .selectFrom("agenda_items")
        .select(["id", "position"])
        .where("meeting_id", "=", item.meeting_id)
        .where("position", direction === "up" ? "<" : ">", item.position)
        .orderBy("position", direction === "up" ? "desc" : "asc")
        .executeTakeFirst();
      if (!neighbour) return;
      await tx.updateTable("agenda_items").set({ position: neighbour.position }).where("id", "=", item.id).execute();
      await tx.updateTable("agenda_items").set({ position: item.position }).where("id", "=", neighbour.id).execute();
    }
    await auditByActor(tx, ctx, role, { action: "meeting.agenda", entityType: "team_meeting", entityId: item.meeting_id, programId: program.id, federationId: program.federation_id, details: { itemId, direction } });
  });
}

/** Records who of the team's members took part. */
export async function recordAttendance(ctx: ServiceContext, meetingId: string, input: unknown): Promise<void> {
  const data = validate(attendanceSchema, input);
  if (!isUuid(meetingId)) throw new NotFoundError("meeting");
  await ctx.db.transaction().execute(async (tx) => {
    const meeting = await tx.selectFrom("team_meetings").selectAll().where("id", "=", meetingId).executeTakeFirst();
    if (!meeting) throw new NotFoundError("meeting");
    const program = await programOf(tx, meeting.program_id);
    const role = authorize(ctx, "meeting.decide", program);
    const members = await tx
      .selectFrom("role_assignments")
      .select(["user_id", "authority_id"])
      .where("program_id", "=", program.id)
      .where("role", "=", "collaboration_team")
      .where("ended_at", "is", null)
      .execute();
    const present = new Set(data.present);
    for (const m of members) {
      const values = { present: present.has(m.user_id), authority_id: m.authority_id };
      await tx.insertInto("team_meeting_attendance").values({ meeting_id: meetingId, user_id: m.user_id, ...values }).onConflict((oc) => oc.columns(["meeting_id", "user_id"]).doUpdateSet(values)).execute();
    }
    await auditByActor(tx, ctx, role, { action: "meeting.attendance", entityType: "team_meeting", entityId: meetingId, programId: program.id, federationId: program.federation_id, details: { present: members.filter((m) => present.has(m.user_id)).length, members: members.length } });
  });
}

/**
 * The team's answers and decision about a request. Accept: a place in the ordinary group if one is free,
 * else the pre-group or the list. Not ready: the recommendation goes back to the referring officer.
 * Postpone: the request moves to the next meeting, with the reason. The referring officer is told each time.
 */
export async function assessRequest(ctx: ServiceContext, itemId: string, input: unknown): Promise<{ outcome: Outcome; place: string | null }> {
  const data = validate(assessmentSchema, input);
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const { item, program, role } = await itemContext(tx, ctx, itemId, "meeting.decide");
    if (!item.request_id) throw new NotFoundError("request");
    const request = await tx.selectFrom("interest_requests").selectAll().where("id", "=", item.request_id).executeTakeFirstOrThrow();
    const person = (await loadPeople(tx, [request.person_id], today)).get(request.person_id);
    const resource: RequestResource = { type: "request", requestId: request.id, programId: program.id, federationId: program.federation_id, personId: request.person_id, authorUserId: request.author_id, status: request.status, consent: person?.resource.consent ?? null };
    // Deciding needs the content: the program's staff, or team members whose authority the consent covers.
    if (!decide(ctx.actor.subject, "request.view", resource).allowed) throw new ForbiddenError();
    if (request.status !== "submitted") throw new ValidationError({}, ["meeting.errors.notOpen"]);
    const now = ctx.now();
    await tx.deleteFrom("request_assessments").where("request_id", "=", request.id).where("meeting_id", "=", item.meeting_id).execute();
    await tx
      .insertInto("request_assessments")
      .values({
        request_id: request.id, meeting_id: item.meeting_id, own_options_tried: data.ownOptionsTried, able_with_support: data.ableWithSupport,
        wants_to_take_part: data.wantsToTakePart, outcome: data.outcome, recommendation: data.recommendation ?? "", postpone_reason: data.postponeReason ?? "",
        recorded_by: ctx.actor.user.id, recorded_at: now,
      })
      .execute();
    let place: string | null = null;
    const reference = person?.row.reference ?? "";
    if (data.outcome === "accept") {
      await tx.updateTable("interest_requests").set({ status: "decided", decision: "accepted", decided_at: now, updated_at: now, version: request.version + 1 }).where("id", "=", request.id).execute();
      place = await placeAccepted(tx, {
        programId: program.id, personId: request.person_id, requestId: request.id, acceptedOn: today, birthDate: person?.row.birth_date ?? today,
        ages: { minAge: program.min_age, maxAge: program.max_age, priorityMaxAge: program.priority_max_age }, now,
      });
      await notify(tx, now, ctx.publicUrl, { userIds: [request.author_id], kind: "request.decided", params: { reference, program: program.name }, link: `/requests/${request.id}` });
    } else if (data.outcome === "not_ready") {
      await tx
        .updateTable("interest_requests")
        .set({ status: "decided", decision: "not_ready", recommendation: data.recommendation ?? "", decided_at: now, updated_at: now, version: request.version + 1 })
        .where("id", "=", request.id)
        .execute();
      await notify(tx, now, ctx.publicUrl, { userIds: [request.author_id], kind: "request.not_ready", params: { reference, program: program.name }, link: `/requests/${request.id}` });
    } else {
      const next = await tx.selectFrom("team_meetings").select(["id", "date"]).where("program_id", "=", program.id).where("status", "=", "planned").where("date", ">", item.date).orderBy("date").executeTakeFirst();
      if (next) {
        const already = await tx.selectFrom("agenda_items").select("id").where("meeting_id", "=", next.id).where("request_id", "=", request.id).executeTakeFirst();
        if (!already) await appendItem(tx, next.id, { requestId: request.id });
      }
      await notify(tx, now, ctx.publicUrl, { userIds: [request.author_id], kind: "request.postponed", params: { reference, program: program.name, date: next?.date ?? "" }, link: `/requests/${request.id}` });
    }
    await auditByActor(tx, ctx, role, {
      action: "request.assess",
      entityType: "interest_request",
      entityId: request.id,
      personId: request.person_id,
      programId: program.id,
      federationId: program.federation_id,
      details: { meetingId: item.meeting_id, outcome: data.outcome, place },
    });
    if (place === "ordinary") await announceFreePlace(tx, now, ctx.publicUrl, program.id);
    return { outcome: data.outcome, place };
  });
}

/** The team's advice on a consultation, returned to the officer who asked. */
export async function adviseConsultation(ctx: ServiceContext, itemId: string, input: unknown): Promise<void> {
  const data = validate(adviceSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const { item, program, role } = await itemContext(tx, ctx, itemId, "meeting.decide");
    if (!item.consultation_id) throw new NotFoundError("consultation");
    const consultation = await tx.selectFrom("consultations").selectAll().where("id", "=", item.consultation_id).executeTakeFirstOrThrow();
    if (consultation.status === "withdrawn") throw new ValidationError({}, ["meeting.errors.notOpen"]);
    const now = ctx.now();
    await tx.updateTable("consultations").set({ status: "answered", advice: data.advice, answered_at: now, answered_meeting_id: item.meeting_id, updated_at: now }).where("id", "=", consultation.id).execute();
    await notify(tx, now, ctx.publicUrl, { userIds: [consultation.author_id], kind: "consultation.answered", params: { program: program.name }, link: `/consultations/${consultation.id}` });
    await auditByActor(tx, ctx, role, { action: "consultation.advise", entityType: "consultation", entityId: consultation.id, programId: program.id, federationId: program.federation_id, details: { meetingId: item.meeting_id } });
  });
}

/** Marks a meeting held, or cancels it (its agenda moves to the next planned meeting). */
export async function setMeetingStatus(ctx: ServiceContext, meetingId: string, status: "held" | "cancelled" | "planned"): Promise<void> {
  if (!isUuid(meetingId)) throw new NotFoundError("meeting");
  await ctx.db.transaction().execute(async (tx) => {
    const meeting = await tx.selectFrom("team_meetings").selectAll().where("id", "=", meetingId).executeTakeFirst();
    if (!meeting) throw new NotFoundError("meeting");
    const program = await programOf(tx, meeting.program_id);
    const role = authorize(ctx, "meeting.manage", program);
    await tx.updateTable("team_meetings").set({ status }).where("id", "=", meetingId).execute();
    if (status !== "planned") {
      // What was not dealt with waits for the next meeting.
      const open = await tx
        .selectFrom("agenda_items as ai")
        .leftJoin("interest_requests as r", "r.id", "ai.request_id")
        .leftJoin("consultations as c", "c.id", "ai.consultation_id")
        .leftJoin("request_assessments as ra", (j) => j.onRef("ra.request_id", "=", "ai.request_id").onRef("ra.meeting_id", "=", "ai.meeting_id"))
        .select(["ai.id"])
        .where("ai.meeting_id", "=", meetingId)
        .where((eb) => eb.or([eb.and([eb("r.status", "=", "submitted"), eb("ra.id", "is", null)]), eb("c.status", "=", "submitted")]))
        .execute();
      if (open.length && status === "cancelled") await tx.deleteFrom("agenda_items").where("id", "in", open.map((o) => o.id)).execute();
      await fillAgenda(tx, program.id, isoToday(ctx.now()));
    }
    await auditByActor(tx, ctx, role, { action: "meeting.status", entityType: "team_meeting", entityId: meetingId, programId: program.id, federationId: program.federation_id, details: { status } });
  });
}

/** Puts a request or a consultation last on a meeting's agenda (they arrive in order). */
export { appendItem as appendToAgenda };
