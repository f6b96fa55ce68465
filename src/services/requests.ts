import { type Eligibility, assessEligibility } from "../domain/eligibility.ts";
import { consentStatus, type ConsentStatus } from "../domain/consent.ts";
import type { IncomeSource, RequestStatus } from "../domain/intake.ts";
import { decide, hasCapability, type RequestResource, type Subject } from "../domain/policy.ts";
import type { Role } from "../domain/roles.ts";
import type { ActiveAtEntry, DB } from "../persistence/schema.ts";
import { consentCoverage, consentFacts, isUuid, loadPeople, loadPerson } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { type Db, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { appendToAgenda, nextPlannedMeeting } from "./meetings.ts";
import { validate } from "./schemas/common.ts";
import { missingForSubmit, newRequestSchema, requestDraftSchema, withdrawSchema } from "./schemas/request.ts";
import type { Selectable } from "kysely";

// Interest requests (intresseförfrågan): written by a case officer together with the person, saved as a
// draft, submitted with consent to the collaboration team, decided at a meeting, or withdrawn. The author
// always sees where the request stands; its content only while the person's consent allows.

type RequestRow = Selectable<DB["interest_requests"]>;

export interface RequestContent {
  incomeSource: IncomeSource | null;
  incomeSourceOther: string;
  activeAt: (ActiveAtEntry & { authorityName: string })[];
  situation: string;
  triedBefore: string;
  whyNotEnough: string;
  goals: string;
  motivation: string;
  health: string;
  obstacles: string;
  needsTravel: boolean;
  needsInterpreter: boolean;
  interpreterLanguage: string;
  accessibilityNeeds: string;
  otherNeeds: string;
}

export interface RequestView {
  id: string;
  programId: string;
  programName: string;
  status: RequestStatus;
  /** Submitted and waiting: the planned meeting whose agenda it is on. */
  meeting: { id: string; date: string } | null;
  decision: "accepted" | "not_ready" | null;
  /** The team's recommendation when not ready (to the officer and the person). */
  recommendation: string | null;
  /** Accepted: where the person got a place. */
  place: "ordinary" | "pre_group" | "waiting" | "enrolled" | null;
  /** Enrolled: the coordinator, the dates and the first meeting (which the referring officer attends). */
  enrolment: {
    coordinatorName: string;
    startDate: string;
    plannedEndDate: string;
    firstMeetingDate: string | null;
    firstMeetingTime: string | null;
    firstMeetingPlace: string;
  } | null;
  createdAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
  author: { id: string; name: string };
  referringAuthority: { id: string; name: string };
  /** The person, when the reader may see them (name masked for protected identity as everywhere). */
  person: { id: string; reference: string; name: string | null; birthDate: string; masked: boolean } | null;
  /** The content, when the reader may see it (consent allows). */
  content: RequestContent | null;
  consent: {
    status: ConsentStatus | "none";
    givenOn: string | null;
    validUntil: string | null;
    authorities: string[];
  };
  eligibility: Eligibility | null;
  version: number;
  permissions: { edit: boolean; submit: boolean; withdraw: boolean; recordConsent: boolean };
}

export interface RequestListItem {
  id: string;
  programName: string;
  status: RequestStatus;
  meetingDate: string | null;
  decision: "accepted" | "not_ready" | null;
  personReference: string;
  /** Null when the reader may not see the person's name. */
  personName: string | null;
  authorName: string;
  authorityName: string;
  submittedAt: Date | null;
  updatedAt: Date;
}

async function loadRequest(tx: Tx, id: string, today: string) {
  if (!isUuid(id)) return null;
  const row = await tx
    .selectFrom("interest_requests as r")
    .innerJoin("programs as pr", "pr.id", "r.program_id")
    .selectAll("r")
    .select(["pr.name as program_name", "pr.federation_id", "pr.min_age", "pr.max_age", "pr.priority_max_age"])
    .where("r.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const consent = await consentCoverage(tx, row.person_id, row.program_id, today);
  const resource: RequestResource = {
    type: "request",
    requestId: row.id,
    programId: row.program_id,
    federationId: row.federation_id,
    personId: row.person_id,
    authorUserId: row.author_id,
    status: row.status,
    consent,
  };
  return { row, resource };
}

function can(subject: Subject, action: Parameters<typeof decide>[1], resource: Parameters<typeof decide>[2]): boolean {
  return decide(subject, action, resource).allowed;
}

/** The member authority a user refers from in a program: their case-officer authority, else the owner. */
async function referringAuthority(tx: Tx, subject: Subject, programId: string): Promise<{ authorityId: string; unitId: string | null }> {
  const assignment =
    subject.assignments.find((a) => a.programId === programId && a.role === "case_officer") ??
    subject.assignments.find((a) => a.programId === programId && a.authorityId);
  if (assignment?.authorityId) return { authorityId: assignment.authorityId, unitId: assignment.unitId };
  const program = await tx.selectFrom("programs").select("owner_authority_id").where("id", "=", programId).executeTakeFirstOrThrow();
  return { authorityId: program.owner_authority_id, unitId: null };
}

/** Starts a request (a draft) for a person in the program's register. */
export async function createRequest(ctx: ServiceContext, input: unknown): Promise<{ id: string }> {
  if (!hasCapability(ctx.actor.subject, "request.create")) throw new ForbiddenError();
  const data = validate(newRequestSchema, input);
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const program = await tx.selectFrom("programs").select(["id", "federation_id", "active"]).where("id", "=", data.programId).executeTakeFirst();
    const decision = program ? decide(ctx.actor.subject, "request.create", { type: "program", programId: program.id, federationId: program.federation_id }) : null;
    if (!program || !program.active || !decision?.allowed) throw new ValidationError({ programId: ["errors.choose"] });
    const person = await loadPerson(tx, data.personId, today);
    if (!person || !can(ctx.actor.subject, "person.view", person.resource)) throw new NotFoundError("person");
    if (person.row.program_id !== program.id) throw new ValidationError({ personId: ["request.errors.personNotInProgram"] });
    const open = await tx
      .selectFrom("interest_requests")
      .select(["id", "author_id"])
      .where("person_id", "=", person.row.id)
      .where("program_id", "=", program.id)
      .where("status", "in", ["draft", "submitted"])
      .executeTakeFirst();
    if (open) throw new ConflictError("request_exists", null, open.author_id === ctx.actor.user.id ? { requestId: open.id } : {});
    const { authorityId, unitId } = await referringAuthority(tx, ctx.actor.subject, program.id);
    const now = ctx.now();
    const row = await tx
      .insertInto("interest_requests")
      .values({
        program_id: program.id,
        person_id: person.row.id,
        author_id: ctx.actor.user.id,
        referring_authority_id: authorityId,
        referring_unit_id: unitId,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (data.bookingId) {
      const booking = await tx.selectFrom("study_visit_bookings").select(["id", "booked_by", "program_id"]).where("id", "=", data.bookingId).executeTakeFirst();
      const mayUse = booking && booking.program_id === program.id && (booking.booked_by === ctx.actor.user.id || can(ctx.actor.subject, "studyVisit.manage", { type: "program", programId: program.id, federationId: program.federation_id }));
      if (mayUse) await tx.updateTable("study_visit_bookings").set({ request_id: row.id, updated_at: now }).where("id", "=", booking.id).execute();
    }
    await auditByActor(tx, ctx, decision.role, {
      action: "request.create",
      entityType: "interest_request",
      entityId: row.id,
      personId: person.row.id,
      programId: program.id,
      federationId: program.federation_id,
    });
    return row;
  });
}

/** Saves a draft as it is (nothing is required yet). Only the author, only while it is a draft. */
export async function updateDraft(ctx: ServiceContext, id: string, input: unknown): Promise<{ version: number }> {
  if (!hasCapability(ctx.actor.subject, "request.edit")) throw new ForbiddenError();
  const data = validate(requestDraftSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadRequest(tx, id, isoToday(ctx.now()));
    if (!loaded || !can(ctx.actor.subject, "request.viewStatus", loaded.resource)) throw new NotFoundError("request");
    const decision = decide(ctx.actor.subject, "request.edit", loaded.resource);
    if (!decision.allowed) throw new ValidationError({}, ["request.errors.notEditable"]);
    if (data.version !== undefined && data.version !== loaded.row.version) throw new ConflictError("stale_version");
    const memberIds = new Set(
      (await tx.selectFrom("authorities").select("id").where("federation_id", "=", loaded.resource.federationId).execute()).map((a) => a.id),
    );
    const activeAt = data.activeAt.filter((e) => memberIds.has(e.authorityId)).map((e) => ({ authorityId: e.authorityId, contactName: e.contactName ?? "", contactDetails: e.contactDetails ?? "" }));
    const row = await tx
      .updateTable("interest_requests")
      .set({
        income_source: data.incomeSource ?? null,
        income_source_other: data.incomeSourceOther ?? "",
        active_at: JSON.stringify(activeAt),
        situation: data.situation ?? "",
        tried_before: data.triedBefore ?? "",
        why_not_enough: data.whyNotEnough ?? "",
        goals: data.goals ?? "",
        motivation: data.motivation ?? "",
        health: data.health ?? "",
        obstacles: data.obstacles ?? "",
        needs_travel: data.needsTravel,
        needs_interpreter: data.needsInterpreter,
        interpreter_language: data.interpreterLanguage ?? "",
        accessibility_needs: data.accessibilityNeeds ?? "",
        other_needs: data.otherNeeds ?? "",
        version: loaded.row.version + 1,
        updated_at: ctx.now(),
      })
      .where("id", "=", loaded.row.id)
      .where("version", "=", loaded.row.version)
      .returning("version")
      .executeTakeFirst();
    if (!row) throw new ConflictError("stale_version");
    await auditByActor(tx, ctx, decision.role, {
      action: "request.update",
      entityType: "interest_request",
      entityId: loaded.row.id,
      personId: loaded.row.person_id,
      programId: loaded.row.program_id,
      federationId: loaded.resource.federationId,
    });
    return row;
  });
}

/**
 * Sends the request to the collaboration team: checks that it is complete and that the person has given
 * a valid consent, and puts it on the agenda of the next planned meeting, after what is already there.
 */
export async function submitRequest(ctx: ServiceContext, id: string): Promise<{ meetingId: string | null }> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadRequest(tx, id, today);
    if (!loaded || !can(ctx.actor.subject, "request.viewStatus", loaded.resource)) throw new NotFoundError("request");
    const decision = decide(ctx.actor.subject, "request.edit", loaded.resource);
    if (!decision.allowed) throw new ValidationError({}, ["request.errors.notEditable"]);
    const r = loaded.row;
    const missing = missingForSubmit({
      incomeSource: r.income_source,
      incomeSourceOther: r.income_source_other,
      activeAt: r.active_at,
      situation: r.situation,
      triedBefore: r.tried_before,
      whyNotEnough: r.why_not_enough,
      goals: r.goals,
      motivation: r.motivation,
      needsInterpreter: r.needs_interpreter,
      interpreterLanguage: r.interpreter_language,
    });
    const formErrors: string[] = [];
    const coverage = loaded.resource.consent;
    if (!coverage || coverage.length === 0) formErrors.push("request.errors.consentMissing");
    else if (!coverage.includes(r.referring_authority_id)) formErrors.push("request.errors.consentNotReferrer");
    if (Object.keys(missing).length || formErrors.length) throw new ValidationError(missing, formErrors);
    const now = ctx.now();
    await tx.updateTable("interest_requests").set({ status: "submitted", submitted_at: now, updated_at: now, version: r.version + 1 }).where("id", "=", r.id).execute();
    const meeting = await nextPlannedMeeting(tx, r.program_id, today);
    if (meeting) await appendToAgenda(tx, meeting.id, { requestId: r.id });
    await auditByActor(tx, ctx, decision.role, {
      action: "request.submit",
      entityType: "interest_request",
      entityId: r.id,
      personId: r.person_id,
      programId: r.program_id,
      federationId: loaded.resource.federationId,
      details: { meetingId: meeting?.id ?? null },
    });
    return { meetingId: meeting?.id ?? null };
  });
}

