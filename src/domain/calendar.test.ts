import { describe, expect, it } from "vitest";
import {
  addDays,
  cadenceDates,
  compareDates,
  endTime,
  isoWeek,
  isoWeeksInYear,
  isValidDate,
  isValidTime,
  nextSlots,
  weekdayOf,
  weeklySlots,
  type CadenceRule,
  type Slot,
  type WeeklyRule,
} from "./calendar.ts";

// All expected values below were worked out by hand from a printed calendar
// (1 Jan 2026 is a Thursday, so 2026 has ISO week 53: Mon 28 Dec 2026 - Sun 3 Jan 2027).

/** KRUS study visits: every other Tuesday 13:00-14:00, in even ISO weeks. */
const STUDY_VISITS: WeeklyRule = { weekday: 2, weeks: "even", start: "13:00", end: "14:00" };

/** A plain scheduled slot of STUDY_VISITS. */
const visit = (date: string): Slot => ({ originalDate: date, date, start: "13:00", end: "14:00", status: "scheduled" });

const dates = (slots: Slot[]): string[] => slots.map((s) => s.originalDate);

describe("isoWeek", () => {
  it.each([
    ["2026-12-31", 2026, 53], // Thursday of week 53
    ["2027-01-01", 2026, 53], // Friday, still the 2026 week 53
    ["2027-01-03", 2026, 53], // Sunday, last day of 2026-W53
    ["2027-01-04", 2027, 1], // Monday, first day of 2027-W01
    ["2024-12-30", 2025, 1], // Monday; 2025-01-01 is a Wednesday
    ["2021-01-03", 2020, 53], // Sunday; 2020 began on a (leap-year) Wednesday
    ["2021-01-04", 2021, 1],
    ["2026-01-01", 2026, 1],
    ["2025-12-29", 2026, 1], // Monday of 2026-W01
    ["2025-12-28", 2025, 52],
    ["2026-12-27", 2026, 52],
    ["2026-12-28", 2026, 53],
    ["2026-06-15", 2026, 25],
    ["2024-02-29", 2024, 9],
    ["2026-12-22", 2026, 52],
  ])("%s is in %i-W%i", (date, year, week) => {
    expect(isoWeek(date)).toEqual({ year, week });
  });

  it.each([
    [2020, 53],
    [2021, 52],
    [2026, 53],
    [2027, 52],
    [2032, 53],
    [2015, 53],
    [2000, 52],
    [2024, 52],
  ])("isoWeeksInYear(%i) is %i", (year, weeks) => {
    expect(isoWeeksInYear(year)).toBe(weeks);
  });

  it("rejects malformed dates", () => {
    for (const bad of ["2026-02-29", "2026-13-01", "2026-1-05", "20260105", "2026-01-05T00:00", "", "2026-00-10"]) {
      expect(() => isoWeek(bad), bad).toThrow(RangeError);
    }
  });
});

