import { randomBytes } from "node:crypto";
import { type ExpressionBuilder, sql } from "kysely";
import { formatIdentityNumber, type IdentityNumberKind, maskIdentityNumber } from "../domain/identity-number.ts";
import { maskedBirthDate, normaliseName, personReference, type Sex } from "../domain/person.ts";
import { decide, hasCapability, type PersonResource, personScope } from "../domain/policy.ts";
import type { Role } from "../domain/roles.ts";
import type { DB, PersonRow } from "../persistence/schema.ts";
import { isDirectSql, isUuid, type LoadedPerson, loadPerson as loadPersonWithAccess, visiblePeopleSql } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { validate } from "./schemas/common.ts";
import { cleanText, escapeLike } from "./text.ts";
import { type PersonInput, personInputSchema } from "./schemas/person.ts";

/** A person as shown to one reader: masked when the person has protected identity and the reader may not see it. */
export interface PersonView {
  id: string;
  reference: string;
  programId: string;
  programName: string;
  masked: boolean;
  protectedIdentity: boolean;
  firstName: string | null;
  lastName: string | null;
  idNumber: { kind: IdentityNumberKind; formatted: string } | null;
  /** Full date, or only the year when masked. */
  birthDate: string;
  sex: Sex;
  email: string | null;
  phone: string | null;
  streetAddress: string | null;
  postalCode: string | null;
  city: string | null;
  preferredLanguage: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Staff working directly with the person (they see protected details). */
  staff: { userId: string; name: string; relation: string }[];
  /** What the reader may do with the record. */
  permissions: { update: boolean };
}

export type PersonListItem = Pick<
  PersonView,
  "id" | "reference" | "programName" | "masked" | "protectedIdentity" | "firstName" | "lastName" | "idNumber" | "birthDate" | "sex"
>;

const PERSON_STAFF_RELATION: Partial<Record<Role, string>> = {
  manager: "manager",
  coordinator: "coordinator",
  therapist: "therapist",
  case_officer: "case_officer",
};

function loadPerson(tx: Tx, personId: string, now: Date): Promise<LoadedPerson | null> {
  return loadPersonWithAccess(tx, personId, isoToday(now));
}

function toView(
  row: PersonRow,
  programName: string,
  masked: boolean,
  staff: PersonView["staff"] = [],
  permissions: PersonView["permissions"] = { update: false },
): PersonView {
  const kind = row.id_number_kind as IdentityNumberKind | null;
  const idNumber =
    row.id_number && kind
      ? { kind, formatted: masked ? maskIdentityNumber(kind, row.id_number) : formatIdentityNumber(kind, row.id_number) }
      : null;
  return {
    id: row.id,
    reference: row.reference,
    programId: row.program_id,
    programName,
    masked,
    protectedIdentity: row.protected_identity,
    firstName: masked ? null : row.first_name,
    lastName: masked ? null : row.last_name,
    idNumber,
    birthDate: masked ? maskedBirthDate(row.birth_date) : row.birth_date,
    sex: row.sex as Sex,
    email: masked ? null : row.email,
    phone: masked ? null : row.phone,
    streetAddress: masked ? null : row.street_address,
    postalCode: masked ? null : row.postal_code,
    city: masked ? null : row.city,
    preferredLanguage: row.preferred_language,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    staff,
    permissions,
  };
}

async function staffOf(tx: Tx, personId: string): Promise<PersonView["staff"]> {
  const rows = await tx
    .selectFrom("person_staff as ps")
    .innerJoin("users as u", "u.id", "ps.user_id")
    .select(["u.id", "u.display_name", "ps.relation"])
    .where("ps.person_id", "=", personId)
    .where("ps.ended_at", "is", null)
    .orderBy("u.display_name")
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.display_name, relation: r.relation }));
}

function isMasked(ctx: ServiceContext, resource: PersonResource): boolean {
  return resource.protectedIdentity && !decide(ctx.actor.subject, "person.viewProtected", resource).allowed;
}