/** Withdraws a request that has not been decided (the person changed their mind, or it was sent by mistake). */
export async function withdrawRequest(ctx: ServiceContext, id: string, input: unknown): Promise<void> {
  const data = validate(withdrawSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadRequest(tx, id, isoToday(ctx.now()));
    if (!loaded || !can(ctx.actor.subject, "request.viewStatus", loaded.resource)) throw new NotFoundError("request");
    const decision = decide(ctx.actor.subject, "request.withdraw", loaded.resource);
    if (!decision.allowed) throw new ValidationError({}, ["request.errors.notWithdrawable"]);
    const now = ctx.now();
    await tx
      .updateTable("interest_requests")
      .set({ status: "withdrawn", withdrawn_at: now, withdrawn_by: ctx.actor.user.id, withdrawal_reason: data.reason, updated_at: now, version: loaded.row.version + 1 })
      .where("id", "=", loaded.row.id)
      .execute();
    // Off the agenda of meetings still to come.
    const planned = await tx.selectFrom("team_meetings").select("id").where("program_id", "=", loaded.row.program_id).where("status", "=", "planned").execute();
    if (planned.length) {
      await tx.deleteFrom("agenda_items").where("request_id", "=", loaded.row.id).where("meeting_id", "in", planned.map((m) => m.id)).execute();
    }
    await auditByActor(tx, ctx, decision.role, {
      action: "request.withdraw",
      entityType: "interest_request",
      entityId: loaded.row.id,
      personId: loaded.row.person_id,
      programId: loaded.row.program_id,
      federationId: loaded.resource.federationId,
    });
  });
}

