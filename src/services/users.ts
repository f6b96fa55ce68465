import type { Selectable } from "kysely";
import { decide, type Resource } from "../domain/policy.ts";
import { type Role, type ScopeField, scopeProblems } from "../domain/roles.ts";
import type { DB } from "../persistence/schema.ts";
import { accountFederation, appendAuditEvent, auditByActor } from "./audit.ts";
import { accountThrottleKey, type ApiTokenInfo, endSessions, issueApiToken, listApiTokens, passwordChangeThrottleKey } from "./auth.ts";
import type { Db, Deps, ServiceContext, Tx } from "./context.ts";
import { hashPassword, temporaryPassword } from "./crypto.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { isUniqueViolation, isUuid } from "./people.ts";
import { validate } from "./schemas/common.ts";
import { cleanText, escapeLike } from "./text.ts";
import { apiTokenInputSchema, roleAssignmentInputSchema, userInputSchema } from "./schemas/user.ts";

// User accounts and their roles: administered by administrators. Users are never deleted once they
// have acted in the system (their traces in the audit log must keep pointing at them); they are deactivated.

export interface RoleAssignmentView {
  id: string;
  role: Role;
  federationId: string | null;
  programId: string | null;
  authorityId: string | null;
  unitId: string | null;
  personId: string | null;
  /** Human-readable scope: program, authority, unit or federation names. */
  scopeLabel: string;
  createdAt: Date;
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  active: boolean;
  roles: Role[];
}

export interface UserDetails extends UserSummary {
  locale: string;
  /** The federation the account belongs to; null: only the installation's administrators manage it without roles. */
  homeFederation: { id: string; name: string } | null;
  mustChangePassword: boolean;
  createdAt: Date;
  assignments: RoleAssignmentView[];
  tokens: ApiTokenInfo[];
  activeSessions: number;
  /** Has the user left traces in the audit log (then the account can only be deactivated)? */
  hasTraces: boolean;
}

/** Managing accounts needs user.manage somewhere; assigning a role needs it where the role applies. */
function authorizeAny(ctx: ServiceContext): string {
  for (const a of ctx.actor.subject.assignments) {
    const resource: Resource = a.federationId ? { type: "federation", federationId: a.federationId } : { type: "installation" };
    const decision = decide(ctx.actor.subject, "user.manage", resource);
    if (decision.allowed) return decision.role;
  }
  throw new ForbiddenError();
}

/**
 * Whose an account is: the whole installation's (an installation administrator), or these federations'
 * (where its roles apply, and the federation the account belongs to: docs/decisions/0007-account-ownership.md).
 */
interface TargetScope {
  installation: boolean;
  federations: Set<string>;
}

async function targetScopes(db: Db | Tx, userIds: string[]): Promise<Map<string, TargetScope>> {
  const scopes = new Map<string, TargetScope>(userIds.map((id) => [id, { installation: false, federations: new Set<string>() }]));
  if (!userIds.length) return scopes;
  for (const u of await db.selectFrom("users").select(["id", "home_federation_id"]).where("id", "in", userIds).where("home_federation_id", "is not", null).execute()) {
    scopes.get(u.id)?.federations.add(u.home_federation_id!);
  }
  const rows = await db
    .selectFrom("role_assignments as ra")
    .leftJoin("programs as p", "p.id", "ra.program_id")
    .leftJoin("authorities as a", "a.id", "ra.authority_id")
    .leftJoin("people as pe", "pe.id", "ra.person_id")
    .leftJoin("programs as pp", "pp.id", "pe.program_id")
    .select(["ra.user_id", "ra.role", "ra.federation_id", "p.federation_id as program_federation", "a.federation_id as authority_federation", "pp.federation_id as person_federation"])
    .where("ra.user_id", "in", userIds)
    .where("ra.ended_at", "is", null)
    .execute();
  for (const r of rows) {
    const scope = scopes.get(r.user_id)!;
    if (r.role === "administrator" && r.federation_id === null) scope.installation = true;
    for (const f of [r.federation_id, r.program_federation, r.authority_federation, r.person_federation]) if (f) scope.federations.add(f);
  }
  return scopes;
}

