import type { Selectable } from "kysely";
import type { DB } from "../persistence/schema.ts";
import { authorityKindsFor, type Country } from "../domain/organisation.ts";
import { decide, type Resource } from "../domain/policy.ts";
import { auditByActor } from "./audit.ts";
import type { ServiceContext, Tx } from "./context.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { isUniqueViolation, isUuid } from "./people.ts";
import { validate } from "./schemas/common.ts";
import { intakeSettingsSchema } from "./schemas/intake.ts";
import { authorityInputSchema, federationInputSchema, programInputSchema, unitInputSchema } from "./schemas/organisation.ts";
import { announceFreePlace } from "./places.ts";

// Federations, member authorities with units, and programs with their groups. Administrators only.

export interface FederationSummary {
  id: string;
  name: string;
  country: Country;
  programCount: number;
  authorityCount: number;
}

export interface AuthorityDetails {
  id: string;
  federationId: string;
  name: string;
  kind: string;
  units: { id: string; name: string }[];
}

export interface ProgramDetails {
  id: string;
  federationId: string;
  federationName: string;
  ownerAuthorityId: string;
  ownerAuthorityName: string;
  name: string;
  description: string;
  active: boolean;
  intake: { minAge: number; priorityMaxAge: number; maxAge: number; plannedMonths: number };
  groups: { id: string; kind: "ordinary" | "pre_group"; name: string; capacity: number }[];
}

export interface FederationDetails {
  id: string;
  name: string;
  country: Country;
  authorities: AuthorityDetails[];
  programs: ProgramDetails[];
}

/** Throws unless the actor may manage the resource; returns the role that allows it (for the audit log). */
function authorize(ctx: ServiceContext, resource: Resource): string {
  const decision = decide(ctx.actor.subject, "organisation.manage", resource);
  if (!decision.allowed) throw new ForbiddenError();
  return decision.role;
}

/** May the actor administer anything at all? (To show or hide the administration pages.) */
export function canAdminister(ctx: ServiceContext): boolean {
  return ctx.actor.subject.assignments.some((a) => a.role === "administrator");
}

export async function listFederations(ctx: ServiceContext): Promise<FederationSummary[]> {
  if (!canAdminister(ctx)) throw new ForbiddenError();
  const rows = await ctx.db
    .selectFrom("federations as f")
    .select((eb) => [
      "f.id",
      "f.name",
      "f.country",
      eb.selectFrom("programs").whereRef("programs.federation_id", "=", "f.id").select(eb.fn.countAll<string>().as("n")).as("program_count"),
      eb.selectFrom("authorities").whereRef("authorities.federation_id", "=", "f.id").select(eb.fn.countAll<string>().as("n")).as("authority_count"),
    ])
    .orderBy("f.name")
    .execute();
  return rows
    .filter((r) => decide(ctx.actor.subject, "organisation.manage", { type: "federation", federationId: r.id }).allowed)
    .map((r) => ({
      id: r.id,
      name: r.name,
      country: r.country,
      programCount: Number(r.program_count ?? 0),
      authorityCount: Number(r.authority_count ?? 0),
    }));
}

export async function getFederation(ctx: ServiceContext, federationId: string): Promise<FederationDetails> {
  if (!isUuid(federationId)) throw new NotFoundError("federation");
  const federation = await ctx.db.selectFrom("federations").selectAll().where("id", "=", federationId).executeTakeFirst();
  if (!federation) throw new NotFoundError("federation");
  authorize(ctx, { type: "federation", federationId });
  const authorities = await ctx.db.selectFrom("authorities").selectAll().where("federation_id", "=", federationId).orderBy("name").execute();
  const units = authorities.length
    ? await ctx.db.selectFrom("authority_units").selectAll().where("authority_id", "in", authorities.map((a) => a.id)).orderBy("name").execute()
    : [];
  const programs = await ctx.db.selectFrom("programs").select("id").where("federation_id", "=", federationId).orderBy("name").execute();
  return {
    id: federation.id,
    name: federation.name,
    country: federation.country,
    authorities: authorities.map((a) => ({
      id: a.id,
      federationId: a.federation_id,
      name: a.name,
      kind: a.kind,
      units: units.filter((u) => u.authority_id === a.id).map((u) => ({ id: u.id, name: u.name })),
    })),
    programs: await Promise.all(programs.map((p) => loadProgram(ctx, p.id))),
  };
}

export async function createFederation(ctx: ServiceContext, input: unknown): Promise<{ id: string }> {
  const role = authorize(ctx, { type: "installation" });
  const data = validate(federationInputSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("federations")
      .values({ name: data.name, country: data.country })
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch(uniqueAs("name"));
    await auditByActor(tx, ctx, role, { action: "federation.create", entityType: "federation", entityId: row.id, federationId: row.id, details: { name: data.name } });
    return row;
  });
}

