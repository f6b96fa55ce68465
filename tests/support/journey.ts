import type { Db } from "../../src/services/context.ts";
import type { World } from "./world.ts";

// The start of a participant's journey, written straight into the tables for the journey's integration
// tests (the intake path itself is tested through its services): a decided interest request, a place, an
// enrolment, and when asked a consent and who works directly with the person.

export interface DirectConsent {
  /** The authorities the consent covers. */
  authorities: string[];
  givenOn: string;
  validUntil: string;
  recordedAt: Date;
  /** Default: the world's case officer. */
  recordedBy?: string;
}

export interface DirectEnrolment {
  personId: string;
  /** The enrolment's start date. */
  startDate: string;
  /** Default: the world's program. */
  programId?: string;
  /** The enrolment's coordinator, who also writes it. Default: the world's coordinator. */
  coordinatorId?: string;
  /** Default: a year after the start (the same day and month). */
  plannedEnd?: string;
  /** The enrolment's income source. Default: activity compensation. */
  incomeSource?: string;
  /** Default: upper secondary school. */
  educationLevel?: string;
  occupationAtStart?: string | null;
  /** When the enrolment was written. Default: the database's clock. */
  createdAt?: Date;
  request?: {
    /** Default: the world's case officer (at the FK, always the referring authority). */
    authorId?: string;
    /** Decided with "accepted" (without: decided, no decision recorded). */
    accepted?: boolean;
    /** The request's income source. Default: none given. */
    incomeSource?: string;
    /** Written, submitted and decided at this time. Default: written at the database's clock, no times. */
    at?: Date;
  };
  placement?: {
    /** Default: the start date. */
    acceptedOn?: string;
    /** Default: 08:00 UTC on the day the place was accepted. */
    placedAt?: Date;
  };
  /** A consent given with the request. Default: none. */
  consent?: DirectConsent;
  /**
   * Who then works directly with the person (person_staff), unless they already do: the coordinator
   * and/or the request's author (as case officer). Default: nobody.
   */
  staff?: ("coordinator" | "referrer")[];
}

export interface DirectEnrolmentIds {
  enrolmentId: string;
  placementId: string;
  requestId: string;
  consentId: string | null;
}

/** A consent written directly, covering `authorities`; tied to a request when `requestId` is given. */
export async function consentDirectly(
  deps: { db: Db },
  world: World,
  options: DirectConsent & { personId: string; programId?: string; requestId?: string },
): Promise<string> {
  const consent = await deps.db
    .insertInto("consents")
    .values({
      person_id: options.personId,
      program_id: options.programId ?? world.programId,
      ...(options.requestId ? { request_id: options.requestId } : {}),
      purpose: "KRUS",
      given_on: options.givenOn,
      valid_until: options.validUntil,
      method: "recorded",
      recorded_by: options.recordedBy ?? world.users.officer.id,
      recorded_at: options.recordedAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await deps.db
    .insertInto("consent_authorities")
    .values(options.authorities.map((authority_id) => ({ consent_id: consent.id, authority_id })))
    .execute();
  return consent.id;
}

async function worksWith(db: Db, personId: string, userId: string, relation: "coordinator" | "case_officer"): Promise<void> {
  const linked = await db.selectFrom("person_staff").select("id").where("person_id", "=", personId).where("user_id", "=", userId).executeTakeFirst();
  if (!linked) await db.insertInto("person_staff").values({ person_id: personId, user_id: userId, relation }).execute();
}

/** A year after `date` (YYYY-MM-DD): the same day and month. */
const aYearAfter = (date: string) => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;

/** An enrolment as intake leaves it, written straight into the tables. */
export async function enrolDirectly(deps: { db: Db }, world: World, options: DirectEnrolment): Promise<DirectEnrolmentIds> {
  const { db } = deps;
  const { personId, startDate, request = {}, placement = {} } = options;
  const programId = options.programId ?? world.programId;
  const coordinatorId = options.coordinatorId ?? world.users.coordinator.id;
  const authorId = request.authorId ?? world.users.officer.id;
  for (const who of options.staff ?? []) {
    await (who === "coordinator" ? worksWith(db, personId, coordinatorId, "coordinator") : worksWith(db, personId, authorId, "case_officer"));
  }
  const { id: requestId } = await db
    .insertInto("interest_requests")
    .values({
      program_id: programId,
      person_id: personId,
      author_id: authorId,
      referring_authority_id: world.authorities.fk,
      status: "decided",
      ...(request.accepted ? { decision: "accepted" as const } : {}),
      ...(request.incomeSource ? { income_source: request.incomeSource } : {}),
      ...(request.at ? { submitted_at: request.at, decided_at: request.at, created_at: request.at, updated_at: request.at } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const consentId = options.consent ? await consentDirectly(deps, world, { ...options.consent, personId, programId, requestId }) : null;
  const acceptedOn = placement.acceptedOn ?? startDate;
  const { id: placementId } = await db
    .insertInto("placements")
    .values({ program_id: programId, person_id: personId, request_id: requestId, accepted_on: acceptedOn, priority: 1, place: "ordinary", placed_at: placement.placedAt ?? new Date(`${acceptedOn}T08:00:00Z`) })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { id: enrolmentId } = await db
    .insertInto("enrolments")
    .values({
      program_id: programId,
      person_id: personId,
      placement_id: placementId,
      coordinator_id: coordinatorId,
      start_date: startDate,
      planned_end_date: options.plannedEnd ?? aYearAfter(startDate),
      income_source: options.incomeSource ?? "activity_compensation",
      education_level: options.educationLevel ?? "upper_secondary",
      occupation_at_start: options.occupationAtStart === undefined ? "job_seeking" : options.occupationAtStart,
      created_by: coordinatorId,
      ...(options.createdAt ? { created_at: options.createdAt } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { enrolmentId, placementId, requestId, consentId };
}