function contentOf(r: RequestRow, authorityNames: Map<string, string>): RequestContent {
  return {
    incomeSource: r.income_source as IncomeSource | null,
    incomeSourceOther: r.income_source_other,
    activeAt: r.active_at.map((e) => ({ ...e, authorityName: authorityNames.get(e.authorityId) ?? "" })),
    situation: r.situation,
    triedBefore: r.tried_before,
    whyNotEnough: r.why_not_enough,
    goals: r.goals,
    motivation: r.motivation,
    health: r.health,
    obstacles: r.obstacles,
    needsTravel: r.needs_travel,
    needsInterpreter: r.needs_interpreter,
    interpreterLanguage: r.interpreter_language,
    accessibilityNeeds: r.accessibility_needs,
    otherNeeds: r.other_needs,
  };
}

/** A request as one reader may see it. Reading it is recorded in the audit log. */
export async function getRequest(ctx: ServiceContext, id: string): Promise<RequestView> {
  if (!hasCapability(ctx.actor.subject, "request.viewStatus")) throw new ForbiddenError();
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadRequest(tx, id, today);
    if (!loaded) throw new NotFoundError("request");
    const statusDecision = decide(ctx.actor.subject, "request.viewStatus", loaded.resource);
    if (!statusDecision.allowed) throw new NotFoundError("request");
    const full = decide(ctx.actor.subject, "request.view", loaded.resource);
    const r = loaded.row;
    const person = await loadPerson(tx, r.person_id, today);
    const personVisible = person !== null && can(ctx.actor.subject, "person.view", person.resource);
    const masked = personVisible && person.resource.protectedIdentity && !can(ctx.actor.subject, "person.viewProtected", person.resource);
    const authorities = await tx.selectFrom("authorities").select(["id", "name"]).where("federation_id", "=", loaded.resource.federationId).execute();
    const names = new Map(authorities.map((a) => [a.id, a.name]));
    const author = await tx.selectFrom("users").select(["id", "display_name"]).where("id", "=", r.author_id).executeTakeFirstOrThrow();
    const meeting = await agendaMeetingOf(tx, r.id);
    const placement = await tx
      .selectFrom("placements as pl")
      .leftJoin("enrolments as e", "e.placement_id", "pl.id")
      .leftJoin("users as c", "c.id", "e.coordinator_id")
      .select([
        "pl.place", "pl.ended_at", "e.id as enrolment_id", "e.start_date", "e.planned_end_date", "e.first_meeting_date",
        "e.first_meeting_time", "e.first_meeting_place", "c.display_name as coordinator_name",
      ])
      .where("pl.request_id", "=", r.id)
      .executeTakeFirst();
    const facts = await consentFacts(tx, r.person_id, r.program_id);
    const latest = facts.at(-1);
    const consentAuthorities = await tx
      .selectFrom("consents as c")
      .innerJoin("consent_authorities as ca", "ca.consent_id", "c.id")
      .innerJoin("authorities as a", "a.id", "ca.authority_id")
      .select(["a.name"])
      .where("c.person_id", "=", r.person_id)
      .where("c.program_id", "=", r.program_id)
      .where("c.ended_at", "is", null)
      .orderBy("a.name")
      .execute();
    const program = { minAge: loaded.row.min_age, maxAge: loaded.row.max_age, priorityMaxAge: loaded.row.priority_max_age };
    const authorityIds = new Set(authorities.map((a) => a.id));
    await auditByActor(tx, ctx, (full.allowed ? full.role : statusDecision.role) as Role, {
      action: "request.view",
      entityType: "interest_request",
      entityId: r.id,
      personId: r.person_id,
      programId: r.program_id,
      federationId: loaded.resource.federationId,
      details: { content: full.allowed },
    });
    const personResource = person?.resource;
    return {
      id: r.id,
      programId: r.program_id,
      programName: r.program_name,
      status: r.status,
      meeting: r.status === "submitted" ? meeting : null,
      decision: r.decision,
      recommendation: r.decision === "not_ready" && (full.allowed || r.author_id === ctx.actor.user.id) ? r.recommendation : null,
      place: placement && !placement.ended_at ? (placement.enrolment_id ? "enrolled" : placement.place) : null,
      enrolment:
        full.allowed && placement?.enrolment_id && !placement.ended_at
          ? {
              coordinatorName: placement.coordinator_name ?? "",
              startDate: placement.start_date!,
              plannedEndDate: placement.planned_end_date!,
              firstMeetingDate: placement.first_meeting_date,
              firstMeetingTime: placement.first_meeting_time,
              firstMeetingPlace: placement.first_meeting_place ?? "",
            }
          : null,
      createdAt: r.created_at,
      submittedAt: r.submitted_at,
      decidedAt: r.decided_at,
      withdrawnAt: r.withdrawn_at,
      withdrawalReason: full.allowed ? r.withdrawal_reason || null : null,
      author: { id: author.id, name: author.display_name },
      referringAuthority: { id: r.referring_authority_id, name: names.get(r.referring_authority_id) ?? "" },
      person:
        personVisible && person
          ? {
              id: person.row.id,
              reference: person.row.reference,
              name: masked ? null : `${person.row.first_name} ${person.row.last_name}`,
              birthDate: masked ? person.row.birth_date.slice(0, 4) : person.row.birth_date,
              masked,
            }
          : null,
      content: full.allowed ? contentOf(r, names) : null,
      consent: {
        status: latest ? consentStatus(latest, today) : "none",
        givenOn: latest?.givenOn ?? null,
        validUntil: latest?.validUntil ?? null,
        authorities: full.allowed ? consentAuthorities.map((a) => a.name) : [],
      },
      eligibility:
        full.allowed && person
          ? assessEligibility({
              birthDate: masked ? null : person.row.birth_date,
              today,
              ages: program,
              activeAtMemberAuthorities: r.active_at.filter((e) => authorityIds.has(e.authorityId)).length,
              triedBefore: r.tried_before,
            })
          : null,
      version: r.version,
      permissions: {
        edit: can(ctx.actor.subject, "request.edit", loaded.resource),
        submit: can(ctx.actor.subject, "request.edit", loaded.resource),
        withdraw: can(ctx.actor.subject, "request.withdraw", loaded.resource),
        recordConsent: personResource !== undefined && can(ctx.actor.subject, "consent.record", personResource),
      },
    };
  });
}