/**
 * May the actor manage this account? They must administer every federation the account belongs to or
 * has roles in (the installation for an installation administrator). An account with neither roles nor a
 * federation of its own is the installation administrators' alone. Returns the role that allows it, for
 * the audit log.
 */
function manages(ctx: ServiceContext, scope: TargetScope): string | null {
  const resources: Resource[] =
    scope.installation || scope.federations.size === 0
      ? [{ type: "installation" }]
      : [...scope.federations].map((federationId) => ({ type: "federation" as const, federationId }));
  let role: string | null = null;
  for (const resource of resources) {
    const decision = decide(ctx.actor.subject, "user.manage", resource);
    if (!decision.allowed) return null;
    role ??= decision.role;
  }
  return role;
}

/**
 * The federation a new account belongs to: the creating federation administrator's (the oldest of their
 * federation administrator roles, if they hold several); none when an installation administrator creates
 * it (it then gets the federation of its first role).
 */
function creatorFederation(ctx: ServiceContext): string | null {
  if (decide(ctx.actor.subject, "user.manage", { type: "installation" }).allowed) return null;
  for (const a of ctx.actor.subject.assignments) {
    if (a.role !== "administrator" || !a.federationId) continue;
    if (decide(ctx.actor.subject, "user.manage", { type: "federation", federationId: a.federationId }).allowed) return a.federationId;
  }
  return null;
}

/** Throws unless the actor may manage user accounts at all (to refuse the administration pages at once). */
export function assertMayManageUsers(ctx: ServiceContext): void {
  authorizeAny(ctx);
}

async function authorizeTarget(ctx: ServiceContext, db: Db | Tx, userId: string): Promise<string> {
  authorizeAny(ctx);
  if (!isUuid(userId)) throw new NotFoundError("user");
  const role = manages(ctx, (await targetScopes(db, [userId])).get(userId)!);
  if (!role) throw new ForbiddenError();
  return role;
}

export async function listUsers(ctx: ServiceContext, search: { q?: string | undefined } = {}): Promise<UserSummary[]> {
  authorizeAny(ctx);
  let query = ctx.db.selectFrom("users").selectAll().orderBy("display_name").limit(1000);
  const q = cleanText(search.q ?? "").trim().slice(0, 100);
  if (q) query = query.where((eb) => eb.or([eb("display_name", "ilike", `%${escapeLike(q)}%`), eb("email", "ilike", `%${escapeLike(q)}%`)]));
  const all = await query.execute();
  // Only the accounts this administrator may manage.
  const scopes = await targetScopes(ctx.db, all.map((u) => u.id));
  const users = all.filter((u) => manages(ctx, scopes.get(u.id)!) !== null);
  const roles = users.length
    ? await ctx.db.selectFrom("role_assignments").select(["user_id", "role"]).where("user_id", "in", users.map((u) => u.id)).where("ended_at", "is", null).execute()
    : [];
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    active: u.active,
    roles: [...new Set(roles.filter((r) => r.user_id === u.id).map((r) => r.role as Role))],
  }));
}

async function scopeLabels(ctx: ServiceContext | { db: Tx }, rows: Selectable<DB["role_assignments"]>[]): Promise<Map<string, string>> {
  const ids = (field: "federation_id" | "program_id" | "authority_id" | "unit_id" | "person_id") =>
    [...new Set(rows.map((r) => r[field]).filter((v): v is string => v !== null))];
  const names = new Map<string, string>();
  const load = async (table: "federations" | "programs" | "authorities" | "authority_units", list: string[]) => {
    if (!list.length) return;
    for (const row of await ctx.db.selectFrom(table as "programs").select(["id", "name"]).where("id", "in", list).execute()) names.set(row.id, row.name);
  };
  await load("federations", ids("federation_id"));
  await load("programs", ids("program_id"));
  await load("authorities", ids("authority_id"));
  await load("authority_units", ids("unit_id"));
  const people = ids("person_id");
  if (people.length) {
    for (const p of await ctx.db.selectFrom("people").select(["id", "reference"]).where("id", "in", people).execute()) names.set(p.id, p.reference);
  }
  return names;
}

