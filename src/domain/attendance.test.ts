import { describe, expect, it } from "vitest";
import {
  absenceRules,
  ATTENDANCE_STATUSES,
  type AttendanceMark,
  attendanceBand,
  attendanceRate,
  type AttendanceSession,
  type AttendanceStatus,
  evaluateAbsenceRules,
  followUpDone,
  FOLLOW_UP_OUTCOMES,
  isAttended,
  isExcused,
  isFollowUpOutcome,
  monthlyAttendanceReport,
  periodOf,
  personSessions,
  ratesByParticipant,
  ratesByPeriod,
  rowsBetween,
} from "./attendance.ts";
import { addDays } from "./calendar.ts";

/** Group mornings Monday-Wednesday 09:00-12:00 from Monday 2026-11-02, `weeks` weeks. */
function groupMornings(weeks: number, expected: string[] = ["ella", "omar"]): AttendanceSession[] {
  const sessions: AttendanceSession[] = [];
  for (let w = 0; w < weeks; w++) {
    for (let d = 0; d < 3; d++) {
      const date = addDays("2026-11-02", w * 7 + d);
      sessions.push({ id: `g-${date}`, date, start: "09:00", end: "12:00", kind: "group", expected });
    }
  }
  return sessions;
}

/** Marks for one person: statuses in session order ("." leaves a session unrecorded). */
function marksFor(personId: string, sessions: AttendanceSession[], statuses: (AttendanceStatus | ".")[]): AttendanceMark[] {
  return statuses.flatMap((status, i) => (status === "." ? [] : [{ sessionId: sessions[i]!.id, personId, status }]));
}

const P = "present" as const;
const L = "late" as const;
const N = "absent_with_notice" as const;
const U = "absent_without_notice" as const;
const S = "sick" as const;

describe("what the statuses count as", () => {
  it("counts present and late as attended, notice and sick as excused, and absence without notice as neither", () => {
    expect(ATTENDANCE_STATUSES.filter(isAttended)).toEqual(["present", "late"]);
    expect(ATTENDANCE_STATUSES.filter(isExcused)).toEqual(["absent_with_notice", "sick"]);
    expect(isAttended(U) || isExcused(U)).toBe(false);
  });
});

