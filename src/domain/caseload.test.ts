import { describe, expect, it } from "vitest";
import { type CaseloadFlag, caseloadFlags, compareFlags, compareUrgency, type EnrolmentFacts, needsAction, stageOf } from "./caseload.ts";

// Dates are chosen to cross month and year ends: the rules must not care where a month begins.

/** An enrolment starting on 30 November 2026 with everything in order up to early January 2027. */
function facts(extra: Partial<EnrolmentFacts> = {}): EnrolmentFacts {
  return {
    startDate: "2026-11-30",
    plannedEndDate: "2027-11-30",
    plan: { version: 1, writtenOn: "2026-12-10", accepted: true },
    followUps: { held: [], planned: ["2027-03-01"] },
    readings: [{ date: "2026-12-01", occasion: "start" }],
    exit: null,
    passivePhase: null,
    ...extra,
  };
}

const kinds = (flags: CaseloadFlag[]) => flags.map((f) => f.kind);
const only = (flags: CaseloadFlag[], kind: CaseloadFlag["kind"]) => flags.filter((f) => f.kind === kind);

describe("caseload flags", () => {
  it("has nothing to do when everything is in order", () => {
    const flags = caseloadFlags(facts(), "2027-01-05");
    expect(flags).toEqual([]);
    expect(needsAction(flags)).toBe(false);
  });

  it("flags a new participant without a plan: soon from the start, due after two weeks, then overdue", () => {
    const f = facts({ startDate: "2026-12-20", plan: null, readings: [{ date: "2026-12-20", occasion: "start" }] });
    // Starting in three weeks: nothing yet.
    expect(only(caseloadFlags(f, "2026-11-29"), "no_plan")).toEqual([]);
    expect(only(caseloadFlags(f, "2026-12-25"), "no_plan")).toEqual([{ kind: "no_plan", state: "soon", due: "2027-01-03" }]);
    expect(only(caseloadFlags(f, "2027-01-03"), "no_plan")).toEqual([{ kind: "no_plan", state: "due", due: "2027-01-03" }]);
    expect(only(caseloadFlags(f, "2027-01-04"), "no_plan")).toEqual([{ kind: "no_plan", state: "overdue", due: "2027-01-03" }]);
  });

  it("flags a plan version the participant has not accepted, due two weeks after it was written", () => {
    const f = facts({ plan: { version: 3, writtenOn: "2027-01-25", accepted: false } });
    expect(only(caseloadFlags(f, "2027-01-25"), "plan_not_accepted")).toEqual([{ kind: "plan_not_accepted", state: "soon", due: "2027-02-08", version: 3 }]);
    expect(only(caseloadFlags(f, "2027-02-08"), "plan_not_accepted")[0]!.state).toBe("due");
    expect(only(caseloadFlags(f, "2027-02-09"), "plan_not_accepted")[0]!.state).toBe("overdue");
    // A plan exists, so it is not "without a plan"; accepted, nothing to do.
    expect(kinds(caseloadFlags(f, "2027-02-09"))).not.toContain("no_plan");
    expect(kinds(caseloadFlags(facts({ plan: { version: 3, writtenOn: "2027-01-25", accepted: true } }), "2027-02-09"))).not.toContain("plan_not_accepted");
  });

  it("flags the follow-up eight weeks after the start or the last one held, or the booked one", () => {
    const none = facts({ followUps: { held: [], planned: [] } });
    // 30 November + 8 weeks = 25 January: 15 days ahead is later, 14 days ahead is soon.
    expect(only(caseloadFlags(none, "2027-01-10"), "follow_up")).toEqual([]);
    expect(only(caseloadFlags(none, "2027-01-11"), "follow_up")).toEqual([{ kind: "follow_up", state: "soon", due: "2027-01-25", booked: false }]);
    expect(only(caseloadFlags(none, "2027-01-26"), "follow_up")[0]!.state).toBe("overdue");
    const held = facts({ followUps: { held: ["2026-12-28"], planned: [] } });
    expect(only(caseloadFlags(held, "2027-02-22"), "follow_up")).toEqual([{ kind: "follow_up", state: "due", due: "2027-02-22", booked: false }]);
    // A booked one that has not been documented after its day is overdue too.
    const booked = facts({ followUps: { held: [], planned: ["2027-01-05"] } });
    expect(only(caseloadFlags(booked, "2026-12-31"), "follow_up")).toEqual([{ kind: "follow_up", state: "soon", due: "2027-01-05", booked: true }]);
    expect(only(caseloadFlags(booked, "2027-01-06"), "follow_up")[0]!.state).toBe("overdue");
  });

  it("flags the life-area reading at start and every three months after the latest", () => {
    const noReading = facts({ startDate: "2026-12-31", readings: [], followUps: { held: [], planned: ["2027-02-01"] }, plan: { version: 1, writtenOn: "2027-01-01", accepted: true } });
    expect(only(caseloadFlags(noReading, "2026-12-31"), "reading")).toEqual([{ kind: "reading", state: "due", due: "2026-12-31", occasion: "start" }]);
    expect(only(caseloadFlags(noReading, "2027-01-02"), "reading")[0]!.state).toBe("overdue");
    // 30 November + 3 months = 28 February (the month end is kept in range).
    const read = facts({ readings: [{ date: "2026-11-30", occasion: "start" }] });
    expect(only(caseloadFlags(read, "2027-02-13"), "reading")).toEqual([]);
    expect(only(caseloadFlags(read, "2027-02-14"), "reading")).toEqual([{ kind: "reading", state: "soon", due: "2027-02-28", occasion: "during" }]);
  });

  it("flags the planned end: nearing within 30 days, then past it", () => {
    const f = facts({ plannedEndDate: "2027-01-15" });
    expect(only(caseloadFlags(f, "2026-12-15"), "nearing_end")).toEqual([]);
    expect(only(caseloadFlags(f, "2026-12-16"), "nearing_end")).toEqual([{ kind: "nearing_end", state: "soon", due: "2027-01-15" }]);
    expect(only(caseloadFlags(f, "2027-01-15"), "nearing_end")).toEqual([{ kind: "nearing_end", state: "due", due: "2027-01-15" }]);
    const after = caseloadFlags(f, "2027-01-16");
    expect(kinds(after)).not.toContain("nearing_end");
    expect(only(after, "past_end")).toEqual([{ kind: "past_end", state: "overdue", due: "2027-01-15" }]);
  });

  it("shows the passive phase as a notice, and no regular follow-ups or readings in it", () => {
    const f = facts({
      plannedEndDate: "2026-12-31",
      followUps: { held: [], planned: [] },
      readings: [],
      passivePhase: { startedOn: "2027-01-02", reason: "past_planned_end" },
    });
    expect(stageOf(f, "2027-03-01")).toBe("passive");
    const flags = caseloadFlags(f, "2027-03-01");
    expect(flags).toEqual([{ kind: "passive", state: "notice", due: "2027-01-02", reason: "past_planned_end" }]);
    expect(needsAction(flags)).toBe(false);
  });

  it("flags the 90-day follow-up after exit, and the exit reading while the exit is followed up", () => {
    const exited = facts({ exit: { date: "2026-11-15", ninetyDay: null }, startDate: "2025-12-01", plannedEndDate: "2026-12-01" });
    expect(stageOf(exited, "2027-01-29")).toBe("exited");
    // 15 November + 90 days = 13 February, across the year end.
    expect(only(caseloadFlags(exited, "2027-01-29"), "ninety_day")).toEqual([]);
    expect(only(caseloadFlags(exited, "2027-01-30"), "ninety_day")).toEqual([{ kind: "ninety_day", state: "soon", due: "2027-02-13" }]);
    expect(only(caseloadFlags(exited, "2027-01-30"), "reading")).toEqual([{ kind: "reading", state: "overdue", due: "2026-11-15", occasion: "exit" }]);
    // No active-phase flags after exit, even past the planned end.
    expect(kinds(caseloadFlags(exited, "2027-02-14"))).toEqual(["reading", "ninety_day"]);
    const recorded = facts({ exit: { date: "2026-11-15", ninetyDay: { dueOn: "2027-02-13", answeredOn: null } }, readings: [{ date: "2026-11-15", occasion: "exit" }] });
    expect(caseloadFlags(recorded, "2027-02-14")).toEqual([{ kind: "ninety_day", state: "overdue", due: "2027-02-13" }]);
    const answered = facts({ exit: { date: "2026-11-15", ninetyDay: { dueOn: "2027-02-13", answeredOn: "2027-02-20" } } });
    expect(stageOf(answered, "2027-02-21")).toBe("closed");
    expect(caseloadFlags(answered, "2027-02-21")).toEqual([]);
    // Answered, but still in passive contact after exit: in the passive phase.
    const passive = { ...answered, passivePhase: { startedOn: "2026-11-16", reason: "after_exit" as const } };
    expect(stageOf(passive, "2027-02-21")).toBe("passive");
    expect(kinds(caseloadFlags(passive, "2027-02-21"))).toEqual(["passive"]);
  });

  it("counts an exit recorded ahead of its date from that date: until then the exit reading is what is due", () => {
    const f = facts({ exit: { date: "2027-01-08", ninetyDay: null } });
    expect(stageOf(f, "2027-01-01")).toBe("active");
    expect(only(caseloadFlags(f, "2027-01-01"), "reading")).toEqual([{ kind: "reading", state: "soon", due: "2027-01-08", occasion: "exit" }]);
    expect(stageOf(f, "2027-01-08")).toBe("exited");
  });

  it("flags open absence follow-ups: the earliest due first, with how many are open", () => {
    const consecutive = { dueOn: "2027-01-04", rule: "consecutive_unexcused" as const };
    const lowRate = { dueOn: "2027-01-06", rule: "low_rate" as const };
    expect(kinds(caseloadFlags(facts(), "2027-01-03"))).not.toContain("absent");
    expect(only(caseloadFlags(facts({ absenceFollowUps: [] }), "2027-01-03"), "absent")).toEqual([]);
    expect(only(caseloadFlags(facts({ absenceFollowUps: [lowRate, consecutive] }), "2027-01-02"), "absent")).toEqual([
      { kind: "absent", state: "soon", due: "2027-01-04", rule: "consecutive_unexcused", count: 2 },
    ]);
    expect(only(caseloadFlags(facts({ absenceFollowUps: [consecutive] }), "2027-01-04"), "absent")[0]!.state).toBe("due");
    expect(only(caseloadFlags(facts({ absenceFollowUps: [consecutive] }), "2027-01-05"), "absent")[0]!.state).toBe("overdue");
    // Made today with a due date weeks ahead (a long contact window) it is still shown: a call is never "later".
    expect(only(caseloadFlags(facts({ absenceFollowUps: [{ dueOn: "2027-03-01", rule: "low_rate" }] }), "2027-01-02"), "absent")[0]!.state).toBe("soon");
    // After exit the journey's flags take over: no absence flag.
    expect(only(caseloadFlags(facts({ absenceFollowUps: [consecutive], exit: { date: "2027-01-02", ninetyDay: null } }), "2027-01-03"), "absent")).toEqual([]);
  });
});