/** Opens a person's page. Writes a `person.view` audit event in the same transaction as the read. */
export async function getPerson(ctx: ServiceContext, personId: string): Promise<PersonView> {
  return ctx.db.transaction().execute(async (tx) => {
    if (!hasCapability(ctx.actor.subject, "person.view")) throw new ForbiddenError();
    const loaded = await loadPerson(tx, personId, ctx.now());
    if (!loaded) throw new NotFoundError("person");
    const decision = decide(ctx.actor.subject, "person.view", loaded.resource);
    if (!decision.allowed) throw new NotFoundError("person");
    const masked = isMasked(ctx, loaded.resource);
    await auditByActor(tx, ctx, decision.role, {
      action: "person.view",
      entityType: "person",
      entityId: loaded.row.id,
      personId: loaded.row.id,
      programId: loaded.row.program_id,
      federationId: loaded.resource.federationId,
      details: { masked },
    });
    const update = !masked && decide(ctx.actor.subject, "person.update", loaded.resource).allowed;
    return toView(loaded.row, loaded.programName, masked, await staffOf(tx, loaded.row.id), { update });
  });
}

export interface ProgramChoice {
  id: string;
  name: string;
}

/** The programs in whose register the actor may register people. */
export async function programsForRegistration(ctx: ServiceContext): Promise<ProgramChoice[]> {
  const programIds = [
    ...new Set(ctx.actor.subject.assignments.map((a) => a.programId).filter((id): id is string => id !== null)),
  ];
  if (programIds.length === 0) return [];
  const programs = await ctx.db
    .selectFrom("programs")
    .select(["id", "name", "federation_id"])
    .where("id", "in", programIds)
    .where("active", "=", true)
    .orderBy("name")
    .execute();
  return programs
    .filter((p) => decide(ctx.actor.subject, "person.create", { type: "program", programId: p.id, federationId: p.federation_id }).allowed)
    .map((p) => ({ id: p.id, name: p.name }));
}

function parseInput(ctx: ServiceContext, input: unknown): PersonInput {
  return validate(personInputSchema(isoToday(ctx.now())), input);
}

function personColumns(input: PersonInput) {
  return {
    first_name: input.firstName,
    last_name: input.lastName,
    id_number: input.identity?.canonical ?? null,
    id_number_kind: input.identity?.kind ?? null,
    sex: input.sex,
    birth_date: input.birthDate,
    email: input.email ?? null,
    phone: input.phone ?? null,
    street_address: input.streetAddress ?? null,
    postal_code: input.postalCode ?? null,
    city: input.city ?? null,
    preferred_language: input.preferredLanguage,
    protected_identity: input.protectedIdentity,
  };
}

/**
 * Is the person already in the register? The same identity number is a hard conflict; the same name and
 * birth date a likely duplicate that the user may confirm is someone else. Only people the user may see are
 * counted as likely duplicates, so the check reveals no one. A number that belongs to someone the user may
 * not see must still be refused (the register holds each number once): that answer says only that the
 * program already has the person, and it is recorded in the audit log against that person, so trying
 * numbers to find out who is in a program leaves a trace. Runs in its own transaction, which commits.
 */
