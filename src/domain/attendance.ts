import { addDays, isValidDate, isValidTime, weekdayOf } from "./calendar.ts";

// Attendance: what a register records, how it counts, and the absence rules that make a coordinator call
// before a participant drops out ("you are missed and asked for if you do not show up").
//
// Sessions come in as plain data (the schedule builds them): { id, date, start, end, kind, expected }.
// A mark is one person's status at one session. A person-session without a mark is "unrecorded": the
// register has not been taken, and it counts neither for nor against anybody.
//
// How statuses count (one table, used everywhere below):
//
//   status                  attended  excused  counts in the rate's denominator
//   present                 yes       -        yes
//   late                    yes       -        yes
//   absent_with_notice      -         yes      no
//   sick                    -         yes      no
//   absent_without_notice   -         -        yes
//
// The attendance rate is attended / (expected - excused - unrecorded). Excused absences (notice given, or
// sick) are left out of the denominator, the usual rule in attendance compliance (a justified absence does
// not make a person non-compliant; many attendance systems exclude excused sessions from both sides).
// Only OpenSPP's bands come from DOMAIN.md; how OpenSPP itself weighs excused absences is not assumed. The point of the rate here is to catch people drifting away; a participant
// who calls in sick has not drifted, and the coordinator already knows. The raw counts (expected, excused,
// unrecorded) are returned with every rate so that a report can also show attended / expected.
//
// Bands are OpenSPP's: compliant >= 80 %, partial 50-79 %, not compliant < 50 %, decided in integers
// (100 * attended >= 80 * counted), so 4 of 5 is exactly compliant and 79.99 % is partial.