describe("date helpers", () => {
  it.each([
    ["2024-02-28", 1, "2024-02-29"],
    ["2023-02-28", 1, "2023-03-01"],
    ["2000-02-28", 1, "2000-02-29"],
    ["1900-02-28", 1, "1900-03-01"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2026-03-28", 1, "2026-03-29"], // European DST starts on the 29th
    ["2026-03-29", 1, "2026-03-30"],
    ["2026-10-25", 1, "2026-10-26"], // European DST ends on the 25th
    ["2026-01-01", 365, "2027-01-01"],
    ["2026-01-13", -21, "2025-12-23"],
    ["2026-05-05", 0, "2026-05-05"],
  ])("addDays(%s, %i) = %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it("addDays rejects fractional days and bad dates", () => {
    expect(() => addDays("2026-01-01", 1.5)).toThrow(RangeError);
    expect(() => addDays("2026-02-30", 1)).toThrow(/YYYY-MM-DD/);
  });

  it.each([
    ["2026-11-01", 7],
    ["2026-12-22", 2],
    ["2027-01-01", 5],
    ["2027-01-04", 1],
    ["2024-02-29", 4],
    ["2000-01-01", 6],
    ["1970-01-01", 4],
    ["1969-12-31", 3],
  ])("weekdayOf(%s) = %i", (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });

  it("compareDates sorts ISO dates", () => {
    expect(["2027-01-05", "2026-12-22", "2026-12-29", "2026-12-22"].sort(compareDates)).toEqual([
      "2026-12-22",
      "2026-12-22",
      "2026-12-29",
      "2027-01-05",
    ]);
    expect(compareDates("2026-01-01", "2026-01-01")).toBe(0);
    expect(compareDates("2025-12-31", "2026-01-01")).toBeLessThan(0);
    expect(() => compareDates("2026-1-1", "2026-01-01")).toThrow(RangeError);
  });

  it.each([
    ["00:00", true],
    ["09:05", true],
    ["13:00", true],
    ["23:59", true],
    ["24:00", false],
    ["9:05", false],
    ["13:60", false],
    ["13:00:00", false],
    ["1300", false],
    ["", false],
    [" 13:00", false],
  ])("isValidTime(%j) is %s", (value, valid) => {
    expect(isValidTime(value)).toBe(valid);
  });

  it("isValidDate", () => {
    expect(isValidDate("2024-02-29")).toBe(true);
    expect(isValidDate("2100-02-29")).toBe(false);
    expect(isValidDate("2026-04-31")).toBe(false);
  });
});

describe("weeklySlots (KRUS study visits, Tuesday 13:00-14:00 in even ISO weeks)", () => {
  it("lists 2026-11-01 to 2027-02-15 exactly", () => {
    expect(weeklySlots(STUDY_VISITS, "2026-11-01", "2027-02-15")).toEqual([
      visit("2026-11-10"), // W46
      visit("2026-11-24"), // W48
      visit("2026-12-08"), // W50
      visit("2026-12-22"), // W52
      visit("2027-01-12"), // 2027-W02 (W53 and W01 are odd)
      visit("2027-01-26"), // W04
      visit("2027-02-09"), // W06
    ]);
  });

  it("has a three-week gap around 2026-W53 / 2027-W01, as the even-week rule says", () => {
    const list = dates(weeklySlots(STUDY_VISITS, "2026-12-14", "2027-01-17"));
    expect(list).toEqual(["2026-12-22", "2027-01-12"]);
    // Tuesday 2026-12-29 (W53) and Tuesday 2027-01-05 (W01) are both odd weeks.
    expect(weeklySlots(STUDY_VISITS, "2026-12-23", "2027-01-11")).toEqual([]);
  });

  it("odd weeks: back to back in W53 and W01", () => {
    expect(dates(weeklySlots({ ...STUDY_VISITS, weeks: "odd" }, "2026-11-01", "2027-02-15"))).toEqual([
      "2026-11-03",
      "2026-11-17",
      "2026-12-01",
      "2026-12-15",
      "2026-12-29",
      "2027-01-05",
      "2027-01-19",
      "2027-02-02",
    ]);
  });

  it("every week", () => {
    expect(dates(weeklySlots({ ...STUDY_VISITS, weeks: "every" }, "2026-11-01", "2027-02-15"))).toEqual([
      "2026-11-03",
      "2026-11-10",
      "2026-11-17",
      "2026-11-24",
      "2026-12-01",
      "2026-12-08",
      "2026-12-15",
      "2026-12-22",
      "2026-12-29",
      "2027-01-05",
      "2027-01-12",
      "2027-01-19",
      "2027-01-26",
      "2027-02-02",
      "2027-02-09",
    ]);
  });

  it("other weekdays: Friday in every week across the year boundary", () => {
    const fridays = { weekday: 5, weeks: "every", start: "08:30", end: "09:15" } as const;
    expect(dates(weeklySlots(fridays, "2026-12-20", "2027-01-10"))).toEqual(["2026-12-25", "2027-01-01", "2027-01-08"]);
  });

  it("ranges inside one week, on a single day, and reversed", () => {
    expect(weeklySlots(STUDY_VISITS, "2026-12-21", "2026-12-27")).toEqual([visit("2026-12-22")]);
    expect(weeklySlots(STUDY_VISITS, "2026-12-22", "2026-12-22")).toEqual([visit("2026-12-22")]);
    expect(weeklySlots(STUDY_VISITS, "2026-12-23", "2026-12-27")).toEqual([]);
    expect(weeklySlots(STUDY_VISITS, "2026-12-14", "2026-12-20")).toEqual([]); // W51 is odd
    expect(weeklySlots(STUDY_VISITS, "2027-02-15", "2026-11-01")).toEqual([]);
  });

  it("validates the rule and the range", () => {
    const bad: [string, WeeklyRule][] = [
      ["end before start", { ...STUDY_VISITS, start: "14:00", end: "13:00" }],
      ["end equal to start", { ...STUDY_VISITS, end: "13:00" }],
      ["bad start", { ...STUDY_VISITS, start: "1:00" }],
      ["bad end", { ...STUDY_VISITS, end: "24:00" }],
      ["weekday 0", { ...STUDY_VISITS, weekday: 0 as never }],
      ["weekday 8", { ...STUDY_VISITS, weekday: 8 as never }],
      ["unknown weeks", { ...STUDY_VISITS, weeks: "biweekly" as never }],
    ];
    for (const [label, rule] of bad) {
      expect(() => weeklySlots(rule, "2026-11-01", "2026-12-01"), label).toThrow(RangeError);
    }
    expect(() => weeklySlots(STUDY_VISITS, "2026-11-31", "2026-12-01")).toThrow(/from must be a calendar date/);
    expect(() => weeklySlots(STUDY_VISITS, "2026-11-01", "2026/12/01")).toThrow(/to must be a calendar date/);
    expect(() => weeklySlots(STUDY_VISITS, "2026-11-01", "2026-12-01")).not.toThrow();
  });
});