async function checkDuplicates(ctx: ServiceContext, programId: string, input: PersonInput, exceptId: string | null, role: string) {
  const conflict = await ctx.db.transaction().execute(async (tx) => {
    if (input.identity) {
      let q = tx.selectFrom("people").select("id").where("program_id", "=", programId).where("id_number", "=", input.identity.canonical);
      if (exceptId) q = q.where("id", "<>", exceptId);
      const existing = await q.executeTakeFirst();
      if (existing) {
        const loaded = await loadPerson(tx, existing.id, ctx.now());
        if (loaded && decide(ctx.actor.subject, "person.view", loaded.resource).allowed) {
          return new ConflictError("duplicate_id_number", "idNumber", { personId: existing.id });
        }
        await auditByActor(tx, ctx, role, {
          action: "person.duplicate_refused",
          entityType: "person",
          entityId: existing.id,
          personId: existing.id,
          programId,
          federationId: loaded?.resource.federationId ?? null,
        });
        return new ConflictError("duplicate_id_number_hidden", "idNumber");
      }
    }
    if (input.confirmNotDuplicate) return null;
    let q = tx.selectFrom("people").select(["id", "first_name", "last_name"]).where("program_id", "=", programId).where("birth_date", "=", input.birthDate);
    if (exceptId) q = q.where("id", "<>", exceptId);
    const first = normaliseName(input.firstName);
    const last = normaliseName(input.lastName);
    const sameName = (await q.execute()).filter((p) => normaliseName(p.first_name) === first && normaliseName(p.last_name) === last);
    let visible = 0;
    for (const candidate of sameName) {
      const loaded = await loadPerson(tx, candidate.id, ctx.now());
      // Masked people do not count either: matching them would confirm their name.
      if (loaded && decide(ctx.actor.subject, "person.view", loaded.resource).allowed && !isMasked(ctx, loaded.resource)) visible++;
    }
    return visible > 0 ? new ConflictError("possible_duplicate", null, { count: visible }) : null;
  });
  if (conflict) throw conflict;
}

function changedFields(before: PersonRow, after: ReturnType<typeof personColumns>): string[] {
  return (Object.keys(after) as (keyof typeof after)[]).filter((key) => before[key] !== after[key]);
}

function setFields(columns: ReturnType<typeof personColumns>): string[] {
  return (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => columns[k] !== null && columns[k] !== "");
}

/** Registers a person. The creator becomes staff directly working with the person. */
export async function createPerson(ctx: ServiceContext, input: unknown): Promise<PersonView> {
  if (!hasCapability(ctx.actor.subject, "person.create")) throw new ForbiddenError();
  const data = parseInput(ctx, input);
  const choices = await programsForRegistration(ctx);
  const programId = data.programId ?? (choices.length === 1 ? choices[0]!.id : undefined);
  if (!programId || !choices.some((c) => c.id === programId)) throw new ValidationError({ programId: ["errors.choose"] });
  const creatorRole = decide(ctx.actor.subject, "person.create", { type: "program", programId, federationId: "" });
  await checkDuplicates(ctx, programId, data, null, creatorRole.allowed ? creatorRole.role : "");
  return ctx.db.transaction().execute(async (tx) => {
    const program = await tx
      .selectFrom("programs")
      .select(["id", "name", "federation_id"])
      .where("id", "=", programId)
      .where("active", "=", true)
      .executeTakeFirst();
    const decision = program
      ? decide(ctx.actor.subject, "person.create", { type: "program", programId, federationId: program.federation_id })
      : null;
    if (!program || !decision?.allowed) throw new ValidationError({ programId: ["errors.choose"] });
    const columns = personColumns(data);
    const now = ctx.now();
    const row = await tx
      .insertInto("people")
      .values({
        ...columns,
        program_id: programId,
        reference: personReference((n) => randomBytes(n)),
        created_at: now,
        created_by: ctx.actor.user.id,
        updated_at: now,
        updated_by: ctx.actor.user.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        // Two people registering the same number at once: the unique index decides.
        if (isUniqueViolation(error, "people_program_id_number_key")) throw new ConflictError("duplicate_id_number", "idNumber");
        throw error;
      });
    const relation = PERSON_STAFF_RELATION[decision.role];
    if (relation) {
      await tx
        .insertInto("person_staff")
        .values({ person_id: row.id, user_id: ctx.actor.user.id, relation, created_at: now, created_by: ctx.actor.user.id })
        .execute();
    }
    await auditByActor(tx, ctx, decision.role, {
      action: "person.create",
      entityType: "person",
      entityId: row.id,
      personId: row.id,
      programId,
      federationId: program.federation_id,
      details: { fields: setFields(columns), confirmedNotDuplicate: data.confirmNotDuplicate },
    });
    return toView(row, program.name, false, await staffOf(tx, row.id), { update: true });
  });
}

