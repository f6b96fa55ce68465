import { describe, expect, it } from "vitest";
import {
  activityKinds,
  DEFAULT_ACTIVITY_KINDS,
  DEFAULT_TOPICS,
  exceptionsOutsideRule,
  isHeld,
  isInvolved,
  localDateTime,
  mondayOfIsoWeek,
  monthView,
  monthViews,
  scheduleOccurrences,
  seriesOccurrences,
  seriesRuleDates,
  topics,
  weekView,
  weekViews,
  zonedInstant,
  type Occurrence,
  type RecurringSeries,
} from "./schedule.ts";

// KRUS's spring term 2027 (Monday 11 January to Friday 11 June).
const term = { firstDate: "2027-01-11", lastDate: "2027-06-11" };
const ordinary: RecurringSeries = { id: "ordinary", weekdays: [1, 2, 3], start: "09:00", end: "12:00", ...term };
const wellness: RecurringSeries = { id: "wellness", weekdays: [2, 4], start: "13:00", end: "15:00", ...term };
const preGroup: RecurringSeries = { id: "pre-group", weekdays: [4], start: "13:00", end: "14:30", ...term };

const byStatus = (occurrences: Occurrence[], status: Occurrence["status"]) => occurrences.filter((o) => o.status === status);
const find = (occurrences: Occurrence[], date: string) => occurrences.find((o) => o.originalDate === date);

describe("activity kinds and topics", () => {
  it("has the default kinds and the 7TJUGO topics as stable keys", () => {
    expect(DEFAULT_ACTIVITY_KINDS).toEqual([
      "groupSession",
      "wellness",
      "preGroupSession",
      "lecture",
      "workplaceStudyVisit",
      "employerVisit",
      "individualCoaching",
      "therapistMeeting",
      "nada",
      "other",
    ]);
    expect(DEFAULT_TOPICS).toEqual([
      "gamePlan",
      "platform",
      "communication",
      "attitudes",
      "selfImage",
      "resources",
      "responsibility",
      "goals",
      "wellness",
    ]);
  });

  it("adds a program's own after the defaults", () => {
    const kinds = activityKinds([{ key: "canoeing", label: " Kanot " }]);
    expect(kinds).toHaveLength(11);
    expect(kinds[0]).toEqual({ key: "groupSession", builtIn: true });
    expect(kinds[10]).toEqual({ key: "canoeing", builtIn: false, label: "Kanot" });
    expect(topics([{ key: "private-economy", label: "Privatekonomi" }]).map((t) => t.key)).toContain("private-economy");
  });

  it("refuses a key in use, a malformed key and a missing label", () => {
    expect(() => activityKinds([{ key: "nada", label: "NADA" }])).toThrow(/already in use/);
    expect(() => activityKinds([{ key: "a", label: "x" }, { key: "a", label: "y" }])).toThrow(RangeError);
    expect(() => activityKinds([{ key: "Kanot paddling", label: "x" }])).toThrow(/invalid key/);
    expect(() => topics([{ key: "money", label: "  " }])).toThrow(/label/);
  });
});

