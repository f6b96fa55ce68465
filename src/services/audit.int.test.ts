import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { appendAuditEvent, searchAuditLog, verifyAuditChain } from "./audit.ts";
import { ForbiddenError } from "./errors.ts";
import { getPerson } from "./people.ts";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { createWorld, type World } from "../../tests/support/world.ts";

describeEachDatabase("audit log", (flavour) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    for (const user of ["coordinator", "manager", "officer"] as const) await getPerson(await w.ctx(user), w.people.ella);
    await getPerson(await w.ctx("coordinator"), w.people.oscar);
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
