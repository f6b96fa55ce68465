// Supported Employment / IPS: what a participant's work placements and jobs add up to, for the program's
// reporting (days from enrolment to the first job, hours per week now, weeks worked).
//
// Three kinds of work are recorded: internships (work practice, unpaid or paid by a benefit), subsidised
// employment (a job with a wage subsidy) and competitive employment (an ordinary job on the open labour
// market, at the going wage). IPS counts only competitive jobs as "a job", so the measures are given for
// three scopes side by side, and the reader chooses which one a report uses:
//   - "competitive": competitive jobs only (the IPS/Supported Employment "first job");
//   - "employment":  subsidised or competitive employment (what Swedish follow-up calls employment);
//   - "any":         any work, internships included ("first work of any kind").
// Internships therefore never count as a job; they count only in "any".
//
// Counting rules (all dates ISO "YYYY-MM-DD", end dates inclusive):
//   - Only what has begun by `asOf` counts; work planned to start later does not.
//   - Time is counted from the enrolment's start: work that began before it counts from the start date
//     (someone already working when enrolled is at 0 days), work that ended before it does not count.
//   - Overlapping work is counted once in weeks worked (two jobs in the same week are one week worked),
//     while hours per week add up (two part-time jobs of 10 hours are 20 hours).

export const WORK_KINDS = ["internship", "subsidised", "competitive"] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

export const WORK_SCOPES = ["competitive", "employment", "any"] as const;
export type WorkScope = (typeof WORK_SCOPES)[number];

const IN_SCOPE: Record<WorkScope, readonly WorkKind[]> = {
  competitive: ["competitive"],
  employment: ["competitive", "subsidised"],
  any: WORK_KINDS,
};

/** Whether a kind of work counts in a scope. */
export function countsIn(scope: WorkScope, kind: WorkKind): boolean {
  return IN_SCOPE[scope].includes(kind);
}

export interface WorkSpell {
  kind: WorkKind;
  startDate: string;
  /** Inclusive; null while it goes on. */
  endDate: string | null;
  hoursPerWeek: number;
}

export interface ScopeMeasures {
  /** The day the first work in this scope began (counted from the enrolment's start); null: none yet. */
  firstStart: string | null;
  /** Days from the enrolment's start to `firstStart`. */
  daysToFirst: number | null;
  /** Hours per week of the work going on on `asOf` (summed over parallel placements). */
  hoursPerWeekNow: number;
  /** Weeks with work since the enrolment's start, up to `asOf`, to one decimal (overlaps counted once). */
  weeksWorked: number;
  /** Working on `asOf`. */
  workingNow: boolean;
}

export type WorkMeasures = Record<WorkScope, ScopeMeasures>;

const DAY_MS = 86_400_000;
const dayNumber = (date: string): number => {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not an ISO date: ${date}`);
  return Math.round(ms / DAY_MS);
};
const formatDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Whether a placement is going on on a day (it has begun and not ended). */
export function isOngoing(spell: Pick<WorkSpell, "startDate" | "endDate">, day: string): boolean {
  return spell.startDate <= day && (spell.endDate === null || spell.endDate >= day);
}

function measuresFor(spells: readonly WorkSpell[], enrolmentStart: string, asOf: string): ScopeMeasures {
  const from = dayNumber(enrolmentStart);
  const to = dayNumber(asOf);
  // Each spell as whole days within [enrolment start, asOf].
  const intervals = spells
    .map((s) => ({ start: Math.max(dayNumber(s.startDate), from), end: Math.min(s.endDate === null ? to : dayNumber(s.endDate), to) }))
    .filter((i) => i.start <= i.end)
    .sort((a, b) => a.start - b.start);
  let days = 0;
  let current: { start: number; end: number } | null = null;
  for (const i of intervals) {
    if (current && i.start <= current.end + 1) {
      current.end = Math.max(current.end, i.end);
      continue;
    }
    if (current) days += current.end - current.start + 1;
    current = { ...i };
  }
  if (current) days += current.end - current.start + 1;
  const first = intervals[0]?.start ?? null;
  const hoursNow = spells.filter((s) => isOngoing(s, asOf)).reduce((sum, s) => sum + s.hoursPerWeek, 0);
  return {
    firstStart: first === null ? null : formatDay(first),
    daysToFirst: first === null ? null : first - from,
    hoursPerWeekNow: Math.round(hoursNow * 10) / 10,
    weeksWorked: Math.round((days / 7) * 10) / 10,
    workingNow: hoursNow > 0,
  };
}

/**
 * The Supported Employment measures of one enrolment on a day (`asOf`, usually today; the exit date or a
 * reporting day for reports), for each scope.
 */
export function workMeasures(input: { enrolmentStart: string; spells: readonly WorkSpell[]; asOf: string }): WorkMeasures {
  const started = input.spells.filter((s) => s.startDate <= input.asOf);
  const result = {} as WorkMeasures;
  for (const scope of WORK_SCOPES) {
    result[scope] = measuresFor(
      started.filter((s) => countsIn(scope, s.kind)),
      input.enrolmentStart,
      input.asOf,
    );
  }
  return result;
}