/** The signed-in user's own roles with readable scopes (for the start page). */
export async function myRoles(ctx: ServiceContext): Promise<{ role: Role; scopeLabel: string }[]> {
  const rows = await ctx.db.selectFrom("role_assignments").selectAll().where("user_id", "=", ctx.actor.user.id).where("ended_at", "is", null).orderBy("created_at").execute();
  const names = await scopeLabels(ctx, rows);
  return rows.map((r) => ({ role: r.role as Role, scopeLabel: labelFor(r, names) }));
}

function labelFor(r: Selectable<DB["role_assignments"]>, names: Map<string, string>): string {
  return [r.federation_id, r.program_id, r.authority_id, r.unit_id, r.person_id]
    .filter((v): v is string => v !== null)
    .map((id) => names.get(id) ?? id)
    .join(" · ");
}

export async function getUser(ctx: ServiceContext, userId: string): Promise<UserDetails> {
  authorizeAny(ctx);
  if (!isUuid(userId)) throw new NotFoundError("user");
  const user = await ctx.db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
  if (!user) throw new NotFoundError("user");
  await authorizeTarget(ctx, ctx.db, userId);
  const rows = await ctx.db.selectFrom("role_assignments").selectAll().where("user_id", "=", userId).where("ended_at", "is", null).orderBy("created_at").execute();
  const names = await scopeLabels(ctx, rows);
  const sessions = await ctx.db.selectFrom("sessions").select((eb) => eb.fn.countAll<string>().as("n")).where("user_id", "=", userId).where("ended_at", "is", null).where("expires_at", ">", ctx.now()).executeTakeFirstOrThrow();
  const trace = await ctx.db.selectFrom("audit_events").select("seq").where("actor_user_id", "=", userId).limit(1).executeTakeFirst();
  const home = user.home_federation_id
    ? await ctx.db.selectFrom("federations").select(["id", "name"]).where("id", "=", user.home_federation_id).executeTakeFirst()
    : undefined;
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    active: user.active,
    locale: user.locale,
    homeFederation: home ?? null,
    mustChangePassword: user.must_change_password,
    createdAt: user.created_at,
    roles: [...new Set(rows.map((r) => r.role as Role))],
    assignments: rows.map((r) => ({
      id: r.id,
      role: r.role as Role,
      federationId: r.federation_id,
      programId: r.program_id,
      authorityId: r.authority_id,
      unitId: r.unit_id,
      personId: r.person_id,
      scopeLabel: labelFor(r, names),
      createdAt: r.created_at,
    })),
    tokens: await listApiTokens(ctx.db, userId),
    activeSessions: Number(sessions.n),
    hasTraces: trace !== undefined,
  };
}

/** Creates an account with a one-time password that the user must change at first sign-in. */
export async function createUser(ctx: ServiceContext, input: unknown): Promise<{ id: string; temporaryPassword: string }> {
  const role = authorizeAny(ctx);
  const data = validate(userInputSchema, input);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const homeFederationId = creatorFederation(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    const row = await tx
      .insertInto("users")
      .values({
        email: data.email,
        display_name: data.displayName,
        locale: data.locale,
        password_hash: passwordHash,
        must_change_password: true,
        home_federation_id: homeFederationId,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch(duplicateEmail);
    await auditByActor(tx, ctx, role, { action: "user.create", entityType: "user", entityId: row.id, federationId: homeFederationId });
    return { id: row.id, temporaryPassword: password };
  });
}

export async function updateUser(ctx: ServiceContext, userId: string, input: unknown): Promise<void> {
  authorizeAny(ctx);
  const data = validate(userInputSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const user = await findUser(tx, userId);
    const role = await authorizeTarget(ctx, tx, userId);
    await tx
      .updateTable("users")
      .set({ email: data.email, display_name: data.displayName, locale: data.locale, updated_at: ctx.now() })
      .where("id", "=", userId)
      .execute()
      .catch(duplicateEmail);
    const fields = [
      user.email !== data.email && "email",
      user.display_name !== data.displayName && "displayName",
      user.locale !== data.locale && "locale",
    ].filter(Boolean);
    await auditByActor(tx, ctx, role, { action: "user.update", entityType: "user", entityId: userId, details: { fields } });
  });
}