describe("zonedInstant (Europe/Stockholm)", () => {
  it("puts 09:00 at 08:00Z in winter and 07:00Z in summer", () => {
    expect(zonedInstant("2027-01-11", "09:00")).toEqual({ instant: "2027-01-11T08:00:00Z" });
    expect(zonedInstant("2027-06-07", "09:00")).toEqual({ instant: "2027-06-07T07:00:00Z" });
  });

  it("changes offset on the last Sunday of March and of October 2027", () => {
    expect(zonedInstant("2027-03-27", "12:00").instant).toBe("2027-03-27T11:00:00Z");
    expect(zonedInstant("2027-03-28", "01:59").instant).toBe("2027-03-28T00:59:00Z");
    expect(zonedInstant("2027-03-28", "03:00")).toEqual({ instant: "2027-03-28T01:00:00Z" });
    expect(zonedInstant("2027-03-28", "12:00").instant).toBe("2027-03-28T10:00:00Z");
    expect(zonedInstant("2027-10-30", "12:00").instant).toBe("2027-10-30T10:00:00Z");
    expect(zonedInstant("2027-10-31", "01:59")).toEqual({ instant: "2027-10-30T23:59:00Z" });
    expect(zonedInstant("2027-10-31", "03:00")).toEqual({ instant: "2027-10-31T02:00:00Z" });
    expect(zonedInstant("2027-10-31", "12:00").instant).toBe("2027-10-31T11:00:00Z");
  });

  it("reads a time in the spring gap with the offset before it (02:30 is 03:30 summer time)", () => {
    expect(zonedInstant("2027-03-28", "02:00")).toEqual({ instant: "2027-03-28T01:00:00Z", adjustment: "gap" });
    expect(zonedInstant("2027-03-28", "02:30")).toEqual({ instant: "2027-03-28T01:30:00Z", adjustment: "gap" });
    expect(localDateTime("2027-03-28T01:30:00Z")).toEqual({ date: "2027-03-28", time: "03:30" });
  });

  it("reads a repeated autumn time as its first occurrence (summer time)", () => {
    expect(zonedInstant("2027-10-31", "02:00")).toEqual({ instant: "2027-10-31T00:00:00Z", adjustment: "repeated" });
    expect(zonedInstant("2027-10-31", "02:30")).toEqual({ instant: "2027-10-31T00:30:00Z", adjustment: "repeated" });
    // The second 02:30 (winter time) is an hour later; both read back as 02:30.
    expect(localDateTime("2027-10-31T00:30:00Z")).toEqual({ date: "2027-10-31", time: "02:30" });
    expect(localDateTime("2027-10-31T01:30:00Z")).toEqual({ date: "2027-10-31", time: "02:30" });
  });

  it("works for other zones and refuses unknown ones and bad input", () => {
    expect(zonedInstant("2027-01-11", "09:00", "Europe/Oslo").instant).toBe("2027-01-11T08:00:00Z");
    expect(zonedInstant("2027-01-11", "09:00", "UTC").instant).toBe("2027-01-11T09:00:00Z");
    expect(() => zonedInstant("2027-01-11", "09:00", "Europe/Nowhere")).toThrow(/time zone/);
    expect(() => zonedInstant("2027-02-29", "09:00")).toThrow(RangeError);
    expect(() => zonedInstant("2027-01-11", "24:00")).toThrow(RangeError);
    expect(() => localDateTime("2027-01-11 08:00")).toThrow(RangeError);
  });

  it("is an exact inverse of localDateTime on every hour of a DST year, except the gap", () => {
    for (let ms = Date.parse("2027-01-01T00:00:00Z"); ms < Date.parse("2028-01-01T00:00:00Z"); ms += 3_600_000) {
      const instant = new Date(ms).toISOString().replace(".000Z", "Z");
      const { date, time } = localDateTime(instant);
      const back = zonedInstant(date, time);
      if (back.adjustment === "repeated") {
        expect(["2027-10-31T00:00:00Z", "2027-10-31T01:00:00Z"]).toContain(instant);
      } else {
        expect(back, instant).toEqual({ instant });
      }
    }
  });
});

