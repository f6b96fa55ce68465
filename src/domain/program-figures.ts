import { addDays, differenceInCalendarDays, formatISO, parseISO } from "date-fns";
import { attendanceRate, type AttendanceRate, type AttendanceStatus } from "./attendance.ts";
import type { Period } from "./goals.ts";
import { isIsoDate } from "./person.ts";
import { isSmall, SMALL_MAX } from "./suppression.ts";
import { changeFromFirstToLast, programWheelStatistics, type ProgramWheelStatistics, type WheelScores } from "./wheel.ts";

// The program's other yearly figures beside its goals (issue: follow-up for managers, steering group and
// funder): occupancy of the ordinary group, waiting and pre-group times, attendance, change on the life-area
// wheel, time in the program and days to the first job. Plain arithmetic over plain facts; the service reads
// them and decides who may see which (small numbers are suppressed for aggregate readers, see
// `suppressMeasures`). What counts, for a period (a year, or up to today):
// - occupancy, per month: place-days used / place-days offered, where a place-day used is one day of an
//   enrolment that is going on (start <= day <= end) and the places offered are the ordinary groups'
//   capacity today (capacity has no history). Floored whole percent; over 100 % when over-booked.
// - waiting: enrolments starting in the period, days from the collaboration team's acceptance to the start.
// - pre-group: stays in the pre-group (or waiting list) that ended in the period by a move to the ordinary
//   group: days from the placement to the move.
// - attendance: the recorded marks of sessions in the period; the rate leaves out absence with notice and
//   sickness (domain/attendance.ts), as on the attendance pages.
// - wheel: each participant's own readings (rated by the participant) of one instrument, first to last,
//   counted in the year of the last reading (domain/wheel.ts: changeFromFirstToLast). The coordinator's
//   ratings are not mixed in, so a change is never the difference between two people's views.
// - time in program: exits in the period, days from the start to the exit date.
// - days to first job: enrolments whose first job (employment, competitive or subsidised, not an internship)
//   started in the period: days from the start of the enrolment to the first day of the job.
// Each duration measure gives how many, the median (the lower middle of an even count, so that it is always
// somebody's value in whole days) and the mean (one decimal), with the ids behind it.

export interface OccupancyFact {
  enrolmentId: string;
  startDate: string;
  /** The last day, null while it goes on. */
  endDate: string | null;
}

export interface WaitFact {
  enrolmentId: string;
  /** The day the collaboration team accepted the person. */
  acceptedOn: string;
  /** The enrolment's start. */
  startDate: string;
  /** A stay in the pre-group or on the waiting list before the ordinary group: placed and moved (dates). */
  preGroup: { from: string; movedOn: string | null } | null;
}

export interface MarkFact {
  personId: string;
  date: string;
  status: AttendanceStatus;
}

export interface WheelReadingFact {
  enrolmentId: string;
  instrumentId: string;
  date: string;
  recordedAt: string;
  scores: WheelScores;
}

export interface JobFact {
  enrolmentId: string;
  enrolmentStart: string;
  /** First days of the enrolment's jobs (employment, competitive or subsidised). */
  jobStarts: readonly string[];
}

export interface ExitDurationFact {
  exitId: string;
  enrolmentId: string;
  startDate: string;
  exitDate: string;
}

export interface ProgramFigureFacts {
  /** The ordinary groups' places (sum of capacities). */
  capacity: number;
  enrolments: readonly OccupancyFact[];
  waits: readonly WaitFact[];
  marks: readonly MarkFact[];
  wheel: readonly WheelReadingFact[];
  jobs: readonly JobFact[];
  exits: readonly ExitDurationFact[];
}

export interface DurationMeasure {
  n: number;
  /** Whole days; null without values. */
  median: number | null;
  /** One decimal; null without values. */
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Enrolment ids (exit ids for time in program) with their value, in the order of the value. */
  items: { id: string; days: number }[];
}

export interface OccupancyMonth {
  month: string;
  placeDaysOffered: number;
  placeDaysUsed: number;
  /** Floored whole percent; null when no places were offered. */
  percent: number | null;
  /** Distinct enrolments that used a place in the month. */
  people: number;
}

export interface ProgramFigures {
  occupancy: OccupancyMonth[];
  /** Over the whole period. */
  occupancyPercent: number | null;
  waiting: DurationMeasure;
  preGroup: DurationMeasure;
  attendance: AttendanceRate;
  /** Distinct participants behind the attendance rate. */
  attendancePeople: number;
  wheel: ProgramWheelStatistics;
  timeInProgram: DurationMeasure;
  daysToFirstJob: DurationMeasure;
}