/** The signed-in user's own language choice (from then on, a language picked before sign-in does not replace it). */
export async function setOwnLocale(ctx: ServiceContext, locale: string): Promise<void> {
  const parsed = validate(userInputSchema.pick({ locale: true }), { locale });
  await ctx.db.updateTable("users").set({ locale: parsed.locale, locale_chosen: true, updated_at: ctx.now() }).where("id", "=", ctx.actor.user.id).execute();
}

async function findUser(tx: Tx, userId: string) {
  if (!isUuid(userId)) throw new NotFoundError("user");
  const user = await tx.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
  if (!user) throw new NotFoundError("user");
  return user;
}

/** The federation a scope belongs to, checking that the referenced records exist and fit together. */
async function resolveScopeFederation(tx: Tx, input: { role: Role } & Record<ScopeField, string | null>): Promise<string | null> {
  const federations = new Set<string>();
  if (input.federationId) {
    const f = await tx.selectFrom("federations").select("id").where("id", "=", input.federationId).executeTakeFirst();
    if (!f) throw new ValidationError({ federationId: ["errors.choose"] });
    federations.add(f.id);
  }
  if (input.programId) {
    const p = await tx.selectFrom("programs").select("federation_id").where("id", "=", input.programId).executeTakeFirst();
    if (!p) throw new ValidationError({ programId: ["errors.choose"] });
    federations.add(p.federation_id);
  }
  if (input.authorityId) {
    const a = await tx.selectFrom("authorities").select("federation_id").where("id", "=", input.authorityId).executeTakeFirst();
    if (!a) throw new ValidationError({ authorityId: ["errors.choose"] });
    federations.add(a.federation_id);
  }
  if (input.unitId) {
    const u = await tx.selectFrom("authority_units").select("authority_id").where("id", "=", input.unitId).executeTakeFirst();
    if (!u || u.authority_id !== input.authorityId) throw new ValidationError({ unitId: ["user.errors.unitNotInAuthority"] });
  }
  if (input.personId) {
    const p = await tx.selectFrom("people as pe").innerJoin("programs as pr", "pr.id", "pe.program_id").select("pr.federation_id").where("pe.id", "=", input.personId).executeTakeFirst();
    if (!p) throw new ValidationError({ personId: ["errors.choose"] });
    federations.add(p.federation_id);
  }
  if (federations.size > 1) throw new ValidationError({ authorityId: ["user.errors.scopeAcrossFederations"] });
  return [...federations][0] ?? null;
}

