import { describe, expect, it } from "vitest";
import {
  acceptanceState,
  actionDue,
  comparePlans,
  diffPlans,
  emptyPlan,
  isEmptyPlan,
  markAgreed,
  openActions,
  overdueActions,
  type Plan,
  type PlanAction,
  planSummary,
  summarizeChanges,
  withItemIds,
} from "./plan.ts";

function action(id: string, overrides: Partial<PlanAction> = {}): PlanAction {
  return { id, what: `Göra ${id}`, who: "participant", authorityId: null, byWhen: null, status: "planned", agreed: false, ...overrides };
}

function plan(overrides: Partial<Plan> = {}): Plan {
  return { ...emptyPlan(), ...overrides };
}

const v1: Plan = plan({
  longTermGoal: { kind: "studies", text: "Börja på Komvux" },
  subGoals: [
    { id: "s1", text: "Komma upp på morgnarna" },
    { id: "s2", text: "Träffa studievägledaren" },
  ],
  obstacles: [{ id: "o1", text: "Oro i grupp", howToOvercome: "Börja i liten grupp" }],
  actions: [action("a1", { byWhen: "2026-12-01" }), action("a2", { who: "coordinator" })],
});

describe("emptyPlan", () => {
  it("has no goal, no items and no recommendations", () => {
    const empty = emptyPlan();
    expect(empty).toEqual({ longTermGoal: { kind: null, text: "" }, subGoals: [], obstacles: [], actions: [], recommendations: "" });
    expect(isEmptyPlan(empty)).toBe(true);
    expect(isEmptyPlan(v1)).toBe(false);
    expect(isEmptyPlan(plan({ recommendations: "Fortsätt" }))).toBe(false);
    // A new object every time: changing one never changes the next.
    empty.subGoals.push({ id: "x", text: "y" });
    expect(emptyPlan().subGoals).toEqual([]);
  });
});

describe("diffPlans", () => {
  it("finds nothing between a plan and itself, or a copy in another order", () => {
    expect(diffPlans(v1, v1)).toEqual([]);
    expect(diffPlans(v1, structuredClone(v1))).toEqual([]);
    expect(diffPlans(v1, { ...v1, subGoals: [...v1.subGoals].reverse() })).toEqual([]);
  });

  it("lists everything in a first version as added", () => {
    expect(diffPlans(emptyPlan(), v1)).toEqual([
      { path: "longTermGoal", change: "changed", fields: ["kind", "text"] },
      { path: "subGoals.s1", change: "added" },
      { path: "subGoals.s2", change: "added" },
      { path: "obstacles.o1", change: "added" },
      { path: "actions.a1", change: "added" },
      { path: "actions.a2", change: "added" },
    ]);
  });

  it("tells added, removed and changed items apart by their ids", () => {
    const v2: Plan = {
      ...v1,
      subGoals: [{ id: "s1", text: "Komma upp på morgnarna, fyra dagar i veckan" }, { id: "s3", text: "Söka till Komvux" }],
      obstacles: [{ id: "o1", text: "Oro i grupp", howToOvercome: "Börja i liten grupp och gå med en kompis" }],
      actions: [action("a1", { byWhen: "2026-12-01", status: "done", agreed: true }), action("a2", { who: "coordinator" })],
    };
    expect(diffPlans(v1, v2)).toEqual([
      { path: "subGoals.s1", change: "changed", fields: ["text"] },
      { path: "subGoals.s3", change: "added" },
      { path: "subGoals.s2", change: "removed" },
      { path: "obstacles.o1", change: "changed", fields: ["howToOvercome"] },
      { path: "actions.a1", change: "changed", fields: ["status", "agreed"] },
    ]);
  });

  it("notices every field of an action", () => {
    const fields: [keyof PlanAction, unknown][] = [
      ["what", "Något annat"],
      ["who", "authority"],
      ["authorityId", "7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60"],
      ["byWhen", "2027-01-15"],
      ["status", "in_progress"],
      ["agreed", true],
    ];
    for (const [field, value] of fields) {
      const after = { ...v1, actions: [{ ...v1.actions[0]!, [field]: value }, v1.actions[1]!] };
      expect(diffPlans(v1, after), field).toEqual([{ path: "actions.a1", change: "changed", fields: [field] }]);
    }
  });

  it("reports the long-term goal, its kind and text, and the recommendations", () => {
    expect(diffPlans(v1, { ...v1, longTermGoal: { kind: "work", text: v1.longTermGoal.text } })).toEqual([{ path: "longTermGoal", change: "changed", fields: ["kind"] }]);
    expect(diffPlans(v1, { ...v1, recommendations: "Fortsätt med AF" })).toEqual([{ path: "recommendations", change: "added" }]);
    const withRec = { ...v1, recommendations: "Fortsätt med AF" };
    expect(diffPlans(withRec, { ...withRec, recommendations: "Fortsätt med AF och vården" })).toEqual([{ path: "recommendations", change: "changed" }]);
    expect(diffPlans(withRec, v1)).toEqual([{ path: "recommendations", change: "removed" }]);
  });

  it("counts an item removed and written again with a new id as one removed, one added", () => {
    const after = { ...v1, subGoals: [v1.subGoals[0]!, { id: "s9", text: v1.subGoals[1]!.text }] };
    expect(diffPlans(v1, after)).toEqual([
      { path: "subGoals.s9", change: "added" },
      { path: "subGoals.s2", change: "removed" },
    ]);
  });
});

