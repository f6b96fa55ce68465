import type { Selectable } from "kysely";
import { type Action, decide } from "../domain/policy.ts";
import type { Role } from "../domain/roles.ts";
import type { DB } from "../persistence/schema.ts";
import { isUuid, type LoadedPerson, loadPerson } from "./access.ts";
import { type Db, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError } from "./errors.ts";

// The one way the journey's services (plans, wheel, journal, network, follow-ups, exit, work) reach an
// enrolment: load it with its person and program, and ask the policy. Someone who may not see the
// participant's journey at all gets "not found"; someone who sees it but may not do this, "forbidden".

export type EnrolmentRow = Selectable<DB["enrolments"]>;

export interface LoadedEnrolment {
  enrolment: EnrolmentRow;
  person: LoadedPerson;
  program: { id: string; name: string; federationId: string; plannedMonths: number };
  /** The role that allowed the action (for the audit event). */
  role: Role;
}

/** Journey actions take a person resource: the enrolment's person. */
export type JourneyAction = Extract<Action, "participant.view" | "participant.manage" | "journal.write" | "journal.view" | "journal.viewShared">;

export async function loadEnrolment(db: Db | Tx, ctx: ServiceContext, enrolmentId: string, action: JourneyAction): Promise<LoadedEnrolment> {
  if (!isUuid(enrolmentId)) throw new NotFoundError("enrolment");
  const enrolment = await db.selectFrom("enrolments").selectAll().where("id", "=", enrolmentId).executeTakeFirst();
  if (!enrolment) throw new NotFoundError("enrolment");
  const person = await loadPerson(db, enrolment.person_id, isoToday(ctx.now()));
  if (!person) throw new NotFoundError("enrolment");
  const subject = ctx.actor.subject;
  const sees = decide(subject, "participant.view", person.resource).allowed || decide(subject, "journal.viewShared", person.resource).allowed;
  if (!sees) throw new NotFoundError("enrolment");
  const decision = decide(subject, action, person.resource);
  if (!decision.allowed) throw new ForbiddenError();
  const program = await db
    .selectFrom("programs")
    .select(["id", "name", "federation_id", "planned_months"])
    .where("id", "=", enrolment.program_id)
    .executeTakeFirstOrThrow();
  return {
    enrolment,
    person,
    program: { id: program.id, name: program.name, federationId: program.federation_id, plannedMonths: program.planned_months },
    role: decision.role,
  };
}

/** Whether the reader may do an action on the enrolment's person (for showing or hiding a form). */
export function may(ctx: ServiceContext, loaded: Pick<LoadedEnrolment, "person">, action: JourneyAction): boolean {
  return decide(ctx.actor.subject, action, loaded.person.resource).allowed;
}

/** The current enrolment of a person (not exited), if any: for links from the person's page. */
export async function currentEnrolmentId(db: Db | Tx, personId: string): Promise<string | null> {
  if (!isUuid(personId)) return null;
  const row = await db
    .selectFrom("enrolments")
    .select("id")
    .where("person_id", "=", personId)
    .orderBy("start_date", "desc")
    .executeTakeFirst();
  return row?.id ?? null;
}