export async function addRoleAssignment(ctx: ServiceContext, userId: string, input: unknown): Promise<{ id: string }> {
  authorizeAny(ctx);
  const data = validate(roleAssignmentInputSchema, input);
  // Nobody gives themselves a role: an administrator could otherwise open any register to themselves.
  if (userId === ctx.actor.user.id) throw new ValidationError({}, ["user.errors.ownRoles"]);
  return ctx.db.transaction().execute(async (tx) => {
    await findUser(tx, userId);
    await authorizeTarget(ctx, tx, userId);
    let personId: string | null = null;
    if (data.personReference) {
      const person = await tx.selectFrom("people").select("id").where("reference", "=", data.personReference.toUpperCase()).executeTakeFirst();
      if (!person) throw new ValidationError({ personReference: ["user.errors.personNotFound"] });
      personId = person.id;
    }
    const scope: Record<ScopeField, string | null> = {
      federationId: data.federationId ?? null,
      programId: data.programId ?? null,
      authorityId: data.authorityId ?? null,
      unitId: data.unitId ?? null,
      personId,
    };
    const problems = scopeProblems(data.role, scope);
    if (problems.length) {
      const fieldErrors: Record<string, string[]> = {};
      for (const p of problems) {
        const field = p.field === "scope" ? "federationId" : p.field === "personId" ? "personReference" : p.field;
        (fieldErrors[field] ??= []).push(`user.errors.scope.${p.problem}`);
      }
      throw new ValidationError(fieldErrors);
    }
    const federationId = await resolveScopeFederation(tx, { role: data.role, ...scope });
    const resource: Resource = federationId ? { type: "federation", federationId } : { type: "installation" };
    const decision = decide(ctx.actor.subject, "user.manage", resource);
    if (!decision.allowed) throw new ForbiddenError();
    let existing = tx.selectFrom("role_assignments").select("id").where("user_id", "=", userId).where("role", "=", data.role).where("ended_at", "is", null);
    for (const [field, column] of [["federationId", "federation_id"], ["programId", "program_id"], ["authorityId", "authority_id"], ["unitId", "unit_id"], ["personId", "person_id"]] as const) {
      existing = scope[field] === null ? existing.where(column, "is", null) : existing.where(column, "=", scope[field]);
    }
    if (await existing.executeTakeFirst()) throw new ValidationError({ role: ["user.errors.roleExists"] });
    const row = await tx
      .insertInto("role_assignments")
      .values({
        user_id: userId,
        role: data.role,
        federation_id: scope.federationId,
        program_id: scope.programId,
        authority_id: scope.authorityId,
        unit_id: scope.unitId,
        person_id: scope.personId,
        created_at: ctx.now(),
        created_by: ctx.actor.user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // An account without a federation of its own gets the federation of its first role there, for good.
    if (federationId) await tx.updateTable("users").set({ home_federation_id: federationId }).where("id", "=", userId).where("home_federation_id", "is", null).execute();
    await auditByActor(tx, ctx, decision.role, {
      action: "role.assign",
      entityType: "user",
      entityId: userId,
      programId: scope.programId,
      federationId,
      personId: scope.personId,
      details: { assignmentId: row.id, role: data.role, ...scope },
    });
    return row;
  });
}

export interface RoleFormOptions {
  federations: { id: string; name: string }[];
  programs: { id: string; name: string; federationName: string }[];
  authorities: { id: string; name: string; federationName: string; units: { id: string; name: string }[] }[];
}

/** What an administrator can choose from when giving someone a role. */
export async function roleFormOptions(ctx: ServiceContext): Promise<RoleFormOptions> {
  authorizeAny(ctx);
  const manages = (federationId: string) => decide(ctx.actor.subject, "user.manage", { type: "federation", federationId }).allowed;
  const federations = (await ctx.db.selectFrom("federations").select(["id", "name"]).orderBy("name").execute()).filter((f) => manages(f.id));
  const ids = federations.map((f) => f.id);
  if (!ids.length) return { federations: [], programs: [], authorities: [] };
  const names = new Map(federations.map((f) => [f.id, f.name]));
  const programs = await ctx.db.selectFrom("programs").select(["id", "name", "federation_id"]).where("federation_id", "in", ids).orderBy("name").execute();
  const authorities = await ctx.db.selectFrom("authorities").select(["id", "name", "federation_id"]).where("federation_id", "in", ids).orderBy("name").execute();
  const units = authorities.length
    ? await ctx.db.selectFrom("authority_units").select(["id", "name", "authority_id"]).where("authority_id", "in", authorities.map((a) => a.id)).orderBy("name").execute()
    : [];
  return {
    federations,
    programs: programs.map((p) => ({ id: p.id, name: p.name, federationName: names.get(p.federation_id) ?? "" })),
    authorities: authorities.map((a) => ({
      id: a.id,
      name: a.name,
      federationName: names.get(a.federation_id) ?? "",
      units: units.filter((u) => u.authority_id === a.id).map((u) => ({ id: u.id, name: u.name })),
    })),
  };
}

export async function endRoleAssignment(ctx: ServiceContext, userId: string, assignmentId: string): Promise<void> {
  authorizeAny(ctx);
  if (!isUuid(assignmentId) || !isUuid(userId)) throw new NotFoundError("role");
  await ctx.db.transaction().execute(async (tx) => {
    await authorizeTarget(ctx, tx, userId);
    const row = await tx.selectFrom("role_assignments").selectAll().where("id", "=", assignmentId).where("user_id", "=", userId).where("ended_at", "is", null).executeTakeFirst();
    if (!row) throw new NotFoundError("role");
    const federationId = await resolveScopeFederation(tx, {
      role: row.role as Role,
      federationId: row.federation_id,
      programId: row.program_id,
      authorityId: row.authority_id,
      unitId: row.unit_id,
      personId: row.person_id,
    });
    const decision = decide(ctx.actor.subject, "user.manage", federationId ? { type: "federation", federationId } : { type: "installation" });
    if (!decision.allowed) throw new ForbiddenError();
    if (row.user_id === ctx.actor.user.id && row.role === "administrator") {
      const others = await tx.selectFrom("role_assignments").select("id").where("role", "=", "administrator").where("ended_at", "is", null).where("user_id", "<>", userId).executeTakeFirst();
      if (!others) throw new ValidationError({}, ["user.errors.lastAdministrator"]);
    }
    await tx.updateTable("role_assignments").set({ ended_at: ctx.now(), ended_by: ctx.actor.user.id }).where("id", "=", assignmentId).execute();
    await auditByActor(tx, ctx, decision.role, {
      action: "role.end",
      entityType: "user",
      entityId: userId,
      programId: row.program_id,
      federationId,
      details: { assignmentId, role: row.role },
    });
  });
}

/** Sets a new one-time password, ends the user's sessions and shows the password once. */
export async function resetPassword(ctx: ServiceContext, userId: string): Promise<{ temporaryPassword: string }> {
  authorizeAny(ctx);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (tx) => {
    const user = await findUser(tx, userId);
    const role = await authorizeTarget(ctx, tx, userId);
    const now = ctx.now();
    await tx.updateTable("users").set({ password_hash: passwordHash, must_change_password: true, password_changed_at: now, updated_at: now }).where("id", "=", userId).execute();
    const ended = await endSessions(tx, userId, "password_reset", now);
    // A locked account can sign in with its new password at once.
    await tx.deleteFrom("login_throttle").where("key", "in", [accountThrottleKey(user.email), passwordChangeThrottleKey(userId)]).execute();
    await auditByActor(tx, ctx, role, { action: "user.password_reset", entityType: "user", entityId: userId, details: { sessionsEnded: ended } });
  });
  return { temporaryPassword: password };
}

/** Deactivating ends every session and revokes every API token; the account and its history stay. */
export async function setUserActive(ctx: ServiceContext, userId: string, active: boolean): Promise<void> {
  authorizeAny(ctx);
  if (!active && userId === ctx.actor.user.id) throw new ValidationError({}, ["user.errors.deactivateSelf"]);
  await ctx.db.transaction().execute(async (tx) => {
    const user = await findUser(tx, userId);
    const role = await authorizeTarget(ctx, tx, userId);
    if (user.active === active) return;
    const now = ctx.now();
    await tx.updateTable("users").set({ active, deactivated_at: active ? null : now, updated_at: now }).where("id", "=", userId).execute();
    let details: Record<string, unknown> = {};
    if (!active) {
      const sessionsEnded = await endSessions(tx, userId, "deactivated", now);
      const revoked = await tx.updateTable("api_tokens").set({ revoked_at: now, revoked_by: ctx.actor.user.id }).where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirst();
      details = { sessionsEnded, tokensRevoked: Number(revoked.numUpdatedRows) };
    }
    await auditByActor(tx, ctx, role, { action: active ? "user.reactivate" : "user.deactivate", entityType: "user", entityId: userId, details });
  });
}

/** Deletes an account created by mistake. Only possible while the user has left no traces. */
export async function deleteUser(ctx: ServiceContext, userId: string): Promise<void> {
  authorizeAny(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    await findUser(tx, userId);
    const role = await authorizeTarget(ctx, tx, userId);
    const trace = await tx.selectFrom("audit_events").select("seq").where("actor_user_id", "=", userId).limit(1).executeTakeFirst();
    const staff = await tx.selectFrom("person_staff").select("id").where("user_id", "=", userId).limit(1).executeTakeFirst();
    if (trace || staff) throw new ValidationError({}, ["user.errors.hasTraces"]);
    await tx.deleteFrom("api_tokens").where("user_id", "=", userId).execute();
    await tx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await tx.deleteFrom("role_assignments").where("user_id", "=", userId).execute();
    await tx.deleteFrom("users").where("id", "=", userId).execute();
    await auditByActor(tx, ctx, role, { action: "user.delete", entityType: "user", entityId: userId });
  });
}