describe("attendance rate and bands", () => {
  it("leaves excused and unrecorded sessions out of the denominator", () => {
    const rate = attendanceRate([P, L, N, S, U, null, P].map((status) => ({ status })));
    expect(rate).toEqual({
      expected: 7,
      attended: 3,
      present: 2,
      late: 1,
      excused: 2,
      absentWithNotice: 1,
      sick: 1,
      absentWithoutNotice: 1,
      unrecorded: 1,
      counted: 4,
      percent: 75,
      band: "partial",
    });
  });

  it("has no rate when nothing counted (all excused or unrecorded)", () => {
    expect(attendanceRate([{ status: S }, { status: null }])).toMatchObject({ counted: 0, percent: null, band: null });
    expect(attendanceRate([])).toMatchObject({ expected: 0, percent: null, band: null });
  });

  it("puts the band boundaries exactly at 80 % and 50 %", () => {
    expect(attendanceBand(4, 5)).toBe("compliant"); // exactly 80 %
    expect(attendanceBand(80, 100)).toBe("compliant");
    expect(attendanceBand(7999, 10000)).toBe("partial"); // 79.99 %
    expect(attendanceBand(1, 2)).toBe("partial"); // exactly 50 %
    expect(attendanceBand(4999, 10000)).toBe("not_compliant");
    expect(attendanceBand(0, 3)).toBe("not_compliant");
    expect(attendanceBand(3, 3)).toBe("compliant");
    expect(attendanceBand(8_000_000, 10_000_000)).toBe("compliant");
    expect(attendanceBand(0, 0)).toBeNull();
    expect(() => attendanceBand(0.8, 1)).toThrow(RangeError);
    expect(() => attendanceBand(3, 2)).toThrow(RangeError);
  });

  it("floors the percent in integers, so it agrees with the band and has no floating-point drift", () => {
    const rate = (attended: number, counted: number) =>
      attendanceRate([...Array(attended).fill({ status: P }), ...Array(counted - attended).fill({ status: U })]);
    // 57 / 100 * 100 is 56.99999999999999 in floating point; the integer way gives 57.
    expect(rate(57, 100).percent).toBe(57);
    expect(rate(29, 100).percent).toBe(29);
    expect(rate(4, 5)).toMatchObject({ percent: 80, band: "compliant" });
    expect(rate(79, 99)).toMatchObject({ percent: 79, band: "partial" }); // 79.8 %: shown as 79, not rounded to 80
    expect(rate(1, 3)).toMatchObject({ percent: 33, band: "not_compliant" });
    for (let counted = 1; counted <= 60; counted++) {
      for (let attended = 0; attended <= counted; attended++) {
        const { percent, band } = rate(attended, counted);
        expect(band).toBe(percent! >= 80 ? "compliant" : percent! >= 50 ? "partial" : "not_compliant");
      }
    }
  });

  it("rates per participant, per group (pooled) and per period", () => {
    const sessions = groupMornings(2);
    const marks = [...marksFor("ella", sessions, [P, P, P, P, P, U]), ...marksFor("omar", sessions, [U, U, S, P, ".", "."])];
    const rows = personSessions(sessions, marks);
    const byPerson = ratesByParticipant(rows);
    expect([...byPerson.keys()]).toEqual(["ella", "omar"]);
    expect(byPerson.get("ella")).toMatchObject({ attended: 5, counted: 6, percent: 83, band: "compliant" });
    expect(byPerson.get("omar")).toMatchObject({ attended: 1, counted: 3, excused: 1, unrecorded: 2, percent: 33, band: "not_compliant" });
    // The group's rate pools person-sessions: 6 of 9, not the mean of 83 % and 33 %.
    expect(attendanceRate(rows)).toMatchObject({ attended: 6, counted: 9, percent: 66, band: "partial" });
    const weeks = ratesByPeriod(rows, "week");
    expect(weeks.map((w) => [w.period, w.rate.attended, w.rate.counted])).toEqual([
      ["2026-11-02", 3, 5],
      ["2026-11-09", 3, 4],
    ]);
    expect(ratesByPeriod(rows, "month").map((m) => m.period)).toEqual(["2026-11"]);
    expect(rowsBetween(rows, "2026-11-03", "2026-11-04")).toHaveLength(4);
  });

  it("starts weeks on Monday, across a year end", () => {
    expect(periodOf("2026-11-08", "week")).toBe("2026-11-02"); // Sunday
    expect(periodOf("2026-11-02", "week")).toBe("2026-11-02");
    expect(periodOf("2027-01-01", "week")).toBe("2026-12-28");
    expect(periodOf("2027-01-01", "month")).toBe("2027-01");
  });
});

describe("joining sessions and marks", () => {
  const sessions = groupMornings(1);

  it("lists every expected person, unrecorded where no mark, and leaves out people not expected", () => {
    const rows = personSessions(sessions, [
      { sessionId: sessions[0]!.id, personId: "ella", status: "late", minutesLate: 15 },
      { sessionId: sessions[0]!.id, personId: "visitor", status: "present" },
    ]);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatchObject({ personId: "ella", status: "late", minutesLate: 15 });
    expect(rows[1]).toMatchObject({ personId: "omar", status: null, minutesLate: 0 });
    expect(rows.some((r) => r.personId === "visitor")).toBe(false);
  });

  it("refuses inconsistent marks and sessions", () => {
    const m = { sessionId: sessions[0]!.id, personId: "ella", status: P };
    expect(() => personSessions(sessions, [m, m])).toThrow(/two marks/);
    expect(() => personSessions(sessions, [{ ...m, status: "away" as AttendanceStatus }])).toThrow(/unknown/);
    expect(() => personSessions(sessions, [{ ...m, minutesLate: 5 }])).toThrow(/minutes late/);
    expect(() => personSessions(sessions, [{ ...m, status: L, minutesLate: 181 }])).toThrow(/0-180/);
    expect(() => personSessions(sessions, [{ ...m, status: L, minutesLate: 2.5 }])).toThrow(/whole/);
    expect(() => personSessions([{ ...sessions[0]!, end: "08:00" }], [])).toThrow(/end after start/);
    expect(() => personSessions([{ ...sessions[0]!, date: "2026-02-30" }], [])).toThrow(/date/);
    expect(() => personSessions([sessions[0]!, sessions[0]!], [])).toThrow(/twice/);
  });
});

