import { addDays } from "../domain/calendar.ts";
import { addMonths } from "../domain/enrolment.ts";
import type { Place } from "../domain/places.ts";
import { decide } from "../domain/policy.ts";
import { consentCoverage, isUuid, loadPerson } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { type Db, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { notify } from "./notifications.ts";
import { validate } from "./schemas/common.ts";
import { enrolmentSchema } from "./schemas/intake.ts";

// Enrolment: when someone has a place in the ordinary group, a coordinator is assigned (the list shows each
// one's current caseload), the start date and the situation at start are recorded, the first meeting is
// booked, and whether the therapist meeting was offered. The planned end is twelve months later (soft).
// When the first meeting is booked, the referring officer (the request's author) is told: they take part.

export { addMonths };

export interface CoordinatorLoad {
  userId: string;
  name: string;
  caseload: number;
}

export async function coordinatorsWithCaseload(db: Db | Tx, programId: string): Promise<CoordinatorLoad[]> {
  const rows = await db
    .selectFrom("role_assignments as ra")
    .innerJoin("users as u", "u.id", "ra.user_id")
    .select((eb) => [
      "u.id",
      "u.display_name",
      eb
        .selectFrom("enrolments as e")
        .whereRef("e.coordinator_id", "=", "u.id")
        .where("e.program_id", "=", programId)
        .where("e.ended_on", "is", null)
        .select(eb.fn.countAll<string>().as("n"))
        .as("caseload"),
    ])
    .where("ra.program_id", "=", programId)
    .where("ra.role", "=", "coordinator")
    .where("ra.ended_at", "is", null)
    .where("u.active", "=", true)
    .orderBy("u.display_name")
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.display_name, caseload: Number(r.caseload ?? 0) }));
}

async function placementFor(tx: Tx, ctx: ServiceContext, placementId: string) {
  if (!isUuid(placementId)) throw new NotFoundError("placement");
  const placement = await tx.selectFrom("placements").selectAll().where("id", "=", placementId).where("ended_at", "is", null).executeTakeFirst();
  if (!placement) throw new NotFoundError("placement");
  const program = await tx.selectFrom("programs").select(["id", "name", "federation_id", "planned_months"]).where("id", "=", placement.program_id).executeTakeFirstOrThrow();
  const decision = decide(ctx.actor.subject, "placement.manage", { type: "program", programId: program.id, federationId: program.federation_id });
  if (!decision.allowed) throw new ForbiddenError();
  return { placement, program, role: decision.role };
}

export interface EnrolmentSummary {
  id: string;
  coordinatorName: string;
  startDate: string;
  plannedEndDate: string;
  incomeSource: string;
  educationLevel: string;
  /** Null for enrolments made before it was asked. */
  occupationAtStart: string | null;
  firstMeeting: { date: string; time: string | null; place: string } | null;
  therapistOffered: boolean;
  therapistAccepted: boolean | null;
}

export interface EnrolmentForm {
  placementId: string;
  personId: string;
  reference: string;
  programName: string;
  plannedMonths: number;
  coordinators: CoordinatorLoad[];
  /** The income source the request gave, as a starting point. */
  incomeSource: string | null;
  programId: string;
  /** Null when masked (protected identity, reader not working with the person). */
  name: string | null;
  /** Only someone in the ordinary group can be enrolled. */
  place: Place;
  /** The referring officer, who is invited to the first meeting (and told when it is booked). */
  referrer: { name: string; authority: string } | null;
  /** The enrolment, once it is saved. */
  enrolment: EnrolmentSummary | null;
  today: string;
}