export const ATTENDANCE_STATUSES = ["present", "late", "absent_with_notice", "absent_without_notice", "sick"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const ATTENDED_STATUSES: readonly AttendanceStatus[] = ["present", "late"];
export const EXCUSED_STATUSES: readonly AttendanceStatus[] = ["absent_with_notice", "sick"];

export function isAttendanceStatus(value: unknown): value is AttendanceStatus {
  return typeof value === "string" && (ATTENDANCE_STATUSES as readonly string[]).includes(value);
}
export const isAttended = (status: AttendanceStatus): boolean => status === "present" || status === "late";
export const isExcused = (status: AttendanceStatus): boolean => status === "absent_with_notice" || status === "sick";
/** An absence without notice: the only status that feeds the absence rules. */
export const isUnexcusedAbsence = (status: AttendanceStatus): boolean => status === "absent_without_notice";

/** A scheduled session as the schedule hands it over. */
export interface AttendanceSession {
  id: string;
  date: string; // YYYY-MM-DD
  start: string; // HH:MM
  end: string; // HH:MM, after start (same day)
  kind: string;
  /** The people expected to take part. */
  expected: readonly string[];
}

export interface AttendanceMark {
  sessionId: string;
  personId: string;
  status: AttendanceStatus;
  /** Only with "late": how many minutes after the start the person came (whole minutes, within the session). */
  minutesLate?: number | null;
}

/** One expected person at one session, with their mark (null while unrecorded). */
export interface PersonSession {
  sessionId: string;
  personId: string;
  date: string;
  start: string;
  end: string;
  kind: string;
  status: AttendanceStatus | null;
  minutesLate: number;
}

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Length of a session in whole minutes. */
export function sessionMinutes(session: { start: string; end: string }): number {
  return minutesOf(session.end) - minutesOf(session.start);
}

function checkSession(s: AttendanceSession): void {
  if (!isValidDate(s.date)) throw new RangeError(`session ${s.id}: date must be YYYY-MM-DD, got ${JSON.stringify(s.date)}`);
  if (!isValidTime(s.start) || !isValidTime(s.end) || minutesOf(s.end) <= minutesOf(s.start)) {
    throw new RangeError(`session ${s.id}: needs start and end HH:MM with end after start, got ${s.start}-${s.end}`);
  }
}

const compareText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Chronological order of sessions (or rows, triggers): date, start, then session id, so that it is total. */
export function compareSessions(a: { date: string; start: string; sessionId: string }, b: typeof a): number {
  return compareText(a.date, b.date) || compareText(a.start, b.start) || compareText(a.sessionId, b.sessionId);
}

/**
 * Joins sessions and marks into one row per expected person and session, in chronological order.
 * Marks for people who were not expected (a drop-in) are left out: rates are about expected sessions.
 * Throws on two marks for the same person and session, an unknown status, or minutes late that are not a
 * whole number within the session (or given with another status than "late").
 */
export function personSessions(sessions: readonly AttendanceSession[], marks: readonly AttendanceMark[]): PersonSession[] {
  const byKey = new Map<string, AttendanceMark>();
  const sessionById = new Map<string, AttendanceSession>();
  for (const s of sessions) {
    checkSession(s);
    if (sessionById.has(s.id)) throw new RangeError(`session ${s.id} is listed twice`);
    sessionById.set(s.id, s);
  }
  for (const m of marks) {
    const key = `${m.sessionId}\u0000${m.personId}`;
    if (byKey.has(key)) throw new RangeError(`two marks for ${m.personId} at session ${m.sessionId}`);
    if (!isAttendanceStatus(m.status)) throw new RangeError(`unknown attendance status ${JSON.stringify(m.status)}`);
    if (m.minutesLate != null) {
      const session = sessionById.get(m.sessionId);
      const max = session ? sessionMinutes(session) : Infinity;
      if (m.status !== "late") throw new RangeError(`minutes late given with status ${m.status}`);
      if (!Number.isInteger(m.minutesLate) || m.minutesLate < 0 || m.minutesLate > max) {
        throw new RangeError(`minutes late must be a whole number 0-${max}, got ${m.minutesLate}`);
      }
    }
    byKey.set(key, m);
  }
  const rows: PersonSession[] = [];
  for (const s of sessions) {
    for (const personId of new Set(s.expected)) {
      const mark = byKey.get(`${s.id}\u0000${personId}`);
      rows.push({
        sessionId: s.id,
        personId,
        date: s.date,
        start: s.start,
        end: s.end,
        kind: s.kind,
        status: mark?.status ?? null,
        minutesLate: mark?.status === "late" ? (mark.minutesLate ?? 0) : 0,
      });
    }
  }
  return rows.sort((a, b) => compareSessions(a, b) || compareText(a.personId, b.personId));
}

// ---------------------------------------------------------------------------------------------------------
// Rates and bands

export type AttendanceBand = "compliant" | "partial" | "not_compliant";
export const COMPLIANT_PERCENT = 80;
export const PARTIAL_PERCENT = 50;

export interface AttendanceRate {
  /** Person-sessions expected (all of them, marked or not). */
  expected: number;
  /** Marked present or late. */
  attended: number;
  present: number;
  late: number;
  /** Marked absent with notice or sick. */
  excused: number;
  absentWithNotice: number;
  sick: number;
  absentWithoutNotice: number;
  /** Not marked yet. */
  unrecorded: number;
  /** The denominator: expected - excused - unrecorded (= attended + absentWithoutNotice). */
  counted: number;
  /** floor(100 * attended / counted); null when nothing counted. Floored so that 79.9 % shows as 79, partial. */
  percent: number | null;
  band: AttendanceBand | null;
}

/** Band of attended out of counted, in integers. Null when nothing counted. */
export function attendanceBand(attended: number, counted: number): AttendanceBand | null {
  if (!Number.isInteger(attended) || !Number.isInteger(counted) || attended < 0 || attended > counted) {
    throw new RangeError(`need whole numbers 0 <= attended <= counted, got ${attended} of ${counted}`);
  }
  if (counted === 0) return null;
  if (100 * attended >= COMPLIANT_PERCENT * counted) return "compliant";
  if (100 * attended >= PARTIAL_PERCENT * counted) return "partial";
  return "not_compliant";
}

/** The rate over any set of person-sessions (one person, a group, a period: filter the rows first). */
export function attendanceRate(rows: readonly Pick<PersonSession, "status">[]): AttendanceRate {
  const count = (status: AttendanceStatus | null) => rows.filter((r) => r.status === status).length;
  const [present, late, absentWithNotice, sick, absentWithoutNotice, unrecorded] = [
    count("present"),
    count("late"),
    count("absent_with_notice"),
    count("sick"),
    count("absent_without_notice"),
    count(null),
  ];
  const attended = present + late;
  const excused = absentWithNotice + sick;
  const counted = attended + absentWithoutNotice;
  return {
    expected: rows.length,
    attended,
    present,
    late,
    excused,
    absentWithNotice,
    sick,
    absentWithoutNotice,
    unrecorded,
    counted,
    percent: counted === 0 ? null : Math.floor((100 * attended) / counted),
    band: attendanceBand(attended, counted),
  };
}

/** Rates per participant, by person id. */
export function ratesByParticipant(rows: readonly PersonSession[]): Map<string, AttendanceRate> {
  const groups = new Map<string, PersonSession[]>();
  for (const r of rows) groups.set(r.personId, [...(groups.get(r.personId) ?? []), r]);
  return new Map([...groups.entries()].sort(([a], [b]) => compareText(a, b)).map(([id, rs]) => [id, attendanceRate(rs)]));
}

export type RatePeriod = "week" | "month";

/** The period a date falls in: "YYYY-MM" for a month, the Monday "YYYY-MM-DD" for a (Monday-Sunday) week. */
export function periodOf(date: string, period: RatePeriod): string {
  if (period === "month") return date.slice(0, 7);
  return addDays(date, 1 - weekdayOf(date));
}

/**
 * Rates per week or month, in order. A group's rate is pooled over all its person-sessions (sum of
 * attended over sum of counted), not an average of the members' percentages, so that a member with one
 * session does not weigh as much as one with thirty.
 */
export function ratesByPeriod(rows: readonly PersonSession[], period: RatePeriod): { period: string; rate: AttendanceRate }[] {
  const groups = new Map<string, PersonSession[]>();
  for (const r of rows) {
    const key = periodOf(r.date, period);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.keys()].sort().map((key) => ({ period: key, rate: attendanceRate(groups.get(key)!) }));
}

/** Rows with from <= date <= to (both inclusive, either may be left out). */
export function rowsBetween<T extends { date: string }>(rows: readonly T[], from?: string, to?: string): T[] {
  return rows.filter((r) => (from === undefined || r.date >= from) && (to === undefined || r.date <= to));
}

// ---------------------------------------------------------------------------------------------------------
// Absence rules

export interface AbsenceRules {
  /** Rule 1: this many absences without notice in a row fires (0 turns it off). Default 2. */
  consecutiveUnexcused: number;
  /**
   * Whether an excused absence (notice, sick) ends a run of absences without notice. Default true: the rule
   * is about losing contact, and a call to say "I am ill" is contact. With false it is passed over.
   */
  excusedBreaksRun: boolean;
  /** Rule 2: the rate over the last `windowDays` days below this percent fires (0 turns it off). Default 50. */
  lowRatePercent: number;
  /** Default 14: two weeks. */
  windowDays: number;
  /** Rule 2 needs at least this many counted sessions in the window, so one missed session is not 0 %. Default 3. */
  minSessions: number;
}

export const DEFAULT_ABSENCE_RULES: AbsenceRules = {
  consecutiveUnexcused: 2,
  excusedBreaksRun: true,
  lowRatePercent: 50,
  windowDays: 14,
  minSessions: 3,
};

/** A program's rules: its own values where set, the defaults elsewhere; validated. */
export function absenceRules(overrides: Partial<AbsenceRules> = {}): AbsenceRules {
  const rules: AbsenceRules = { ...DEFAULT_ABSENCE_RULES };
  for (const [name, value] of Object.entries(overrides) as [keyof AbsenceRules, number | boolean | undefined][]) {
    if (!(name in DEFAULT_ABSENCE_RULES)) throw new RangeError(`unknown absence rule setting ${JSON.stringify(name)}`);
    if (value !== undefined) (rules as unknown as Record<string, unknown>)[name] = value;
  }
  const whole = (name: keyof AbsenceRules, min: number, max: number) => {
    const v = rules[name];
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      throw new RangeError(`${name} must be a whole number ${min}-${max}, got ${String(v)}`);
    }
  };
  whole("consecutiveUnexcused", 0, 100);
  whole("lowRatePercent", 0, 100);
  whole("windowDays", 1, 366);
  whole("minSessions", 1, 1000);
  if (typeof rules.excusedBreaksRun !== "boolean") throw new RangeError("excusedBreaksRun must be true or false");
  return rules;
}

