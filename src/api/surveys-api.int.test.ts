import { beforeAll, expect, it } from "vitest";
import type { z } from "zod";
import { apiHarness, type OpenApiDoc } from "../../tests/support/api.ts";
import { describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { expectDocumented } from "../../tests/support/openapi.ts";
import type { World } from "../../tests/support/world.ts";
import { answerSurveyLink } from "../services/surveys.ts";
import { SURVEYS_TAG, SurveyResultsSchema, SurveysOverviewSchema } from "./group/surveys.ts";

// Participant surveys through the JSON API alone: the same services, policy and audit events as the pages; the
// one-time link returned once; results suppressed for the steering group.

const SURVEY_PATHS = [
  "/v1/programs/{id}/surveys",
  "/v1/programs/{id}/surveys/handouts",
  "/v1/programs/{id}/surveys/paper-answers",
  "/v1/programs/{id}/surveys/questionnaires",
  "/v1/programs/{id}/surveys/questionnaires/{questionnaireId}/draft",
  "/v1/programs/{id}/surveys/questionnaires/{questionnaireId}/publish",
  "/v1/programs/{id}/surveys/results",
  "/v1/programs/{id}/surveys/rhythm",
];

describeEachDatabase("surveys JSON API", (flavour) => {
  const api = apiHarness(flavour, ["manager", "coordinator", "steering", "officer"]);
  const { call, send, read, problemOf } = api;
  let t: TestDatabase;
  let w: World;
  let enrolmentId: string;
  const base = () => `/v1/programs/${w.programId}/surveys`;

  beforeAll(async () => {
    ({ t, w } = api);
    enrolmentId = (await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-08-03", request: { accepted: true } })).enrolmentId;
  });

  it("describes exactly its endpoints under its own tag", async () => {
    const doc = await read<OpenApiDoc>(await call("/openapi.json"), 200);
    const tagged = Object.keys(doc.paths).filter((p) => Object.values(doc.paths[p]!).some((op) => op.tags?.includes(SURVEYS_TAG)));
    expect(tagged.sort()).toEqual(SURVEY_PATHS);
    for (const path of SURVEY_PATHS) for (const op of Object.values(doc.paths[path]!)) expect(op.responses).toHaveProperty("401");
  });

  it("keeps a questionnaire, hands a due survey out as a link, and reads the results", async () => {
    const created = await read<{ id: string }>(
      await send("POST", `${base()}/questionnaires`, "manager", { name: "Egna frågor", audience: "ongoing", questions: [{ text: "Jag känner mig mer redo att arbeta eller studera", kind: "scale", options: ["Nej", "Lite", "Ganska", "Helt"], goal: "more_ready" }] }),
      201,
    );
    expect((await read<{ version: number }>(await send("POST", `${base()}/questionnaires/${created.id}/publish`, "coordinator"), 200)).version).toBe(1);
    const invalid = await problemOf(await send("PUT", `${base()}/questionnaires/${created.id}/draft`, "manager", { questions: [{ text: "", kind: "scale", options: ["a", "b"] }] }), 422);
    expect(invalid.errors).toEqual([{ field: "questions.0.text", code: "surveys.errors.textMissing", message: expect.any(String) }]);
    expect((await send("PUT", `${base()}/rhythm`, "manager", { everyWeeks: 12 })).status).toBe(204);

    const overview = await read<z.infer<typeof SurveysOverviewSchema>>(await send("GET", base(), "coordinator"), 200);
    expectDocumented(SurveysOverviewSchema, overview);
    expect(overview.questionnaires.filter((q) => q.national)).toHaveLength(2);
    expect(overview.toHandOut).toEqual([expect.objectContaining({ id: null, enrolmentId, audience: "ongoing", dueOn: "2026-10-26", person: expect.objectContaining({ name: "Ella Johansson" }) })]);
    const handed = await read<{ link: string; lastDay: string }>(await send("POST", `${base()}/handouts`, "coordinator", { enrolmentId, audience: "ongoing", channel: "link" }), 201);
    expect(handed.link).toMatch(/\/s\/s[A-Za-z0-9_-]{43}$/);
    await answerSurveyLink(t.deps, { ip: null, userAgent: null }, handed.link.slice(handed.link.lastIndexOf("/") + 1), { answers: [{ influence: "4" }, { q1: "4" }] });
    expect((await send("POST", `${base()}/paper-answers`, "coordinator", { audience: "ongoing", answers: [{ influence: "3" }, { q1: "2" }] })).status).toBe(201);

    const results = await read<z.infer<typeof SurveyResultsSchema>>(await call(`${base()}/results?from=2026-01-01&to=2026-11-23`, { as: "manager" }), 200);
    expectDocumented(SurveyResultsSchema, results);
    const own = results.versions.find((v) => !v.national)!;
    expect(own.questions[0]).toMatchObject({ key: "q1", goal: "more_ready", counts: [{ shown: 0 }, { shown: 1 }, { shown: 0 }, { shown: 1 }], agree: { percent: 50 } });
    const steering = await read<z.infer<typeof SurveyResultsSchema>>(await call(`${base()}/results`, { as: "steering" }), 200);
    expect(steering.suppressed).toBe(true);
    expect(steering.versions.find((v) => !v.national)!.questions[0]!.agree).toEqual({ numerator: { suppressed: "fewer_than_5" }, denominator: { suppressed: "fewer_than_5" }, percent: null });
  });

  it("refuses the steering group's and other roles' writes", async () => {
    expect((await send("GET", base(), "steering")).status).toBe(403);
    expect((await send("POST", `${base()}/paper-answers`, "steering", { audience: "exit", answers: [] })).status).toBe(403);
    expect((await send("GET", base(), "officer")).status).toBe(404);
    expect((await send("GET", `${base()}/results`, "officer")).status).toBe(404);
    expect((await send("GET", base(), null)).status).toBe(401);
    const national = (await read<z.infer<typeof SurveysOverviewSchema>>(await send("GET", base(), "manager"), 200)).questionnaires.find((q) => q.national)!;
    expect((await send("PUT", `${base()}/questionnaires/${national.id}/draft`, "manager", { questions: [] })).status).toBe(403);
  });
});