describe("comparePlans", () => {
  it("shows every item once, unchanged ones too, with removed items where they stood", () => {
    const after: Plan = {
      ...v1,
      actions: [action("a0", { what: "Ny först" }), action("a2", { who: "coordinator", status: "in_progress" }), action("a3")],
    };
    const c = comparePlans(v1, after);
    expect(c.actions.map((r) => [r.id, r.change])).toEqual([
      ["a0", "added"],
      ["a1", "removed"],
      ["a2", "changed"],
      ["a3", "added"],
    ]);
    expect(c.actions[1]!.before?.what).toBe("Göra a1");
    expect(c.actions[1]!.after).toBeNull();
    expect(c.actions[2]!.fields).toEqual(["status"]);
    expect(c.subGoals.every((r) => r.change === "unchanged")).toBe(true);
    expect(c.longTermGoal.change).toBe("unchanged");
    expect(c.recommendations.change).toBe("unchanged");
  });

  it("places a removed first item first", () => {
    const c = comparePlans(v1, { ...v1, subGoals: [v1.subGoals[1]!] });
    expect(c.subGoals.map((r) => [r.id, r.change])).toEqual([
      ["s1", "removed"],
      ["s2", "unchanged"],
    ]);
  });

  it("compares versions across several edits: any two, in either direction, agree with the step-by-step changes", () => {
    const versions: Plan[] = [v1];
    const edit = (f: (p: Plan) => Plan) => versions.push(f(structuredClone(versions.at(-1)!)));
    edit((p) => ({ ...p, actions: [...p.actions, action("a3", { byWhen: "2027-02-01" })] })); // v2: a3 added
    edit((p) => ({ ...p, actions: p.actions.map((a) => (a.id === "a1" ? { ...a, status: "in_progress" } : a)) })); // v3: a1 status
    edit((p) => ({ ...p, subGoals: p.subGoals.filter((s) => s.id !== "s2") })); // v4: s2 removed
    edit((p) => ({ ...p, actions: p.actions.map((a) => (a.id === "a1" ? { ...a, status: "done", agreed: true } : a)) })); // v5: a1 again

    // Each step has exactly its own change.
    expect(diffPlans(versions[0]!, versions[1]!)).toEqual([{ path: "actions.a3", change: "added" }]);
    expect(diffPlans(versions[1]!, versions[2]!)).toEqual([{ path: "actions.a1", change: "changed", fields: ["status"] }]);
    expect(diffPlans(versions[2]!, versions[3]!)).toEqual([{ path: "subGoals.s2", change: "removed" }]);
    // Version 1 against version 5: the net effect, a1 once (status and agreed), not once per edit.
    expect(diffPlans(versions[0]!, versions[4]!)).toEqual([
      { path: "subGoals.s2", change: "removed" },
      { path: "actions.a1", change: "changed", fields: ["status", "agreed"] },
      { path: "actions.a3", change: "added" },
    ]);
    // Back from 5 to 1: the same items, the other way.
    expect(diffPlans(versions[4]!, versions[0]!)).toEqual([
      { path: "subGoals.s2", change: "added" },
      { path: "actions.a1", change: "changed", fields: ["status", "agreed"] },
      { path: "actions.a3", change: "removed" },
    ]);
    // Version 3 against 5: a1 changed (done and agreed), s2 removed; a3 was there in both.
    expect(diffPlans(versions[2]!, versions[4]!)).toEqual([
      { path: "subGoals.s2", change: "removed" },
      { path: "actions.a1", change: "changed", fields: ["status", "agreed"] },
    ]);
    const c = comparePlans(versions[2]!, versions[4]!);
    expect(c.actions.find((r) => r.id === "a1")).toMatchObject({ before: { status: "in_progress", agreed: false }, after: { status: "done", agreed: true } });
    expect(c.actions.find((r) => r.id === "a3")?.change).toBe("unchanged");
  });
});

