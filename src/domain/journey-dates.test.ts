import { describe, expect, it } from "vitest";
import { dueState, nearingPlannedEnd, nextFollowUp, nextReading, ninetyDayDue, pastPlannedEnd } from "./journey-dates.ts";

describe("journey due dates", () => {
  it("places a due date: later, soon, due today, overdue", () => {
    expect(dueState("2027-01-31", "2027-01-01")).toBe("later");
    expect(dueState("2027-01-15", "2027-01-01")).toBe("soon");
    expect(dueState("2027-01-01", "2027-01-01")).toBe("due");
    expect(dueState("2026-12-31", "2027-01-01")).toBe("overdue");
  });

  it("has a follow-up every 8 weeks after the start or the last one held, unless one is booked", () => {
    expect(nextFollowUp({ startDate: "2026-11-30", held: [], planned: [] })).toEqual({ date: "2027-01-25", booked: false });
    expect(nextFollowUp({ startDate: "2026-11-30", held: ["2027-01-20", "2026-12-10"], planned: [] })).toEqual({ date: "2027-03-17", booked: false });
    expect(nextFollowUp({ startDate: "2026-11-30", held: ["2027-01-20"], planned: ["2027-04-01", "2027-03-10"] })).toEqual({ date: "2027-03-10", booked: true });
    expect(nextFollowUp({ startDate: "2026-11-30", held: [], planned: [], intervalWeeks: 4 }).date).toBe("2026-12-28");
  });

  it("asks for a reading at start, every three months after the latest, and at exit", () => {
    expect(nextReading({ startDate: "2026-11-30", readings: [], exitDate: null })).toEqual({ date: "2026-11-30", occasion: "start" });
    expect(nextReading({ startDate: "2026-11-30", readings: [{ date: "2026-12-02", occasion: "start" }], exitDate: null })).toEqual({ date: "2027-03-02", occasion: "during" });
    // Month ends are kept in range (30 November + 3 months = 28 February).
    expect(nextReading({ startDate: "2026-11-30", readings: [{ date: "2026-11-30", occasion: "start" }], exitDate: null })!.date).toBe("2027-02-28");
    expect(nextReading({ startDate: "2026-11-30", readings: [{ date: "2026-11-30", occasion: "start" }], exitDate: "2027-01-15" })).toEqual({ date: "2027-01-15", occasion: "exit" });
    expect(nextReading({ startDate: "2026-11-30", readings: [{ date: "2027-01-15", occasion: "exit" }], exitDate: "2027-01-15" })).toBeNull();
  });

  it("makes the 90-day follow-up due 90 days after exit, across the year", () => {
    expect(ninetyDayDue("2026-11-15")).toBe("2027-02-13");
    expect(ninetyDayDue("2028-01-01")).toBe("2028-03-31"); // a leap year
  });

  it("knows when the planned twelve months are nearly over, or over", () => {
    expect(nearingPlannedEnd("2027-12-01", "2027-11-05")).toBe(true);
    expect(nearingPlannedEnd("2027-12-01", "2027-10-01")).toBe(false);
    expect(nearingPlannedEnd("2027-12-01", "2027-12-02")).toBe(false);
    expect(pastPlannedEnd("2027-12-01", "2027-12-02")).toBe(true);
    expect(pastPlannedEnd("2027-12-01", "2027-12-01")).toBe(false);
  });
});
