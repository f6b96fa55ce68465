import { afterAll, beforeAll, expect, it } from "vitest";
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
    expect(visible).toContain(w.users.noRole.id); // an account without roles can be set up by any administrator
    expect(visible).not.toContain(w.users.coordinator.id);
    expect(visible).not.toContain(w.users.installationAdmin.id);
    expect((await listUsers(fedAdmin)).map((u) => u.id)).toContain(w.users.coordinator.id);
    // The installation administrator manages everyone.
    expect((await listUsers(await w.ctx("installationAdmin"))).length).toBeGreaterThanOrEqual(13);
    // Giving oneself a role would open any register to an administrator.
    await expect(addRoleAssignment(fedAdmin, w.users.federationAdmin.id, { role: "manager", programId: w.programId })).rejects.toMatchObject({ formErrors: ["user.errors.ownRoles"] });
    await expect(endRoleAssignment(fedAdmin, "not-a-uuid", "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
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