describe("absence rule 1: absences without notice in a row", () => {
  const sessions = groupMornings(3);
  const evaluate = (statuses: (AttendanceStatus | ".")[], extra: Partial<Parameters<typeof evaluateAbsenceRules>[0]> = {}) =>
    evaluateAbsenceRules({
      personId: "omar",
      sessions,
      marks: marksFor("omar", sessions, statuses),
      today: "2026-11-30",
      rules: { lowRatePercent: 0 }, // rule 2 off: test rule 1 alone
      ...extra,
    });

  it("fires at the second absence without notice in a row, explaining which sessions", () => {
    const [t, ...rest] = evaluate([P, P, U, U]);
    expect(rest).toEqual([]);
    expect(t).toMatchObject({
      rule: "consecutive_unexcused",
      personId: "omar",
      key: "consecutive_unexcused:omar:g-2026-11-09",
      threshold: 2,
      active: true,
      triggeredAt: { sessionId: "g-2026-11-09", date: "2026-11-09", start: "09:00", kind: "group", status: U },
      passedOver: [],
    });
    expect(t!.rule === "consecutive_unexcused" && t!.sessions.map((s) => s.date)).toEqual(["2026-11-04", "2026-11-09"]);
  });

  it("does not fire for a single absence, or when presence comes between", () => {
    expect(evaluate([P, U, P, U, P, U])).toEqual([]);
    expect(evaluate([U, L, U])).toEqual([]);
  });

  it("keeps the same key while the run goes on, and gives a new one after the person came back", () => {
    const twice = evaluate([U, U]);
    const thrice = evaluate([U, U, U]);
    expect(thrice).toHaveLength(1);
    expect(thrice[0]!.key).toBe(twice[0]!.key);
    expect(thrice[0]!.rule === "consecutive_unexcused" && thrice[0]!.sessions).toHaveLength(3);
    const again = evaluate([U, U, U, P, U, U]);
    expect(again.map((t) => [t.key, t.active])).toEqual([
      ["consecutive_unexcused:omar:g-2026-11-03", false],
      ["consecutive_unexcused:omar:g-2026-11-11", true], // present on 2026-11-09, then absent on 10 and 11
    ]);
  });

  it("treats a notice or sick call as contact that ends the run (by default)", () => {
    expect(evaluate([U, S, U])).toEqual([]);
    expect(evaluate([U, N, U])).toEqual([]);
  });

  it("passes excused absences over when the program says they do not break the run", () => {
    const [t] = evaluate([U, S, U, N], { rules: { lowRatePercent: 0, excusedBreaksRun: false } });
    expect(t).toMatchObject({ key: "consecutive_unexcused:omar:g-2026-11-04", active: true });
    expect(t!.rule === "consecutive_unexcused" && t!.passedOver.map((s) => s.status)).toEqual([S]); // the trailing N is not inside the run
  });

  it("passes over sessions where the register was not taken", () => {
    expect(evaluate([U, ".", U])).toHaveLength(1);
  });

  it("looks only at the person's own sessions up to today", () => {
    expect(evaluate([P, P, U, U], { today: "2026-11-08" })).toEqual([]); // the second absence is after today
    const others = groupMornings(1, ["ella"]);
    expect(
      evaluateAbsenceRules({ personId: "omar", sessions: others, marks: marksFor("ella", others, [U, U, U]), today: "2026-11-30" }),
    ).toEqual([]);
  });

  it("uses the program's N, can be turned off, and filters by since", () => {
    expect(evaluate([U, U], { rules: { lowRatePercent: 0, consecutiveUnexcused: 3 } })).toEqual([]);
    expect(evaluate([U, U, U], { rules: { lowRatePercent: 0, consecutiveUnexcused: 3 } })).toHaveLength(1);
    expect(evaluate([U, U, U], { rules: { lowRatePercent: 0, consecutiveUnexcused: 0 } })).toEqual([]);
    expect(evaluate([U, U, P, U, U], { since: "2026-11-05" }).map((t) => t.triggeredAt.date)).toEqual(["2026-11-10"]);
  });
});