export type AbsenceRuleKind = "consecutive_unexcused" | "low_rate";

export interface TriggerSession {
  sessionId: string;
  date: string;
  start: string;
  kind: string;
  status: AttendanceStatus;
}

interface TriggerBase {
  personId: string;
  /**
   * Stable across evaluations: the rule, the person and the session at which the rule started to hold.
   * The same episode (a run that goes on, a window that stays low) keeps its key, so a follow-up task made
   * for it is not made twice; a new episode (after the person came back) gets a new key.
   */
  key: string;
  /** The session at which the rule started to hold (its date is when the follow-up became due). */
  triggeredAt: TriggerSession;
  /** Whether the rule still holds at the person's latest recorded session. */
  active: boolean;
}

export interface ConsecutiveTrigger extends TriggerBase {
  rule: "consecutive_unexcused";
  /** N of the rule. */
  threshold: number;
  /** The run of absences without notice, first to latest (at least `threshold` long). */
  sessions: TriggerSession[];
  /** Excused absences passed over inside the run (only when they do not break it). */
  passedOver: TriggerSession[];
}

export interface LowRateTrigger extends TriggerBase {
  rule: "low_rate";
  thresholdPercent: number;
  windowDays: number;
  /** The window the rule looked at when it started to hold (inclusive; ends on the triggering day). */
  windowStart: string;
  windowEnd: string;
  /** The rate in that window (excused absences left out as everywhere). */
  rate: AttendanceRate;
  /** The recorded sessions in that window, in order. */
  sessions: TriggerSession[];
}