describe("summarizeChanges", () => {
  it("counts per section in the plan's order", () => {
    const changes = [
      { path: "actions.a1", change: "changed" as const },
      { path: "subGoals.s1", change: "added" as const },
      { path: "actions.a2", change: "added" as const },
      { path: "actions.a3", change: "added" as const },
      { path: "stage", change: "changed" as const },
      { path: "recommendations", change: "added" as const },
    ];
    expect(summarizeChanges(changes)).toEqual([
      { section: "stage", added: 0, removed: 0, changed: 1 },
      { section: "subGoals", added: 1, removed: 0, changed: 0 },
      { section: "actions", added: 2, removed: 0, changed: 1 },
      { section: "recommendations", added: 1, removed: 0, changed: 0 },
    ]);
    expect(summarizeChanges([])).toEqual([]);
  });
});

describe("summaries", () => {
  const today = "2026-11-23";
  const p = plan({
    longTermGoal: { kind: "work", text: "" },
    actions: [
      action("late", { byWhen: "2026-11-01" }),
      action("today", { byWhen: today, status: "in_progress", agreed: true }),
      action("soon", { byWhen: "2026-11-30" }),
      action("later", { byWhen: "2027-03-01", agreed: true }),
      action("undated"),
      action("doneLate", { byWhen: "2026-10-01", status: "done", agreed: true }),
      action("cancelled", { byWhen: "2026-10-01", status: "cancelled" }),
    ],
  });

  it("counts open, done, cancelled, past their date, soon and agreed actions", () => {
    expect(planSummary(p, today)).toEqual({
      subGoals: 0,
      obstacles: 0,
      actions: 7,
      open: 5,
      done: 1,
      cancelled: 1,
      overdue: 1,
      dueSoon: 2,
      agreed: 3,
      openNotAgreed: 3,
      hasGoal: true,
    });
    expect(planSummary(emptyPlan(), today).hasGoal).toBe(false);
  });

  it("says where an action's date stands; closed and undated actions are never due", () => {
    expect(actionDue(p.actions[0]!, today)).toBe("overdue");
    expect(actionDue(p.actions[1]!, today)).toBe("due");
    expect(actionDue(p.actions[2]!, today)).toBe("soon");
    expect(actionDue(p.actions[3]!, today)).toBe("later");
    expect(actionDue(p.actions[4]!, today)).toBe("none");
    expect(actionDue(p.actions[5]!, today)).toBe("none");
    expect(actionDue(p.actions[6]!, today)).toBe("none");
  });

  it("lists open actions by date, undated last, and those past their date", () => {
    expect(openActions(p).map((a) => a.id)).toEqual(["late", "today", "soon", "later", "undated"]);
    expect(overdueActions(p, today).map((a) => a.id)).toEqual(["late"]);
  });
});

describe("markAgreed", () => {
  it("marks only the given actions, and leaves agreed ones as they are", () => {
    const after = markAgreed(v1, ["a2", "nope"]);
    expect(after.actions.map((a) => a.agreed)).toEqual([false, true]);
    expect(diffPlans(v1, after)).toEqual([{ path: "actions.a2", change: "changed", fields: ["agreed"] }]);
    expect(diffPlans(after, markAgreed(after, ["a2"]))).toEqual([]);
  });
});

describe("withItemIds", () => {
  it("keeps ids, gives new items one, and never lets two items share one", () => {
    let n = 0;
    const newId = () => `new${++n}`;
    const result = withItemIds(
      {
        longTermGoal: { kind: null, text: "" },
        subGoals: [{ id: "s1", text: "a" }, { text: "b" }, { id: "s1", text: "c" }],
        obstacles: [{ text: "o", howToOvercome: "h" }],
        actions: [{ what: "x", who: "participant", authorityId: "7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60", byWhen: null, status: "planned", agreed: false }],
        recommendations: "",
      },
      newId,
    );
    expect(result.subGoals.map((s) => s.id)).toEqual(["s1", "new1", "new2"]);
    expect(result.obstacles[0]!.id).toBe("new3");
    expect(result.actions[0]).toMatchObject({ id: "new4", authorityId: null }); // an authority only when an authority does it
  });
});

describe("acceptanceState", () => {
  it("is none, current or outdated", () => {
    expect(acceptanceState(0, [])).toBe("none");
    expect(acceptanceState(3, [])).toBe("none");
    expect(acceptanceState(3, [3])).toBe("current");
    expect(acceptanceState(3, [1, 2])).toBe("outdated");
    expect(acceptanceState(3, [2, 3])).toBe("current");
  });
});