export const DURATION_MEASURES = ["waiting", "preGroup", "timeInProgram", "daysToFirstJob"] as const;
export type DurationMeasureKind = (typeof DURATION_MEASURES)[number];

function check(value: string, what: string): void {
  if (!isIsoDate(value)) throw new RangeError(`${what} must be an ISO date, got ${JSON.stringify(value)}`);
}

const within = (date: string, p: Period) => date >= p.from && date <= p.to;
const days = (from: string, to: string) => differenceInCalendarDays(parseISO(to), parseISO(from));

/** How many, median, mean, min and max of whole-day values (negative values are data errors: refused). */
export function durationMeasure(items: readonly { id: string; days: number }[]): DurationMeasure {
  for (const item of items) {
    if (!Number.isInteger(item.days) || item.days < 0) throw new RangeError(`${item.id}: days must be a whole number >= 0, got ${item.days}`);
  }
  const sorted = [...items].sort((a, b) => a.days - b.days || a.id.localeCompare(b.id));
  if (sorted.length === 0) return { n: 0, median: null, mean: null, min: null, max: null, items: [] };
  const total = sorted.reduce((s, i) => s + i.days, 0);
  return {
    n: sorted.length,
    median: sorted[Math.floor((sorted.length - 1) / 2)]!.days,
    mean: Math.round((total / sorted.length) * 10) / 10,
    min: sorted[0]!.days,
    max: sorted.at(-1)!.days,
    items: sorted,
  };
}

/** Months of a period, each clipped to the period (YYYY-MM, from, to). */
function monthsOf(p: Period): { month: string; from: string; to: string }[] {
  const months: { month: string; from: string; to: string }[] = [];
  let cursor = p.from;
  while (cursor <= p.to) {
    const month = cursor.slice(0, 7);
    const next = formatISO(addDays(parseISO(`${month}-01`), 32), { representation: "date" }).slice(0, 7);
    const lastDay = formatISO(addDays(parseISO(`${next}-01`), -1), { representation: "date" });
    const to = lastDay < p.to ? lastDay : p.to;
    months.push({ month, from: cursor, to });
    cursor = formatISO(addDays(parseISO(to), 1), { representation: "date" });
  }
  return months;
}

/** Days of an enrolment within [from, to], inclusive. */
function overlapDays(e: OccupancyFact, from: string, to: string): number {
  const start = e.startDate > from ? e.startDate : from;
  const end = e.endDate !== null && e.endDate < to ? e.endDate : to;
  return start > end ? 0 : days(start, end) + 1;
}

export function occupancy(capacity: number, enrolments: readonly OccupancyFact[], p: Period): { months: OccupancyMonth[]; percent: number | null } {
  if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`capacity must be a whole number >= 0, got ${capacity}`);
  const months = monthsOf(p).map(({ month, from, to }) => {
    const offered = capacity * (days(from, to) + 1);
    const perEnrolment = enrolments.map((e) => overlapDays(e, from, to));
    const used = perEnrolment.reduce((s, d) => s + d, 0);
    return { month, placeDaysOffered: offered, placeDaysUsed: used, percent: offered === 0 ? null : Math.floor((100 * used) / offered), people: perEnrolment.filter((d) => d > 0).length };
  });
  const offered = months.reduce((s, m) => s + m.placeDaysOffered, 0);
  const used = months.reduce((s, m) => s + m.placeDaysUsed, 0);
  return { months, percent: offered === 0 ? null : Math.floor((100 * used) / offered) };
}