async function agendaMeetingOf(db: Db | Tx, requestId: string): Promise<{ id: string; date: string } | null> {
  return (await agendaMeetings(db, [requestId])).get(requestId) ?? null;
}

/** For submitted requests: the first planned meeting whose agenda each one is on. */
async function agendaMeetings(db: Db | Tx, requestIds: string[]): Promise<Map<string, { id: string; date: string }>> {
  const result = new Map<string, { id: string; date: string }>();
  if (requestIds.length === 0) return result;
  // A meeting that already postponed the request is not where it waits now.
  const rows = await db
    .selectFrom("agenda_items as ai")
    .innerJoin("team_meetings as m", "m.id", "ai.meeting_id")
    .leftJoin("request_assessments as ra", (join) => join.onRef("ra.request_id", "=", "ai.request_id").onRef("ra.meeting_id", "=", "ai.meeting_id"))
    .select(["ai.request_id", "m.id", "m.date"])
    .where("ai.request_id", "in", requestIds)
    .where("m.status", "=", "planned")
    .where("ra.id", "is", null)
    .orderBy("m.date")
    .execute();
  for (const r of rows) if (r.request_id && !result.has(r.request_id)) result.set(r.request_id, { id: r.id, date: r.date });
  return result;
}

export interface RequestFilter {
  programId?: string | undefined;
  status?: RequestStatus | undefined;
  /** Only the requests the reader wrote. */
  mine?: boolean | undefined;
  /** Only one person's requests. */
  personId?: string | undefined;
}