export async function enrolmentForm(ctx: ServiceContext, placementId: string): Promise<EnrolmentForm> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const { placement, program, role } = await placementFor(tx, ctx, placementId);
    const person = await loadPerson(tx, placement.person_id, today);
    if (!person) throw new NotFoundError("placement");
    const masked = person.resource.protectedIdentity && !decide(ctx.actor.subject, "person.viewProtected", person.resource).allowed;
    const request = await tx
      .selectFrom("interest_requests as r")
      .innerJoin("users as u", "u.id", "r.author_id")
      .innerJoin("authorities as a", "a.id", "r.referring_authority_id")
      .select(["r.income_source", "u.display_name", "a.name as authority_name"])
      .where("r.id", "=", placement.request_id)
      .executeTakeFirst();
    const enrolment = await tx
      .selectFrom("enrolments as e")
      .innerJoin("users as c", "c.id", "e.coordinator_id")
      .selectAll("e")
      .select("c.display_name as coordinator_name")
      .where("e.placement_id", "=", placement.id)
      .executeTakeFirst();
    // The page names the person: a view of personal data, like the person's own page.
    await auditByActor(tx, ctx, role, {
      action: "enrolment.view",
      entityType: "placement",
      entityId: placement.id,
      personId: placement.person_id,
      programId: program.id,
      federationId: program.federation_id,
    });
    return {
      placementId: placement.id,
      personId: placement.person_id,
      reference: person.row.reference,
      programName: program.name,
      plannedMonths: program.planned_months,
      coordinators: await coordinatorsWithCaseload(tx, program.id),
      incomeSource: request?.income_source ?? null,
      programId: program.id,
      name: masked ? null : `${person.row.first_name} ${person.row.last_name}`,
      place: placement.place,
      referrer: request ? { name: request.display_name, authority: request.authority_name } : null,
      enrolment: enrolment
        ? {
            id: enrolment.id,
            coordinatorName: enrolment.coordinator_name,
            startDate: enrolment.start_date,
            plannedEndDate: enrolment.planned_end_date,
            incomeSource: enrolment.income_source,
            educationLevel: enrolment.education_level,
            occupationAtStart: enrolment.occupation_at_start,
            firstMeeting: enrolment.first_meeting_date
              ? { date: enrolment.first_meeting_date, time: enrolment.first_meeting_time, place: enrolment.first_meeting_place }
              : null,
            therapistOffered: enrolment.therapist_offered,
            therapistAccepted: enrolment.therapist_accepted,
          }
        : null,
      today,
    };
  });
}