export function programFigures(facts: ProgramFigureFacts, p: Period): ProgramFigures {
  check(p.from, "period start");
  check(p.to, "period end");
  for (const e of facts.enrolments) {
    check(e.startDate, `enrolment ${e.enrolmentId} start`);
    if (e.endDate !== null) check(e.endDate, `enrolment ${e.enrolmentId} end`);
  }
  const { months, percent } = occupancy(facts.capacity, facts.enrolments, p);

  const waiting = durationMeasure(
    facts.waits.filter((w) => within(w.startDate, p)).map((w) => ({ id: w.enrolmentId, days: Math.max(0, days(w.acceptedOn, w.startDate)) })),
  );
  const preGroup = durationMeasure(
    facts.waits.flatMap((w) => (w.preGroup && w.preGroup.movedOn !== null && within(w.preGroup.movedOn, p) ? [{ id: w.enrolmentId, days: Math.max(0, days(w.preGroup.from, w.preGroup.movedOn)) }] : [])),
  );

  const marks = facts.marks.filter((m) => within(m.date, p));
  const attendance = attendanceRate(marks);
  const attendancePeople = new Set(marks.map((m) => m.personId)).size;

  // One change per enrolment and instrument, counted in the year of the last reading.
  const series = new Map<string, WheelReadingFact[]>();
  for (const r of facts.wheel) {
    const key = `${r.enrolmentId}|${r.instrumentId}`;
    (series.get(key) ?? series.set(key, []).get(key)!).push(r);
  }
  const changes = [...series.values()]
    .map((readings) => changeFromFirstToLast(readings.map((r) => ({ date: r.date, recordedAt: r.recordedAt, scores: r.scores }))))
    .filter((c) => c !== null && within(c.lastDate, p));
  const wheel = programWheelStatistics(changes);

  const timeInProgram = durationMeasure(facts.exits.filter((x) => within(x.exitDate, p)).map((x) => ({ id: x.exitId, days: Math.max(0, days(x.startDate, x.exitDate)) })));

  const daysToFirstJob = durationMeasure(
    facts.jobs.flatMap((j) => {
      const first = [...j.jobStarts].filter((d) => d >= j.enrolmentStart).sort()[0];
      return first !== undefined && within(first, p) ? [{ id: j.enrolmentId, days: days(j.enrolmentStart, first) }] : [];
    }),
  );

  return { occupancy: months, occupancyPercent: percent, waiting, preGroup, attendance, attendancePeople, wheel, timeInProgram, daysToFirstJob };
}

// ---------------------------------------------------------------------------------------------------------
// What aggregate readers see

/** A statistic of fewer than 5 people is not shown to those who see aggregates only (suppression.ts). */
export type Guarded<T> = { shown: T } | { suppressed: "fewer_than_5" };

const guard = <T>(people: number, value: T): Guarded<T> => (people > 0 && people <= SMALL_MAX ? { suppressed: "fewer_than_5" } : { shown: value });

export interface DurationView {
  n: Guarded<number>;
  stats: Guarded<{ median: number | null; mean: number | null; min: number | null; max: number | null }>;
}

export interface ProgramFiguresView {
  occupancy: { month: string; percent: Guarded<number | null> }[];
  occupancyPercent: number | null;
  waiting: DurationView;
  preGroup: DurationView;
  attendance: Guarded<{ percent: number | null; counted: number; attended: number; excused: number }>;
  wheel: Guarded<{
    participants: number;
    meanChange: number | null;
    /** Higher, the same or lower overall mean at the last reading. */
    split: Guarded<{ improved: number; same: number; lower: number }>;
    areas: { key: string; participants: number; meanChange: Guarded<number> }[];
  }>;
  timeInProgram: DurationView;
  daysToFirstJob: DurationView;
}

function durationView(m: DurationMeasure, suppress: boolean): DurationView {
  const stats = { median: m.median, mean: m.mean, min: m.min, max: m.max };
  if (!suppress) return { n: { shown: m.n }, stats: { shown: stats } };
  return { n: guard(m.n, m.n), stats: guard(m.n, stats) };
}

/**
 * The figures as a reader sees them. For aggregate readers (`suppress`), a statistic that rests on 1-4 people
 * is shown as "fewer than 5": a month's occupancy, a duration's count and its median/mean/min/max, the
 * attendance rate, the wheel's figures and each of its areas. The year's occupancy over all months is shown:
 * place-days over twelve months do not single anyone out. The improved/same/lower split of the wheel is
 * shown only when each part is 0 or at least 5, since a part of 1-4 would be a small cell.
 */
export function programFiguresView(f: ProgramFigures, suppress: boolean): ProgramFiguresView {
  const g = <T>(people: number, value: T): Guarded<T> => (suppress ? guard(people, value) : { shown: value });
  const { improved, same, lower } = f.wheel;
  const wheelValue = {
    participants: f.wheel.participants,
    meanChange: f.wheel.meanChange,
    split: suppress && [improved, same, lower].some(isSmall) ? ({ suppressed: "fewer_than_5" } as const) : { shown: { improved, same, lower } },
    areas: f.wheel.areas.map((a) => ({ key: a.key, participants: a.participants, meanChange: g(a.participants, a.meanChange) })),
  };
  return {
    occupancy: f.occupancy.map((m) => ({ month: m.month, percent: g(m.people, m.percent) })),
    occupancyPercent: f.occupancyPercent,
    waiting: durationView(f.waiting, suppress),
    preGroup: durationView(f.preGroup, suppress),
    attendance: g(f.attendancePeople, { percent: f.attendance.percent, counted: f.attendance.counted, attended: f.attendance.attended, excused: f.attendance.excused }),
    wheel: g(f.wheel.participants, wheelValue),
    timeInProgram: durationView(f.timeInProgram, suppress),
    daysToFirstJob: durationView(f.daysToFirstJob, suppress),
  };
}