describe("a term of recurring series (KRUS, spring 2027)", () => {
  it("gives the ordinary group Monday to Wednesday, skipping annandag påsk", () => {
    const occurrences = seriesOccurrences(ordinary);
    expect(occurrences).toHaveLength(66); // 22 weeks x 3
    expect(occurrences[0]).toEqual({
      seriesId: "ordinary",
      originalDate: "2027-01-11",
      date: "2027-01-11",
      start: "09:00",
      end: "12:00",
      startsAt: "2027-01-11T08:00:00Z",
      endsAt: "2027-01-11T11:00:00Z",
      status: "scheduled",
    });
    expect(occurrences.at(-1)?.date).toBe("2027-06-09");
    const skipped = byStatus(occurrences, "skipped");
    expect(skipped.map((o) => o.date)).toEqual(["2027-03-29"]);
    expect(skipped[0]?.skippedFor?.map((h) => h.key)).toEqual(["annandagPask"]);
    expect(occurrences.filter(isHeld)).toHaveLength(65);
    expect(occurrences.every((o) => [1, 2, 3].includes(new Date(`${o.date}T12:00:00Z`).getUTCDay()))).toBe(true);
  });

  it("gives wellness on Tuesdays and Thursdays and the pre-group on Thursdays, skipping Kristi himmelsfärd", () => {
    const well = seriesOccurrences(wellness);
    expect(well).toHaveLength(44);
    expect(byStatus(well, "skipped").map((o) => o.date)).toEqual(["2027-05-06"]);
    const pre = seriesOccurrences(preGroup);
    expect(pre).toHaveLength(22);
    expect(byStatus(pre, "skipped").map((o) => [o.date, o.skippedFor?.[0]?.name])).toEqual([["2027-05-06", "Kristi himmelsfärdsdag"]]);
    expect(find(pre, "2027-01-14")).toMatchObject({ start: "13:00", end: "14:30", startsAt: "2027-01-14T12:00:00Z", endsAt: "2027-01-14T13:30:00Z" });
  });

  it("keeps the wall-clock time across the spring change: 08:00Z before, 07:00Z after", () => {
    const week = seriesOccurrences(ordinary, "2027-03-22", "2027-04-04");
    expect(week.map((o) => [o.date, o.status, o.startsAt, o.endsAt])).toEqual([
      ["2027-03-22", "scheduled", "2027-03-22T08:00:00Z", "2027-03-22T11:00:00Z"],
      ["2027-03-23", "scheduled", "2027-03-23T08:00:00Z", "2027-03-23T11:00:00Z"],
      ["2027-03-24", "scheduled", "2027-03-24T08:00:00Z", "2027-03-24T11:00:00Z"],
      ["2027-03-29", "skipped", "2027-03-29T07:00:00Z", "2027-03-29T10:00:00Z"],
      ["2027-03-30", "scheduled", "2027-03-30T07:00:00Z", "2027-03-30T10:00:00Z"],
      ["2027-03-31", "scheduled", "2027-03-31T07:00:00Z", "2027-03-31T10:00:00Z"],
    ]);
    expect(week.every((o) => o.adjusted === undefined)).toBe(true);
  });

  it("keeps the wall-clock time across the autumn change: 07:00Z before, 08:00Z after", () => {
    const autumn: RecurringSeries = { ...ordinary, firstDate: "2027-08-16", lastDate: "2027-12-17" };
    expect(seriesOccurrences(autumn, "2027-10-27", "2027-11-01").map((o) => [o.date, o.startsAt])).toEqual([
      ["2027-10-27", "2027-10-27T07:00:00Z"],
      ["2027-11-01", "2027-11-01T08:00:00Z"],
    ]);
  });

  it("merges several series in order of start", () => {
    const day = scheduleOccurrences([preGroup, wellness, ordinary], "2027-01-12", "2027-01-14");
    expect(day.map((o) => `${o.date} ${o.start} ${o.seriesId}`)).toEqual([
      "2027-01-12 09:00 ordinary",
      "2027-01-12 13:00 wellness",
      "2027-01-13 09:00 ordinary",
      "2027-01-14 13:00 pre-group",
      "2027-01-14 13:00 wellness",
    ]);
    expect(() => scheduleOccurrences([ordinary, ordinary], "2027-01-11", "2027-01-12")).toThrow(/twice/);
  });
});