describe("absence rule 2: low attendance over the last two weeks", () => {
  const sessions = groupMornings(3);
  const evaluate = (statuses: (AttendanceStatus | ".")[], rules: Parameters<typeof absenceRules>[0] = {}, today = "2026-11-30") =>
    evaluateAbsenceRules({
      personId: "omar",
      sessions,
      marks: marksFor("omar", sessions, statuses),
      today,
      rules: { consecutiveUnexcused: 0, ...rules }, // rule 1 off: test rule 2 alone
    });

  it("needs at least three counted sessions, so one missed session is not 0 %", () => {
    expect(evaluate([U])).toEqual([]);
    expect(evaluate([U, P])).toEqual([]);
    expect(evaluate([U, P, U])).toHaveLength(1);
  });

  it("fires below 50 % and not at exactly 50 %", () => {
    expect(evaluate([P, U, P, U])).toEqual([]); // 2 of 3, then 2 of 4: exactly 50 % does not fire
    const [t] = evaluate([U, P, U]); // 1 of 3
    expect(t).toMatchObject({
      rule: "low_rate",
      key: "low_rate:omar:g-2026-11-04",
      thresholdPercent: 50,
      windowDays: 14,
      windowStart: "2026-10-22",
      windowEnd: "2026-11-04",
      rate: { attended: 1, counted: 3, percent: 33 },
    });
  });

  it("leaves excused absences out, as the rate does", () => {
    expect(evaluate([U, S, S, S, P, U])).toHaveLength(1); // 1 of 3 counted
    expect(evaluate([P, S, S, S, P, U])).toEqual([]); // 2 of 3
  });

  it("keeps one key while the window stays low and shows the window's sessions", () => {
    const early = evaluate([U, P, U], {}, "2026-11-04");
    const later = evaluate([U, P, U, U, P, U, U], {}, "2026-11-16");
    expect(later).toHaveLength(1);
    expect(later[0]!.key).toBe(early[0]!.key);
    expect(later[0]).toMatchObject({ active: true });
    expect(later[0]!.sessions.map((s) => s.status)).toEqual([U, P, U]); // the window when it started to hold
  });

  it("forgets sessions older than the window", () => {
    // Two weeks of absences, then presence every day of the third week: by its end the window
    // (2026-11-10 .. 2026-11-23 with sessions on 10, 11, 16, 17, 18) holds only attended ones and one absence.
    const triggers = evaluate([U, U, U, U, U, U, P, P, P], { windowDays: 14 });
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject({ key: "low_rate:omar:g-2026-11-04", active: false });
    // A window of 7 days: on 2026-11-16 the window is 10 .. 16 (U, U, P): still low.
    expect(evaluate([U, U, U, U, U, U, P], { windowDays: 7 }, "2026-11-16")[0]).toMatchObject({ active: true });
    // ...and on 2026-11-17 it is 11 .. 17 (U, P, P): no longer.
    expect(evaluate([U, U, U, U, U, U, P, P], { windowDays: 7 }, "2026-11-17")[0]).toMatchObject({ active: false });
  });

  it("fires both rules when both hold, each with its own key", () => {
    const both = evaluateAbsenceRules({ personId: "omar", sessions, marks: marksFor("omar", sessions, [U, U, U]), today: "2026-11-30" });
    expect(both.map((t) => t.key)).toEqual(["consecutive_unexcused:omar:g-2026-11-03", "low_rate:omar:g-2026-11-04"]);
  });

  it("validates the program's settings", () => {
    expect(absenceRules()).toEqual({ consecutiveUnexcused: 2, excusedBreaksRun: true, lowRatePercent: 50, windowDays: 14, minSessions: 3 });
    expect(absenceRules({ windowDays: 28, minSessions: undefined })).toMatchObject({ windowDays: 28, minSessions: 3 });
    expect(() => absenceRules({ windowDays: 0 })).toThrow(RangeError);
    expect(() => absenceRules({ lowRatePercent: 101 })).toThrow(RangeError);
    expect(() => absenceRules({ minSessions: 1.5 })).toThrow(RangeError);
    expect(() => absenceRules({ excusedBreaksRun: "yes" as unknown as boolean })).toThrow(RangeError);
    expect(() => absenceRules({ bogus: 1 } as Partial<ReturnType<typeof absenceRules>>)).toThrow(/unknown/);
  });
});

