import { describe, expect, it } from "vitest";
import {
  EXIT_KINDS,
  EXIT_REASONS,
  EXIT_REASONS_BY_KIND,
  exitProblems,
  followUpDateProblem,
  followUpHeldProblem,
  isExitReason,
  kindOfReason,
  ninetyDayAnswerProblem,
  passivePhaseEndProblem,
  passivePhasePossible,
  passivePhaseStart,
  reasonBelongsTo,
  reminderDue,
} from "./exit.ts";

const base = { startDate: "2026-01-10", today: "2026-11-23", exitDate: "2026-11-23", hasAcceptedFinalPlan: true };

describe("exit kinds and reasons", () => {
  it("splits the reasons between the two kinds as the national follow-up does, each reason in exactly one kind", () => {
    expect(EXIT_REASONS_BY_KIND.completed).toEqual(["according_to_plan", "health", "other"]);
    expect(EXIT_REASONS_BY_KIND.interrupted).toEqual(["consent_withdrawn", "own_initiative", "moved", "no_contact"]);
    expect(new Set(EXIT_REASONS).size).toBe(7);
    expect(isExitReason("moved")).toBe(true);
    expect(isExitReason("fired")).toBe(false);
  });

  const pairs = EXIT_KINDS.flatMap((kind) => EXIT_REASONS.map((reason) => [kind, reason] as const));
  it.each(pairs)("kind %s with reason %s: allowed exactly when the reason belongs to the kind", (kind, reason) => {
    const belongs = (EXIT_REASONS_BY_KIND[kind] as readonly string[]).includes(reason);
    expect(reasonBelongsTo(kind, reason)).toBe(belongs);
    expect(kindOfReason(reason) === kind).toBe(belongs);
    const problems = exitProblems({ ...base, kind, reason });
    if (belongs) expect(problems).toEqual([]);
    else expect(problems).toEqual([{ field: "reason", code: "reasonNotOfKind" }]);
  });

  it.each(EXIT_REASONS.map((r) => [r]))("reason %s without a kind: the kind follows from the reason", (reason) => {
    expect(exitProblems({ ...base, reason })).toEqual([]);
    expect(exitProblems({ ...base, kind: null, reason })).toEqual([]);
  });
});

describe("exit rules", () => {
  it("refuses 'according to plan' without an accepted final plan, and only that reason", () => {
    expect(exitProblems({ ...base, hasAcceptedFinalPlan: false, reason: "according_to_plan" })).toEqual([{ field: "reason", code: "needsAcceptedFinalPlan" }]);
    expect(exitProblems({ ...base, hasAcceptedFinalPlan: false, kind: "completed", reason: "according_to_plan" })).toEqual([{ field: "reason", code: "needsAcceptedFinalPlan" }]);
    for (const reason of EXIT_REASONS.filter((r) => r !== "according_to_plan")) {
      expect(exitProblems({ ...base, hasAcceptedFinalPlan: false, reason })).toEqual([]);
    }
    expect(exitProblems({ ...base, hasAcceptedFinalPlan: true, reason: "according_to_plan" })).toEqual([]);
  });

  it("keeps the exit date between the start and 30 days ahead", () => {
    expect(exitProblems({ ...base, reason: "health", exitDate: "2026-01-10" })).toEqual([]);
    expect(exitProblems({ ...base, reason: "health", exitDate: "2026-01-09" })).toEqual([{ field: "exitDate", code: "beforeStart" }]);
    expect(exitProblems({ ...base, reason: "health", exitDate: "2026-12-23" })).toEqual([]);
    expect(exitProblems({ ...base, reason: "health", exitDate: "2026-12-24" })).toEqual([{ field: "exitDate", code: "tooFarAhead" }]);
  });

  it("keeps the exit meeting in the same window, and reports every problem at once", () => {
    expect(exitProblems({ ...base, reason: "moved", meetingDate: "2026-11-20" })).toEqual([]);
    expect(exitProblems({ ...base, reason: "moved", meetingDate: "2025-12-31" })).toEqual([{ field: "meetingDate", code: "meetingBeforeStart" }]);
    expect(exitProblems({ ...base, reason: "moved", meetingDate: "2027-01-01" })).toEqual([{ field: "meetingDate", code: "meetingTooFarAhead" }]);
    expect(exitProblems({ ...base, hasAcceptedFinalPlan: false, reason: "according_to_plan", exitDate: "2025-01-01", meetingDate: "2025-01-01" })).toEqual([
      { field: "reason", code: "needsAcceptedFinalPlan" },
      { field: "exitDate", code: "beforeStart" },
      { field: "meetingDate", code: "meetingBeforeStart" },
    ]);
  });
});

