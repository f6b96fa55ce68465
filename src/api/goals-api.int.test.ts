import { beforeAll, expect, it } from "vitest";
import type { z } from "zod";
import { apiHarness, type OpenApiDoc } from "../../tests/support/api.ts";
import { describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { expectDocumented } from "../../tests/support/openapi.ts";
import type { World } from "../../tests/support/world.ts";
import { readPdf } from "../../tests/support/pdf.ts";
import { FollowUpOverviewSchema, GOALS_TAG, GoalListSchema, GoalsDashboardSchema } from "./followup/goals.ts";

// A program's goals through the JSON API alone: the same services, policy and audit events as the pages; the
// steering group's figures suppressed and no list; the manager's targets refused at their field when wrong.

const GOALS_PATHS = ["/v1/federations/{id}/followup", "/v1/federations/{id}/followup/{year}/{quarter}/report.pdf", "/v1/programs/{id}/goals/{year}", "/v1/programs/{id}/goals/{year}/{kind}"];

describeEachDatabase("goals JSON API", (flavour) => {
  const api = apiHarness(flavour, ["manager", "coordinator", "steering", "officer", "volunteer"]);
  const { call, send, read, problemOf } = api;
  let t: TestDatabase;
  let w: World;
  let ella: string;
  const base = () => `/v1/programs/${w.programId}/goals`;

  beforeAll(async () => {
    ({ t, w } = api);
    ({ enrolmentId: ella } = await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01", request: { accepted: true, at: new Date("2026-08-20T10:00:00Z") } }));
  });

  it("describes exactly its endpoints under its own tag", async () => {
    const doc = await read<OpenApiDoc>(await call("/openapi.json"), 200);
    const tagged = Object.keys(doc.paths).filter((p) => Object.values(doc.paths[p]!).some((op) => op.tags?.includes(GOALS_TAG)));
    expect(tagged.sort()).toEqual(GOALS_PATHS);
    for (const path of GOALS_PATHS) for (const op of Object.values(doc.paths[path]!)) expect(op.responses).toHaveProperty("401");
    expect(Object.keys(doc.paths["/v1/programs/{id}/goals/{year}"]!).sort()).toEqual(["get", "put"]);
  });

  it("reads the dashboard and the list behind a figure, narrowed to a breakdown's row", async () => {
    const view = await read<z.infer<typeof GoalsDashboardSchema>>(await send("GET", `${base()}/2026`, "coordinator"), 200);
    expectDocumented(GoalsDashboardSchema, view);
    expect(view.figures.find((f) => f.kind === "participants")).toMatchObject({ numerator: { shown: 1 }, target: 30, met: false });
    expect(view.breakdowns.find((b) => b.dimension === "sex")!.rows.find((r) => r.value === "female")!.count).toEqual({ shown: 1 });
    const list = await read<z.infer<typeof GoalListSchema>>(await send("GET", `${base()}/2026/participants?dimension=sex&value=female`, "coordinator"), 200);
    expectDocumented(GoalListSchema, list);
    expect(list.rows.map((r) => r.href)).toEqual([`/enrolments/${ella}`]);
    expect(list.filter).toEqual({ dimension: "sex", value: "female" });
    const audited = await t.deps.db.selectFrom("audit_events").select("action").where("action", "in", ["goals.view", "goals.list"]).execute();
    expect(audited.map((e) => e.action).sort()).toEqual(["goals.list", "goals.view"]);
  });

  it("gives the steering group suppressed figures and no list; others nothing", async () => {
    const view = await read<z.infer<typeof GoalsDashboardSchema>>(await send("GET", `${base()}/2026`, "steering"), 200);
    expect(view).toMatchObject({ suppressed: true, canList: false, trend: null });
    expect(view.figures.find((f) => f.kind === "participants")!.numerator).toEqual({ suppressed: "fewer_than_5" });
    expect(JSON.stringify(view)).not.toContain("Ella");
    expect((await send("GET", `${base()}/2026/participants`, "steering")).status).toBe(403);
    expect((await send("GET", `${base()}/2026`, "volunteer")).status).toBe(404);
    expect((await send("GET", `${base()}/2026`, "officer")).status).toBe(404);
    expect((await send("GET", `${base()}/1850`, "coordinator")).status).toBe(404);
    expect((await send("GET", `${base()}/2026/nonsense`, "coordinator")).status).toBe(404);
  });

  it("lets the manager set targets, with a problem per field when they are wrong", async () => {
    const targets = { participants: 32, team_cases: 70, support_influence: 90, more_ready: 75, occupation_after_exit: 35, written_plan: 100, ninety_day: 30 };
    const refused = await send("PUT", `${base()}/2027`, "manager", { ...targets, written_plan: 120, participants: -1 });
    const problem = await problemOf(refused, 422);
    expect((problem.errors ?? []).map((e) => e.field).sort()).toEqual(["participants", "written_plan"]);
    expect((await send("PUT", `${base()}/2027`, "coordinator", targets)).status).toBe(403);
    expect((await send("PUT", `${base()}/2027`, "manager", targets)).status).toBe(204);
    const view = await read<z.infer<typeof GoalsDashboardSchema>>(await send("GET", `${base()}/2027`, "manager"), 200);
    expect(view.isDefault).toBe(false);
    expect(view.figures.map((f) => f.target)).toEqual([32, 70, 90, 75, 35, 100, 30]);
  });

  it("gives the steering group every program of the federation with the total, and the quarterly PDF", async () => {
    const overview = await read<z.infer<typeof FollowUpOverviewSchema>>(await send("GET", `/v1/federations/${w.federationId}/followup?year=2026&quarter=3`, "steering"), 200);
    expectDocumented(FollowUpOverviewSchema, overview);
    expect(overview).toMatchObject({ year: 2026, quarter: 3, period: { from: "2026-01-01", to: "2026-09-30" }, suppressed: true });
    expect(overview.programs.map((p) => p.name).sort()).toEqual(["KRUS", "Vägen vidare"]);
    // Ella started on 1 September: one participant in KRUS, "fewer than 5", and the total with it.
    const participants = overview.goals.find((g) => g.kind === "participants")!;
    expect(participants.programs.find((p) => p.programId === w.programId)!.numerator).toEqual({ suppressed: "fewer_than_5" });
    expect(participants.total.numerator).not.toHaveProperty("shown");
    expect(JSON.stringify(overview)).not.toContain("Ella");
    const pdf = await call(`/v1/federations/${w.federationId}/followup/2026/3/report.pdf`, { as: "steering" });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const text = (await readPdf(Buffer.from(await pdf.arrayBuffer()))).pages.join("\n");
    expect(text).toContain("kvartal 3 2026");
    expect(text).toContain("färre än 5");
    expect(text).not.toContain("Ella");
    const audited = await t.deps.db.selectFrom("audit_events").select(["action", "actor_role"]).where("action", "in", ["followup.overview", "followup.quarterlyReport"]).execute();
    expect(audited).toEqual(expect.arrayContaining([{ action: "followup.overview", actor_role: "steering_group" }, { action: "followup.quarterlyReport", actor_role: "steering_group" }]));
    expect((await call(`/v1/federations/${w.federationId}/followup/2026/5/report.pdf`, { as: "steering" })).status).toBe(404);
    expect((await send("GET", `/v1/federations/${w.federationId}/followup`, "volunteer")).status).toBe(404);
    // The program's coordinator sees their own program only, exactly.
    const own = await read<z.infer<typeof FollowUpOverviewSchema>>(await send("GET", `/v1/federations/${w.federationId}/followup?year=2026`, "coordinator"), 200);
    expect(own.programs.map((p) => p.id)).toEqual([w.programId]);
    expect(own.goals.find((g) => g.kind === "participants")!.total.numerator).toEqual({ shown: 1 });
  });
});