describe("follow-up outcomes", () => {
  it("knows the outcomes, and that only 'not reached' leaves it open", () => {
    expect(FOLLOW_UP_OUTCOMES).toEqual(["reached", "not_reached", "new_agreement"]);
    expect(FOLLOW_UP_OUTCOMES.filter(followUpDone)).toEqual(["reached", "new_agreement"]);
    expect(isFollowUpOutcome("reached")).toBe(true);
    expect(isFollowUpOutcome("maybe")).toBe(false);
  });
});

describe("monthly attendance report", () => {
  const wellness = (date: string, start = "13:00", end = "14:30"): AttendanceSession => ({
    id: `w-${date}-${start}`,
    date,
    start,
    end,
    kind: "wellness",
    expected: ["ella"],
  });
  const sessions = [
    ...groupMornings(1, ["ella"]),
    wellness("2026-11-03"),
    wellness("2026-11-04", "10:00", "13:00"), // overlaps the group morning 09:00-12:00
    wellness("2026-11-05"),
    wellness("2026-12-01"), // next month
  ];
  const marks: AttendanceMark[] = [
    { sessionId: "g-2026-11-02", personId: "ella", status: "present" },
    { sessionId: "g-2026-11-03", personId: "ella", status: "late", minutesLate: 25 },
    { sessionId: "w-2026-11-03-13:00", personId: "ella", status: "sick" },
    { sessionId: "g-2026-11-04", personId: "ella", status: "late" }, // no minutes recorded: the whole session
    { sessionId: "w-2026-11-04-10:00", personId: "ella", status: "present" },
    { sessionId: "w-2026-12-01-13:00", personId: "ella", status: "absent_without_notice" },
  ];

  it("gives scheduled and attended minutes per day, with totals", () => {
    const report = monthlyAttendanceReport({ personId: "ella", month: "2026-11", sessions, marks });
    expect(report.days.map((d) => [d.date, d.scheduledMinutes, d.attendedMinutes, d.excusedMinutes, d.unexcusedMinutes, d.unrecordedMinutes])).toEqual([
      ["2026-11-02", 180, 180, 0, 0, 0],
      ["2026-11-03", 270, 155, 90, 0, 0], // 180 - 25 late; wellness sick
      ["2026-11-04", 240, 240, 0, 0, 0], // 09:00-13:00 once, though two sessions overlap
      ["2026-11-05", 90, 0, 0, 0, 90], // not recorded yet
    ]);
    expect(report.totals).toEqual({ scheduledMinutes: 780, attendedMinutes: 575, excusedMinutes: 90, unexcusedMinutes: 0, unrecordedMinutes: 90 });
    expect(report.days[1]!.sessions.map((s) => [s.sessionId, s.status, s.scheduledMinutes, s.attendedMinutes])).toEqual([
      ["g-2026-11-03", "late", 180, 155],
      ["w-2026-11-03-13:00", "sick", 90, 0],
    ]);
    expect(report.complete).toBe(false);
    expect(report.rate).toMatchObject({ attended: 4, counted: 4, excused: 1, unrecorded: 1 });
  });

  it("is complete once every session is marked, and counts absence as nothing attended", () => {
    const all = [...marks, { sessionId: "w-2026-11-05-13:00", personId: "ella", status: "absent_without_notice" as const }];
    const report = monthlyAttendanceReport({ personId: "ella", month: "2026-11", sessions, marks: all });
    expect(report.complete).toBe(true);
    expect(report.days[3]).toMatchObject({ scheduledMinutes: 90, attendedMinutes: 0, unexcusedMinutes: 90, unrecordedMinutes: 0 });
    const december = monthlyAttendanceReport({ personId: "ella", month: "2026-12", sessions, marks: all });
    expect(december.days.map((d) => d.date)).toEqual(["2026-12-01"]);
    expect(monthlyAttendanceReport({ personId: "nobody", month: "2026-11", sessions, marks }).days).toEqual([]);
    expect(() => monthlyAttendanceReport({ personId: "ella", month: "2026-13", sessions, marks })).toThrow(RangeError);
  });
});
