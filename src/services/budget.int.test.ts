import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type UserKey, type World } from "../../tests/support/world.ts";
import { verifyAuditChain } from "./audit.ts";
import {
  addFundingSource,
  budgetYearCsv,
  CsvImportError,
  endFundingSource,
  getBudgetYear,
  importActualCosts,
  mayViewBudget,
  recordActualCost,
  removeFundingSource,
  setBudgetLines,
} from "./budget.ts";
import { budgetDemo } from "../demo/budget-story.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";

// Budget and funding per program: the manager sets the lines, records and imports actual costs (all or
// nothing), adds, ends and removes funding; coordinators and the steering group read; everyone else is
// refused. Exact öre everywhere; every read, change and export in the audit log.

const csvFile = (text: string, name = "kostnader.csv") => ({ name, type: "text/csv", bytes: new TextEncoder().encode(text) });

describeEachDatabase("budget and funding", (flavour) => {
  let t: TestDatabase;
  let w: World;

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    // Today is 2026-11-23 (the test clock). Two people enrolled in 2026, one in the other program.
    await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01" });
    await enrolDirectly(t.deps, w, { personId: w.people.protectedAlva, startDate: "2026-10-01" });
    await enrolDirectly(t.deps, w, { personId: w.people.otherProgramJonas, startDate: "2026-09-01", programId: w.otherProgramId });
  });
  afterAll(() => t.close());

  it("sets budget lines exactly from what the manager types, and removes a line left blank", async () => {
    const manager = await w.ctx("manager");
    await setBudgetLines(manager, w.programId, { year: "2026", lines: { staff: { amount: "830 000", note: "Två koordinatorer" }, premises: { amount: "255 000,50" }, it: { amount: "25 000" } } });
    await setBudgetLines(manager, w.programId, { year: 2026, lines: { it: { amount: "" } } });
    const view = await getBudgetYear(manager, w.programId, 2026);
    expect(view.canManage).toBe(true);
    expect(view.lines.find((l) => l.line === "staff")).toMatchObject({ amount: 83_000_000, note: "Två koordinatorer", setBy: "Test manager" });
    expect(view.lines.find((l) => l.line === "premises")?.amount).toBe(25_500_050);
    expect(view.lines.find((l) => l.line === "it")?.amount).toBeNull();
    expect(view.summary.total.budget).toBe(108_500_050);
    await expect(setBudgetLines(manager, w.programId, { year: 2026, lines: { staff: { amount: "-5" } } })).rejects.toBeInstanceOf(ValidationError);
    await expect(setBudgetLines(manager, w.programId, { year: 1999, lines: {} })).rejects.toBeInstanceOf(ValidationError);
  });

  it("records and replaces a month's actual cost, and counts participants and cost per participant", async () => {
    const manager = await w.ctx("manager");
    await recordActualCost(manager, w.programId, { month: "2026-01", line: "staff", amount: "69 166,67" });
    await recordActualCost(manager, w.programId, { month: "2026-01", line: "staff", amount: "70 000" });
    await recordActualCost(manager, w.programId, { month: "2026-02", line: "premises", amount: 2_125_000, note: "Hyra" });
    const view = await getBudgetYear(await w.ctx("coordinator"), w.programId, 2026);
    expect(view.canManage).toBe(false);
    expect(view.actuals).toHaveLength(2);
    expect(view.actuals[0]).toMatchObject({ month: "2026-01", line: "staff", amount: 7_000_000, source: "manual" });
    expect(view.summary.total.actual).toBe(9_125_000);
    expect(view.summary.participants).toBe(2);
    expect(view.summary.costPerParticipant).toBe(4_562_500);
    await expect(recordActualCost(manager, w.programId, { month: "2026-13", line: "staff", amount: "1" })).rejects.toMatchObject({ fieldErrors: { month: ["budget.errors.month"] } });
    await expect(recordActualCost(manager, w.programId, { month: "2026-03", line: "pizza", amount: "1" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("imports a CSV all or nothing: a bad row refuses the whole file with its line number", async () => {
    const manager = await w.ctx("manager");
    const bad = "månad;rad;belopp;anteckning\n2026-03;Lokaler;21 250,00;Hyra mars\n2026-03;Pizza;100\n2026-04;staff;abc\n";
    const error = await importActualCosts(manager, w.programId, { year: 2026 }, csvFile(bad)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvImportError);
    expect((error as CsvImportError).rows).toEqual([
      { line: 3, code: "line", value: "Pizza" },
      { line: 4, code: "amount", value: "abc" },
    ]);
    expect(await t.deps.db.selectFrom("actual_costs").select("month").where("month", "=", "2026-03").execute()).toEqual([]);
    const good = "month;line;amount;note\r\n2026-03;Lokaler;21 250,00;Hyra mars\r\n2026-01;staff;71 000\r\n2026-04;Resor;-120,50;Kreditering\r\n";
    expect(await importActualCosts(manager, w.programId, { year: "2026" }, csvFile(good))).toEqual({ count: 3 });
    const view = await getBudgetYear(manager, w.programId, 2026);
    expect(view.actuals.find((a) => a.month === "2026-01" && a.line === "staff")).toMatchObject({ amount: 7_100_000, source: "import" });
    expect(view.actuals.find((a) => a.month === "2026-04")).toMatchObject({ line: "travel", amount: -12_050, note: "Kreditering" });
    expect(view.summary.total.actual).toBe(7_100_000 + 2_125_000 + 2_125_000 - 12_050);
    await expect(importActualCosts(manager, w.programId, { year: 2027 }, csvFile(good))).rejects.toBeInstanceOf(CsvImportError);
    await expect(importActualCosts(manager, w.programId, { year: 2026 }, null)).rejects.toMatchObject({ fieldErrors: { file: ["budget.errors.fileRequired"] } });
    await expect(importActualCosts(manager, w.programId, { year: 2026 }, { name: "x.csv", type: "text/csv", bytes: new Uint8Array([0xff, 0xfe, 0x00]) })).rejects.toMatchObject({
      fieldErrors: { file: ["budget.errors.fileEncoding"] },
    });
  });

  it("adds, ends and removes funding; a grant over two years counts pro rata by days", async () => {
    const manager = await w.ctx("manager");
    const { id } = await addFundingSource(manager, w.programId, { funder: "Samordningsförbundet i Kalmar län", kind: "federation", amount: "2 293 000", from: "2026-07-01", to: "2027-06-30" });
    let view = await getBudgetYear(manager, w.programId, 2026);
    const share2026 = view.funding[0]!.share;
    const share2027 = (await getBudgetYear(manager, w.programId, 2027)).funding[0]!.share;
    expect(share2026 + share2027).toBe(229_300_000);
    expect(share2026).toBe(Math.floor((229_300_000 * 184) / 365));
    expect(view.summary.funding.total).toBe(share2026);
    expect(view.summary.funding.gap).toBe(view.summary.total.budget - share2026);
    await expect(addFundingSource(manager, w.programId, { funder: "X", kind: "gift", amount: "1", from: "2026-05-01", to: "2026-04-01" })).rejects.toMatchObject({ fieldErrors: { to: ["budget.errors.periodOrder"] } });
    await expect(endFundingSource(manager, w.programId, id, { to: "2027-12-31" })).rejects.toMatchObject({ fieldErrors: { to: ["budget.errors.endAfterEnd"] } });
    await endFundingSource(manager, w.programId, id, { to: "2026-12-31" });
    view = await getBudgetYear(manager, w.programId, 2026);
    expect(view.funding[0]).toMatchObject({ to: "2026-12-31", share: 229_300_000 });
    expect((await getBudgetYear(manager, w.programId, 2027)).funding).toEqual([]);
    const gift = await addFundingSource(manager, w.programId, { funder: "Lions", kind: "gift", amount: 500_000, from: "2026-01-01", to: "2026-12-31" });
    await removeFundingSource(manager, w.programId, gift.id);
    await expect(removeFundingSource(manager, w.programId, gift.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeFundingSource(manager, w.otherProgramId, id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("lets the manager write, the coordinator and the steering group read, and refuses everyone else", async () => {
    for (const reader of ["manager", "coordinator", "steering"] as UserKey[]) {
      const ctx = await w.ctx(reader);
      expect((await getBudgetYear(ctx, w.programId, 2026)).summary.total.budget).toBe(108_500_050);
      expect(await mayViewBudget(ctx, w.programId)).toBe(true);
      expect((await budgetYearCsv(ctx, w.programId, 2026, "sv")).csv).toContain("Personalkostnader;830000,00;");
    }
    for (const reader of ["coordinator", "steering"] as UserKey[]) {
      const ctx = await w.ctx(reader);
      await expect(setBudgetLines(ctx, w.programId, { year: 2026, lines: { staff: { amount: "1" } } })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(recordActualCost(ctx, w.programId, { month: "2026-05", line: "staff", amount: "1" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(importActualCosts(ctx, w.programId, { year: 2026 }, csvFile("2026-05;staff;1"))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(addFundingSource(ctx, w.programId, { funder: "X", kind: "gift", amount: "1", from: "2026-05-01", to: "2026-06-01" })).rejects.toBeInstanceOf(ForbiddenError);
    }
    for (const denied of ["officer", "volunteer", "therapist", "team", "participant", "noRole"] as UserKey[]) {
      const ctx = await w.ctx(denied);
      await expect(getBudgetYear(ctx, w.programId, 2026)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(budgetYearCsv(ctx, w.programId, 2026, "sv")).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setBudgetLines(ctx, w.programId, { year: 2026, lines: {} })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await mayViewBudget(ctx, w.programId)).toBe(false);
    }
    // Another program's manager, and a program that does not exist.
    await expect(getBudgetYear(await w.ctx("manager"), w.otherProgramId, 2026)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getBudgetYear(await w.ctx("manager"), "00000000-0000-4000-8000-000000000000", 2026)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getBudgetYear(await w.ctx("manager"), w.programId, "abc")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("exports the year as CSV for Excel, exact, with every part", async () => {
    const { fileName, csv } = await budgetYearCsv(await w.ctx("manager"), w.programId, 2026, "sv");
    expect(fileName).toMatch(/^budget-.+-2026\.csv$/);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("\r\n");
    expect(csv).toContain("Lokaler;255000,50;42500,00;212500,50;16,7");
    expect(csv).toContain("Deltagare under året;2");
    expect(csv).toContain("Samordningsförbundet i Kalmar län;Samordningsförbund;2026-07-01;2026-12-31;2293000,00;2293000,00");
  });

  it("plays the demo's KRUS budget: 2 293 000 kr in eleven lines, the federation's grant, costs through June", async () => {
    const manager = await w.ctx("manager");
    await budgetDemo(manager, w.programId, 2025, 6);
    const view = await getBudgetYear(manager, w.programId, 2025);
    expect(view.summary.total.budget).toBe(229_300_000);
    expect(view.lines.every((l) => l.amount !== null)).toBe(true);
    expect(view.summary.funding).toMatchObject({ total: 229_300_000, gap: 0, covered: true });
    expect(view.summary.months.filter((m) => m.entered).map((m) => m.month)).toEqual(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]);
    expect(view.summary.lines.find((l) => l.line === "premises")?.actual).toBe(2 * 6_375_000);
    expect(view.summary.lines.find((l) => l.line === "travel")?.usedTenths).toBe(575);
  });

  it("audits every read, change and export, with the granting role, and the chain holds", async () => {
    const events = await t.deps.db.selectFrom("audit_events").select(["action", "actor_role", "details"]).where("action", "like", "budget.%").execute();
    const actions = new Set(events.map((e) => e.action));
    for (const action of ["budget.view", "budget.setLines", "budget.recordCost", "budget.importCosts", "budget.addFunding", "budget.endFunding", "budget.removeFunding", "budget.exportCsv"]) {
      expect(actions).toContain(action);
    }
    expect(events.filter((e) => e.action === "budget.importCosts")).toHaveLength(1); // the refused file wrote nothing
    expect(events.filter((e) => e.action !== "budget.view" && e.action !== "budget.exportCsv").every((e) => e.actor_role === "manager")).toBe(true);
    expect(events.some((e) => e.action === "budget.view" && e.actor_role === "steering_group")).toBe(true);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
});