describe("passive phase", () => {
  const enrolment = { enrolmentStart: "2025-10-01", plannedEndDate: "2026-10-01", today: "2026-06-15" };
  it("starts after the exit, or past the planned end, never before", () => {
    expect(passivePhaseStart({ ...enrolment, exitDate: "2026-06-10", startedOn: "2026-06-10" })).toEqual({ ok: true, reason: "after_exit" });
    expect(passivePhaseStart({ ...enrolment, exitDate: "2026-06-10", startedOn: "2026-06-09" })).toEqual({ ok: false, code: "notYet" });
    expect(passivePhaseStart({ ...enrolment, exitDate: null, startedOn: "2026-06-15" })).toEqual({ ok: false, code: "notYet" });
    const late = { ...enrolment, today: "2026-10-05" };
    expect(passivePhaseStart({ ...late, exitDate: null, startedOn: "2026-10-01" })).toEqual({ ok: false, code: "notYet" });
    expect(passivePhaseStart({ ...late, exitDate: null, startedOn: "2026-10-02" })).toEqual({ ok: true, reason: "past_planned_end" });
    // Past the planned end and then exited: a phase begun before the exit is still "past the planned end".
    expect(passivePhaseStart({ ...late, exitDate: "2026-10-20", startedOn: "2026-10-03" })).toEqual({ ok: true, reason: "past_planned_end" });
    expect(passivePhaseStart({ ...enrolment, exitDate: "2026-06-10", startedOn: "2026-07-16" })).toEqual({ ok: false, code: "tooFarAhead" });
    expect(passivePhaseStart({ ...enrolment, exitDate: "2026-06-10", startedOn: "2025-09-30" })).toEqual({ ok: false, code: "beforeStart" });
  });

  it("is offered once an exit is recorded (up to 30 days ahead) or the planned end is near enough to pass within that window", () => {
    expect(passivePhasePossible({ today: "2026-06-15", exitDate: null, plannedEndDate: "2026-10-01" })).toBe(false);
    expect(passivePhasePossible({ today: "2026-06-15", exitDate: "2026-06-30", plannedEndDate: "2026-10-01" })).toBe(true);
    expect(passivePhasePossible({ today: "2026-09-15", exitDate: null, plannedEndDate: "2026-10-01" })).toBe(true);
  });

  it("ends on or after its start, not in the future", () => {
    expect(passivePhaseEndProblem({ startedOn: "2026-06-10", endedOn: "2026-06-10", today: "2026-06-15" })).toBeNull();
    expect(passivePhaseEndProblem({ startedOn: "2026-06-10", endedOn: "2026-06-09", today: "2026-06-15" })).toBe("beforeStart");
    expect(passivePhaseEndProblem({ startedOn: "2026-06-10", endedOn: "2026-06-16", today: "2026-06-15" })).toBe("inFuture");
  });
});

describe("90-day follow-up", () => {
  const row = { exitDate: "2026-06-10", dueOn: "2026-09-08" };
  it("is answered once due, with a date between the exit and today", () => {
    expect(ninetyDayAnswerProblem({ ...row, today: "2026-09-07", answeredOn: "2026-09-07" })).toBe("notDue");
    expect(ninetyDayAnswerProblem({ ...row, today: "2026-09-08", answeredOn: "2026-09-08" })).toBeNull();
    // Reached a few days before it came due and written down on the day: fine.
    expect(ninetyDayAnswerProblem({ ...row, today: "2026-09-08", answeredOn: "2026-09-05" })).toBeNull();
    expect(ninetyDayAnswerProblem({ ...row, today: "2026-09-08", answeredOn: "2026-09-09" })).toBe("inFuture");
    expect(ninetyDayAnswerProblem({ ...row, today: "2026-09-08", answeredOn: "2026-06-09" })).toBe("beforeExit");
  });
});

describe("follow-up meetings", () => {
  it("are booked from the start up to a year ahead, and held not in the future", () => {
    expect(followUpDateProblem({ plannedDate: "2026-11-30", startDate: "2026-01-10", today: "2026-11-23" })).toBeNull();
    expect(followUpDateProblem({ plannedDate: "2026-01-09", startDate: "2026-01-10", today: "2026-11-23" })).toBe("beforeStart");
    expect(followUpDateProblem({ plannedDate: "2027-11-25", startDate: "2026-01-10", today: "2026-11-23" })).toBe("tooFarAhead");
    expect(followUpHeldProblem({ heldOn: "2026-11-23", startDate: "2026-01-10", today: "2026-11-23" })).toBeNull();
    expect(followUpHeldProblem({ heldOn: "2026-11-24", startDate: "2026-01-10", today: "2026-11-23" })).toBe("inFuture");
    expect(followUpHeldProblem({ heldOn: "2026-01-09", startDate: "2026-01-10", today: "2026-11-23" })).toBe("beforeStart");
  });

  it("are reminded of within the days before, not once they have gone by", () => {
    expect(reminderDue("2026-11-25", "2026-11-23", 2)).toBe(true);
    expect(reminderDue("2026-11-23", "2026-11-23", 2)).toBe(true);
    expect(reminderDue("2026-11-26", "2026-11-23", 2)).toBe(false);
    expect(reminderDue("2026-11-22", "2026-11-23", 2)).toBe(false);
  });
});