/** Changes a person's details. `version` must match the stored one, so nobody overwrites another's change unseen. */
export async function updatePerson(ctx: ServiceContext, personId: string, input: unknown): Promise<PersonView> {
  if (!hasCapability(ctx.actor.subject, "person.update")) throw new ForbiddenError();
  const data = parseInput(ctx, input);
  const current = await ctx.db.transaction().execute((tx) => loadPerson(tx, personId, ctx.now()));
  const allowed = current ? decide(ctx.actor.subject, "person.update", current.resource) : null;
  if (current && allowed?.allowed && !isMasked(ctx, current.resource)) {
    await checkDuplicates(ctx, current.row.program_id, data, current.row.id, allowed.role);
  }
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadPerson(tx, personId, ctx.now());
    if (!loaded || !decide(ctx.actor.subject, "person.view", loaded.resource).allowed) throw new NotFoundError("person");
    const decision = decide(ctx.actor.subject, "person.update", loaded.resource);
    if (!decision.allowed) throw new ForbiddenError();
    // Editing a protected person requires seeing the protected details.
    if (isMasked(ctx, loaded.resource)) throw new ForbiddenError();
    if (data.version !== undefined && data.version !== loaded.row.version) {
      throw new ConflictError("stale_version", null, { currentVersion: loaded.row.version });
    }
    const columns = personColumns(data);
    const fields = changedFields(loaded.row, columns);
    if (fields.length === 0) return toView(loaded.row, loaded.programName, false, await staffOf(tx, loaded.row.id), { update: true });
    const row = await tx
      .updateTable("people")
      .set({ ...columns, version: loaded.row.version + 1, updated_at: ctx.now(), updated_by: ctx.actor.user.id })
      .where("id", "=", loaded.row.id)
      .where("version", "=", loaded.row.version)
      .returningAll()
      .executeTakeFirst()
      .catch((error: unknown) => {
        if (isUniqueViolation(error, "people_program_id_number_key")) throw new ConflictError("duplicate_id_number", "idNumber");
        throw error;
      });
    if (!row) throw new ConflictError("stale_version");
    await auditByActor(tx, ctx, decision.role, {
      action: "person.update",
      entityType: "person",
      entityId: row.id,
      personId: row.id,
      programId: row.program_id,
      federationId: loaded.resource.federationId,
      details: { fields, version: row.version },
    });
    return toView(row, loaded.programName, false, await staffOf(tx, row.id), { update: true });
  });
}

/** Paging stops here (a register is far smaller); larger offsets would only strain the database. */
export const MAX_OFFSET = 100_000;

