import { describe, expect, it } from "vitest";
import { overviewGoals, quarterOf, quarterPeriod } from "./followup-overview.ts";
import { GOAL_KINDS, type GoalResult, type ProgramGoalKind } from "./goals.ts";

function results(values: Partial<Record<ProgramGoalKind, [number, number | null]>>): GoalResult[] {
  return GOAL_KINDS.map((kind) => {
    const [n, d] = values[kind] ?? [0, kind === "participants" || kind === "team_cases" ? null : 0];
    const measure = d === null ? "count" : "percent";
    const value = d === null ? n : d === 0 ? null : Math.floor((100 * n) / d);
    return { kind, measure, target: measure === "count" ? 30 : 50, numerator: n, denominator: d, value, met: value === null ? null : value >= (measure === "count" ? 30 : 50), idKind: "enrolment", numeratorIds: [], denominatorIds: [], pendingIds: [] } as GoalResult;
  });
}

describe("the quarter a report covers", () => {
  it("runs from 1 January to the quarter's end, or to today when that is earlier", () => {
    expect(quarterPeriod(2026, 1)).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(quarterPeriod(2026, 3, "2026-12-02")).toEqual({ from: "2026-01-01", to: "2026-09-30" });
    expect(quarterPeriod(2026, 4, "2026-12-02")).toEqual({ from: "2026-01-01", to: "2026-12-02" });
    expect(() => quarterPeriod(2026, 5 as 1)).toThrow(RangeError);
    expect([quarterOf("2026-01-01"), quarterOf("2026-03-31"), quarterOf("2026-04-01"), quarterOf("2026-12-31")]).toEqual([1, 1, 2, 4]);
  });
});

describe("goals across programs", () => {
  const programs = [
    { programId: "krus", results: results({ participants: [31, null], occupation_after_exit: [6, 14] }) },
    { programId: "nybro", results: results({ participants: [3, null], occupation_after_exit: [2, 3] }) },
    { programId: "crux", results: results({ participants: [12, null], occupation_after_exit: [5, 9] }) },
  ];

  it("pools the total (sums, not a mean of percentages) and shows everything to the program's own staff", () => {
    const goals = overviewGoals(programs, false);
    const participants = goals.find((g) => g.kind === "participants")!;
    expect(participants.total).toEqual({ numerator: { shown: 46 }, denominator: null, value: 46 });
    const occupation = goals.find((g) => g.kind === "occupation_after_exit")!;
    expect(occupation.total).toEqual({ numerator: { shown: 13 }, denominator: { shown: 26 }, value: 50 });
    expect(occupation.programs[1]).toMatchObject({ programId: "nybro", value: 66, met: true });
  });

  it("hides a program's 1-4 and what would give it away, for aggregate readers", () => {
    const goals = overviewGoals(programs, true);
    const participants = goals.find((g) => g.kind === "participants")!;
    expect(participants.programs[1]!.numerator).toEqual({ suppressed: "fewer_than_5" });
    // With Nybro's 3 hidden, one more of the column (or the total) must go, so 3 cannot be worked out.
    const hidden = [...participants.programs.map((p) => p.numerator), participants.total.numerator].filter((c) => !("shown" in c));
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    const occupation = goals.find((g) => g.kind === "occupation_after_exit")!;
    expect(occupation.programs[1]).toMatchObject({ value: null, met: null });
    expect(JSON.stringify(goals)).not.toMatch(/"shown":[1-4]\b/);
  });
});
