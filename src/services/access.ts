import type { ExpressionBuilder } from "kysely";
import { type ConsentFacts, coveredAuthorities } from "../domain/consent.ts";
import { type ConsentCoverage, decide, type PersonResource, type PersonScope, type Subject } from "../domain/policy.ts";
import type { DB, PersonRow } from "../persistence/schema.ts";
import type { Db, Tx } from "./context.ts";

// What the policy needs to know about records, read from the database: one place, so that a page,
// an API handler and a list query all see a person the same way.

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** The consents recorded for a person in a program, as the domain rules want them. */
export async function consentFacts(db: Db | Tx, personId: string, programId: string): Promise<ConsentFacts[]> {
  const rows = await db
    .selectFrom("consents as c")
    .leftJoin("consent_authorities as ca", "ca.consent_id", "c.id")
    .select(["c.id", "c.given_on", "c.valid_until", "c.end_reason", "ca.authority_id"])
    .where("c.person_id", "=", personId)
    .where("c.program_id", "=", programId)
    .execute();
  const byId = new Map<string, ConsentFacts & { authorityIds: string[] }>();
  for (const r of rows) {
    let facts = byId.get(r.id);
    if (!facts) {
      facts = { givenOn: r.given_on, validUntil: r.valid_until, endReason: r.end_reason, authorityIds: [] };
      byId.set(r.id, facts);
    }
    if (r.authority_id) facts.authorityIds.push(r.authority_id);
  }
  return [...byId.values()];
}

export async function consentCoverage(db: Db | Tx, personId: string, programId: string, today: string): Promise<ConsentCoverage> {
  return coveredAuthorities(await consentFacts(db, personId, programId), today);
}