export interface PeopleSearch {
  q?: string | undefined;
  programId?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface PeopleSearchResult {
  items: PersonListItem[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * Lists and searches the people the actor may see. Protected people are masked for readers who do not
 * work directly with them, and for those readers a search never matches on their name or number
 * (that would reveal it); they are found by their reference only.
 */
export async function searchPeople(ctx: ServiceContext, search: PeopleSearch): Promise<PeopleSearchResult> {
  if (!hasCapability(ctx.actor.subject, "person.list")) throw new ForbiddenError();
  const scope = personScope(ctx.actor.subject);
  const userId = ctx.actor.user.id;
  const limit = Math.min(Math.max(Math.trunc(search.limit ?? 50) || 50, 1), 200);
  const offset = Math.min(Math.max(Math.trunc(search.offset ?? 0) || 0, 0), MAX_OFFSET);
  const q = cleanText(search.q ?? "").trim().slice(0, 100);
  const digits = q.replace(/[\s+-]/g, "");
  const isNumberSearch = /^\d{4,12}$/.test(digits);
  const words = q.split(/\s+/).filter(Boolean).slice(0, 5);

  return ctx.db.transaction().execute(async (tx) => {
    const today = isoToday(ctx.now());
    const isDirect = (eb: ExpressionBuilder<DB & { p: DB["people"] }, "p">) => isDirectSql(eb, userId);
    const ownIds = scope.ownPersonIds.filter(isUuid);
    // May the reader see this row's protected details (name, number)? Decides matching, masking and order.
    const maySeeDetails = (eb: ExpressionBuilder<DB & { p: DB["people"] }, "p">) =>
      eb.or([eb("p.protected_identity", "=", false), isDirect(eb), ...(ownIds.length ? [eb("p.id", "in", ownIds)] : [])]);
    let query = tx
      .selectFrom("people as p")
      .innerJoin("programs as pr", "pr.id", "p.program_id")
      .where((eb) => visiblePeopleSql(eb, scope, userId, today));
    if (search.programId) query = isUuid(search.programId) ? query.where("p.program_id", "=", search.programId) : query.where(sql.lit(false));
    if (q) {
      query = query.where((eb) => {
        // Protected people match only for readers who may see them, except by their reference.
        const byReference = eb(eb.fn("upper", ["p.reference"]), "=", q.toUpperCase());
        const byDetails = isNumberSearch
          ? eb("p.id_number", "like", `%${digits}%`)
          : eb.and(
              words.map((w) =>
                eb.or([eb("p.first_name", "ilike", `%${escapeLike(w)}%`), eb("p.last_name", "ilike", `%${escapeLike(w)}%`)]),
              ),
            );
        return eb.or([byReference, eb.and([maySeeDetails(eb), byDetails])]);
      });
    }
    const total = await query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll("p")
      .select((eb) => [maySeeDetails(eb).as("may_see"), "pr.name as program_name"])
      // Masked people come last, in order of reference: sorting them by name would hint at the name.
      .orderBy((eb) => eb.case().when(maySeeDetails(eb)).then(0).else(1).end())
      .orderBy((eb) => eb.case().when(maySeeDetails(eb)).then(eb.ref("p.last_name")).else(eb.ref("p.reference")).end())
      .orderBy((eb) => eb.case().when(maySeeDetails(eb)).then(eb.ref("p.first_name")).else(eb.ref("p.reference")).end())
      .orderBy("p.id")
      .limit(limit)
      .offset(offset)
      .execute();
    const items = rows.map(({ may_see, program_name, ...row }) => {
      const masked = !may_see;
      const view = toView(row, program_name, masked);
      return {
        id: view.id,
        reference: view.reference,
        programName: view.programName,
        masked: view.masked,
        protectedIdentity: view.protectedIdentity,
        firstName: view.firstName,
        lastName: view.lastName,
        idNumber: view.idNumber,
        birthDate: view.birthDate,
        sex: view.sex,
      };
    });
    await auditByActor(tx, ctx, listingRole(ctx), {
      action: "person.search",
      entityType: "person",
      programId: search.programId && isUuid(search.programId) ? search.programId : null,
      details: { query: q ? (isNumberSearch ? "number" : "text") : "none", total: Number(total.n), shown: items.map((i) => i.id) },
    });
    return { items, total: Number(total.n), limit, offset };
  });
}

/** The role in which the actor lists people (for the audit log): the first that grants it. */
function listingRole(ctx: ServiceContext): Role | null {
  for (const a of ctx.actor.subject.assignments) {
    if (!a.programId) continue;
    const decision = decide(ctx.actor.subject, "person.list", { type: "program", programId: a.programId, federationId: "" });
    if (decision.allowed) return decision.role;
  }
  return null;
}

export { isUuid };

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e.code !== "23505") return false;
  return !constraint || e.constraint === constraint || (e.message ?? "").includes(constraint);
}