/**
 * The requests a reader may follow: their own (any status), and for program staff and the team the
 * program's requests that have reached the team. Names only where the reader may see the person.
 */
export async function listRequests(ctx: ServiceContext, filter: RequestFilter = {}): Promise<RequestListItem[]> {
  if (!hasCapability(ctx.actor.subject, "request.viewStatus")) throw new ForbiddenError();
  const today = isoToday(ctx.now());
  const programs = [...new Set(ctx.actor.subject.assignments.filter((a) => a.programId).map((a) => a.programId!))];
  let query = ctx.db
    .selectFrom("interest_requests as r")
    .innerJoin("programs as pr", "pr.id", "r.program_id")
    .innerJoin("people as p", "p.id", "r.person_id")
    .innerJoin("users as u", "u.id", "r.author_id")
    .innerJoin("authorities as a", "a.id", "r.referring_authority_id")
    .select([
      "r.id", "r.program_id", "r.person_id", "r.author_id", "r.status", "r.decision", "r.submitted_at", "r.updated_at",
      "pr.name as program_name", "pr.federation_id", "p.reference", "u.display_name as author_name", "a.name as authority_name",
    ])
    .where((eb) => eb.or([eb("r.author_id", "=", ctx.actor.user.id), ...(programs.length ? [eb.and([eb("r.program_id", "in", programs), eb("r.status", "<>", "draft")])] : [])]))
    .orderBy("r.updated_at", "desc")
    .limit(500);
  if (filter.mine) query = query.where("r.author_id", "=", ctx.actor.user.id);
  if (filter.programId && isUuid(filter.programId)) query = query.where("r.program_id", "=", filter.programId);
  if (filter.status) query = query.where("r.status", "=", filter.status);
  if (filter.personId !== undefined) {
    if (!isUuid(filter.personId)) return [];
    query = query.where("r.person_id", "=", filter.personId);
  }
  const rows = await query.execute();
  const people = await loadPeople(ctx.db, rows.map((r) => r.person_id), today);
  const meetings = await agendaMeetings(ctx.db, rows.filter((r) => r.status === "submitted").map((r) => r.id));
  const items: RequestListItem[] = [];
  for (const r of rows) {
    const person = people.get(r.person_id) ?? null;
    // A person's consent is per program; the request is in the person's program.
    const consent = person?.resource.consent ?? null;
    const resource: RequestResource = { type: "request", requestId: r.id, programId: r.program_id, federationId: r.federation_id, personId: r.person_id, authorUserId: r.author_id, status: r.status, consent };
    if (!can(ctx.actor.subject, "request.viewStatus", resource)) continue;
    const seesName = person !== null && can(ctx.actor.subject, "person.view", person.resource) && (!person.resource.protectedIdentity || can(ctx.actor.subject, "person.viewProtected", person.resource));
    const meeting = meetings.get(r.id) ?? null;
    items.push({
      id: r.id,
      programName: r.program_name,
      status: r.status,
      meetingDate: meeting?.date ?? null,
      decision: r.decision,
      personReference: r.reference,
      personName: seesName && person ? `${person.row.first_name} ${person.row.last_name}` : null,
      authorName: r.author_name,
      authorityName: r.authority_name,
      submittedAt: r.submitted_at,
      updatedAt: r.updated_at,
    });
  }
  return items;
}

/**
 * The member authorities of a program's federation (for the "active at" and consent choices).
 * Organisation data, not personal data: anyone holding a role in the program may read it.
 */
export async function memberAuthorities(ctx: ServiceContext, programId: string): Promise<{ id: string; name: string; kind: string }[]> {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const inProgram = ctx.actor.subject.assignments.some((a) => a.programId === programId);
  if (!inProgram) throw new NotFoundError("program");
  return ctx.db
    .selectFrom("authorities as a")
    .innerJoin("programs as p", "p.federation_id", "a.federation_id")
    .select(["a.id", "a.name", "a.kind"])
    .where("p.id", "=", programId)
    .orderBy("a.name")
    .execute();
}
