import { beforeAll, expect, it } from "vitest";
import type { z } from "zod";
import { apiHarness, type OpenApiDoc, type Problem } from "../../tests/support/api.ts";
import { describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { expectDocumented } from "../../tests/support/openapi.ts";
import type { World } from "../../tests/support/world.ts";
import { createSeries } from "../services/schedule.ts";
import { ROTA_TAG, RotaPlanSchema, RotaSchema } from "./group/rota.ts";

// The breakfast rota through the JSON API alone: the same services, rules and audit events as the page;
// errors as problem documents with the reason at the field.

const ROTA_PATHS = ["/v1/programs/{id}/breakfast", "/v1/programs/{id}/breakfast/plan", "/v1/programs/{id}/breakfast/replan", "/v1/programs/{id}/breakfast/swaps"];

describeEachDatabase("breakfast-rota JSON API", (flavour) => {
  const api = apiHarness(flavour, ["coordinator", "manager", "therapist", "officer", "volunteer"]);
  const { call, send, read } = api;
  let t: TestDatabase;
  let w: World;

  const base = () => `/v1/programs/${w.programId}/breakfast`;

  beforeAll(async () => {
    ({ t, w } = api);
    await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01" });
    await enrolDirectly(t.deps, w, { personId: w.people.oscar, startDate: "2026-09-01" });
    // Today is Monday 2026-11-23: group mornings Monday to Wednesday.
    await createSeries(await w.ctx("coordinator"), w.programId, {
      kind: "groupSession",
      title: "Gruppen",
      groupKinds: ["ordinary"],
      weekdays: ["1", "2", "3"],
      startTime: "09:00",
      endTime: "12:00",
      firstDate: "2026-11-02",
      lastDate: "2027-01-31",
    });
  });

  it("describes exactly its endpoints under its own tag", async () => {
    const doc = await read<OpenApiDoc>(await call("/openapi.json"), 200);
    const tagged = Object.keys(doc.paths).filter((p) => Object.values(doc.paths[p]!).some((op) => op.tags?.includes(ROTA_TAG)));
    expect(tagged.sort()).toEqual(ROTA_PATHS);
    for (const path of ROTA_PATHS) for (const op of Object.values(doc.paths[path]!)) expect(op.responses).toHaveProperty("401");
    expect(doc.paths["/v1/programs/{id}/breakfast/swaps"]!.post!.requestBody!.content).toHaveProperty("application/json");
    expect((await call(base())).status).toBe(401);
  });

  it("plans, reads, swaps and re-plans, with the reasons for a refused swap at their fields", async () => {
    const plan = await read<z.infer<typeof RotaPlanSchema>>(await send("POST", `${base()}/plan`, "coordinator", { from: "2026-11-23", to: "2026-12-06" }), 200);
    expectDocumented(RotaPlanSchema, plan);
    expect(plan).toMatchObject({ from: "2026-11-23", to: "2026-12-06", duties: 6, shortfallDays: [] });
    const rota = await read<z.infer<typeof RotaSchema>>(await send("GET", `${base()}?from=2026-11-23&to=2026-12-06`, "coordinator"), 200);
    expectDocumented(RotaSchema, rota);
    expect(rota.days.map((d) => d.date)).toEqual(["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-30", "2026-12-01", "2026-12-02"]);
    expect(rota.counts.map((c) => c.inPeriod)).toEqual([3, 3]);
    const ella = rota.days.find((d) => d.duties[0]!.person.personId === w.people.ella)!.date;
    const oscar = rota.days.find((d) => d.duties[0]!.person.personId === w.people.oscar)!.date;

    const refused = await read<Problem>(await send("POST", `${base()}/swaps`, "coordinator", { aPersonId: w.people.ella, aDate: ella, bPersonId: w.people.ella, bDate: oscar }), 422);
    expect(refused.errors).toEqual([expect.objectContaining({ field: "bPersonId", code: "rota.errors.swap.same_person" })]);
    const created = await read<{ id: string }>(await send("POST", `${base()}/swaps`, "coordinator", { aPersonId: w.people.ella, aDate: ella, bPersonId: w.people.oscar, bDate: oscar }), 201);
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const after = await read<z.infer<typeof RotaSchema>>(await send("GET", `${base()}?from=2026-11-23&to=2026-12-06`, "manager"), 200);
    expect(after.days.find((d) => d.date === ella)!.duties[0]!.person.personId).toBe(w.people.oscar);

    // Re-planning keeps the agreed swap; the default period is the coming four weeks.
    const replan = await read<z.infer<typeof RotaPlanSchema>>(await send("POST", `${base()}/replan`, "coordinator"), 200);
    expect(replan).toMatchObject({ from: "2026-11-23", to: "2026-12-20" });
    expect(replan.days.find((d) => d.date === ella)!.personIds).toEqual([w.people.oscar]);
    const invalid = await read<Problem>(await send("POST", `${base()}/plan`, "coordinator", { from: "2026-12-01", to: "2026-11-01" }), 422);
    expect(invalid.errors).toEqual([expect.objectContaining({ field: "to", code: "rota.errors.toBeforeFrom" })]);
  });

  it("shows names only to staff, and lets only coordinators and the manager plan", async () => {
    const volunteer = await read<z.infer<typeof RotaSchema>>(await send("GET", base(), "volunteer"), 200);
    expectDocumented(RotaSchema, volunteer);
    expect(volunteer).toMatchObject({ seesNames: false, canManage: false, counts: [], participants: [] });
    expect(volunteer.days.every((d) => d.duties.length === 0)).toBe(true);
    expect(JSON.stringify(volunteer)).not.toContain("Ella");
    expect((await send("POST", `${base()}/plan`, "volunteer", {})).status).toBe(403);
    expect((await send("POST", `${base()}/plan`, "therapist", {})).status).toBe(403);
    expect((await send("GET", base(), "therapist")).status).toBe(200);
    expect((await send("GET", base(), "officer")).status).toBe(404);
    expect((await send("POST", `${base()}/swaps`, "officer", { aPersonId: w.people.ella, aDate: "2026-12-07", bPersonId: w.people.oscar, bDate: "2026-12-08" })).status).toBe(404);
    const actions = (await t.deps.db.selectFrom("audit_events").select("action").where("action", "like", "rota.%").execute()).map((e) => e.action);
    expect(new Set(actions)).toEqual(new Set(["rota.plan", "rota.view", "rota.swap", "rota.replan"]));
  });
});