export async function updateFederation(ctx: ServiceContext, federationId: string, input: unknown): Promise<void> {
  const data = validate(federationInputSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const existing = await findOrThrow(tx, "federations", federationId, "federation");
    const role = authorize(ctx, { type: "federation", federationId });
    if (existing.country !== data.country) {
      const kinds = authorityKindsFor(data.country);
      const misfit = await tx.selectFrom("authorities").select("id").where("federation_id", "=", federationId).where("kind", "not in", kinds).executeTakeFirst();
      if (misfit) throw new ValidationError({ country: ["organisation.errors.countryHasAuthorities"] });
    }
    await tx.updateTable("federations").set({ name: data.name, country: data.country, updated_at: ctx.now() }).where("id", "=", federationId).execute().catch(uniqueAs("name"));
    await auditByActor(tx, ctx, role, { action: "federation.update", entityType: "federation", entityId: federationId, federationId, details: { name: data.name, country: data.country } });
  });
}

export async function createAuthority(ctx: ServiceContext, federationId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(authorityInputSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const federation = await findOrThrow(tx, "federations", federationId, "federation");
    const role = authorize(ctx, { type: "federation", federationId });
    if (!authorityKindsFor(federation.country).includes(data.kind)) throw new ValidationError({ kind: ["organisation.errors.kindNotInCountry"] });
    const row = await tx
      .insertInto("authorities")
      .values({ federation_id: federationId, name: data.name, kind: data.kind })
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch(uniqueAs("name"));
    await auditByActor(tx, ctx, role, { action: "authority.create", entityType: "authority", entityId: row.id, federationId, details: { name: data.name, kind: data.kind } });
    return row;
  });
}

export async function getAuthority(ctx: ServiceContext, authorityId: string): Promise<AuthorityDetails> {
  const authority = await findOrThrow(ctx.db, "authorities", authorityId, "authority");
  authorize(ctx, { type: "federation", federationId: authority.federation_id });
  const units = await ctx.db.selectFrom("authority_units").select(["id", "name"]).where("authority_id", "=", authorityId).orderBy("name").execute();
  return { id: authority.id, federationId: authority.federation_id, name: authority.name, kind: authority.kind, units };
}

export async function updateAuthority(ctx: ServiceContext, authorityId: string, input: unknown): Promise<void> {
  const data = validate(authorityInputSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const authority = await findOrThrow(tx, "authorities", authorityId, "authority");
    const role = authorize(ctx, { type: "federation", federationId: authority.federation_id });
    const federation = await findOrThrow(tx, "federations", authority.federation_id, "federation");
    if (!authorityKindsFor(federation.country).includes(data.kind)) throw new ValidationError({ kind: ["organisation.errors.kindNotInCountry"] });
    await tx.updateTable("authorities").set({ name: data.name, kind: data.kind, updated_at: ctx.now() }).where("id", "=", authorityId).execute().catch(uniqueAs("name"));
    await auditByActor(tx, ctx, role, { action: "authority.update", entityType: "authority", entityId: authorityId, federationId: authority.federation_id, details: { name: data.name, kind: data.kind } });
  });
}

export async function addUnit(ctx: ServiceContext, authorityId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(unitInputSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const authority = await findOrThrow(tx, "authorities", authorityId, "authority");
    const role = authorize(ctx, { type: "federation", federationId: authority.federation_id });
    const row = await tx.insertInto("authority_units").values({ authority_id: authorityId, name: data.name }).returning("id").executeTakeFirstOrThrow().catch(uniqueAs("name"));
    await auditByActor(tx, ctx, role, { action: "unit.create", entityType: "authority_unit", entityId: row.id, federationId: authority.federation_id, details: { authorityId, name: data.name } });
    return row;
  });
}

export async function renameUnit(ctx: ServiceContext, unitId: string, input: unknown): Promise<void> {
  const data = validate(unitInputSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const unit = await findOrThrow(tx, "authority_units", unitId, "unit");
    const authority = await findOrThrow(tx, "authorities", unit.authority_id, "authority");
    const role = authorize(ctx, { type: "federation", federationId: authority.federation_id });
    await tx.updateTable("authority_units").set({ name: data.name, updated_at: ctx.now() }).where("id", "=", unitId).execute().catch(uniqueAs("name"));
    await auditByActor(tx, ctx, role, { action: "unit.update", entityType: "authority_unit", entityId: unitId, federationId: authority.federation_id, details: { name: data.name } });
  });
}

async function loadProgram(ctx: ServiceContext | { db: Tx }, programId: string): Promise<ProgramDetails> {
  const program = await ctx.db
    .selectFrom("programs as p")
    .innerJoin("federations as f", "f.id", "p.federation_id")
    .innerJoin("authorities as a", "a.id", "p.owner_authority_id")
    .selectAll("p")
    .select(["f.name as federation_name", "a.name as owner_name"])
    .where("p.id", "=", programId)
    .executeTakeFirst();
  if (!program) throw new NotFoundError("program");
  const groups = await ctx.db.selectFrom("program_groups").selectAll().where("program_id", "=", programId).orderBy("kind").execute();
  return {
    id: program.id,
    federationId: program.federation_id,
    federationName: program.federation_name,
    ownerAuthorityId: program.owner_authority_id,
    ownerAuthorityName: program.owner_name,
    name: program.name,
    description: program.description,
    active: program.active,
    intake: { minAge: program.min_age, priorityMaxAge: program.priority_max_age, maxAge: program.max_age, plannedMonths: program.planned_months },
    groups: groups.map((g) => ({ id: g.id, kind: g.kind, name: g.name, capacity: g.capacity })),
  };
}