describe("exceptions", () => {
  const withExceptions: RecurringSeries = {
    ...ordinary,
    exceptions: [
      { originalDate: "2027-02-15", kind: "cancelled", note: "Sportlov" },
      { originalDate: "2027-02-17", kind: "changed", date: "2027-02-18", start: "10:00", end: "12:30", placeId: "library", note: "Studiebesök" },
      { originalDate: "2027-03-29", kind: "changed", note: "Extra session on annandag påsk" },
      { originalDate: "2027-04-06", kind: "changed", end: "11:00" },
    ],
  };

  it("lists a cancelled occurrence with its note", () => {
    expect(find(seriesOccurrences(withExceptions), "2027-02-15")).toMatchObject({ status: "cancelled", note: "Sportlov", date: "2027-02-15" });
  });

  it("moves an occurrence to another day, time and place, keeping its identity", () => {
    const moved = find(seriesOccurrences(withExceptions), "2027-02-17");
    expect(moved).toEqual({
      seriesId: "ordinary",
      originalDate: "2027-02-17",
      date: "2027-02-18",
      start: "10:00",
      end: "12:30",
      startsAt: "2027-02-18T09:00:00Z",
      endsAt: "2027-02-18T11:30:00Z",
      status: "changed",
      placeId: "library",
      note: "Studiebesök",
    });
  });

  it("finds a moved occurrence by where it went, not where it came from", () => {
    expect(seriesOccurrences(withExceptions, "2027-02-17", "2027-02-17")).toEqual([]);
    expect(seriesOccurrences(withExceptions, "2027-02-18", "2027-02-18").map((o) => o.originalDate)).toEqual(["2027-02-17"]);
  });

  it("holds an occurrence on a holiday when an exception says so, and changes only what it names", () => {
    const all = seriesOccurrences(withExceptions);
    expect(find(all, "2027-03-29")).toMatchObject({ status: "changed", start: "09:00", end: "12:00", startsAt: "2027-03-29T07:00:00Z" });
    expect(find(all, "2027-04-06")).toMatchObject({ status: "changed", start: "09:00", end: "11:00", date: "2027-04-06" });
    expect(byStatus(all, "skipped")).toEqual([]);
  });

  it("cancels rather than skips when a holiday has a cancelling exception", () => {
    const s: RecurringSeries = { ...ordinary, exceptions: [{ originalDate: "2027-03-29", kind: "cancelled", note: "Påsk" }] };
    expect(find(seriesOccurrences(s), "2027-03-29")).toMatchObject({ status: "cancelled", note: "Påsk" });
    expect(find(seriesOccurrences(s), "2027-03-29")?.skippedFor).toBeUndefined();
  });

  it("refuses exceptions the rule does not give, twice for a date, or with a bad change", () => {
    const bad = (exceptions: RecurringSeries["exceptions"]) => () => seriesOccurrences({ ...ordinary, exceptions });
    expect(bad([{ originalDate: "2027-01-14", kind: "cancelled" }])).toThrow(/no occurrence on 2027-01-14/);
    expect(bad([{ originalDate: "2027-01-04", kind: "cancelled" }])).toThrow(/no occurrence/);
    expect(bad([{ originalDate: "2027-01-11", kind: "cancelled" }, { originalDate: "2027-01-11", kind: "changed" }])).toThrow(/more than one/);
    expect(bad([{ originalDate: "2027-01-11", kind: "changed", start: "12:30" }])).toThrow(/after start/);
    expect(bad([{ originalDate: "2027-01-11", kind: "changed", date: "2027-02-30" }])).toThrow(RangeError);
    expect(bad([{ originalDate: "2027-01-11", kind: "changed", placeId: "" }])).toThrow(/placeId/);
  });

  it("tells which exceptions a changed rule no longer gives", () => {
    const changed: RecurringSeries = { ...withExceptions, weekdays: [1, 2] };
    expect(exceptionsOutsideRule(changed).map((e) => e.originalDate)).toEqual(["2027-02-17"]);
    expect(exceptionsOutsideRule(withExceptions)).toEqual([]);
  });
});

describe("holiday rules", () => {
  const christmas: RecurringSeries = { id: "x", weekdays: [4, 5], start: "09:00", end: "12:00", firstDate: "2026-12-14", lastDate: "2027-01-08" };

  it("skips both red days and de facto days off by default", () => {
    expect(byStatus(seriesOccurrences(christmas), "skipped").map((o) => [o.date, o.skippedFor?.map((h) => h.kind)])).toEqual([
      ["2026-12-24", ["deFacto"]],
      ["2026-12-25", ["public"]],
      ["2026-12-31", ["deFacto"]],
      ["2027-01-01", ["public"]],
    ]);
  });

  it("skips only the red days with 'public' and none with 'none'", () => {
    expect(byStatus(seriesOccurrences({ ...christmas, skipHolidays: "public" }), "skipped").map((o) => o.date)).toEqual(["2026-12-25", "2027-01-01"]);
    expect(byStatus(seriesOccurrences({ ...christmas, skipHolidays: "none" }), "skipped")).toEqual([]);
    expect(seriesOccurrences({ ...christmas, skipHolidays: "none" })).toHaveLength(8);
  });

  it("skips nyårsdagen and långfredagen on Fridays, trettondedag jul on a Wednesday and midsommarafton", () => {
    const s: RecurringSeries = { id: "w", weekdays: [3, 5], start: "09:00", end: "10:00", firstDate: "2027-01-01", lastDate: "2027-06-30" };
    expect(byStatus(seriesOccurrences(s), "skipped").map((o) => o.date)).toEqual(["2027-01-01", "2027-01-06", "2027-03-26", "2027-06-25"]);
  });
});