describe("weeklySlots with exceptions", () => {
  it("cancels, moves and ignores exceptions for dates the rule does not give", () => {
    const slots = weeklySlots(STUDY_VISITS, "2026-11-01", "2027-01-31", [
      { date: "2026-12-22", cancelled: true, note: "Christmas" },
      { date: "2026-12-08", movedTo: { date: "2026-12-10", start: "09:00", end: "10:30" }, note: "Lucia week" },
      { date: "2026-12-15", cancelled: true }, // W51 is odd: no slot to cancel
      { date: "2026-12-29", movedTo: { date: "2026-12-30", start: "13:00", end: "14:00" } }, // W53: ignored
    ]);
    expect(slots).toEqual([
      visit("2026-11-10"),
      visit("2026-11-24"),
      { ...visit("2026-12-08"), date: "2026-12-10", start: "09:00", end: "10:30", status: "moved", note: "Lucia week" },
      { ...visit("2026-12-22"), status: "cancelled", note: "Christmas" },
      visit("2027-01-12"),
      visit("2027-01-26"),
    ]);
  });

  it("a note alone keeps the slot scheduled", () => {
    expect(weeklySlots(STUDY_VISITS, "2026-11-10", "2026-11-10", [{ date: "2026-11-10", note: "Room B" }])).toEqual([
      { ...visit("2026-11-10"), note: "Room B" },
    ]);
  });

  it("returns a slot moved out of the range when its original date is inside, not the other way round", () => {
    const exceptions = [
      { date: "2026-11-24", movedTo: { date: "2026-12-03", start: "10:00", end: "11:00" } },
      { date: "2026-12-08", movedTo: { date: "2026-11-26", start: "13:00", end: "14:00" } },
    ];
    expect(weeklySlots(STUDY_VISITS, "2026-11-01", "2026-11-30", exceptions)).toEqual([
      visit("2026-11-10"),
      { originalDate: "2026-11-24", date: "2026-12-03", start: "10:00", end: "11:00", status: "moved" },
    ]);
  });

  it("rejects malformed or contradictory exceptions", () => {
    const bad = [
      [{ date: "2026-12-32", cancelled: true }],
      [{ date: "2026-12-22", movedTo: { date: "2026-12-23", start: "14:00", end: "13:00" } }],
      [{ date: "2026-12-22", movedTo: { date: "2026-12-23", start: "25:00", end: "26:00" } }],
      [{ date: "2026-12-22", movedTo: { date: "23/12/2026", start: "13:00", end: "14:00" } }],
      [{ date: "2026-12-22", cancelled: true, movedTo: { date: "2026-12-23", start: "13:00", end: "14:00" } }],
      [
        { date: "2026-12-22", cancelled: true },
        { date: "2026-12-22", note: "twice" },
      ],
    ];
    for (const exceptions of bad) {
      const list = () => weeklySlots(STUDY_VISITS, "2026-11-01", "2027-01-31", exceptions);
      expect(list, JSON.stringify(exceptions)).toThrow(RangeError);
    }
  });
});