/** Who the program is for (ages, priority band) and its planned length: guidance for intake. */
export async function updateIntakeSettings(ctx: ServiceContext, programId: string, input: unknown): Promise<void> {
  const data = validate(intakeSettingsSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const program = await findOrThrow(tx, "programs", programId, "program");
    const role = authorize(ctx, { type: "program", programId, federationId: program.federation_id });
    await tx
      .updateTable("programs")
      .set({ min_age: data.minAge, priority_max_age: data.priorityMaxAge, max_age: data.maxAge, planned_months: data.plannedMonths, updated_at: ctx.now() })
      .where("id", "=", programId)
      .execute();
    await auditByActor(tx, ctx, role, { action: "program.intake", entityType: "program", entityId: programId, programId, federationId: program.federation_id, details: { ...data } });
  });
}

export async function getProgram(ctx: ServiceContext, programId: string): Promise<ProgramDetails> {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const program = await loadProgram(ctx, programId);
  authorize(ctx, { type: "program", programId, federationId: program.federationId });
  return program;
}

async function checkOwner(tx: Tx, federationId: string, ownerAuthorityId: string) {
  const owner = await tx.selectFrom("authorities").select("id").where("id", "=", ownerAuthorityId).where("federation_id", "=", federationId).executeTakeFirst();
  if (!owner) throw new ValidationError({ ownerAuthorityId: ["organisation.errors.ownerNotMember"] });
}

/** Creates a program with its two groups: the ordinary group and the pre-group. */
export async function createProgram(ctx: ServiceContext, federationId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(programInputSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    await findOrThrow(tx, "federations", federationId, "federation");
    const role = authorize(ctx, { type: "federation", federationId });
    await checkOwner(tx, federationId, data.ownerAuthorityId);
    const now = ctx.now();
    const program = await tx
      .insertInto("programs")
      .values({ federation_id: federationId, owner_authority_id: data.ownerAuthorityId, name: data.name, description: data.description ?? "", active: data.active, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch(uniqueAs("name"));
    await tx
      .insertInto("program_groups")
      .values([
        { program_id: program.id, kind: "ordinary", name: data.ordinaryGroupName, capacity: data.ordinaryCapacity },
        { program_id: program.id, kind: "pre_group", name: data.preGroupName, capacity: data.preGroupCapacity },
      ])
      .execute()
      .catch(uniqueAs("preGroupName"));
    await auditByActor(tx, ctx, role, {
      action: "program.create",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId,
      details: { name: data.name, ordinaryCapacity: data.ordinaryCapacity, preGroupCapacity: data.preGroupCapacity },
    });
    return program;
  });
}

export async function updateProgram(ctx: ServiceContext, programId: string, input: unknown): Promise<void> {
  const data = validate(programInputSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const program = await findOrThrow(tx, "programs", programId, "program");
    const role = authorize(ctx, { type: "program", programId, federationId: program.federation_id });
    await checkOwner(tx, program.federation_id, data.ownerAuthorityId);
    const now = ctx.now();
    await tx
      .updateTable("programs")
      .set({ owner_authority_id: data.ownerAuthorityId, name: data.name, description: data.description ?? "", active: data.active, updated_at: now })
      .where("id", "=", programId)
      .execute()
      .catch(uniqueAs("name"));
    for (const [kind, name, capacity] of [
      ["ordinary", data.ordinaryGroupName, data.ordinaryCapacity],
      ["pre_group", data.preGroupName, data.preGroupCapacity],
    ] as const) {
      await tx
        .updateTable("program_groups")
        .set({ name, capacity, updated_at: now })
        .where("program_id", "=", programId)
        .where("kind", "=", kind)
        .execute()
        .catch(uniqueAs(kind === "ordinary" ? "ordinaryGroupName" : "preGroupName"));
    }
    // More places in the ordinary group may let someone in from the waiting list.
    await announceFreePlace(tx, now, ctx.publicUrl, programId);
    await auditByActor(tx, ctx, role, {
      action: "program.update",
      entityType: "program",
      entityId: programId,
      programId,
      federationId: program.federation_id,
      details: { name: data.name, active: data.active, ordinaryCapacity: data.ordinaryCapacity, preGroupCapacity: data.preGroupCapacity },
    });
  });
}

type Table = "federations" | "authorities" | "authority_units" | "programs";

async function findOrThrow<T extends Table>(db: Tx | ServiceContext["db"], table: T, id: string, entity: string): Promise<Selectable<DB[T]>> {
  if (!isUuid(id)) throw new NotFoundError(entity);
  const row = await (db as Tx).selectFrom(table as "programs").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError(entity);
  return row as unknown as Selectable<DB[T]>;
}

/** A unique-constraint violation becomes a "name already in use" message at the given field. */
function uniqueAs(field: string) {
  return (error: unknown): never => {
    if (isUniqueViolation(error)) throw new ConflictError("duplicate_name", field);
    throw error;
  };
}