describe("series rules", () => {
  it("follows ISO-week parity across a year with 53 weeks (two odd weeks in a row)", () => {
    const s: RecurringSeries = { id: "sv", weekdays: [2], start: "13:00", end: "14:00", weeks: "even", firstDate: "2026-12-01", lastDate: "2027-01-31" };
    expect(seriesRuleDates(s)).toEqual(["2026-12-08", "2026-12-22", "2027-01-12", "2027-01-26"]);
    expect(seriesRuleDates({ ...s, weeks: "odd" })).toEqual(["2026-12-01", "2026-12-15", "2026-12-29", "2027-01-05", "2027-01-19"]);
  });

  it("includes the first and last dates of the term", () => {
    expect(seriesRuleDates({ ...ordinary, weekdays: [1, 5] }).slice(0, 1)).toEqual(["2027-01-11"]);
    expect(seriesRuleDates({ ...ordinary, weekdays: [1, 5] }).at(-1)).toBe("2027-06-11");
  });

  it("refuses malformed series", () => {
    const bad = (change: Partial<RecurringSeries>) => () => seriesOccurrences({ ...ordinary, ...change });
    expect(bad({ weekdays: [] })).toThrow(/weekday/);
    expect(bad({ weekdays: [1, 1] })).toThrow(/twice/);
    expect(bad({ weekdays: [8 as 1] })).toThrow(/weekday/);
    expect(bad({ start: "12:00", end: "09:00" })).toThrow(/after start/);
    expect(bad({ end: "24:00" })).toThrow(RangeError);
    expect(bad({ firstDate: "2027-06-12" })).toThrow(/after lastDate/);
    expect(bad({ lastDate: "2030-01-01" })).toThrow(/at most/);
    expect(bad({ id: "has space" })).toThrow(/series id/);
    expect(bad({ skipHolidays: "some" as "all" })).toThrow(/skipHolidays/);
    expect(() => seriesOccurrences(ordinary, "2027-13-01")).toThrow(RangeError);
  });
});

describe("sessions on the nights the clocks change", () => {
  it("flags a session starting in the spring gap and gives its real instants", () => {
    const night: RecurringSeries = { id: "night", weekdays: [7], start: "02:30", end: "04:00", firstDate: "2027-03-21", lastDate: "2027-04-04", skipHolidays: "none" };
    expect(seriesOccurrences(night).map((o) => [o.date, o.startsAt, o.endsAt, o.adjusted])).toEqual([
      ["2027-03-21", "2027-03-21T01:30:00Z", "2027-03-21T03:00:00Z", undefined],
      ["2027-03-28", "2027-03-28T01:30:00Z", "2027-03-28T02:00:00Z", { start: "gap" }],
      ["2027-04-04", "2027-04-04T00:30:00Z", "2027-04-04T02:00:00Z", undefined],
    ]);
  });

  it("gives a session wholly inside the gap no length rather than a negative one", () => {
    const s: RecurringSeries = { id: "g", weekdays: [7], start: "02:15", end: "02:45", firstDate: "2027-03-28", lastDate: "2027-03-28", skipHolidays: "none" };
    // 02:45 (gap) is read as 01:45Z, after 02:15 (gap) as 01:15Z: both in the gap keep their order.
    expect(seriesOccurrences(s)[0]).toMatchObject({ startsAt: "2027-03-28T01:15:00Z", endsAt: "2027-03-28T01:45:00Z", adjusted: { start: "gap", end: "gap" } });
    const across: RecurringSeries = { ...s, start: "02:30", end: "03:00" };
    // 02:30 (gap) is 01:30Z but 03:00 is 01:00Z: the session gets no length.
    expect(seriesOccurrences(across)[0]).toMatchObject({ startsAt: "2027-03-28T01:30:00Z", endsAt: "2027-03-28T01:30:00Z", adjusted: { start: "gap" } });
  });

  it("flags a session starting in the repeated autumn hour: it is two and a half hours long", () => {
    const s: RecurringSeries = { id: "r", weekdays: [7], start: "01:30", end: "03:00", firstDate: "2027-10-31", lastDate: "2027-10-31", skipHolidays: "none" };
    const [o] = seriesOccurrences(s);
    expect(o).toMatchObject({ startsAt: "2027-10-30T23:30:00Z", endsAt: "2027-10-31T02:00:00Z" });
    expect(o?.adjusted).toBeUndefined();
    const repeated = seriesOccurrences({ ...s, start: "02:30", end: "03:30" })[0];
    expect(repeated).toMatchObject({ startsAt: "2027-10-31T00:30:00Z", endsAt: "2027-10-31T02:30:00Z", adjusted: { start: "repeated" } });
  });
});

describe("who takes part", () => {
  const session = { leaderIds: ["sara"], groupIds: ["ordinary"], personIds: ["guest"] };
  it("finds leaders, named participants and group members, and no one else", () => {
    expect(isInvolved(session, { ids: ["sara"], groupIds: [] })).toBe(true);
    expect(isInvolved(session, { ids: ["guest"], groupIds: [] })).toBe(true);
    expect(isInvolved(session, { ids: ["ella"], groupIds: ["ordinary"] })).toBe(true);
    expect(isInvolved(session, { ids: ["ella"], groupIds: ["pre-group"] })).toBe(false);
  });
});

