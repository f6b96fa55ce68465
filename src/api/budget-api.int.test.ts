import { beforeAll, expect, it } from "vitest";
import type { z } from "zod";
import { apiHarness, type OpenApiDoc } from "../../tests/support/api.ts";
import { describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { expectDocumented } from "../../tests/support/openapi.ts";
import type { World } from "../../tests/support/world.ts";
import { BUDGET_TAG, BudgetYearSchema } from "./group/budget.ts";

// Budget and funding through the JSON API alone: the same services, policy and audit events as the pages;
// amounts as integers of öre with the formatted text beside them; a refused CSV as a problem listing its rows.

const BUDGET_PATHS = [
  "/v1/programs/{id}/budget/actual-costs",
  "/v1/programs/{id}/budget/funding",
  "/v1/programs/{id}/budget/funding/{fundingId}",
  "/v1/programs/{id}/budget/funding/{fundingId}/end",
  "/v1/programs/{id}/budget/{year}",
  "/v1/programs/{id}/budget/{year}/actual-costs/import",
  "/v1/programs/{id}/budget/{year}/export.csv",
  "/v1/programs/{id}/budget/{year}/lines",
];
const NBSP = "\u00a0";

describeEachDatabase("budget JSON API", (flavour) => {
  const api = apiHarness(flavour, ["manager", "coordinator", "steering", "officer", "volunteer"]);
  const { call, send, read, problemOf } = api;
  let t: TestDatabase;
  let w: World;
  const base = () => `/v1/programs/${w.programId}/budget`;

  beforeAll(async () => {
    ({ t, w } = api);
    await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01" });
  });

  it("describes exactly its endpoints under its own tag", async () => {
    const doc = await read<OpenApiDoc>(await call("/openapi.json"), 200);
    const tagged = Object.keys(doc.paths).filter((p) => Object.values(doc.paths[p]!).some((op) => op.tags?.includes(BUDGET_TAG)));
    expect(tagged.sort()).toEqual(BUDGET_PATHS);
    for (const path of BUDGET_PATHS) for (const op of Object.values(doc.paths[path]!)) expect(op.responses).toHaveProperty("401");
  });

  it("sets lines, records and imports costs, adds funding, and reads the year exactly", async () => {
    expect((await send("PUT", `${base()}/2026/lines`, "manager", { lines: { staff: { amount: 83_000_000 }, travel: { amount: "75 000" } } })).status).toBe(204);
    expect((await send("PUT", `${base()}/actual-costs`, "manager", { month: "2026-01", line: "staff", amount: "69 166,67" })).status).toBe(204);
    const imported = await call(`${base()}/2026/actual-costs/import`, { method: "POST", as: "manager", headers: { "Content-Type": "text/csv" }, body: "month;line;amount\n2026-02;Resor;80 000\n" });
    expect(await read(imported, 200)).toEqual({ count: 1 });
    const funding = await read<{ id: string }>(await send("POST", `${base()}/funding`, "manager", { funder: "Samordningsförbundet", kind: "federation", amount: "2 293 000", from: "2026-01-01", to: "2026-12-31" }), 201);
    expect(funding.id).toBeTruthy();
    const year = await read<z.infer<typeof BudgetYearSchema>>(await send("GET", `${base()}/2026`, "coordinator"), 200);
    expectDocumented(BudgetYearSchema, year);
    expect(year.total.budget).toEqual({ minor: 90_500_000, formatted: `905${NBSP}000,00${NBSP}kr` });
    expect(year.total.actual.minor).toBe(6_916_667 + 8_000_000);
    const travel = year.lines.find((l) => l.line === "travel")!;
    expect(travel).toMatchObject({ overspent: true, remaining: { minor: -500_000 }, usedTenths: 1067 });
    expect(year.funding).toMatchObject({ total: { minor: 229_300_000 }, gap: { minor: 90_500_000 - 229_300_000 }, covered: true });
    expect(year.participants).toBe(1);
    expect(year.costPerParticipant?.minor).toBe(14_916_667);
    expect(year.canManage).toBe(false);
    expect((await send("POST", `${base()}/funding/${funding.id}/end`, "manager", { to: "2026-06-30" })).status).toBe(204);
    expect((await send("DELETE", `${base()}/funding/${funding.id}`, "manager")).status).toBe(204);
    expect((await send("DELETE", `${base()}/funding/${funding.id}`, "manager")).status).toBe(404);
  });

  it("refuses a CSV with bad rows as a whole, listing every row with its line number", async () => {
    const res = await call(`${base()}/2026/actual-costs/import`, { method: "POST", as: "manager", headers: { "Content-Type": "text/csv" }, body: "month;line;amount\n2026-03;it;100\n2026-03;nope;100\n" });
    const problem = await problemOf(res, 422);
    expect((problem as unknown as { rows: unknown[] }).rows).toEqual([{ line: 3, code: "line", value: "nope", message: "Row 3: “nope” is not a budget line." }]);
    expect(await t.deps.db.selectFrom("actual_costs").select("month").where("month", "=", "2026-03").execute()).toEqual([]);
    const invalid = await problemOf(await send("PUT", `${base()}/actual-costs`, "manager", { month: "2026-1", line: "staff", amount: 1 }), 422);
    expect(invalid.errors).toEqual([{ field: "month", code: "budget.errors.month", message: expect.any(String) }]);
  });

  it("lets the steering group read and export, and refuses writes and other roles", async () => {
    expect((await send("GET", `${base()}/2026`, "steering")).status).toBe(200);
    const csv = await call(`${base()}/2026/export.csv`, { as: "steering" });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(await csv.text()).toContain("Resor;75000,00;80000,00;-5000,00;106,7");
    expect((await send("PUT", `${base()}/2026/lines`, "coordinator", { lines: {} })).status).toBe(403);
    expect((await send("PUT", `${base()}/2026/lines`, "steering", { lines: {} })).status).toBe(403);
    for (const who of ["officer", "volunteer"] as const) expect((await send("GET", `${base()}/2026`, who)).status).toBe(403);
    expect((await send("GET", `${base()}/2026`, null)).status).toBe(401);
    const exports = await t.deps.db.selectFrom("audit_events").select(["action", "actor_role"]).where("action", "=", "budget.exportCsv").execute();
    expect(exports).toEqual([{ action: "budget.exportCsv", actor_role: "steering_group" }]);
  });
});
