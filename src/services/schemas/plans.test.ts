import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { expectParsesItsOwnOutput } from "../../../tests/support/schemas.ts";
import { acceptanceSchema, agreeActionsSchema, finalPlanSchema, planSchema } from "./plans.ts";

// As in idempotent.test.ts: the form's action parses, the service parses the result again, so every
// schema must accept its own output and give the same result.

const ID = "7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60";

const samples: [string, z.ZodType, unknown][] = [
  [
    "plan",
    planSchema,
    {
      baseVersion: "2",
      longTermGoal: { kind: "studies", text: "Börja på Komvux" },
      subGoals: [{ id: "s1", text: "Komma upp på morgnarna" }, { text: "" }, { id: "", text: "Ny" }],
      obstacles: [{ id: "o1", text: "Oro", howToOvercome: "Liten grupp" }],
      actions: [
        { id: "a1", what: "Ringa studievägledaren", who: "participant", byWhen: "2026-12-01", status: "in_progress", agreed: "on" },
        { what: "Kontakt med handläggaren", who: "authority", authorityId: ID, authorityIdUnused: "x" },
        { what: "", who: "coordinator", status: "planned" },
      ],
      recommendations: "",
    },
  ],
  ["empty plan", planSchema, { baseVersion: "0" }],
  ["agree one", agreeActionsSchema, { baseVersion: "3", actionIds: "a1" }],
  ["agree many", agreeActionsSchema, { baseVersion: "3", actionIds: ["a1", "a2"] }],
  ["acceptance", acceptanceSchema, { version: "3", acceptedOn: "2026-11-20", method: "in_meeting", note: "" }],
  ["final plan", finalPlanSchema, { baseVersion: "4", recommendations: "Fortsätt hos AF." }],
];

describe("plan schemas", () => {
  it.each(samples)("%s: accepts its own output and gives the same result", (_name, schema, input) => {
    expectParsesItsOwnOutput(schema, input);
  });

  it("drops empty rows and fills in the defaults", () => {
    const value = planSchema.parse(samples[0]![2]);
    expect(value.subGoals).toEqual([
      { id: "s1", text: "Komma upp på morgnarna" },
      { id: undefined, text: "Ny" },
    ]);
    expect(value.actions).toEqual([
      { id: "a1", what: "Ringa studievägledaren", who: "participant", authorityId: null, byWhen: "2026-12-01", status: "in_progress", agreed: true },
      { id: undefined, what: "Kontakt med handläggaren", who: "authority", authorityId: ID, byWhen: null, status: "planned", agreed: false },
    ]);
    expect(planSchema.parse({ baseVersion: 0 })).toEqual({
      baseVersion: 0,
      longTermGoal: { kind: null, text: "" },
      subGoals: [],
      obstacles: [],
      actions: [],
      recommendations: "",
    });
  });

  it("asks for the main text of a row that has something else in it, at the row's place in the form", () => {
    const result = planSchema.safeParse({
      baseVersion: 1,
      obstacles: [{ text: "" , howToOvercome: "" }, { text: "", howToOvercome: "Be om hjälp" }],
      actions: [{ what: "Ok" }, { what: "", byWhen: "2026-12-01" }, { what: "Myndigheten", who: "authority" }],
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual([
      ["obstacles.1.text", "plans.errors.obstacleText"],
      ["actions.1.what", "plans.errors.actionWhat"],
      ["actions.2.authorityId", "plans.errors.authorityRequired"],
    ]);
  });

  it("refuses bad dates, statuses and too many rows", () => {
    expect(planSchema.safeParse({ baseVersion: 1, actions: [{ what: "x", byWhen: "2026-02-30" }] }).error?.issues[0]?.message).toBe("errors.date");
    expect(planSchema.safeParse({ baseVersion: 1, actions: [{ what: "x", status: "maybe" }] }).success).toBe(false);
    expect(planSchema.safeParse({ baseVersion: 1, subGoals: Array.from({ length: 51 }, (_, i) => ({ text: `m${i}` })) }).error?.issues[0]?.message).toBe("plans.errors.tooMany");
    expect(planSchema.safeParse({ baseVersion: 1, subGoals: [{ id: "bad id!", text: "x" }] }).success).toBe(false);
    expect(agreeActionsSchema.safeParse({ baseVersion: 1 }).error?.issues[0]?.message).toBe("plans.errors.chooseActions");
    expect(finalPlanSchema.safeParse({ baseVersion: 1, recommendations: "  " }).error?.issues[0]?.message).toBe("plans.errors.recommendationsRequired");
    expect(acceptanceSchema.safeParse({ version: 1, acceptedOn: "2026-11-20" }).error?.issues[0]?.message).toBe("errors.choose");
  });

  it("reads the edit form as the browser posts it (Conform's names), with an empty row and a checkbox", () => {
    const form = new FormData();
    form.set("baseVersion", "0");
    form.set("longTermGoal.kind", "work");
    form.set("longTermGoal.text", "Jobba på lager");
    form.set("subGoals[0].id", "");
    form.set("subGoals[0].text", "Ta truckkort");
    form.set("subGoals[1].id", "");
    form.set("subGoals[1].text", "");
    form.set("obstacles[0].text", "Svårt med tider");
    form.set("obstacles[0].howToOvercome", "Väckarklocka och sms");
    form.set("actions[0].what", "Anmäla sig till truckkursen");
    form.set("actions[0].who", "participant");
    form.set("actions[0].authorityId", "");
    form.set("actions[0].byWhen", "2026-12-15");
    form.set("actions[0].status", "planned");
    form.set("actions[0].agreed", "on");
    form.set("actions[1].what", "");
    form.set("actions[1].who", "participant");
    form.set("actions[1].authorityId", "");
    form.set("actions[1].byWhen", "");
    form.set("actions[1].status", "planned");
    form.set("recommendations", "");
    const submission = parseWithZod(form, { schema: planSchema });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value.subGoals).toEqual([{ id: undefined, text: "Ta truckkort" }]);
    expect(submission.value.actions).toHaveLength(1);
    expect(submission.value.actions[0]).toMatchObject({ agreed: true, byWhen: "2026-12-15", authorityId: null });
    // And the service's second parse gives the same.
    expect(planSchema.parse(submission.value)).toEqual(submission.value);
  });

  it("adds and removes rows without saving (Conform's list intents, as a browser without JavaScript sends them)", () => {
    const form = new FormData();
    form.set("baseVersion", "1");
    form.set("subGoals[0].id", "s1");
    form.set("subGoals[0].text", "Första");
    form.set("__intent__", JSON.stringify({ type: "insert", payload: { name: "subGoals" } }));
    const added = parseWithZod(form, { schema: planSchema });
    expect(added.status).toBeUndefined(); // not a submit: nothing is saved
    const reply = added.reply();
    expect((reply.initialValue as { subGoals: unknown[] }).subGoals).toHaveLength(2);

    form.set("subGoals[1].text", "Andra");
    form.set("__intent__", JSON.stringify({ type: "remove", payload: { name: "subGoals", index: 0 } }));
    const removed = parseWithZod(form, { schema: planSchema }).reply();
    expect((removed.initialValue as { subGoals: { text: string }[] }).subGoals).toEqual([{ text: "Andra" }]);
  });
});