export async function createApiTokenFor(ctx: ServiceContext, userId: string, input: unknown): Promise<{ token: string; id: string }> {
  authorizeAny(ctx);
  const data = validate(apiTokenInputSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const user = await findUser(tx, userId);
    const role = await authorizeTarget(ctx, tx, userId);
    if (!user.active) throw new ValidationError({}, ["user.errors.inactive"]);
    return issueApiToken(tx, { userId, name: data.name, createdBy: ctx.actor.user.id, createdByRole: role, meta: ctx.meta, now: ctx.now() });
  });
}

export async function revokeApiToken(ctx: ServiceContext, userId: string, tokenId: string): Promise<void> {
  authorizeAny(ctx);
  if (!isUuid(tokenId) || !isUuid(userId)) throw new NotFoundError("token");
  await ctx.db.transaction().execute(async (tx) => {
    const role = await authorizeTarget(ctx, tx, userId);
    const now = ctx.now();
    const row = await tx.updateTable("api_tokens").set({ revoked_at: now, revoked_by: ctx.actor.user.id }).where("id", "=", tokenId).where("user_id", "=", userId).where("revoked_at", "is", null).returning("id").executeTakeFirst();
    if (!row) throw new NotFoundError("token");
    await auditByActor(tx, ctx, role, { action: "token.revoke", entityType: "api_token", entityId: tokenId, federationId: await accountFederation(tx, userId), details: { userId } });
  });
}