/** Enrols someone who has a place in the ordinary group. */
export async function enrol(ctx: ServiceContext, placementId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(enrolmentSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const { placement, program, role } = await placementFor(tx, ctx, placementId);
    if (placement.place !== "ordinary") throw new ValidationError({}, ["enrolment.errors.notInOrdinaryGroup"]);
    const existing = await tx.selectFrom("enrolments").select("id").where("placement_id", "=", placement.id).executeTakeFirst();
    if (existing) throw new ValidationError({}, ["enrolment.errors.alreadyEnrolled"]);
    const coordinators = await coordinatorsWithCaseload(tx, program.id);
    if (!coordinators.some((c) => c.userId === data.coordinatorId)) throw new ValidationError({ coordinatorId: ["errors.choose"] });
    if (data.firstMeetingDate && data.firstMeetingDate < data.startDate && data.firstMeetingDate < addDays(data.startDate, -60)) {
      throw new ValidationError({ firstMeetingDate: ["enrolment.errors.firstMeetingLongBefore"] });
    }
    const now = ctx.now();
    const row = await tx
      .insertInto("enrolments")
      .values({
        program_id: program.id,
        person_id: placement.person_id,
        placement_id: placement.id,
        coordinator_id: data.coordinatorId,
        start_date: data.startDate,
        planned_end_date: addMonths(data.startDate, program.planned_months),
        income_source: data.incomeSource,
        education_level: data.educationLevel,
        occupation_at_start: data.occupationAtStart,
        first_meeting_date: data.firstMeetingDate ?? null,
        first_meeting_time: data.firstMeetingTime ?? null,
        first_meeting_place: data.firstMeetingPlace ?? "",
        therapist_offered: data.therapistOffered,
        therapist_accepted: data.therapistOffered ? data.therapistAccepted : null,
        created_by: ctx.actor.user.id,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The coordinator now works directly with the person (and sees protected details).
    const link = await tx.selectFrom("person_staff").select("id").where("person_id", "=", placement.person_id).where("user_id", "=", data.coordinatorId).where("relation", "=", "coordinator").where("ended_at", "is", null).executeTakeFirst();
    if (!link) {
      await tx.insertInto("person_staff").values({ person_id: placement.person_id, user_id: data.coordinatorId, relation: "coordinator", created_at: now, created_by: ctx.actor.user.id }).execute();
    }
    const person = await tx.selectFrom("people").select("reference").where("id", "=", placement.person_id).executeTakeFirstOrThrow();
    await notify(tx, now, ctx.publicUrl, {
      userIds: [data.coordinatorId].filter((id) => id !== ctx.actor.user.id),
      kind: "participant.assigned",
      params: { reference: person.reference, program: program.name, start: data.startDate },
      link: `/people/${placement.person_id}`,
    });
    // The referring officer takes part in the first meeting: tell them when it is booked, while consent
    // still lets their authority see the person (after a withdrawal only the program's own staff do).
    if (data.firstMeetingDate) {
      const request = await tx.selectFrom("interest_requests").select(["author_id", "referring_authority_id"]).where("id", "=", placement.request_id).executeTakeFirst();
      const coverage = request ? await consentCoverage(tx, placement.person_id, program.id, isoToday(now)) : null;
      if (request && (coverage === null || coverage.includes(request.referring_authority_id))) {
        await notify(tx, now, ctx.publicUrl, {
          userIds: [request.author_id].filter((id) => id !== ctx.actor.user.id),
          kind: "enrolment.first_meeting",
          params: { reference: person.reference, program: program.name, date: data.firstMeetingDate, time: data.firstMeetingTime ?? "" },
          link: `/requests/${placement.request_id}`,
        });
      }
    }
    await auditByActor(tx, ctx, role, {
      action: "enrolment.create",
      entityType: "enrolment",
      entityId: row.id,
      personId: placement.person_id,
      programId: program.id,
      federationId: program.federation_id,
      details: { coordinatorId: data.coordinatorId, startDate: data.startDate, therapistOffered: data.therapistOffered },
    });
    return row;
  });
}

export interface PersonPlacementView {
  programName: string;
  place: Place;
  acceptedOn: string;
  enrolment: {
    coordinatorName: string;
    startDate: string;
    plannedEndDate: string;
    firstMeetingDate: string | null;
    firstMeetingTime: string | null;
    firstMeetingPlace: string;
    therapistOffered: boolean;
    therapistAccepted: boolean | null;
  } | null;
  /** Consents were recorded, but none is valid now: the member authorities no longer see the person. */
  consentGone: boolean;
  /** The reader may manage places (a link to the program page, or to enrol). */
  canManage: boolean;
  programId: string;
  placementId: string;
}

/**
 * A person's current place in their program and their enrolment, for those who may see the person.
 * Shows plainly when the person's consent is gone. Reading it is recorded in the audit log.
 */
export async function personPlacement(ctx: ServiceContext, personId: string): Promise<PersonPlacementView | null> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const person = await loadPerson(tx, personId, today);
    if (!person) throw new NotFoundError("person");
    const view = decide(ctx.actor.subject, "person.view", person.resource);
    if (!view.allowed) throw new NotFoundError("person");
    const row = await tx
      .selectFrom("placements as pl")
      .innerJoin("programs as pr", "pr.id", "pl.program_id")
      .leftJoin("enrolments as e", "e.placement_id", "pl.id")
      .leftJoin("users as c", "c.id", "e.coordinator_id")
      .select([
        "pl.id", "pl.place", "pl.accepted_on", "pl.program_id", "pr.name as program_name", "pr.federation_id",
        "e.id as enrolment_id", "e.start_date", "e.planned_end_date", "e.first_meeting_date", "e.first_meeting_time",
        "e.first_meeting_place", "e.therapist_offered", "e.therapist_accepted", "c.display_name as coordinator_name",
      ])
      .where("pl.person_id", "=", person.row.id)
      .where("pl.ended_at", "is", null)
      .orderBy("pl.placed_at", "desc")
      .executeTakeFirst();
    if (!row) return null;
    await auditByActor(tx, ctx, view.role, {
      action: "placement.view",
      entityType: "placement",
      entityId: row.id,
      personId: person.row.id,
      programId: row.program_id,
      federationId: row.federation_id,
    });
    const consent = person.resource.consent;
    return {
      programId: row.program_id,
      programName: row.program_name,
      placementId: row.id,
      place: row.place,
      acceptedOn: row.accepted_on,
      enrolment: row.enrolment_id
        ? {
            coordinatorName: row.coordinator_name ?? "",
            startDate: row.start_date!,
            plannedEndDate: row.planned_end_date!,
            firstMeetingDate: row.first_meeting_date,
            firstMeetingTime: row.first_meeting_time,
            firstMeetingPlace: row.first_meeting_place ?? "",
            therapistOffered: row.therapist_offered ?? false,
            therapistAccepted: row.therapist_accepted,
          }
        : null,
      consentGone: consent !== null && consent.length === 0,
      canManage: decide(ctx.actor.subject, "placement.manage", { type: "program", programId: row.program_id, federationId: row.federation_id }).allowed,
    };
  });
}
