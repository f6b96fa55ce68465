import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrationProvider } from "../persistence/migrations/index.ts";
import { appendAuditEvent } from "./audit.ts";
import { loadActor } from "./auth.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import {
  addRoleAssignment,
  bootstrapAdministrator,
  createApiTokenByEmail,
  createApiTokenFor,
  createUser,
  deleteUser,
  endRoleAssignment,
  getUser,
  listUsers,
  myRoles,
  resetPassword,
  revokeApiToken,
  roleFormOptions,
  setUserActive,
  updateUser,
} from "./users.ts";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { createWorld, type World } from "../../tests/support/world.ts";

describeEachDatabase("users and roles", (flavour) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
  });
  afterAll(() => t.close());

  it("creates a user with a one-time password and gives roles that take effect at once", async () => {
    const admin = await w.ctx("federationAdmin");
    const { id, temporaryPassword } = await createUser(admin, { email: "Ny.Koordinator@kalmar.example", displayName: "Ny Koordinator", locale: "sv" });
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await addRoleAssignment(admin, id, { role: "coordinator", programId: w.programId, authorityId: w.authorities.af });
    const actor = await loadActor(t.deps.db, id);
    expect(actor?.user.mustChangePassword).toBe(true);
    expect(actor?.subject.assignments).toMatchObject([{ role: "coordinator", programId: w.programId, authorityId: w.authorities.af }]);
    const details = await getUser(admin, id);
    expect(details.assignments[0]?.scopeLabel).toBe("KRUS · Arbetsförmedlingen");
    expect(details.hasTraces).toBe(false);
    await expect(createUser(admin, { email: "ny.koordinator@KALMAR.example", displayName: "Dubblett" })).rejects.toMatchObject({ code: "duplicate_email", field: "email" });
  });

  it("checks a role's scope: what it needs, what it must not have, and where things belong", async () => {
    const admin = await w.ctx("installationAdmin");
    const user = await createUser(admin, { email: "scope@test.example", displayName: "Scope" });
    const problems = async (input: Record<string, unknown>) => ((await addRoleAssignment(admin, user.id, input).catch((e: unknown) => e)) as ValidationError).fieldErrors;
    expect(await problems({ role: "case_officer", programId: w.programId })).toEqual({ authorityId: ["user.errors.scope.required"] });
    expect(await problems({ role: "volunteer", programId: w.programId, personReference: "P-XXXXXX" })).toEqual({ personReference: ["user.errors.personNotFound"] });
    expect(await problems({ role: "steering_group" })).toEqual({ federationId: ["user.errors.scope.one_of"] });
    expect(await problems({ role: "nonsense" })).toEqual({ role: ["errors.choose"] });
    const reference = (await t.deps.db.selectFrom("people").select("reference").where("id", "=", w.people.oscar).executeTakeFirstOrThrow()).reference;
    await addRoleAssignment(admin, user.id, { role: "participant", personReference: reference.toLowerCase() });
    expect(await problems({ role: "participant", personReference: reference })).toEqual({ role: ["user.errors.roleExists"] });
    const unitInOtherAuthority = await t.deps.db.insertInto("authority_units").values({ authority_id: w.authorities.af, name: "AF Kalmar" }).returning("id").executeTakeFirstOrThrow();
    expect(await problems({ role: "case_officer", programId: w.programId, authorityId: w.authorities.fk, unitId: unitInOtherAuthority.id })).toEqual({ unitId: ["user.errors.unitNotInAuthority"] });
  });

  it("lets a federation administrator give roles only in their own federation", async () => {
    const otherAdmin = await w.ctx("otherFederationAdmin");
    await expect(addRoleAssignment(otherAdmin, w.users.noRole.id, { role: "manager", programId: w.programId })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(addRoleAssignment(await w.ctx("federationAdmin"), w.users.noRole.id, { role: "administrator" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await roleFormOptions(otherAdmin)).programs).toEqual([]);
    expect((await roleFormOptions(await w.ctx("federationAdmin"))).programs.map((p) => p.name).sort()).toEqual(["KRUS", "Vägen vidare"]);
    for (const user of ["manager", "coordinator", "steering"] as const) {
      await expect(listUsers(await w.ctx(user)), user).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("keeps administrators to the accounts whose roles they administer, and nobody gives themselves a role", async () => {
    const fedAdmin = await w.ctx("federationAdmin");
    const otherAdmin = await w.ctx("otherFederationAdmin");
    // Not the installation administrator's account, and not accounts in another federation.
    await expect(resetPassword(fedAdmin, w.users.installationAdmin.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getUser(fedAdmin, w.users.otherFederationAdmin.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createApiTokenFor(otherAdmin, w.users.coordinator.id, { name: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setUserActive(otherAdmin, w.users.coordinator.id, false)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateUser(otherAdmin, w.users.coordinator.id, { email: "x@y.example", displayName: "X" })).rejects.toBeInstanceOf(ForbiddenError);
    const visible = (await listUsers(otherAdmin)).map((u) => u.id);
    expect(visible).toContain(w.users.otherFederationAdmin.id);
    // An account without roles and without a federation of its own is the installation administrators' to set up.
    expect(visible).not.toContain(w.users.noRole.id);
    expect(visible).not.toContain(w.users.coordinator.id);
    expect(visible).not.toContain(w.users.installationAdmin.id);
    expect((await listUsers(fedAdmin)).map((u) => u.id)).toContain(w.users.coordinator.id);
    // The installation administrator manages everyone.
    expect((await listUsers(await w.ctx("installationAdmin"))).length).toBeGreaterThanOrEqual(13);
    // Giving oneself a role would open any register to an administrator.
    await expect(addRoleAssignment(fedAdmin, w.users.federationAdmin.id, { role: "manager", programId: w.programId })).rejects.toMatchObject({ formErrors: ["user.errors.ownRoles"] });
    await expect(endRoleAssignment(fedAdmin, "not-a-uuid", "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps accounts without roles with their own federation: another federation's administrator cannot touch them", async () => {
    const fedAdmin = await w.ctx("federationAdmin");
    const otherAdmin = await w.ctx("otherFederationAdmin");
    const installation = await w.ctx("installationAdmin");
    // Created by federation A's administrator, no role yet.
    const fresh = await createUser(fedAdmin, { email: "ny.utan.roll@kalmar.example", displayName: "Ny utan roll" });
    // Former staff of A: created by the installation's administrator, given a role in A, which has ended.
    const former = await createUser(installation, { email: "slutat@kalmar.example", displayName: "Har slutat" });
    expect((await getUser(installation, former.id)).homeFederation).toBeNull();
    const role = await addRoleAssignment(installation, former.id, { role: "coordinator", programId: w.programId });
    const token = await createApiTokenFor(installation, former.id, { name: "Gammal" });
    await endRoleAssignment(installation, former.id, role.id);
    expect((await loadActor(t.deps.db, former.id))?.subject.assignments).toEqual([]);

    for (const id of [fresh.id, former.id]) {
      expect((await listUsers(otherAdmin)).map((u) => u.id), id).not.toContain(id);
      await expect(getUser(otherAdmin, id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(resetPassword(otherAdmin, id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setUserActive(otherAdmin, id, false)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createApiTokenFor(otherAdmin, id, { name: "Kapning" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateUser(otherAdmin, id, { email: "kapad@annat.example", displayName: "Kapad" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(addRoleAssignment(otherAdmin, id, { role: "steering_group", federationId: w.otherFederationId })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(deleteUser(otherAdmin, id)).rejects.toBeInstanceOf(ForbiddenError);
      // Their own federation's administrator and the installation's administrators manage them.
      expect((await listUsers(fedAdmin)).map((u) => u.id)).toContain(id);
      expect((await listUsers(installation)).map((u) => u.id)).toContain(id);
      expect((await getUser(fedAdmin, id)).homeFederation).toEqual({ id: w.federationId, name: expect.stringMatching(/^Samordningsförbundet /) });
    }
    await expect(revokeApiToken(otherAdmin, former.id, token.id)).rejects.toBeInstanceOf(ForbiddenError);
    await revokeApiToken(fedAdmin, former.id, token.id);
    await resetPassword(fedAdmin, fresh.id);
    await addRoleAssignment(fedAdmin, fresh.id, { role: "volunteer", programId: w.programId });

    // An account the installation's administrator created and gave no role belongs to no federation yet.
    const unowned = await createUser(installation, { email: "ingen.hemvist@test.example", displayName: "Utan förbund" });
    for (const admin of [fedAdmin, otherAdmin]) {
      expect((await listUsers(admin)).map((u) => u.id)).not.toContain(unowned.id);
      await expect(getUser(admin, unowned.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    // A role in a federation gives it that federation, for good: it stays after the role has ended.
    const first = await addRoleAssignment(installation, unowned.id, { role: "steering_group", federationId: w.otherFederationId });
    await endRoleAssignment(installation, unowned.id, first.id);
    expect((await getUser(otherAdmin, unowned.id)).homeFederation?.id).toBe(w.otherFederationId);
    await expect(getUser(fedAdmin, unowned.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("records the account's federation in its account and security events", async () => {
    const fedAdmin = await w.ctx("federationAdmin");
    const { id } = await createUser(fedAdmin, { email: "handelser@kalmar.example", displayName: "Händelser" });
    const token = await createApiTokenFor(fedAdmin, id, { name: "Integration" });
    await revokeApiToken(fedAdmin, id, token.id);
    await resetPassword(fedAdmin, id);
    const events = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "federation_id"])
      .where((eb) => eb.or([eb("entity_id", "=", id), eb("entity_id", "=", token.id)]))
      .orderBy("seq")
      .execute();
    expect(events).toEqual(
      ["user.create", "token.create", "token.revoke", "user.password_reset"].map((action) => ({ action, federation_id: w.federationId })),
    );
  });

  it("ends a role, but never the last administrator's", async () => {
    const admin = await w.ctx("installationAdmin");
    const details = await getUser(admin, w.users.volunteer.id);
    await endRoleAssignment(admin, w.users.volunteer.id, details.assignments[0]!.id);
    expect((await loadActor(t.deps.db, w.users.volunteer.id))?.subject.assignments).toEqual([]);
    expect(await myRoles(await w.ctx("volunteer"))).toEqual([]);
    // The federation administrator's role can be ended; the installation administrator is the last one of that kind... any admin counts.
    const fedAdmin = await getUser(admin, w.users.federationAdmin.id);
    await endRoleAssignment(admin, w.users.federationAdmin.id, fedAdmin.assignments[0]!.id);
    const own = await getUser(admin, w.users.installationAdmin.id);
    const otherAdmin = await getUser(admin, w.users.otherFederationAdmin.id);
    await endRoleAssignment(admin, w.users.otherFederationAdmin.id, otherAdmin.assignments[0]!.id);
    await expect(endRoleAssignment(admin, w.users.installationAdmin.id, own.assignments[0]!.id)).rejects.toMatchObject({ formErrors: ["user.errors.lastAdministrator"] });
  });

  it("updates a user's details, and deletes only accounts that left no traces", async () => {
    const admin = await w.ctx("installationAdmin");
    const fresh = await createUser(admin, { email: "misstag@test.example", displayName: "Fel person" });
    await updateUser(admin, fresh.id, { email: "misstag@test.example", displayName: "Rätt namn", locale: "nb" });
    expect((await getUser(admin, fresh.id)).displayName).toBe("Rätt namn");
    await deleteUser(admin, fresh.id);
    expect((await listUsers(admin, { q: "misstag" })).length).toBe(0);
    // The coordinator has acted (read people in other tests of this world) or works with people: cannot be deleted.
    await expect(deleteUser(admin, w.users.coordinator.id)).rejects.toMatchObject({ formErrors: ["user.errors.hasTraces"] });
  });

  it("bootstraps the first administrator from the command line, and issues tokens by e-mail", async () => {
    const first = await bootstrapAdministrator(t.deps, { email: "drift@kommun.example", displayName: "Drift" });
    expect(first).toMatchObject({ created: true, temporaryPassword: expect.any(String) });
    const again = await bootstrapAdministrator(t.deps, { email: "DRIFT@kommun.example", password: "a chosen long password" });
    expect(again).toMatchObject({ created: false, userId: first.userId, temporaryPassword: null });
    const actor = await loadActor(t.deps.db, first.userId);
    expect(actor?.subject.assignments.filter((a) => a.role === "administrator")).toHaveLength(1);
    expect(actor?.user.mustChangePassword).toBe(false);
    await expect(bootstrapAdministrator(t.deps, { email: "not an email" })).rejects.toBeInstanceOf(ValidationError);
    const { token } = await createApiTokenByEmail(t.deps, "drift@kommun.example", "Integration");
    expect(token).toMatch(/^spt_/);
    const events = await t.deps.db.selectFrom("audit_events").select(["action", "actor_role"]).where("actor_role", "=", "operator").execute();
    expect(events.map((e) => e.action)).toEqual(["user.bootstrap_administrator", "user.bootstrap_administrator", "token.create"]);
  });
});

describeEachDatabase("account ownership of existing accounts (migration 0003)", (flavour) => {
  let t: TestDatabase;
  afterAll(() => t.close());

  it("gives accounts the federation of the administrator who created them, or of their first role", async () => {
    t = await createTestDatabase(flavour);
    const migrator = new Migrator({ db: t.deps.db, provider: migrationProvider });
    expect((await migrator.migrateTo("0002_intake")).error).toBeUndefined();
    const w = await createWorld(t.deps);
    const db = t.deps.db;
    // Made before the migration: one account created by federation A's administrator (no role yet), one
    // person who used to work in A (the role has ended), one created by the installation's administrator.
    const insert = async (email: string) => (await db.insertInto("users").values({ email, display_name: email }).returning("id").executeTakeFirstOrThrow()).id;
    const createdInA = await insert("skapad.i.a@test.example");
    const formerStaff = await insert("tidigare@test.example");
    const byInstallation = await insert("installation@test.example");
    await db.transaction().execute(async (tx) => {
      const created = (userId: string, actor: string) =>
        // The world's roles were given at the real time of day, before these accounts were made.
        appendAuditEvent(tx, { actorUserId: actor, actorRole: "administrator", action: "user.create", entityType: "user", entityId: userId, federationId: w.federationId }, new Date());
      await created(createdInA, w.users.federationAdmin.id);
      await created(formerStaff, w.users.installationAdmin.id);
      await created(byInstallation, w.users.installationAdmin.id);
    });
    await db.insertInto("role_assignments").values({ user_id: formerStaff, role: "therapist", program_id: w.programId, ended_at: t.deps.now() }).execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    const homes = new Map((await db.selectFrom("users").select(["id", "home_federation_id"]).execute()).map((u) => [u.id, u.home_federation_id]));
    expect(homes.get(createdInA)).toBe(w.federationId);
    expect(homes.get(formerStaff)).toBe(w.federationId);
    expect(homes.get(byInstallation)).toBeNull();
    expect(homes.get(w.users.coordinator.id)).toBe(w.federationId);
    expect(homes.get(w.users.participant.id)).toBe(w.federationId);
    expect(homes.get(w.users.otherFederationAdmin.id)).toBe(w.otherFederationId);
    expect(homes.get(w.users.installationAdmin.id)).toBeNull();
    expect(homes.get(w.users.noRole.id)).toBeNull();
    // The other federation's administrator now has nothing to do with the former staff member.
    await expect(getUser(await w.ctx("otherFederationAdmin"), formerStaff)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getUser(await w.ctx("federationAdmin"), formerStaff)).id).toBe(formerStaff);
  });
});