// ---- Operators (command-line tool): no signed-in actor --------------------------------------

/**
 * Creates an installation administrator, or gives an existing user that role and a new one-time password.
 * The way to get the first administrator in production.
 */
export async function bootstrapAdministrator(
  deps: Deps,
  input: { email: string; displayName?: string | undefined; password?: string | undefined },
): Promise<{ userId: string; created: boolean; temporaryPassword: string | null }> {
  const data = validate(userInputSchema, { email: input.email, displayName: input.displayName || input.email, locale: "sv" });
  const password = input.password ?? temporaryPassword();
  const passwordHash = await hashPassword(password);
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.now();
    const existing = await tx.selectFrom("users").selectAll().where(({ eb, fn }) => eb(fn("lower", ["email"]), "=", data.email.toLowerCase())).executeTakeFirst();
    let userId: string;
    if (existing) {
      userId = existing.id;
      await tx.updateTable("users").set({ active: true, deactivated_at: null, password_hash: passwordHash, must_change_password: input.password === undefined, updated_at: now }).where("id", "=", userId).execute();
    } else {
      const row = await tx
        .insertInto("users")
        .values({ email: data.email, display_name: data.displayName, password_hash: passwordHash, must_change_password: input.password === undefined, created_at: now, updated_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      userId = row.id;
    }
    const hasRole = await tx.selectFrom("role_assignments").select("id").where("user_id", "=", userId).where("role", "=", "administrator").where("federation_id", "is", null).where("ended_at", "is", null).executeTakeFirst();
    if (!hasRole) await tx.insertInto("role_assignments").values({ user_id: userId, role: "administrator", created_at: now }).execute();
    await appendAuditEvent(tx, { actorUserId: null, actorRole: "operator", action: "user.bootstrap_administrator", entityType: "user", entityId: userId, details: { created: !existing } }, now);
    return { userId, created: !existing, temporaryPassword: input.password === undefined ? password : null };
  });
}

/** Creates an API token for a user by e-mail (command-line tool). */
export async function createApiTokenByEmail(deps: Deps, email: string, name: string): Promise<{ token: string; userId: string }> {
  return deps.db.transaction().execute(async (tx) => {
    const user = await tx.selectFrom("users").select(["id", "active"]).where(({ eb, fn }) => eb(fn("lower", ["email"]), "=", email.trim().toLowerCase())).executeTakeFirst();
    if (!user) throw new NotFoundError("user");
    if (!user.active) throw new ValidationError({}, ["user.errors.inactive"]);
    const { token } = await issueApiToken(tx, { userId: user.id, name, createdBy: null, createdByRole: "operator", meta: undefined, now: deps.now() });
    return { token, userId: user.id };
  });
}

function duplicateEmail(error: unknown): never {
  if (isUniqueViolation(error)) throw new ConflictError("duplicate_email", "email");
  throw error;
}
