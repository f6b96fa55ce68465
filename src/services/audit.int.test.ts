import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  appendAuditEvent,
  assertMayReviewAuditLog,
  endOfCalendarDay,
  searchAuditLog,
  searchAuditLogPage,
  startOfCalendarDay,
  verifyAuditChain,
} from "./audit.ts";
import { signIn } from "./auth.ts";
import type { ServiceContext } from "./context.ts";
import { ForbiddenError, ValidationError } from "./errors.ts";
import { getPerson, searchPeople } from "./people.ts";
import { addRoleAssignment, createUser, endRoleAssignment } from "./users.ts";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { createWorld, PASSWORD, type UserKey, type World } from "../../tests/support/world.ts";

describeEachDatabase("audit log", (flavour) => {
  let t: TestDatabase;
  let w: World;
  const ctxs = new Map<UserKey, ServiceContext>();
  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    for (const user of ["coordinator", "manager", "officer"] as const) await getPerson(await w.ctx(user), w.people.ella);
    await getPerson(await w.ctx("coordinator"), w.people.oscar);
    for (const user of ["installationAdmin", "federationAdmin", "manager", "coordinator", "volunteer", "steering", "participant", "noRole"] as const) {
      ctxs.set(user, await w.ctx(user));
    }
  });
  afterAll(() => t.close());

  it("numbers events without gaps, even when concurrent transactions append", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.deps.db.transaction().execute((tx) => appendAuditEvent(tx, { actorUserId: null, actorRole: null, action: "test.concurrent", entityType: "test", details: { i } }, t.deps.now())),
      ),
    );
    const seqs = (await t.deps.db.selectFrom("audit_events").select("seq").orderBy("seq").execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });

  it("does not keep an event when its transaction rolls back", async () => {
    const before = await verifyAuditChain(t.deps.db);
    await t.deps.db
      .transaction()
      .execute(async (tx) => {
        await appendAuditEvent(tx, { actorUserId: null, actorRole: null, action: "test.rolled_back", entityType: "test" }, t.deps.now());
        throw new Error("the change failed");
      })
      .catch(() => undefined);
    const after = await verifyAuditChain(t.deps.db);
    expect(after).toMatchObject({ ok: true, lastSeq: before.lastSeq, lastHash: before.lastHash });
  });

  it("refuses updates and deletes of events in the database itself", async () => {
    await expect(sql`update audit_events set action = 'x' where seq = 1`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where seq = 1`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(t.deps.db)).rejects.toThrow(/append-only/);
  });

  it("lets administrators search by person, user and period, and logs the search", async () => {
    const admin = await w.ctx("installationAdmin");
    const byPerson = await searchAuditLog(admin, { personId: w.people.ella });
    expect(byPerson.filter((e) => e.action === "person.view").map((e) => e.actorUserId).sort()).toEqual(
      [w.users.coordinator.id, w.users.manager.id, w.users.officer.id].sort(),
    );
    const reference = (await t.deps.db.selectFrom("people").select("reference").where("id", "=", w.people.ella).executeTakeFirstOrThrow()).reference;
    expect((await searchAuditLog(admin, { personReference: reference.toLowerCase() })).map((e) => e.seq)).toEqual(
      (await searchAuditLog(admin, { personId: w.people.ella })).map((e) => e.seq).slice(1),
    );
    const byUser = await searchAuditLog(admin, { actorEmail: w.users.coordinator.email });
    expect(byUser.map((e) => e.personId)).toEqual(expect.arrayContaining([w.people.ella, w.people.oscar]));
    expect(byUser.every((e) => e.actorUserId === w.users.coordinator.id)).toBe(true);
    expect(await searchAuditLog(admin, { from: new Date("2030-01-01"), to: new Date("2030-02-01") })).toEqual([]);
    const last = await t.deps.db.selectFrom("audit_events").selectAll().orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: "audit.search", actor_user_id: w.users.installationAdmin.id, actor_role: "administrator" });
    // The log view never shows names, only references.
    expect(JSON.stringify(byPerson)).not.toContain("Johansson");
  });

  it("limits a manager to the program's events, and refuses everyone else", async () => {
    const manager = await w.ctx("manager");
    const events = await searchAuditLog(manager, {});
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.programId === w.programId)).toBe(true);
    for (const user of ["coordinator", "officer", "steering", "participant"] as const) {
      await expect(searchAuditLog(await w.ctx(user), {}), user).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("shows a federation's administrator the account and security events of their federation, and none of another's", async () => {
    const fedAdmin = await w.ctx("federationAdmin");
    const otherAdmin = await w.ctx("otherFederationAdmin");
    const meta = { ip: "198.51.100.33", userAgent: "vitest" };
    await signIn(t.deps, meta, { email: w.users.coordinator.email, password: PASSWORD });
    await signIn(t.deps, meta, { email: w.users.coordinator.email, password: "not the password" }).catch(() => undefined);
    await searchPeople(await w.ctx("coordinator"), { q: "Ella" });
    const created = await createUser(fedAdmin, { email: "granskas@kalmar.example", displayName: "Granskas" });
    const role = await addRoleAssignment(fedAdmin, created.id, { role: "volunteer", programId: w.programId });
    await endRoleAssignment(fedAdmin, created.id, role.id);
    const elsewhere = await createUser(otherAdmin, { email: "annanstans@annat.example", displayName: "Annanstans" });

    const own = await searchAuditLog(fedAdmin, { limit: 500 });
    const actions = (userId: string) => own.filter((e) => e.actorUserId === userId).map((e) => e.action);
    expect(actions(w.users.coordinator.id)).toEqual(expect.arrayContaining(["auth.sign_in", "auth.sign_in_failed", "person.search"]));
    expect(own.filter((e) => e.entityId === created.id).map((e) => e.action)).toEqual(["role.end", "role.assign", "user.create"]);
    expect(own.some((e) => e.entityId === elsewhere.id)).toBe(false);
    const theirs = await searchAuditLog(otherAdmin, { limit: 500 });
    expect(theirs.map((e) => e.entityId)).toContain(elsewhere.id);
    expect(theirs.some((e) => e.actorUserId === w.users.coordinator.id || e.entityId === created.id || e.personId !== null)).toBe(false);
    // Searching by the user gives the same events as the account's federation recorded them.
    const byUser = await searchAuditLog(fedAdmin, { actorEmail: w.users.coordinator.email, limit: 500 });
    expect(byUser.map((e) => e.action)).toEqual(expect.arrayContaining(["auth.sign_in", "person.search", "person.view"]));
    expect(await searchAuditLog(otherAdmin, { actorEmail: w.users.coordinator.email })).toEqual([]);
  });

  it("pages backwards through older events, keeping the filters", async () => {
    const admin = await w.ctx("installationAdmin");
    const all = await searchAuditLog(admin, { actorEmail: w.users.coordinator.email, limit: 500 });
    expect(all.length).toBeGreaterThan(4);
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await searchAuditLogPage(admin, { actorEmail: w.users.coordinator.email, limit: 2, beforeSeq });
      expect(page.entries.length).toBeLessThanOrEqual(2);
      expect(page.entries.every((e) => e.actorUserId === w.users.coordinator.id)).toBe(true);
      seen.push(...page.entries.map((e) => e.seq));
      if (page.olderBeforeSeq === null) break;
      expect(page.olderBeforeSeq).toBe(page.entries.at(-1)!.seq);
      beforeSeq = page.olderBeforeSeq;
    }
    expect(seen).toEqual(all.map((e) => e.seq));
    const last = await t.deps.db.selectFrom("audit_events").select("details").where("action", "=", "audit.search").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(last.details).toMatchObject({ beforeSeq: expect.any(Number), actorUserId: w.users.coordinator.id });
  });

  it("ends a period's last day at midnight Swedish time, also on the days the clocks change", async () => {
    expect(startOfCalendarDay("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(endOfCalendarDay("2026-03-29").toISOString()).toBe("2026-03-29T22:00:00.000Z"); // 23 hours
    expect(startOfCalendarDay("2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(endOfCalendarDay("2026-10-25").toISOString()).toBe("2026-10-25T23:00:00.000Z"); // 25 hours
    expect(endOfCalendarDay("2026-12-31").toISOString()).toBe("2026-12-31T23:00:00.000Z");
    const at = ["2026-03-29T21:30:00Z", "2026-03-29T22:30:00Z", "2026-10-25T22:30:00Z", "2026-10-25T23:30:00Z"];
    await t.deps.db.transaction().execute(async (tx) => {
      for (const time of at) await appendAuditEvent(tx, { actorUserId: null, actorRole: null, action: "test.dst", entityType: "test", details: { time } }, new Date(time));
    });
    const admin = await w.ctx("installationAdmin");
    const times = async (day: string) =>
      (await searchAuditLog(admin, { fromDate: day, toDate: day, limit: 500 })).filter((e) => e.action === "test.dst").map((e) => e.occurredAt.toISOString());
    expect(await times("2026-03-29")).toEqual(["2026-03-29T21:30:00.000Z"]); // 23:30 on the 29th; 00:30 is the 30th
    expect(await times("2026-03-30")).toEqual(["2026-03-29T22:30:00.000Z"]);
    expect(await times("2026-10-25")).toEqual(["2026-10-25T22:30:00.000Z"]); // 23:30 on the 25th, in winter time
    expect(await times("2026-10-26")).toEqual(["2026-10-25T23:30:00.000Z"]);
    await expect(searchAuditLog(admin, { fromDate: "2026-13-01" })).rejects.toMatchObject({ fieldErrors: { from: ["errors.date"] } });
    await expect(searchAuditLog(admin, { fromDate: "2026-05-02", toDate: "2026-05-01" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses the log at once to everyone who may never review it", async () => {
    for (const user of ["installationAdmin", "federationAdmin", "manager"] as const) {
      expect(() => assertMayReviewAuditLog(ctxs.get(user)!), user).not.toThrow();
    }
    for (const user of ["coordinator", "volunteer", "steering", "participant", "noRole"] as const) {
      expect(() => assertMayReviewAuditLog(ctxs.get(user)!), user).toThrow(ForbiddenError);
    }
  });

  it("detects an event changed or removed behind the application's back", async () => {
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
    // Someone with direct database access switches the protection off and edits the log.
    await sql`alter table audit_events disable trigger audit_events_no_update_or_delete`.execute(t.deps.db);
    await sql`update audit_events set actor_user_id = ${w.users.manager.id} where seq = 3`.execute(t.deps.db);
    let report = await verifyAuditChain(t.deps.db);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({ seq: 3, problem: "hash" });

    await sql`delete from audit_events where seq = 5`.execute(t.deps.db);
    report = await verifyAuditChain(t.deps.db);
    expect(report.problems).toContainEqual({ seq: 6, problem: "gap", expectedSeq: 5 });

    const last = Number((await t.deps.db.selectFrom("audit_chain_head").select("last_seq").executeTakeFirstOrThrow()).last_seq);
    await sql`delete from audit_events where seq = ${last}`.execute(t.deps.db);
    report = await verifyAuditChain(t.deps.db);
    expect(report.problems).toContainEqual({ seq: last, problem: "head" });
    await sql`alter table audit_events enable trigger audit_events_no_update_or_delete`.execute(t.deps.db);
  });
});