describe("caseload order", () => {
  it("sorts a participant's flags: overdue first, then due, soon, notices; earlier dates first", () => {
    const f = facts({
      startDate: "2026-12-01",
      plannedEndDate: "2027-01-20",
      plan: null,
      followUps: { held: [], planned: ["2027-01-02"] },
      readings: [],
    });
    const flags = caseloadFlags(f, "2027-01-02");
    expect(flags.map((x) => [x.kind, x.state, x.due])).toEqual([
      ["reading", "overdue", "2026-12-01"],
      ["no_plan", "overdue", "2026-12-15"],
      ["follow_up", "due", "2027-01-02"],
      ["nearing_end", "soon", "2027-01-20"],
    ]);
  });

  it("breaks ties on the same state and date by the kind's order", () => {
    const a: CaseloadFlag = { kind: "follow_up", state: "overdue", due: "2026-12-31", booked: false };
    const b: CaseloadFlag = { kind: "no_plan", state: "overdue", due: "2026-12-31" };
    expect([a, b].sort(compareFlags).map((f) => f.kind)).toEqual(["no_plan", "follow_up"]);
  });

  it("puts the most urgent participant first, and those with nothing to do last", () => {
    const overdueOld: CaseloadFlag[] = [{ kind: "follow_up", state: "overdue", due: "2026-12-30", booked: false }];
    const overdueNew: CaseloadFlag[] = [{ kind: "no_plan", state: "overdue", due: "2027-01-01" }];
    const overdueTwice: CaseloadFlag[] = [...overdueNew, { kind: "reading", state: "soon", due: "2027-01-10", occasion: "during" }];
    const due: CaseloadFlag[] = [{ kind: "reading", state: "due", due: "2027-01-02", occasion: "during" }];
    const soon: CaseloadFlag[] = [{ kind: "nearing_end", state: "soon", due: "2027-01-20" }];
    const notice: CaseloadFlag[] = [{ kind: "passive", state: "notice", due: "2026-12-01", reason: "after_exit" }];
    const lists = { none: [], notice, soon, due, overdueNew, overdueTwice, overdueOld };
    const sorted = Object.entries(lists)
      .sort(([, x], [, y]) => compareUrgency(x, y))
      .map(([name]) => name);
    expect(sorted).toEqual(["overdueOld", "overdueTwice", "overdueNew", "due", "soon", "notice", "none"]);
    expect(compareUrgency(overdueNew, [...overdueNew])).toBe(0);
  });
});
