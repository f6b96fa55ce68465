import { randomBytes } from "node:crypto";
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addMonths } from "../domain/enrolment.ts";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { consentDirectly, enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { loadActor } from "./auth.ts";
import { verifyAuditChain } from "./audit.ts";
import { caseloadHighlights, viewCaseload } from "./caseload.ts";
import type { ServiceContext } from "./context.ts";
import { enrolmentOverview, journeyLinkFor } from "./enrolment-overview.ts";
import { ForbiddenError, NotFoundError } from "./errors.ts";

// The caseload and the hub page, computed from the journey's tables (written here directly: the plan,
// wheel, journal and exit services are built elsewhere). The test clock says Monday 23 November 2026.

const PLAN = JSON.stringify({ longTermGoal: { kind: null, text: "" }, subGoals: [], obstacles: [], actions: [], recommendations: "" });

/** Counts the queries a Kysely instance runs (transactions' BEGIN and COMMIT not included). */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

describeEachDatabase("caseload", (flavour) => {
  let t: TestDatabase;
  let w: World;
  const users: Record<"coordB" | "coordC" | "otherCoordinator" | "directManager", string> = { coordB: "", coordC: "", otherCoordinator: "", directManager: "" };
  const e: Record<string, string> = {};
  const p: Record<string, string> = {};

  async function ctxFor(userId: string): Promise<ServiceContext> {
    const actor = await loadActor(t.deps.db, userId);
    if (!actor) throw new Error("no actor");
    return { ...t.deps, actor, meta: { ip: "192.0.2.20", userAgent: "vitest" } };
  }

  async function user(key: string, role: string, programId: string): Promise<string> {
    const row = await t.deps.db
      .insertInto("users")
      .values({ email: `${key.toLowerCase()}.${randomBytes(3).toString("hex")}@test.example`, display_name: `Test ${key}`, password_hash: "x" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.deps.db.insertInto("role_assignments").values({ user_id: row.id, role, program_id: programId }).execute();
    return row.id;
  }

  async function person(first: string, last: string, programId = w.programId, protectedIdentity = false): Promise<string> {
    const row = await t.deps.db
      .insertInto("people")
      .values({
        program_id: programId,
        reference: `P-${randomBytes(3).toString("hex").toUpperCase()}`,
        first_name: first,
        last_name: last,
        sex: "male",
        birth_date: "2000-01-01",
        preferred_language: "sv",
        protected_identity: protectedIdentity,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Request, place and enrolment rows, as intake leaves them; the coordinator then works directly with the person. */
  async function enrolDirect(personId: string, coordinatorId: string, startDate: string, programId = w.programId): Promise<string> {
    const { enrolmentId } = await enrolDirectly(t.deps, w, {
      personId,
      startDate,
      programId,
      coordinatorId,
      plannedEnd: addMonths(startDate, 12),
      incomeSource: "none",
      educationLevel: "unknown",
      request: { authorId: coordinatorId, accepted: true },
      placement: { placedAt: new Date(`${startDate}T09:00:00Z`) },
      staff: ["coordinator"],
    });
    return enrolmentId;
  }

  async function plan(enrolmentId: string, versions: { on: string; accepted: boolean; stage?: "ongoing" | "final" }[]) {
    const db = t.deps.db;
    const enrolment = await db.selectFrom("enrolments").selectAll().where("id", "=", enrolmentId).executeTakeFirstOrThrow();
    const at = new Date(`${versions[0]!.on}T10:00:00Z`);
    const row = await db
      .insertInto("plans")
      .values({ enrolment_id: enrolmentId, person_id: enrolment.person_id, program_id: enrolment.program_id, current_version: versions.length, created_at: at, updated_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [i, v] of versions.entries()) {
      await db
        .insertInto("plan_versions")
        .values({ plan_id: row.id, version: i + 1, content: PLAN, stage: v.stage ?? "ongoing", author_id: enrolment.coordinator_id, created_at: new Date(`${v.on}T10:00:00Z`) })
        .execute();
      if (v.accepted) {
        await db
          .insertInto("plan_acceptances")
          .values({ plan_id: row.id, version: i + 1, accepted_on: v.on, method: "in_meeting", recorded_by: enrolment.coordinator_id, recorded_at: new Date(`${v.on}T11:00:00Z`) })
          .execute();
      }
    }
  }

  async function rowOf(enrolmentId: string) {
    return t.deps.db.selectFrom("enrolments").selectAll().where("id", "=", enrolmentId).executeTakeFirstOrThrow();
  }

  async function followUp(enrolmentId: string, date: string, status: "planned" | "held" | "cancelled") {
    const en = await rowOf(enrolmentId);
    const now = new Date("2026-11-01T10:00:00Z");
    await t.deps.db
      .insertInto("follow_ups")
      .values({ enrolment_id: enrolmentId, person_id: en.person_id, program_id: en.program_id, planned_date: date, status, held_on: status === "held" ? date : null, created_by: en.coordinator_id, created_at: now, updated_at: now })
      .execute();
  }

  let instrumentId = "";
  async function reading(enrolmentId: string, date: string, occasion: "start" | "during" | "exit") {
    const en = await rowOf(enrolmentId);
    await t.deps.db
      .insertInto("wheel_readings")
      .values({ enrolment_id: enrolmentId, person_id: en.person_id, program_id: en.program_id, instrument_id: instrumentId, rated_by: "coordinator", occasion, reading_date: date, scores: JSON.stringify({ housing: 5 }), recorded_by: en.coordinator_id, recorded_at: new Date(`${date}T12:00:00Z`) })
      .execute();
  }

  async function exit(enrolmentId: string, date: string, ninetyDay: { dueOn: string; answeredOn: string | null } | null) {
    const en = await rowOf(enrolmentId);
    const row = await t.deps.db
      .insertInto("exits")
      .values({ enrolment_id: enrolmentId, person_id: en.person_id, program_id: en.program_id, exit_date: date, kind: "interrupted", reason: "moved", occupation: "other", income_source: "none", recorded_by: en.coordinator_id, recorded_at: new Date(`${date}T12:00:00Z`) })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (ninetyDay) {
      await t.deps.db
        .insertInto("ninety_day_followups")
        .values({
          exit_id: row.id,
          enrolment_id: enrolmentId,
          person_id: en.person_id,
          program_id: en.program_id,
          due_on: ninetyDay.dueOn,
          answered_on: ninetyDay.answeredOn,
          outcome: ninetyDay.answeredOn ? "working" : null,
          recorded_by: ninetyDay.answeredOn ? en.coordinator_id : null,
          recorded_at: ninetyDay.answeredOn ? new Date(`${ninetyDay.answeredOn}T12:00:00Z`) : null,
        })
        .execute();
    }
  }

  async function passive(enrolmentId: string, startedOn: string, reason: "after_exit" | "past_planned_end") {
    const en = await rowOf(enrolmentId);
    await t.deps.db
      .insertInto("passive_phases")
      .values({ enrolment_id: enrolmentId, person_id: en.person_id, program_id: en.program_id, started_on: startedOn, reason, recorded_by: en.coordinator_id, recorded_at: new Date(`${startedOn}T12:00:00Z`) })
      .execute();
  }

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    const db = t.deps.db;
    users.coordB = await user("coordB", "coordinator", w.programId);
    users.coordC = await user("coordC", "coordinator", w.programId);
    users.otherCoordinator = await user("otherCoordinator", "coordinator", w.otherProgramId);
    users.directManager = await user("directManager", "manager", w.programId);
    instrumentId = (
      await db.insertInto("wheel_instruments").values({ program_id: w.programId, version: 1, areas: "[]", created_at: new Date("2026-01-01T00:00:00Z") }).returning("id").executeTakeFirstOrThrow()
    ).id;
    const coordA = w.users.coordinator.id;

    // Ella: started 1 October, no plan, no reading, no follow-up yet (8 weeks: 26 November).
    e.ella = await enrolDirect(w.people.ella, coordA, "2026-10-01");
    // Alva (protected; coordinator A works directly with her): a second plan version not yet accepted, a follow-up booked.
    e.alva = await enrolDirect(w.people.protectedAlva, coordA, "2026-11-20");
    await plan(e.alva, [{ on: "2026-11-20", accepted: true }, { on: "2026-11-21", accepted: false }]);
    await followUp(e.alva, "2026-12-01", "planned");
    await reading(e.alva, "2026-11-20", "start");
    // Past the planned end (15 November), everything else in order.
    p.pastEnd = await person("Per", "Åberg");
    e.pastEnd = await enrolDirect(p.pastEnd, coordA, "2025-11-15");
    await plan(e.pastEnd, [{ on: "2025-11-20", accepted: true }]);
    await followUp(e.pastEnd, "2026-11-01", "held");
    await followUp(e.pastEnd, "2026-06-01", "cancelled");
    await reading(e.pastEnd, "2026-10-01", "during");
    // In the passive phase after the planned end.
    p.passive = await person("Pia", "Berg");
    e.passive = await enrolDirect(p.passive, coordA, "2025-11-01");
    await plan(e.passive, [{ on: "2025-11-10", accepted: true }]);
    await passive(e.passive, "2026-11-02", "past_planned_end");
    // Exited on 30 August: the 90-day follow-up is due on 28 November; no reading at exit.
    p.exited = await person("Erik", "Cederlund");
    e.exited = await enrolDirect(p.exited, coordA, "2025-09-01");
    await exit(e.exited, "2026-08-30", { dueOn: "2026-11-28", answeredOn: null });
    // Exited, and the 90-day follow-up answered: no longer in the caseload.
    p.closed = await person("Cilla", "Dahl");
    e.closed = await enrolDirect(p.closed, coordA, "2025-06-01");
    await exit(e.closed, "2026-06-01", { dueOn: "2026-08-30", answeredOn: "2026-08-29" });

    // Coordinator B: Oscar, with everything in order.
    e.oscar = await enrolDirect(w.people.oscar, users.coordB, "2026-11-16");
    await plan(e.oscar, [{ on: "2026-11-18", accepted: true }]);
    await reading(e.oscar, "2026-11-16", "start");
    await followUp(e.oscar, "2027-01-10", "planned");

    // Another program's coordinator and participant.
    e.jonas = await enrolDirect(w.people.otherProgramJonas, users.otherCoordinator, "2026-11-02", w.otherProgramId);

    // Ella's consent covers the FK officer (who works directly with her); three journal notes, one shared.
    await consentDirectly(t.deps, w, { personId: w.people.ella, authorities: [w.authorities.fk], givenOn: "2026-09-20", validUntil: "2028-09-20", recordedBy: coordA, recordedAt: new Date("2026-09-20T10:00:00Z") });
    for (const visibility of ["staff", "shared", "staff"] as const) {
      await db
        .insertInto("journal_notes")
        .values({ person_id: w.people.ella, program_id: w.programId, enrolment_id: e.ella, note_date: "2026-11-02", kind: "individual", body: "Samtal.", visibility, author_id: coordA, created_at: new Date("2026-11-02T10:00:00Z") })
        .execute();
    }
    const now = new Date("2026-11-02T10:00:00Z");
    await db
      .insertInto("network_contacts")
      .values([
        { person_id: w.people.ella, program_id: w.programId, kind: "authority", authority_id: w.authorities.fk, name: "Anders Lund", created_by: coordA, created_at: now, updated_at: now },
        { person_id: w.people.ella, program_id: w.programId, kind: "health", name: "Vårdcentralen", created_by: coordA, created_at: now, updated_at: now },
        { person_id: w.people.ella, program_id: w.programId, kind: "other", name: "Gammal kontakt", created_by: coordA, created_at: now, updated_at: now, ended_at: now },
      ])
      .execute();
    // The manager who works directly with Alva.
    await db.insertInto("person_staff").values({ person_id: w.people.protectedAlva, user_id: users.directManager, relation: "manager" }).execute();

    // Coordinator C: thirty participants, for the number of queries.
    for (let i = 0; i < 30; i++) {
      const id = await person(`Deltagare${i}`, `Nummer${String(i).padStart(2, "0")}`);
      const enrolment = await enrolDirect(id, users.coordC, `2026-${String(1 + (i % 11)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`);
      if (i % 2 === 0) await plan(enrolment, [{ on: "2026-11-01", accepted: i % 4 === 0 }]);
      if (i % 3 === 0) await followUp(enrolment, "2026-12-02", "planned");
      if (i % 5 === 0) await reading(enrolment, "2026-10-30", "start");
    }
  });
  afterAll(() => t.close());

  it("shows a coordinator their own participants with what needs doing now, most urgent first", async () => {
    const view = await viewCaseload(await w.ctx("coordinator"));
    expect(view.program).toEqual({ id: w.programId, name: "KRUS" });
    expect(view.viewAll).toBe(false);
    expect(view.coordinators).toEqual([]);
    expect(view.filter.coordinatorId).toBe(w.users.coordinator.id);
    expect(view.total).toBe(5);
    const byEnrolment = new Map(view.rows.map((r) => [r.enrolmentId, r]));
    // Not B's participant, not the other program's, and not the closed one.
    expect(byEnrolment.has(e.oscar!)).toBe(false);
    expect(byEnrolment.has(e.jonas!)).toBe(false);
    expect(byEnrolment.has(e.closed!)).toBe(false);
    expect(byEnrolment.get(e.ella!)!.flags.map((f) => [f.kind, f.state, f.due])).toEqual([
      ["reading", "overdue", "2026-10-01"],
      ["no_plan", "overdue", "2026-10-15"],
      ["follow_up", "soon", "2026-11-26"],
    ]);
    expect(byEnrolment.get(e.alva!)).toMatchObject({ masked: false, firstName: "Alva", stage: "active" });
    expect(byEnrolment.get(e.alva!)!.flags).toEqual([
      { kind: "follow_up", state: "soon", due: "2026-12-01", booked: true },
      { kind: "plan_not_accepted", state: "soon", due: "2026-12-05", version: 2 },
    ]);
    expect(byEnrolment.get(e.pastEnd!)!.flags).toEqual([{ kind: "past_end", state: "overdue", due: "2026-11-15" }]);
    expect(byEnrolment.get(e.passive!)).toMatchObject({ stage: "passive", flags: [{ kind: "passive", state: "notice", due: "2026-11-02", reason: "past_planned_end" }] });
    expect(byEnrolment.get(e.exited!)).toMatchObject({ stage: "exited" });
    expect(byEnrolment.get(e.exited!)!.flags.map((f) => f.kind)).toEqual(["reading", "ninety_day"]);
    // Most urgent first: the oldest overdue item decides; the passive phase (a notice) comes last.
    expect(view.rows.map((r) => r.enrolmentId)).toEqual([e.exited, e.ella, e.pastEnd, e.alva, e.passive]);
    expect(view.flagCounts).toMatchObject({ reading: 2, no_plan: 1, follow_up: 2, plan_not_accepted: 1, past_end: 1, passive: 1, ninety_day: 1, absent: 0 });
  });

  it("filters by flag and stage and sorts by name, start or planned end", async () => {
    const ctx = await w.ctx("coordinator");
    expect((await viewCaseload(ctx, { flag: "follow_up" })).rows.map((r) => r.enrolmentId).sort()).toEqual([e.ella, e.alva].sort());
    expect((await viewCaseload(ctx, { flag: "ninety_day" })).rows.map((r) => r.enrolmentId)).toEqual([e.exited]);
    expect((await viewCaseload(ctx, { stage: "passive" })).rows.map((r) => r.enrolmentId)).toEqual([e.passive]);
    expect((await viewCaseload(ctx, { stage: "exited" })).rows.map((r) => r.enrolmentId)).toEqual([e.exited]);
    expect((await viewCaseload(ctx, { stage: "active" })).rows.map((r) => r.enrolmentId).sort()).toEqual([e.ella, e.alva, e.pastEnd].sort());
    expect((await viewCaseload(ctx, { stage: "active", flag: "passive" })).rows).toEqual([]);
    // By last name: Berg, Cederlund, Eriksson, Johansson, Åberg (Swedish order: Å last).
    expect((await viewCaseload(ctx, { sort: "name" })).rows.map((r) => r.lastName)).toEqual(["Berg", "Cederlund", "Eriksson", "Johansson", "Åberg"]);
    expect((await viewCaseload(ctx, { sort: "start" })).rows.map((r) => r.startDate)).toEqual(["2025-09-01", "2025-11-01", "2025-11-15", "2026-10-01", "2026-11-20"]);
    expect((await viewCaseload(ctx, { sort: "plannedEnd" })).rows.map((r) => r.plannedEndDate)).toEqual(["2026-09-01", "2026-11-01", "2026-11-15", "2027-10-01", "2027-11-20"]);
    // Unknown values fall back to the defaults.
    const fallback = await viewCaseload(ctx, { flag: "nonsense", stage: "gone", sort: "random" });
    expect(fallback.filter).toMatchObject({ flag: null, stage: null, sort: "urgency" });
    expect(fallback.rows).toHaveLength(5);
  });

  it("does not let a coordinator open another coordinator's list", async () => {
    const ctx = await w.ctx("coordinator");
    await expect(viewCaseload(ctx, { coordinatorId: users.coordB })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(viewCaseload(ctx, { coordinatorId: "all" })).rejects.toBeInstanceOf(ForbiddenError);
    // Their own id is fine.
    expect((await viewCaseload(ctx, { coordinatorId: w.users.coordinator.id })).rows).toHaveLength(5);
    const b = await viewCaseload(await ctxFor(users.coordB));
    expect(b.rows.map((r) => r.enrolmentId)).toEqual([e.oscar]);
    expect(b.rows[0]!.flags).toEqual([]);
  });

  it("shows a manager every coordinator's list, filters by coordinator, and masks protected identity", async () => {
    const view = await viewCaseload(await w.ctx("manager"));
    expect(view.viewAll).toBe(true);
    expect(view.filter.coordinatorId).toBe("all");
    expect(view.total).toBe(5 + 1 + 30);
    expect(view.coordinators.map((c) => c.id).sort()).toEqual([w.users.coordinator.id, users.coordB, users.coordC].sort());
    const alva = view.rows.find((r) => r.enrolmentId === e.alva)!;
    // The manager is program staff, but sees protected details only when working directly with the person.
    expect(alva).toMatchObject({ masked: true, protectedIdentity: true, firstName: null, lastName: null });
    expect(view.rows.find((r) => r.enrolmentId === e.ella)).toMatchObject({ masked: false, firstName: "Ella", coordinator: { id: w.users.coordinator.id, name: "Test coordinator" } });
    // Masked people come last when sorted by name.
    expect((await viewCaseload(await w.ctx("manager"), { sort: "name" })).rows.at(-1)!.enrolmentId).toBe(e.alva);

    const onlyB = await viewCaseload(await w.ctx("manager"), { coordinatorId: users.coordB });
    expect(onlyB.rows.map((r) => r.enrolmentId)).toEqual([e.oscar]);
    expect(onlyB.filter.coordinatorId).toBe(users.coordB);
    const aOverdue = await viewCaseload(await w.ctx("manager"), { coordinatorId: w.users.coordinator.id, flag: "no_plan" });
    expect(aOverdue.rows.map((r) => r.enrolmentId)).toEqual([e.ella]);

    const direct = await viewCaseload(await ctxFor(users.directManager));
    expect(direct.rows.find((r) => r.enrolmentId === e.alva)).toMatchObject({ masked: false, firstName: "Alva", lastName: "Eriksson" });
  });

  it("refuses the caseload to a case officer and to staff of another program", async () => {
    await expect(viewCaseload(await w.ctx("officer"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(viewCaseload(await w.ctx("therapist"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(viewCaseload(await w.ctx("volunteer"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(caseloadHighlights(await w.ctx("officer"))).resolves.toBeNull();
    const other = await ctxFor(users.otherCoordinator);
    await expect(viewCaseload(other, { programId: w.programId })).rejects.toBeInstanceOf(ForbiddenError);
    // Their own program's list is theirs.
    const own = await viewCaseload(other);
    expect(own.program.id).toBe(w.otherProgramId);
    expect(own.rows.map((r) => r.enrolmentId)).toEqual([e.jonas]);
    // Nor may they open a KRUS participant's page.
    await expect(enrolmentOverview(other, e.ella!)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("records in the audit log which people were shown, by id", async () => {
    const ctx = await w.ctx("coordinator");
    const view = await viewCaseload(ctx, { flag: "follow_up" });
    const event = await t.deps.db.selectFrom("audit_events").selectAll().where("action", "=", "caseload.view").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_user_id: w.users.coordinator.id, actor_role: "coordinator", entity_type: "program", entity_id: w.programId, program_id: w.programId, federation_id: w.federationId });
    expect(event.details).toMatchObject({ flag: "follow_up", shown: view.rows.map((r) => r.personId) });
    expect((event.details.shown as string[]).sort()).toEqual([w.people.ella, w.people.protectedAlva].sort());
    // Ids only, never names.
    expect(JSON.stringify(event.details)).not.toMatch(/Ella|Alva|Johansson/);

    const manager = await viewCaseload(await w.ctx("manager"), { coordinatorId: users.coordB });
    const managerEvent = await t.deps.db.selectFrom("audit_events").selectAll().where("action", "=", "caseload.view").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(managerEvent).toMatchObject({ actor_user_id: w.users.manager.id, actor_role: "manager" });
    expect(managerEvent.details).toMatchObject({ coordinatorId: users.coordB, shown: manager.rows.map((r) => r.personId) });
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });

  it("loads the facts of the whole list in a fixed number of queries", async () => {
    const counted = async (userId: string, input: Record<string, unknown> = {}) => {
      const counter = new QueryCounter();
      const ctx = { ...(await ctxFor(userId)), db: t.deps.db.withPlugin(counter) };
      const view = await viewCaseload(ctx, input);
      return { queries: counter.count, rows: view.rows.length };
    };
    const one = await counted(users.coordB);
    const five = await counted(w.users.coordinator.id);
    const thirty = await counted(users.coordC);
    expect([one.rows, five.rows, thirty.rows]).toEqual([1, 5, 30]);
    expect(one.queries).toBeGreaterThan(5);
    expect(thirty.queries).toBe(one.queries);
    expect(five.queries).toBe(one.queries);
    // The manager's list of 36 (with the coordinators for the filter) is just as fixed.
    const manager = new QueryCounter();
    const managerCtx = { ...(await w.ctx("manager")), db: t.deps.db.withPlugin(manager) };
    expect((await viewCaseload(managerCtx)).rows).toHaveLength(36);
    const managerOne = new QueryCounter();
    await viewCaseload({ ...(await w.ctx("manager")), db: t.deps.db.withPlugin(managerOne) }, { coordinatorId: users.coordB });
    expect(manager.count).toBe(managerOne.count);
    expect(manager.count).toBeLessThan(25);
  });

  it("gives the start page the most urgent participants with something to do", async () => {
    const top = await caseloadHighlights(await w.ctx("coordinator"), 2);
    expect(top!.rows.map((r) => r.enrolmentId)).toEqual([e.exited, e.ella]);
    // The passive phase alone is not something to do.
    expect(top!.needingAction).toBe(4);
    expect(top!.total).toBe(5);
    const event = await t.deps.db.selectFrom("audit_events").selectAll().where("action", "=", "caseload.view").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({ page: "home", shown: [p.exited, w.people.ella] });
  });

  it("summarises a participant's journey on the hub page, audited", async () => {
    const ctx = await w.ctx("coordinator");
    const ella = await enrolmentOverview(ctx, e.ella!);
    expect(ella).toMatchObject({
      access: "full",
      person: { id: w.people.ella, firstName: "Ella", lastName: "Johansson", masked: false, canOpen: true },
      program: { id: w.programId, name: "KRUS" },
      coordinator: { id: w.users.coordinator.id, name: "Test coordinator" },
      startDate: "2026-10-01",
      plannedEndDate: "2027-10-01",
      stage: "active",
      journal: { count: 3, onlyShared: false },
      canViewCaseload: true,
    });
    expect(ella.journey).toMatchObject({
      plan: null,
      nextFollowUp: { date: "2026-11-26", booked: false, state: "soon" },
      lastFollowUpHeld: null,
      latestReading: null,
      nextReading: { date: "2026-10-01", occasion: "start", state: "overdue" },
      networkSize: 2,
      exit: null,
      passivePhase: null,
    });
    expect(ella.journey!.flags.map((f) => f.kind)).toEqual(["reading", "no_plan", "follow_up"]);
    const event = await t.deps.db.selectFrom("audit_events").selectAll().where("action", "=", "enrolment.overview").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_role: "coordinator", entity_type: "enrolment", entity_id: e.ella, person_id: w.people.ella, program_id: w.programId });

    const alva = await enrolmentOverview(ctx, e.alva!);
    expect(alva.journey!.plan).toMatchObject({ version: 2, writtenOn: "2026-11-21", accepted: false, acceptedOn: null, stage: "ongoing" });
    expect(alva.journey).toMatchObject({ latestReading: "2026-11-20", nextReading: { date: "2027-02-20", occasion: "during", state: "later" } });
    const pastEnd = await enrolmentOverview(ctx, e.pastEnd!);
    expect(pastEnd.journey).toMatchObject({ plan: { version: 1, accepted: true, acceptedOn: "2025-11-20" }, lastFollowUpHeld: "2026-11-01", nextFollowUp: { date: "2026-12-27", booked: false, state: "later" } });
    const exited = await enrolmentOverview(ctx, e.exited!);
    expect(exited).toMatchObject({ stage: "exited" });
    expect(exited.journey).toMatchObject({
      nextFollowUp: null,
      nextReading: { date: "2026-08-30", occasion: "exit", state: "overdue" },
      exit: { date: "2026-08-30", kind: "interrupted", reason: "moved", ninetyDay: { dueOn: "2026-11-28", answeredOn: null, outcome: null, state: "soon" } },
    });
    const closed = await enrolmentOverview(ctx, e.closed!);
    expect(closed).toMatchObject({ stage: "closed", journey: { flags: [], exit: { ninetyDay: { answeredOn: "2026-08-29", outcome: "working", state: null } } } });
    const passivePage = await enrolmentOverview(ctx, e.passive!);
    expect(passivePage.journey).toMatchObject({ nextFollowUp: null, nextReading: null, passivePhase: { startedOn: "2026-11-02", reason: "past_planned_end" } });
  });

  it("masks the name on the hub page for readers who do not work directly with the person", async () => {
    const manager = await enrolmentOverview(await w.ctx("manager"), e.alva!);
    expect(manager.person).toMatchObject({ masked: true, firstName: null, lastName: null, protectedIdentity: true });
    const event = await t.deps.db.selectFrom("audit_events").selectAll().where("action", "=", "enrolment.overview").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({ masked: true });
    expect((await enrolmentOverview(await ctxFor(users.directManager), e.alva!)).person).toMatchObject({ masked: false, firstName: "Alva" });
    expect((await enrolmentOverview(await w.ctx("coordinator"), e.alva!)).person).toMatchObject({ masked: false, firstName: "Alva" });
  });

  it("shows a case officer the journey of a person they work with while consent covers them, with the shared notes only", async () => {
    const officer = await w.ctx("officer");
    await expect(viewCaseload(officer)).rejects.toBeInstanceOf(ForbiddenError);
    const view = await enrolmentOverview(officer, e.ella!);
    expect(view).toMatchObject({ access: "full", journal: { count: 1, onlyShared: true }, canViewCaseload: false, person: { firstName: "Ella" } });
    // A person they do not work with: not found.
    await expect(enrolmentOverview(officer, e.pastEnd!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(enrolmentOverview(officer, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    // The therapist (program staff) reads every note.
    expect((await enrolmentOverview(await w.ctx("therapist"), e.ella!)).journal).toEqual({ count: 3, onlyShared: false });
    // Those who never see people: not found either.
    await expect(enrolmentOverview(await w.ctx("volunteer"), e.ella!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(enrolmentOverview(await w.ctx("steering"), e.ella!)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("links a person's page to the hub only for readers who may see the journey", async () => {
    expect(await journeyLinkFor(await w.ctx("coordinator"), w.people.ella)).toBe(e.ella);
    expect(await journeyLinkFor(await w.ctx("officer"), w.people.ella)).toBe(e.ella);
    expect(await journeyLinkFor(await w.ctx("officerOtherProgram"), w.people.ella)).toBeNull();
    expect(await journeyLinkFor(await w.ctx("coordinator"), p.pastEnd!)).toBe(e.pastEnd);
    const unenrolled = await person("Utan", "Inskrivning");
    expect(await journeyLinkFor(await w.ctx("coordinator"), unenrolled)).toBeNull();
  });
});