export type AbsenceTrigger = ConsecutiveTrigger | LowRateTrigger;

const toTrigger = (r: PersonSession): TriggerSession => ({
  sessionId: r.sessionId,
  date: r.date,
  start: r.start,
  kind: r.kind,
  status: r.status!,
});

/**
 * Evaluates a program's absence rules for one participant over their own expected sessions.
 *
 * The rules are checked after each of the person's recorded sessions (date <= today), in order; an
 * episode starts at the session where a rule becomes true and lasts while it stays true. One trigger is
 * returned per episode that started on or after `since` (default: all), oldest first, with a stable key.
 * A service creates a follow-up task for each key it has not seen (and may skip triggers that are no
 * longer `active`).
 *
 * Rule 1 (consecutive_unexcused): N absences without notice in a row. Present or late ends the run; an
 * excused absence ends it too unless `excusedBreaksRun` is false (then it is passed over); unrecorded
 * sessions are passed over (the register was not taken). The episode starts at the N-th absence; further
 * absences in the same run continue it (same key).
 *
 * Rule 2 (low_rate): after a session on day d, the rate over the window [d - windowDays + 1, d] is below
 * lowRatePercent, provided at least minSessions sessions counted there (100 * attended < X * counted).
 */
export function evaluateAbsenceRules(input: {
  personId: string;
  sessions: readonly AttendanceSession[];
  marks: readonly AttendanceMark[];
  today: string;
  rules?: Partial<AbsenceRules>;
  since?: string;
}): AbsenceTrigger[] {
  const rules = absenceRules(input.rules);
  if (!isValidDate(input.today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(input.today)}`);
  const mine = personSessions(
    input.sessions.filter((s) => s.expected.includes(input.personId)),
    input.marks.filter((m) => m.personId === input.personId),
  ).filter((r) => r.personId === input.personId && r.date <= input.today);
  const recorded = mine.filter((r) => r.status !== null);
  const triggers: AbsenceTrigger[] = [];

  // Rule 1.
  if (rules.consecutiveUnexcused > 0) {
    let run: PersonSession[] = [];
    let passed: PersonSession[] = [];
    let current: ConsecutiveTrigger | null = null;
    for (const r of recorded) {
      const status = r.status!;
      if (isUnexcusedAbsence(status)) {
        run.push(r);
        if (current) {
          current.sessions.push(toTrigger(r));
          current.passedOver = passed.map(toTrigger);
        } else if (run.length >= rules.consecutiveUnexcused) {
          const at = toTrigger(r);
          current = {
            rule: "consecutive_unexcused",
            personId: input.personId,
            key: `consecutive_unexcused:${input.personId}:${r.sessionId}`,
            triggeredAt: at,
            active: false,
            threshold: rules.consecutiveUnexcused,
            sessions: run.map(toTrigger),
            passedOver: passed.map(toTrigger),
          };
          triggers.push(current);
        }
      } else if (isExcused(status) && !rules.excusedBreaksRun) {
        if (run.length > 0) passed.push(r);
      } else {
        run = [];
        passed = [];
        current = null;
      }
    }
    if (current) current.active = true;
    // Excused absences passed over after the last unexcused one are not part of the run.
    for (const t of triggers) {
      if (t.rule === "consecutive_unexcused") {
        const last = t.sessions.at(-1)!;
        t.passedOver = t.passedOver.filter((p) => compareSessions(p, last) < 0);
      }
    }
  }

  // Rule 2.
  if (rules.lowRatePercent > 0) {
    let current: LowRateTrigger | null = null;
    for (const [i, r] of recorded.entries()) {
      // Evaluate once per day: after the day's last recorded session.
      if (recorded[i + 1]?.date === r.date) continue;
      const windowStart = addDays(r.date, -(rules.windowDays - 1));
      const inWindow = recorded.filter((x) => x.date >= windowStart && x.date <= r.date);
      const rate = attendanceRate(inWindow);
      const holds = rate.counted >= rules.minSessions && 100 * rate.attended < rules.lowRatePercent * rate.counted;
      if (holds && !current) {
        current = {
          rule: "low_rate",
          personId: input.personId,
          key: `low_rate:${input.personId}:${r.sessionId}`,
          triggeredAt: toTrigger(r),
          active: false,
          thresholdPercent: rules.lowRatePercent,
          windowDays: rules.windowDays,
          windowStart,
          windowEnd: r.date,
          rate,
          sessions: inWindow.map(toTrigger),
        };
        triggers.push(current);
      } else if (!holds) {
        current = null;
      }
    }
    if (current) current.active = true;
  }

  return triggers
    .filter((t) => input.since === undefined || t.triggeredAt.date >= input.since)
    .sort((a, b) => compareSessions(a.triggeredAt, b.triggeredAt) || compareText(a.rule, b.rule));
}

/** What the coordinator recorded after following an absence up. */
export const FOLLOW_UP_OUTCOMES = ["reached", "not_reached", "new_agreement"] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
export function isFollowUpOutcome(value: unknown): value is FollowUpOutcome {
  return typeof value === "string" && (FOLLOW_UP_OUTCOMES as readonly string[]).includes(value);
}
/** Only "not_reached" leaves the follow-up open: the coordinator should try again. */
export const followUpDone = (outcome: FollowUpOutcome): boolean => outcome !== "not_reached";

// ---------------------------------------------------------------------------------------------------------
// Monthly attendance report (for the authority that pays the participant's benefit)

export interface ReportSession {
  sessionId: string;
  start: string;
  end: string;
  kind: string;
  status: AttendanceStatus | null;
  minutesLate: number;
  scheduledMinutes: number;
  attendedMinutes: number;
}

export interface ReportDay {
  date: string;
  /** The person's scheduled time that day: the union of their sessions (overlaps counted once). */
  scheduledMinutes: number;
  /** Time attended: present = the whole session, late = from start + minutes late; union, overlaps once. */
  attendedMinutes: number;
  /** Scheduled time of sessions marked absent with notice or sick. */
  excusedMinutes: number;
  /** Scheduled time of sessions marked absent without notice. */
  unexcusedMinutes: number;
  /** Scheduled time of sessions not marked yet (to be settled before the coordinator signs off). */
  unrecordedMinutes: number;
  sessions: ReportSession[];
}

export interface MonthlyReport {
  personId: string;
  /** YYYY-MM */
  month: string;
  days: ReportDay[];
  totals: Omit<ReportDay, "date" | "sessions">;
  /** The month's rate, as everywhere (sessions, not minutes). */
  rate: AttendanceRate;
  /** True when every session of the month is marked: only then should it be signed off. */
  complete: boolean;
}

type Interval = [number, number];

/** Total length of a union of intervals, in minutes. */
function unionMinutes(intervals: Interval[]): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let total = 0;
  let [curStart, curEnd] = [-1, -1];
  for (const [a, b] of sorted) {
    if (a > curEnd) {
      total += curEnd - curStart;
      [curStart, curEnd] = [a, b];
    } else if (b > curEnd) {
      curEnd = b;
    }
  }
  return total + (curEnd - curStart);
}

/**
 * Scheduled against attended minutes per day for one participant in one month ("YYYY-MM"), with totals.
 * Minutes are whole numbers (hours are minutes / 60 for display). A late arrival attends the session from
 * start + minutesLate to the end; without minutes recorded, late counts the whole session (the register
 * said they came). Absent (any kind) attends nothing. Only days with sessions the person was expected at
 * are listed.
 */
export function monthlyAttendanceReport(input: {
  personId: string;
  month: string;
  sessions: readonly AttendanceSession[];
  marks: readonly AttendanceMark[];
}): MonthlyReport {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month)) throw new RangeError(`month must be YYYY-MM, got ${JSON.stringify(input.month)}`);
  const rows = personSessions(
    input.sessions.filter((s) => s.date.startsWith(`${input.month}-`) && s.expected.includes(input.personId)),
    input.marks.filter((m) => m.personId === input.personId),
  ).filter((r) => r.personId === input.personId);

  const byDate = new Map<string, PersonSession[]>();
  for (const r of rows) byDate.set(r.date, [...(byDate.get(r.date) ?? []), r]);
  const days: ReportDay[] = [...byDate.keys()].sort().map((date) => {
    const day = byDate.get(date)!;
    const span = (r: PersonSession): Interval => [minutesOf(r.start), minutesOf(r.end)];
    const attendedSpan = (r: PersonSession): Interval | null =>
      r.status !== null && isAttended(r.status) ? [minutesOf(r.start) + r.minutesLate, minutesOf(r.end)] : null;
    const ofStatus = (test: (r: PersonSession) => boolean) => unionMinutes(day.filter(test).map(span));
    return {
      date,
      scheduledMinutes: unionMinutes(day.map(span)),
      attendedMinutes: unionMinutes(day.map(attendedSpan).filter((x): x is Interval => x !== null)),
      excusedMinutes: ofStatus((r) => r.status !== null && isExcused(r.status)),
      unexcusedMinutes: ofStatus((r) => r.status === "absent_without_notice"),
      unrecordedMinutes: ofStatus((r) => r.status === null),
      sessions: day.map((r) => {
        const a = attendedSpan(r);
        return {
          sessionId: r.sessionId,
          start: r.start,
          end: r.end,
          kind: r.kind,
          status: r.status,
          minutesLate: r.minutesLate,
          scheduledMinutes: sessionMinutes(r),
          attendedMinutes: a ? a[1] - a[0] : 0,
        };
      }),
    };
  });
  const sum = (f: (d: ReportDay) => number) => days.reduce((t, d) => t + f(d), 0);
  return {
    personId: input.personId,
    month: input.month,
    days,
    totals: {
      scheduledMinutes: sum((d) => d.scheduledMinutes),
      attendedMinutes: sum((d) => d.attendedMinutes),
      excusedMinutes: sum((d) => d.excusedMinutes),
      unexcusedMinutes: sum((d) => d.unexcusedMinutes),
      unrecordedMinutes: sum((d) => d.unrecordedMinutes),
    },
    rate: attendanceRate(rows),
    complete: rows.every((r) => r.status !== null),
  };
}
