import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { ForbiddenError, NotFoundError } from "./errors.ts";
import { goalList, goalsDashboard, setGoals } from "./goals.ts";

// The goals as the dashboard reads them from the tables: the year's participants and team cases with the
// ids behind them, small-number suppression for those who see aggregates only, the list behind a figure
// for the program's staff, and the targets the manager sets.

describeEachDatabase("goals", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let ella: string;

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    t.clock.set(new Date("2026-11-25T10:00:00Z"));
    // Ella enrolled this year (request decided in March); Oscar last year only (ended before this year).
    ({ enrolmentId: ella } = await enrolDirectly(t.deps, w, {
      personId: w.people.ella,
      startDate: "2026-03-02",
      request: { accepted: true, at: new Date("2026-02-25T10:00:00Z") },
      placement: { acceptedOn: "2026-02-25" },
    }));
    const { enrolmentId: oscar } = await enrolDirectly(t.deps, w, { personId: w.people.oscar, startDate: "2025-03-02", request: { accepted: true, at: new Date("2025-02-25T10:00:00Z") } });
    await t.deps.db.updateTable("enrolments").set({ ended_on: "2025-12-19" }).where("id", "=", oscar).execute();
  });
  afterAll(() => t.close());

  it("counts the year's participants and team cases, with the ids behind them, for the program's staff", async () => {
    const view = await goalsDashboard(await w.ctx("coordinator"), w.programId, "2026");
    expect(view).toMatchObject({ year: 2026, isDefault: true, suppressed: false, canList: true, canManage: false });
    const participants = view.figures.find((f) => f.kind === "participants")!;
    expect(participants).toMatchObject({ target: 30, numerator: { shown: 1 }, value: 1, met: false });
    expect(view.figures.find((f) => f.kind === "team_cases")).toMatchObject({ numerator: { shown: 1 }, value: 1 });
    // Nothing to measure yet: no exits this year, no survey answers.
    expect(view.figures.find((f) => f.kind === "written_plan")).toMatchObject({ denominator: { shown: 0 }, value: null, met: null });
    expect(view.trend!.map((m) => m.month)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
    expect(view.trend![1]!.values.participants).toBe(0);
    expect(view.trend![2]!.values.participants).toBe(1);
    const list = await goalList(await w.ctx("coordinator"), w.programId, "2026", "participants");
    expect(list.rows).toEqual([expect.objectContaining({ counted: true, href: `/enrolments/${ella}`, person: expect.objectContaining({ name: "Ella Johansson" }) })]);
    const event = await t.deps.db.selectFrom("audit_events").select("details").where("action", "=", "goals.list").executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({ year: 2026, goal: "participants", shown: 1 });
    // Last year: Oscar.
    expect((await goalsDashboard(await w.ctx("manager"), w.programId, 2025)).figures[0]).toMatchObject({ numerator: { shown: 1 } });
  });

  it("measures waiting, occupancy, the first job and breaks the participants down, with the list behind each row", async () => {
    // Ella's first job (an internship before it does not count), and her attendance in March.
    const job = { enrolment_id: ella, person_id: w.people.ella, program_id: w.programId, hours_per_week: 20, created_by: w.users.coordinator.id, created_at: new Date(), updated_at: new Date() };
    await t.deps.db.insertInto("work_placements").values([
      { ...job, employer: "Praktikplatsen", kind: "internship", start_date: "2026-04-01" },
      { ...job, employer: "Kalmar Bageri", kind: "competitive", start_date: "2026-09-01" },
    ]).execute();
    const view = await goalsDashboard(await w.ctx("coordinator"), w.programId, "2026");
    expect(view.measures.waiting).toEqual({ n: { shown: 1 }, stats: { shown: { median: 5, mean: 5, min: 5, max: 5 } } });
    expect(view.measures.daysToFirstJob.stats).toEqual({ shown: { median: 183, mean: 183, min: 183, max: 183 } });
    // One of 15 places from 2 March: March has 30 of 465 place-days -> 6 %; February nobody (0 %).
    expect(view.measures.occupancy[1]).toEqual({ month: "2026-02", percent: { shown: 0 } });
    expect(view.measures.occupancy[2]).toEqual({ month: "2026-03", percent: { shown: 6 } });
    expect(view.measures.attendance).toEqual({ shown: { percent: null, counted: 0, attended: 0, excused: 0 } });
    const sex = view.breakdowns.find((b) => b.dimension === "sex")!;
    expect(sex.rows.find((r) => r.value === "female")).toEqual({ value: "female", count: { shown: 1 } });
    expect(sex.total).toEqual({ shown: 1 });
    // Earlier years: 2025 with Oscar.
    expect(view.history.map((h) => h.year)).toEqual([2025]);
    expect(view.history[0]!.figures[0]).toMatchObject({ kind: "participants", numerator: { shown: 1 } });
    // The breakdown's row opens the list behind it: the women among the participants; the men's list is empty.
    const women = await goalList(await w.ctx("coordinator"), w.programId, "2026", "participants", { dimension: "sex", value: "female" });
    expect(women.rows.map((r) => r.href)).toEqual([`/enrolments/${ella}`]);
    expect(women.filter).toEqual({ dimension: "sex", value: "female" });
    expect((await goalList(await w.ctx("coordinator"), w.programId, "2026", "participants", { dimension: "sex", value: "male" })).rows).toEqual([]);
    const event = await t.deps.db.selectFrom("audit_events").select("details").where("action", "=", "goals.list").orderBy("seq", "desc").executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({ filter: "sex:male", shown: 0 });
    // The steering group: one person is "fewer than 5", and the total that would give it away too.
    const steering = await goalsDashboard(await w.ctx("steering"), w.programId, "2026");
    const steeringSex = steering.breakdowns.find((b) => b.dimension === "sex")!;
    expect(steeringSex.rows.find((r) => r.value === "female")!.count).toEqual({ suppressed: "fewer_than_5" });
    expect(steeringSex.total).not.toHaveProperty("shown");
    expect(steering.measures.waiting).toEqual({ n: { suppressed: "fewer_than_5" }, stats: { suppressed: "fewer_than_5" } });
    expect(steering.measures.occupancy[2]!.percent).toEqual({ suppressed: "fewer_than_5" });
  });

  it("shows the steering group aggregates only: fewer than 5 people suppressed, no lists, no trend", async () => {
    const steering = await w.ctx("steering");
    const view = await goalsDashboard(steering, w.programId, "2026");
    expect(view).toMatchObject({ suppressed: true, canList: false, trend: null });
    expect(view.figures.find((f) => f.kind === "participants")).toMatchObject({ numerator: { suppressed: "fewer_than_5" }, value: null, met: false });
    expect(JSON.stringify(view)).not.toContain("Ella");
    await expect(goalList(steering, w.programId, "2026", "participants")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(goalsDashboard(await w.ctx("volunteer"), w.programId, "2026")).rejects.toBeInstanceOf(NotFoundError);
    await expect(goalsDashboard(await w.ctx("officer"), w.programId, "2026")).rejects.toBeInstanceOf(NotFoundError);
    await expect(goalsDashboard(await w.ctx("coordinator"), w.programId, "1850")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lets the manager set the year's targets, refusing nonsense at its field", async () => {
    const manager = await w.ctx("manager");
    const targets = { participants: "32", team_cases: "70", support_influence: "90", more_ready: "75", occupation_after_exit: "35 %", written_plan: "100", ninety_day: "30" };
    await expect(setGoals(manager, w.programId, "2027", { ...targets, participants: "-1", written_plan: "120", team_cases: "x" })).rejects.toMatchObject({
      fieldErrors: { participants: ["goals.errors.negative"], written_plan: ["goals.errors.over100"], team_cases: ["goals.errors.notWholeNumber"] },
    });
    await expect(setGoals(await w.ctx("coordinator"), w.programId, "2027", targets)).rejects.toBeInstanceOf(ForbiddenError);
    await setGoals(manager, w.programId, "2027", targets);
    const view = await goalsDashboard(manager, w.programId, "2027");
    expect(view.isDefault).toBe(false);
    expect(view.figures.map((f) => f.target)).toEqual([32, 70, 90, 75, 35, 100, 30]);
    expect(view.years).toContain(2027);
  });
});