describe("nextSlots", () => {
  const exceptions = [
    { date: "2026-12-22", cancelled: true, note: "Christmas" },
    { date: "2027-01-12", movedTo: { date: "2027-01-14", start: "13:00", end: "14:00" } },
  ];

  it("starts at today inclusive, skips cancelled slots and counts moved ones", () => {
    expect(nextSlots(STUDY_VISITS, "2026-12-08", 3, exceptions)).toEqual([
      visit("2026-12-08"),
      { originalDate: "2027-01-12", date: "2027-01-14", start: "13:00", end: "14:00", status: "moved" },
      visit("2027-01-26"),
    ]);
    const fromWednesday = nextSlots(STUDY_VISITS, "2026-12-09", 3, exceptions);
    expect(dates(fromWednesday)).toEqual(["2027-01-12", "2027-01-26", "2027-02-09"]);
  });

  it("handles count 0, many cancellations in a row and bad counts", () => {
    expect(nextSlots(STUDY_VISITS, "2026-12-08", 0)).toEqual([]);
    const allCancelled = ["2026-11-10", "2026-11-24", "2026-12-08"].map((date) => ({ date, cancelled: true }));
    expect(dates(nextSlots(STUDY_VISITS, "2026-11-01", 1, allCancelled))).toEqual(["2026-12-22"]);
    expect(() => nextSlots(STUDY_VISITS, "2026-12-08", -1)).toThrow(RangeError);
    expect(() => nextSlots(STUDY_VISITS, "2026-12-08", 1.5)).toThrow(RangeError);
    expect(() => nextSlots(STUDY_VISITS, "2026-12-8", 1)).toThrow(RangeError);
  });
});

