import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { workMeasures } from "../domain/work.ts";
import { recordConsent } from "./consents.ts";
import { ForbiddenError, NotFoundError } from "./errors.ts";
import { addWork, endWork, getWork } from "./work.ts";

// Supported Employment: work placements and jobs, ended (never deleted), and the measures for reporting:
// days from the enrolment's start to the first competitive job, to the first employment (subsidised too) and
// to the first work of any kind (internships too), hours per week now, weeks worked.

describeEachDatabase("work placements", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let enrolmentId: string;

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    // Today is 2026-11-23 (the test clock); the participant started on 1 September.
    ({ enrolmentId } = await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01" }));
    await recordConsent(await w.ctx("officer"), w.people.ella, { authorityIds: [w.authorities.fk], purpose: "KRUS", givenOn: "2026-08-20", validUntil: "2028-08-20", method: "recorded" });
  });
  afterAll(() => t.close());

  it("has no measures before any work is recorded", async () => {
    const work = await getWork(await w.ctx("coordinator"), enrolmentId);
    expect(work).toMatchObject({ enrolmentStart: "2026-09-01", placements: [], canManage: true, today: "2026-11-23" });
    expect(work.measures.competitive).toEqual({ firstStart: null, daysToFirst: null, hoursPerWeekNow: 0, weeksWorked: 0, workingNow: false });
  });

  it("records an internship, a subsidised job and a competitive job, and computes the measures", async () => {
    const coordinator = await w.ctx("coordinator");
    await addWork(coordinator, enrolmentId, { employer: "ICA Maxi Kalmar", kind: "internship", startDate: "2026-09-14", endDate: "2026-10-11", hoursPerWeek: "15" });
    await addWork(coordinator, enrolmentId, { employer: "Kalmar kommun, parkförvaltningen", kind: "subsidised", startDate: "2026-10-12", hoursPerWeek: "20,5" });
    const job = await addWork(await w.ctx("manager"), enrolmentId, { employer: "Kalmar Energi", kind: "competitive", startDate: "2026-11-02", hoursPerWeek: 10, note: "Helger" });
    const work = await getWork(coordinator, enrolmentId);
    expect(work.placements.map((p) => [p.employer, p.kind, p.ongoing, p.canEnd])).toEqual([
      ["Kalmar Energi", "competitive", true, true],
      ["Kalmar kommun, parkförvaltningen", "subsidised", true, true],
      ["ICA Maxi Kalmar", "internship", false, false],
    ]);
    expect(work.placements[1]!.hoursPerWeek).toBe(20.5);
    expect(work.measures.competitive).toMatchObject({ firstStart: "2026-11-02", daysToFirst: 62, hoursPerWeekNow: 10, weeksWorked: 3.1, workingNow: true });
    expect(work.measures.employment).toMatchObject({ firstStart: "2026-10-12", daysToFirst: 41, hoursPerWeekNow: 30.5 });
    expect(work.measures.any).toMatchObject({ firstStart: "2026-09-14", daysToFirst: 13, hoursPerWeekNow: 30.5 });
    // The service hands the domain rules exactly what is stored.
    expect(work.measures).toEqual(workMeasures({ enrolmentStart: "2026-09-01", spells: work.placements, asOf: "2026-11-23" }));
    expect(job.id).toBeTruthy();
  });

  it("ends a placement on its last day; refuses an end before the start, and ending what has ended", async () => {
    const coordinator = await w.ctx("coordinator");
    const subsidised = (await getWork(coordinator, enrolmentId)).placements.find((p) => p.kind === "subsidised")!;
    await expect(endWork(coordinator, enrolmentId, subsidised.id, { endDate: "2026-10-01" })).rejects.toMatchObject({ fieldErrors: { endDate: ["work.errors.endBeforeStart"] } });
    await expect(endWork(coordinator, enrolmentId, subsidised.id, { endDate: "" })).rejects.toMatchObject({ fieldErrors: { endDate: ["errors.date"] } });
    await endWork(coordinator, enrolmentId, subsidised.id, { endDate: "2026-11-20" });
    const work = await getWork(coordinator, enrolmentId);
    expect(work.placements.find((p) => p.id === subsidised.id)).toMatchObject({ endDate: "2026-11-20", ongoing: false, canEnd: false });
    expect(work.measures.employment.hoursPerWeekNow).toBe(10);
    expect(work.measures.employment.weeksWorked).toBe(6.1);
    await expect(endWork(coordinator, enrolmentId, subsidised.id, { endDate: "2026-11-21" })).rejects.toMatchObject({ formErrors: ["work.errors.ended"] });
    // A placement with an end date still to come can be ended earlier.
    const later = await addWork(coordinator, enrolmentId, { employer: "Sommarjobb", kind: "internship", startDate: "2026-11-16", endDate: "2026-12-31", hoursPerWeek: "8" });
    await endWork(coordinator, enrolmentId, later.id, { endDate: "2026-11-22" });
    expect((await getWork(coordinator, enrolmentId)).placements.find((p) => p.id === later.id)).toMatchObject({ endDate: "2026-11-22", canEnd: false });
    // Nothing is deleted; another enrolment's placement is not reached through this one.
    expect(await t.deps.db.selectFrom("work_placements").select("id").where("enrolment_id", "=", enrolmentId).execute()).toHaveLength(4);
    const { enrolmentId: oscar } = await enrolDirectly(t.deps, w, { personId: w.people.oscar, startDate: "2026-10-01" });
    await expect(endWork(coordinator, oscar, later.id, { endDate: "2026-11-22" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses what is wrong at its field", async () => {
    const coordinator = await w.ctx("coordinator");
    await expect(addWork(coordinator, enrolmentId, { employer: "", kind: "volunteer", startDate: "2026-11-10", endDate: "2026-11-01", hoursPerWeek: "0" })).rejects.toMatchObject({
      fieldErrors: { employer: ["errors.required"], kind: ["errors.choose"], endDate: ["work.errors.endBeforeStart"], hoursPerWeek: ["work.errors.hours"] },
    });
  });

  it("lets those who see the journey read the placements; only coordinators and the manager record them", async () => {
    const placement = (await getWork(await w.ctx("coordinator"), enrolmentId)).placements[0]!;
    for (const user of ["therapist", "officer"] as const) {
      const ctx = await w.ctx(user);
      const work = await getWork(ctx, enrolmentId);
      expect(work.canManage, user).toBe(false);
      expect(work.placements).toHaveLength(4);
      await expect(addWork(ctx, enrolmentId, { employer: "X", kind: "competitive", startDate: "2026-11-01", hoursPerWeek: "10" }), user).rejects.toBeInstanceOf(ForbiddenError);
      await expect(endWork(ctx, enrolmentId, placement.id, { endDate: "2026-11-23" }), user).rejects.toBeInstanceOf(ForbiddenError);
    }
    for (const user of ["officerOtherProgram", "team", "volunteer", "steering", "participant"] as const) {
      await expect(getWork(await w.ctx(user), enrolmentId), user).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("records reads and changes in the audit log, without the employer", async () => {
    const work = await getWork(await w.ctx("therapist"), enrolmentId);
    const read = await t.deps.db.selectFrom("audit_events").selectAll().where("action", "=", "work.view").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(read).toMatchObject({ actor_role: "therapist", entity_id: enrolmentId, person_id: w.people.ella, details: { placementIds: work.placements.map((p) => p.id) } });
    const changes = await t.deps.db.selectFrom("audit_events").select(["action", "details"]).where("action", "in", ["work.add", "work.end"]).execute();
    expect(changes.filter((c) => c.action === "work.add")).toHaveLength(4);
    expect(changes.filter((c) => c.action === "work.end")).toHaveLength(2);
    expect(JSON.stringify(changes)).not.toMatch(/ICA|Kalmar Energi|Sommarjobb|parkförvaltningen/);
  });
});
