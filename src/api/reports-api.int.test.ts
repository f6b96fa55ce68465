import readXlsxFile from "read-excel-file/node";
import { beforeAll, expect, it } from "vitest";
import type { z } from "zod";
import { apiHarness, type OpenApiDoc } from "../../tests/support/api.ts";
import { describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { expectDocumented } from "../../tests/support/openapi.ts";
import type { World } from "../../tests/support/world.ts";
import { FinsamSchema, REPORTS_TAG } from "./followup/reports.ts";

// National reporting through the JSON API alone: the Finsam figures per program and federation (suppressed for
// the steering group), the outcome export as CSV and .xlsx for the program's staff and never for the steering
// group, the same policy and audit events as the pages.

const REPORT_PATHS = ["/v1/federations/{id}/reports/finsam/{year}", "/v1/programs/{id}/reports/finsam/{year}", "/v1/programs/{id}/reports/outcome.csv", "/v1/programs/{id}/reports/outcome.xlsx"];

describeEachDatabase("reports JSON API", (flavour) => {
  const api = apiHarness(flavour, ["manager", "coordinator", "steering", "officer", "team"]);
  const { call, send, read, problemOf } = api;
  let t: TestDatabase;
  let w: World;
  const program = () => `/v1/programs/${w.programId}/reports`;

  beforeAll(async () => {
    ({ t, w } = api);
    await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-02-02", consent: { authorities: [w.authorities.fk], givenOn: "2026-01-20", validUntil: "2027-12-31", recordedAt: new Date("2026-01-20T10:00:00Z") } });
    await enrolDirectly(t.deps, w, { personId: w.people.protectedAlva, startDate: "2026-03-02" });
  });

  it("describes exactly its endpoints under its own tag", async () => {
    const doc = await read<OpenApiDoc>(await call("/openapi.json"), 200);
    const tagged = Object.keys(doc.paths).filter((p) => Object.values(doc.paths[p]!).some((op) => op.tags?.includes(REPORTS_TAG)));
    expect(tagged.sort()).toEqual(REPORT_PATHS);
    for (const path of REPORT_PATHS) for (const op of Object.values(doc.paths[path]!)) expect(op.responses).toHaveProperty("401");
  });

  it("gives the program's staff exact figures and the steering group suppressed ones", async () => {
    const exact = await read<z.infer<typeof FinsamSchema>>(await send("GET", `${program()}/finsam/2026`, "coordinator"), 200);
    expectDocumented(FinsamSchema, exact);
    expect(exact.programs[0]).toMatchObject({ suppressed: false, canExport: true, budgetedParticipants: 30, total: { new: { shown: 2 }, participants: { shown: 2 } }, currency: "SEK", budget: { minor: 0 } });
    const steering = await read<z.infer<typeof FinsamSchema>>(await send("GET", `${program()}/finsam/2026`, "steering"), 200);
    expectDocumented(FinsamSchema, steering);
    expect(steering.suppressed).toBe(true);
    expect(steering.programs[0]).toMatchObject({ canExport: false, total: { participants: { suppressed: "fewer_than_5" } } });
    expect(JSON.stringify(steering)).not.toContain("Ella");
    const federation = await read<z.infer<typeof FinsamSchema>>(await send("GET", `/v1/federations/${w.federationId}/reports/finsam/2026`, "steering"), 200);
    expectDocumented(FinsamSchema, federation);
    expect(federation.programs).toHaveLength(2);
    expect(federation.total).toMatchObject({ budgetedParticipants: 60 });
    const team = await read<z.infer<typeof FinsamSchema>>(await send("GET", `${program()}/finsam/2026`, "team"), 200);
    expect(team.programs[0]).toMatchObject({ suppressed: true, budget: null, actual: null });
    expect((await send("GET", `${program()}/finsam/2026`, "officer")).status).toBe(404);
    expect((await send("GET", `${program()}/finsam/1850`, "coordinator")).status).toBe(404);
    expect((await send("GET", `${program()}/finsam/2026`, null)).status).toBe(401);
  });

  it("exports outcomes as CSV and .xlsx for the manager, never for the steering group", async () => {
    const csv = await call(`${program()}/outcome.csv?from=2026-01-01&to=2026-12-31`, { as: "manager" });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain("utfall-krus-2026-01-01-2026-12-31.csv");
    const text = await csv.text();
    expect(text).not.toMatch(/Ella|Johansson|Alva|Eriksson|200103142386/);
    expect(text).toContain("anonym;Kvinnor;2026;");
    const xlsx = await call(`${program()}/outcome.xlsx?from=2026-01-01&to=2026-12-31`, { as: "coordinator" });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const [sheet] = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheet!.data).toHaveLength(3);
    expect(sheet!.data[2]![0]).toBe("anonym");
    expect(String(sheet!.data[1]![0])).toMatch(/^[0-9a-f]{16}$/);

    const refused = await problemOf(await call(`${program()}/outcome.csv?from=2026-01-01&to=2026-12-31`, { as: "steering" }), 403);
    expect(refused.status).toBe(403);
    expect((await call(`${program()}/outcome.xlsx?from=2026-01-01&to=2026-12-31`, { as: "steering" })).status).toBe(403);
    expect((await call(`${program()}/outcome.csv?from=2026-01-01&to=2026-12-31`, { as: "officer" })).status).toBe(404);
    const invalid = await problemOf(await call(`${program()}/outcome.csv?from=2026-12-01&to=2026-01-01`, { as: "manager" }), 422);
    expect(invalid.errors).toEqual([{ field: "to", code: "reports.errors.toBeforeFrom", message: "The end date cannot be before the start date." }]);

    const events = await t.deps.db.selectFrom("audit_events").select(["action", "actor_role", "details"]).where("action", "=", "reports.outcomeExport").orderBy("seq").execute();
    expect(events.map((e) => [e.actor_role, (e.details as { format: string }).format])).toEqual([
      ["manager", "csv"],
      ["coordinator", "xlsx"],
    ]);
  });
});
