import { describe, expect, it } from "vitest";
import { countsIn, daysBetween, isOngoing, type WorkSpell, workMeasures } from "./work.ts";

const START = "2026-01-05";
const spell = (kind: WorkSpell["kind"], startDate: string, endDate: string | null, hoursPerWeek = 20): WorkSpell => ({ kind, startDate, endDate, hoursPerWeek });

describe("work measures (Supported Employment)", () => {
  it("has nothing to report before any work", () => {
    const m = workMeasures({ enrolmentStart: START, spells: [], asOf: "2026-06-01" });
    for (const scope of ["competitive", "employment", "any"] as const) {
      expect(m[scope]).toEqual({ firstStart: null, daysToFirst: null, hoursPerWeekNow: 0, weeksWorked: 0, workingNow: false });
    }
  });

  it("counts an internship as work of any kind, never as a job", () => {
    const m = workMeasures({ enrolmentStart: START, spells: [spell("internship", "2026-02-02", "2026-03-01", 15)], asOf: "2026-02-16" });
    expect(m.any).toMatchObject({ firstStart: "2026-02-02", daysToFirst: 28, hoursPerWeekNow: 15, workingNow: true, weeksWorked: 2.1 });
    expect(m.employment).toMatchObject({ firstStart: null, daysToFirst: null, hoursPerWeekNow: 0, workingNow: false });
    expect(m.competitive.daysToFirst).toBeNull();
  });

  it("gives the first competitive job (IPS) apart from the first subsidised employment", () => {
    const spells = [
      spell("internship", "2026-02-02", "2026-02-27", 15),
      spell("subsidised", "2026-03-02", "2026-05-31", 30),
      spell("competitive", "2026-06-01", null, 25),
    ];
    const m = workMeasures({ enrolmentStart: START, spells, asOf: "2026-06-14" });
    expect(m.any.daysToFirst).toBe(daysBetween(START, "2026-02-02"));
    expect(m.employment).toMatchObject({ firstStart: "2026-03-02", daysToFirst: 56 });
    expect(m.competitive).toMatchObject({ firstStart: "2026-06-01", daysToFirst: 147, hoursPerWeekNow: 25, workingNow: true, weeksWorked: 2 });
    // Days: 26 of internship, 91 subsidised (13 weeks), 14 competitive (2 weeks): 131 days.
    expect(m.any.weeksWorked).toBe(18.7);
    expect(m.employment.weeksWorked).toBe(15);
  });

  it("adds up hours of parallel work now and counts overlapping weeks once", () => {
    const spells = [spell("competitive", "2026-03-02", null, 10), spell("competitive", "2026-03-02", "2026-03-15", 12), spell("subsidised", "2026-03-09", null, 8)];
    const m = workMeasures({ enrolmentStart: START, spells, asOf: "2026-03-15" });
    expect(m.competitive).toMatchObject({ hoursPerWeekNow: 22, weeksWorked: 2 });
    expect(m.employment).toMatchObject({ hoursPerWeekNow: 30, weeksWorked: 2 });
    // The day after the short job ended.
    expect(workMeasures({ enrolmentStart: START, spells, asOf: "2026-03-16" }).employment.hoursPerWeekNow).toBe(18);
  });

  it("leaves out work that has not begun yet, and ended work from hours now", () => {
    const spells = [spell("competitive", "2026-04-01", "2026-04-30", 20), spell("competitive", "2026-09-01", null, 40)];
    const m = workMeasures({ enrolmentStart: START, spells, asOf: "2026-06-01" });
    expect(m.competitive).toMatchObject({ firstStart: "2026-04-01", hoursPerWeekNow: 0, workingNow: false, weeksWorked: 4.3 });
  });

  it("counts work that began before enrolment from the enrolment's start, and ignores work that ended before it", () => {
    const before = workMeasures({ enrolmentStart: START, spells: [spell("competitive", "2025-06-01", "2025-12-31")], asOf: "2026-03-01" });
    expect(before.competitive).toMatchObject({ firstStart: null, daysToFirst: null, weeksWorked: 0 });
    const ongoing = workMeasures({ enrolmentStart: START, spells: [spell("competitive", "2025-06-01", null, 10)], asOf: "2026-01-18" });
    expect(ongoing.competitive).toMatchObject({ firstStart: START, daysToFirst: 0, hoursPerWeekNow: 10, weeksWorked: 2 });
  });

  it("treats end dates as inclusive and a one-day placement as one day", () => {
    const m = workMeasures({ enrolmentStart: START, spells: [spell("internship", "2026-01-07", "2026-01-07", 8)], asOf: "2026-01-07" });
    expect(m.any).toMatchObject({ daysToFirst: 2, weeksWorked: 0.1, hoursPerWeekNow: 8 });
  });
});

describe("helpers", () => {
  it("counts days across months and years, and tells what counts where", () => {
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2026-03-01", "2026-02-01")).toBe(-28);
    expect(() => daysBetween("2026-13-01", "2026-01-01")).toThrow(RangeError);
    expect(isOngoing({ startDate: "2026-01-01", endDate: "2026-01-31" }, "2026-01-31")).toBe(true);
    expect(isOngoing({ startDate: "2026-01-01", endDate: "2026-01-31" }, "2026-02-01")).toBe(false);
    expect(isOngoing({ startDate: "2026-01-02", endDate: null }, "2026-01-01")).toBe(false);
    expect(countsIn("competitive", "subsidised")).toBe(false);
    expect(countsIn("employment", "subsidised")).toBe(true);
    expect(countsIn("employment", "internship")).toBe(false);
    expect(countsIn("any", "internship")).toBe(true);
  });
});