describe("cadenceDates (collaboration team: every 3 weeks, 2 hours)", () => {
  const TEAM: CadenceRule = { anchor: "2026-01-13", intervalWeeks: 3, start: "13:00", durationMinutes: 120 };

  it("runs forward through a whole year without drifting", () => {
    expect(cadenceDates(TEAM, "2026-01-01", "2026-12-31")).toEqual([
      "2026-01-13",
      "2026-02-03",
      "2026-02-24",
      "2026-03-17",
      "2026-04-07",
      "2026-04-28",
      "2026-05-19",
      "2026-06-09",
      "2026-06-30",
      "2026-07-21",
      "2026-08-11",
      "2026-09-01",
      "2026-09-22",
      "2026-10-13",
      "2026-11-03",
      "2026-11-24",
      "2026-12-15",
    ]);
  });

  it.each([
    ["over spring DST (2026-03-29)", "2026-03-01", "2026-04-30", ["2026-03-17", "2026-04-07", "2026-04-28"]],
    ["over autumn DST (2026-10-25)", "2026-10-01", "2026-11-30", ["2026-10-13", "2026-11-03", "2026-11-24"]],
    ["across the year boundary", "2026-12-01", "2027-02-01", ["2026-12-15", "2027-01-05", "2027-01-26"]],
    [
      "backwards from the anchor (across 2025-10-26 DST and the year boundary)",
      "2025-10-01",
      "2026-01-13",
      ["2025-10-21", "2025-11-11", "2025-12-02", "2025-12-23", "2026-01-13"],
    ],
    ["a range between two meetings", "2026-01-14", "2026-02-02", []],
    ["a range ending the day before a meeting", "2025-12-24", "2026-01-12", []],
    ["a reversed range", "2026-12-31", "2026-01-01", []],
  ])("%s", (_label, from, to, expected) => {
    expect(cadenceDates(TEAM, from, to)).toEqual(expected);
  });

  it("interval 1 is weekly", () => {
    expect(cadenceDates({ ...TEAM, intervalWeeks: 1 }, "2026-03-20", "2026-04-10")).toEqual([
      "2026-03-24",
      "2026-03-31",
      "2026-04-07",
    ]);
  });

  it("rejects bad rules", () => {
    const bad: [string, CadenceRule][] = [
      ["interval 0", { ...TEAM, intervalWeeks: 0 }],
      ["interval 1.5", { ...TEAM, intervalWeeks: 1.5 }],
      ["duration 0", { ...TEAM, durationMinutes: 0 }],
      ["past midnight", { ...TEAM, start: "23:00", durationMinutes: 120 }],
      ["bad start", { ...TEAM, start: "13.00" }],
      ["bad anchor", { ...TEAM, anchor: "2026-02-30" }],
    ];
    for (const [label, rule] of bad) {
      expect(() => cadenceDates(rule, "2026-01-01", "2026-12-31"), label).toThrow(RangeError);
    }
    expect(() => cadenceDates(TEAM, "2026-01-01", "next year")).toThrow(RangeError);
  });
});

describe("endTime", () => {
  it.each([
    ["13:00", 120, "15:00"],
    ["09:45", 30, "10:15"],
    ["08:10", 95, "09:45"],
    ["23:00", 59, "23:59"],
    ["00:00", 1439, "23:59"],
    ["00:00", 1, "00:01"],
  ])("%s + %i min = %s", (start, minutes, expected) => {
    expect(endTime(start, minutes)).toBe(expected);
  });

  it.each([
    ["23:00", 60], // would end at 24:00, which is not a time of the day
    ["22:30", 120],
    ["13:00", 0],
    ["13:00", -30],
    ["13:00", 1.5],
    ["25:00", 10],
    ["13:5", 10],
  ])("%s + %i min throws", (start, minutes) => {
    expect(() => endTime(start, minutes)).toThrow(RangeError);
  });
});

describe("time zone independence", () => {
  it("gives the same hard-coded results whatever TZ is set to", () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ["UTC", "Europe/Stockholm", "America/Los_Angeles", "Pacific/Auckland", "America/Sao_Paulo"]) {
        process.env.TZ = tz;
        expect(dates(weeklySlots(STUDY_VISITS, "2026-12-14", "2027-01-17")), tz).toEqual(["2026-12-22", "2027-01-12"]);
        const team = { anchor: "2026-03-17", intervalWeeks: 3, start: "13:00", durationMinutes: 120 };
        expect(cadenceDates(team, "2026-03-01", "2026-11-10"), tz).toEqual([
          "2026-03-17",
          "2026-04-07",
          "2026-04-28",
          "2026-05-19",
          "2026-06-09",
          "2026-06-30",
          "2026-07-21",
          "2026-08-11",
          "2026-09-01",
          "2026-09-22",
          "2026-10-13",
          "2026-11-03",
        ]);
        expect(isoWeek("2027-01-01"), tz).toEqual({ year: 2026, week: 53 });
        expect(addDays("2026-03-28", 2), tz).toBe("2026-03-30");
        expect(weekdayOf("2026-10-25"), tz).toBe(7);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