describe("week views", () => {
  it("finds the Monday of ISO weeks, week 53 of 2026 included", () => {
    expect(mondayOfIsoWeek(2027, 1)).toBe("2027-01-04");
    expect(mondayOfIsoWeek(2026, 1)).toBe("2025-12-29");
    expect(mondayOfIsoWeek(2026, 53)).toBe("2026-12-28");
    expect(mondayOfIsoWeek(2020, 53)).toBe("2020-12-28");
    expect(() => mondayOfIsoWeek(2027, 53)).toThrow(/1-52/);
    expect(() => mondayOfIsoWeek(2027, 0)).toThrow(RangeError);
  });

  it("groups by ISO week across the year boundary: 51, 52, 53, 1", () => {
    const s: RecurringSeries = { id: "yb", weekdays: [1, 2, 3], start: "09:00", end: "12:00", firstDate: "2026-12-14", lastDate: "2027-01-13" };
    const weeks = weekViews(seriesOccurrences(s), "2026-12-20", "2027-01-10");
    expect(weeks.map((w) => [w.year, w.week, w.days[0]?.date, w.days[6]?.date])).toEqual([
      [2026, 51, "2026-12-14", "2026-12-20"],
      [2026, 52, "2026-12-21", "2026-12-27"],
      [2026, 53, "2026-12-28", "2027-01-03"],
      [2027, 1, "2027-01-04", "2027-01-10"],
    ]);
    const week53 = weeks[2];
    expect(week53?.days.map((d) => d.items.length)).toEqual([1, 1, 1, 0, 0, 0, 0]);
    expect(week53?.days.map((d) => d.holidays.map((h) => h.key))).toEqual([[], [], [], ["nyarsafton"], ["nyarsdagen"], [], []]);
    expect(weeks[3]?.days[2]?.items[0]).toMatchObject({ date: "2027-01-06", status: "skipped" });
    expect(weeks[3]?.days.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("orders a day's items by start and keeps extra data", () => {
    const items = [
      { date: "2027-01-12", startsAt: "2027-01-12T12:00:00Z", title: "Friskvård" },
      { date: "2027-01-12", startsAt: "2027-01-12T08:00:00Z", title: "Grupp" },
      { date: "2027-01-20", startsAt: "2027-01-20T08:00:00Z", title: "next week" },
    ];
    const week = weekView(items, 2027, 2);
    expect(week.days[1]?.items.map((i) => i.title)).toEqual(["Grupp", "Friskvård"]);
    expect(week.days.flatMap((d) => d.items)).toHaveLength(2);
  });

  it("refuses an inverted range", () => {
    expect(() => weekViews([], "2027-01-10", "2027-01-01")).toThrow(/after/);
  });
});

describe("month views", () => {
  const items = seriesOccurrences({ ...ordinary, firstDate: "2026-11-30", lastDate: "2027-01-31" });

  it("lays out December 2026 in ISO weeks 49 to 53, the neighbours' days marked", () => {
    const december = monthView(items, 2026, 12);
    expect(december.weeks.map((w) => w.week)).toEqual([49, 50, 51, 52, 53]);
    expect(december.weeks[0]?.days.map((d) => [d.date, d.inMonth]).slice(0, 2)).toEqual([
      ["2026-11-30", false],
      ["2026-12-01", true],
    ]);
    expect(december.weeks[4]?.days.map((d) => d.inMonth)).toEqual([true, true, true, true, false, false, false]);
    const inMonth = december.weeks.flatMap((w) => w.days).filter((d) => d.inMonth);
    expect(inMonth).toHaveLength(31);
    expect(inMonth.flatMap((d) => d.items)).toHaveLength(14); // Mon-Wed in December 2026 (1-2, 7-9, 14-16, 21-23, 28-30)
  });

  it("starts January 2027 with week 53 of 2026 and ends with week 4", () => {
    const january = monthView(items, 2027, 1);
    expect(january.weeks.map((w) => [w.year, w.week])).toEqual([
      [2026, 53],
      [2027, 1],
      [2027, 2],
      [2027, 3],
      [2027, 4],
    ]);
  });

  it("gives every month touching a range, across a year boundary", () => {
    expect(monthViews(items, "2026-11-15", "2027-02-01").map((m) => [m.year, m.month])).toEqual([
      [2026, 11],
      [2026, 12],
      [2027, 1],
      [2027, 2],
    ]);
    expect(() => monthView(items, 2027, 13)).toThrow(RangeError);
  });
});