/** Has the person been referred to the program's collaboration team (a request submitted or decided)? */
export async function isReferred(db: Db | Tx, personId: string, programId: string): Promise<boolean> {
  const row = await db
    .selectFrom("interest_requests")
    .select("id")
    .where("person_id", "=", personId)
    .where("program_id", "=", programId)
    .where("status", "in", ["submitted", "decided"])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface LoadedPerson {
  row: PersonRow;
  programName: string;
  resource: PersonResource;
}

/** A person as a list shows them: the name, or only the reference for a protected identity the reader may not see. */
export interface PersonLabel {
  personId: string;
  reference: string;
  /** Null when masked (protected identity, and the reader does not work directly with the person). */
  name: string | null;
}

export function personLabel(subject: Subject, person: LoadedPerson | undefined, personId: string): PersonLabel {
  if (!person) return { personId, reference: "", name: null };
  const masked = person.resource.protectedIdentity && !decide(subject, "person.viewProtected", person.resource).allowed;
  return { personId, reference: person.row.reference, name: masked ? null : `${person.row.first_name} ${person.row.last_name}` };
}

const labelCollator = new Intl.Collator("sv", { sensitivity: "base" });

/** Names in alphabetical order first, masked people by reference last (sorting them by name would hint at it). */
export function comparePersonLabels(a: PersonLabel, b: PersonLabel): number {
  if ((a.name === null) !== (b.name === null)) return a.name === null ? 1 : -1;
  return labelCollator.compare(a.name ?? a.reference, b.name ?? b.reference) || labelCollator.compare(a.reference, b.reference);
}

/** A person with everything the policy needs: program, federation, direct staff, consent, referral. */
export async function loadPerson(db: Db | Tx, personId: string, today: string): Promise<LoadedPerson | null> {
  if (!isUuid(personId)) return null;
  return (await loadPeople(db, [personId], today)).get(personId) ?? null;
}

/** Many people at once (for lists): the same as loadPerson, in a fixed number of queries. */
export async function loadPeople(db: Db | Tx, personIds: readonly string[], today: string): Promise<Map<string, LoadedPerson>> {
  const ids = [...new Set(personIds.filter(isUuid))];
  const result = new Map<string, LoadedPerson>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom("people as p")
    .innerJoin("programs as pr", "pr.id", "p.program_id")
    .selectAll("p")
    .select(["pr.name as program_name", "pr.federation_id"])
    .where("p.id", "in", ids)
    .execute();
  const staff = await db.selectFrom("person_staff").select(["person_id", "user_id"]).where("person_id", "in", ids).where("ended_at", "is", null).execute();
  const consents = await db
    .selectFrom("consents as c")
    .leftJoin("consent_authorities as ca", "ca.consent_id", "c.id")
    .select(["c.id", "c.person_id", "c.program_id", "c.given_on", "c.valid_until", "c.end_reason", "ca.authority_id"])
    .where("c.person_id", "in", ids)
    .execute();
  const referred = await db
    .selectFrom("interest_requests")
    .select(["person_id", "program_id"])
    .where("person_id", "in", ids)
    .where("status", "in", ["submitted", "decided"])
    .execute();
  for (const row of rows) {
    const { program_name, federation_id, ...person } = row;
    const facts = new Map<string, ConsentFacts & { authorityIds: string[] }>();
    for (const c of consents) {
      if (c.person_id !== person.id || c.program_id !== person.program_id) continue;
      let f = facts.get(c.id);
      if (!f) {
        f = { givenOn: c.given_on, validUntil: c.valid_until, endReason: c.end_reason, authorityIds: [] };
        facts.set(c.id, f);
      }
      if (c.authority_id) f.authorityIds.push(c.authority_id);
    }
    result.set(person.id, {
      row: person,
      programName: program_name,
      resource: {
        type: "person",
        personId: person.id,
        programId: person.program_id,
        federationId: federation_id,
        protectedIdentity: person.protected_identity,
        directStaffUserIds: staff.filter((s) => s.person_id === person.id).map((s) => s.user_id),
        consent: coveredAuthorities([...facts.values()], today),
        referred: referred.some((r) => r.person_id === person.id && r.program_id === person.program_id),
      },
    });
  }
  return result;
}

type PeopleEb = ExpressionBuilder<DB & { p: DB["people"] }, "p">;

/** The user works directly with the person. */
export function isDirectSql(eb: PeopleEb, userId: string) {
  return eb.exists(
    eb
      .selectFrom("person_staff as ps")
      .select("ps.id")
      .whereRef("ps.person_id", "=", "p.id")
      .where("ps.user_id", "=", userId)
      .where("ps.ended_at", "is", null),
  );
}

/** A valid consent for the person in their program covers this authority today. */
export function consentCoversSql(eb: PeopleEb, authorityId: string, today: string) {
  return eb.exists(
    eb
      .selectFrom("consents as c")
      .innerJoin("consent_authorities as ca", "ca.consent_id", "c.id")
      .select("c.id")
      .whereRef("c.person_id", "=", "p.id")
      .whereRef("c.program_id", "=", "p.program_id")
      .where("c.ended_at", "is", null)
      .where("c.given_on", "<=", today)
      .where("c.valid_until", ">=", today)
      .where("ca.authority_id", "=", authorityId),
  );
}

function noConsentRecordedSql(eb: PeopleEb) {
  return eb.not(
    eb.exists(eb.selectFrom("consents as c0").select("c0.id").whereRef("c0.person_id", "=", "p.id").whereRef("c0.program_id", "=", "p.program_id")),
  );
}

function referredSql(eb: PeopleEb) {
  return eb.exists(
    eb
      .selectFrom("interest_requests as ir")
      .select("ir.id")
      .whereRef("ir.person_id", "=", "p.id")
      .whereRef("ir.program_id", "=", "p.program_id")
      .where("ir.status", "in", ["submitted", "decided"]),
  );
}

/** `PersonScope` as a condition on `people as p`: the same rules as `decide(…, "person.view", …)`. */
export function visiblePeopleSql(eb: PeopleEb, scope: PersonScope, userId: string, today: string) {
  const visible = [];
  if (scope.allInPrograms.length) visible.push(eb("p.program_id", "in", scope.allInPrograms));
  for (const d of scope.direct) {
    visible.push(
      eb.and([
        eb("p.program_id", "=", d.programId),
        isDirectSql(eb, userId),
        d.authorityId ? eb.or([noConsentRecordedSql(eb), consentCoversSql(eb, d.authorityId, today)]) : noConsentRecordedSql(eb),
      ]),
    );
  }
  for (const t of scope.team) {
    visible.push(eb.and([eb("p.program_id", "=", t.programId), referredSql(eb), consentCoversSql(eb, t.authorityId, today)]));
  }
  const own = scope.ownPersonIds.filter(isUuid);
  if (own.length) visible.push(eb("p.id", "in", own));
  return visible.length ? eb.or(visible) : eb.lit(false);
}
