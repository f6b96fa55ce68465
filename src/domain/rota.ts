import { isValidDate } from "./calendar.ts";

// The breakfast rota: on the ordinary group's group days breakfast is the participants' shared
// responsibility. The rota gives each group day one (or `perDay`) participant(s) on duty, fairly:
//
// - Only people available that day can be chosen (the caller lists them: enrolled in the ordinary group,
//   not absent with notice, sick or on leave that day).
// - Each day takes, among those available, the one with the fewest duties so far (history + this rota),
//   then the one whose last duty is longest ago (never before comes first), then a stable order (the
//   caller's `order`, else person id). No randomness: the same input always gives the same rota.
// - That greedy choice keeps the duties of people who are available equally often within one of each
//   other (max - min <= 1 when they start level), and never widens a gap they start with.
// - `history` is the duties each person has had *before the days being planned*. A person missing from it
//   starts level with the fewest among those who are in it, so that someone new does not owe breakfasts
//   for the weeks before they joined (they come first among equals, having never had a duty).
//
// A swap moves duties between two participants on two days; a re-plan (after someone leaves, a day is
// cancelled or availability changes) keeps every day before `today` as it was, keeps the duties after it
// that are still possible, and fills only what became free.

export interface RotaDay {
  /** A group day, YYYY-MM-DD. */
  date: string;
  /** Who can have the duty that day. */
  available: readonly string[];
}

export interface DutyHistory {
  count: number;
  /** The latest duty (YYYY-MM-DD), if any. */
  lastDate?: string | null;
}

export interface RotaAssignment {
  date: string;
  /** On duty, in the order chosen. */
  personIds: string[];
  /** How many places stayed empty because too few were available (0 normally). */
  shortfall: number;
}

export interface RotaOptions {
  /** People on duty per day; default 1. */
  perDay?: number;
  /** Duties before the days being planned, by person id. */
  history?: Readonly<Record<string, DutyHistory>>;
  /** Stable order for the last tie-break (e.g. enrolment order); people not in it follow by id. */
  order?: readonly string[];
}

const compareText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

function checkDays(days: readonly RotaDay[]): RotaDay[] {
  const seen = new Set<string>();
  for (const day of days) {
    if (!isValidDate(day.date)) throw new RangeError(`rota day must be YYYY-MM-DD, got ${JSON.stringify(day.date)}`);
    if (seen.has(day.date)) throw new RangeError(`rota day ${day.date} is listed twice`);
    seen.add(day.date);
  }
  return [...days].sort((a, b) => compareText(a.date, b.date));
}

function checkPerDay(perDay: number): void {
  if (!Number.isInteger(perDay) || perDay < 1) throw new RangeError(`perDay must be a whole number >= 1, got ${perDay}`);
}

function checkHistory(history: Readonly<Record<string, DutyHistory>>): void {
  for (const [personId, h] of Object.entries(history)) {
    if (!Number.isInteger(h.count) || h.count < 0) throw new RangeError(`duty count of ${personId} must be a whole number >= 0`);
    if (h.lastDate != null && !isValidDate(h.lastDate)) throw new RangeError(`last duty of ${personId} must be YYYY-MM-DD`);
  }
}

/** Running tally of duties: count and last date per person, and the tie-break order. */
class Tally {
  private readonly counts = new Map<string, number>();
  private readonly last = new Map<string, string>();
  private readonly rank: Map<string, number>;
  private readonly baseline: number;

  constructor(history: Readonly<Record<string, DutyHistory>>, people: Iterable<string>, order: readonly string[]) {
    checkHistory(history);
    const present = [...new Set(people)];
    const known = present.filter((p) => Object.hasOwn(history, p));
    this.baseline = known.length === 0 ? 0 : Math.min(...known.map((p) => history[p]!.count));
    for (const p of known) {
      this.counts.set(p, history[p]!.count);
      const lastDate = history[p]!.lastDate;
      if (lastDate) this.last.set(p, lastDate);
    }
    this.rank = new Map(order.map((p, i) => [p, i]));
  }

  count(personId: string): number {
    return this.counts.get(personId) ?? this.baseline;
  }

  add(personId: string, date: string): void {
    this.counts.set(personId, this.count(personId) + 1);
    const last = this.last.get(personId);
    if (last === undefined || date > last) this.last.set(personId, date);
  }

  /** Fewest duties, then longest since the last one (never first), then the stable order. */
  compare(a: string, b: string): number {
    const byCount = this.count(a) - this.count(b);
    if (byCount !== 0) return byCount;
    const [la, lb] = [this.last.get(a), this.last.get(b)];
    if (la !== lb) {
      if (la === undefined) return -1;
      if (lb === undefined) return 1;
      return compareText(la, lb);
    }
    return this.stable(a, b);
  }

  /** The caller's order, then person id. */
  stable(a: string, b: string): number {
    const [ra, rb] = [this.rank.get(a) ?? Infinity, this.rank.get(b) ?? Infinity];
    if (ra !== rb) return ra < rb ? -1 : 1;
    return compareText(a, b);
  }

  /** The `n` first of `candidates` by compare. */
  pick(candidates: Iterable<string>, n: number): string[] {
    return [...new Set(candidates)].sort((a, b) => this.compare(a, b)).slice(0, n);
  }
}

/** A fair rota for the given group days (in date order). */
export function planRota(days: readonly RotaDay[], options: RotaOptions = {}): RotaAssignment[] {
  const perDay = options.perDay ?? 1;
  checkPerDay(perDay);
  const sorted = checkDays(days);
  const tally = new Tally(options.history ?? {}, sorted.flatMap((d) => d.available), options.order ?? []);
  return sorted.map((day) => {
    const chosen = tally.pick(day.available, perDay);
    for (const p of chosen) tally.add(p, day.date);
    return { date: day.date, personIds: chosen, shortfall: perDay - chosen.length };
  });
}

/** Duties per person in a rota (only people who have one). */
export function dutyCounts(assignments: readonly RotaAssignment[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of assignments) for (const p of a.personIds) counts.set(p, (counts.get(p) ?? 0) + 1);
  return new Map([...counts.entries()].sort(([a], [b]) => compareText(a, b)));
}

/**
 * Plans again from `today` on: days before today are kept exactly as they were; on each day from today,
 * those already on duty who are still available keep it (so agreed swaps survive), and free places are
 * filled fairly: fewest duties counting the kept ones ahead, then the one whose nearest duty is furthest
 * away in group days, then the stable order. `days` gives the availability from today on (days before today in it are ignored); rota
 * days after today that are no longer in `days` (cancelled) drop out. `history` holds the duties before
 * today (the kept days before today included, since they happened).
 */
export function replanRota(input: {
  assignments: readonly RotaAssignment[];
  days: readonly RotaDay[];
  today: string;
  perDay?: number;
  history?: Readonly<Record<string, DutyHistory>>;
  order?: readonly string[];
}): RotaAssignment[] {
  const perDay = input.perDay ?? 1;
  checkPerDay(perDay);
  if (!isValidDate(input.today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(input.today)}`);
  const past = input.assignments.filter((a) => a.date < input.today).map((a) => ({ ...a, personIds: [...a.personIds] }));
  const future = checkDays(input.days).filter((d) => d.date >= input.today);
  const previous = new Map(input.assignments.map((a) => [a.date, a.personIds]));
  const tally = new Tally(input.history ?? {}, future.flatMap((d) => d.available), input.order ?? []);

  // Keep what is still possible, and count it before filling, so the kept duties weigh in.
  const kept = future.map((day) => {
    const available = new Set(day.available);
    return [...new Set(previous.get(day.date) ?? [])].filter((p) => available.has(p)).slice(0, perDay);
  });
  // Kept duties weigh in from the start: a person's weight on a day is their duties so far plus the kept
  // ones still ahead. Among equal weights the free place goes to the one whose nearest duty (before or
  // after, counted in group days) is furthest away, so nobody gets two days in a row when it can be helped.
  const ahead = new Map<string, number>();
  const duties = new Map<string, number[]>(); // indexes into `future`
  for (const [i, people] of kept.entries()) {
    for (const p of people) {
      ahead.set(p, (ahead.get(p) ?? 0) + 1);
      duties.set(p, [...(duties.get(p) ?? []), i]);
    }
  }
  const hadBefore = (p: string) => input.history?.[p]?.lastDate != null || past.some((a) => a.personIds.includes(p));
  const distance = (p: string, i: number) => {
    const at = duties.get(p) ?? [];
    const before = at.filter((j) => j < i).at(-1) ?? (hadBefore(p) ? -1 : -Infinity);
    const after = at.find((j) => j > i) ?? Infinity;
    return Math.min(i - before, after - i);
  };
  const planned = future.map((day, i) => {
    const keep = kept[i]!;
    for (const p of keep) ahead.set(p, ahead.get(p)! - 1);
    const weigh = (p: string) => tally.count(p) + (ahead.get(p) ?? 0);
    const free = [...new Set(day.available)].filter((p) => !keep.includes(p));
    const fill = free.sort((a, b) => weigh(a) - weigh(b) || distance(b, i) - distance(a, i) || tally.stable(a, b)).slice(0, perDay - keep.length);
    for (const p of fill) duties.set(p, [...(duties.get(p) ?? []), i].sort((x, y) => x - y));
    const personIds = [...keep, ...fill];
    for (const p of personIds) tally.add(p, day.date);
    return { date: day.date, personIds, shortfall: perDay - personIds.length };
  });
  return [...past.sort((a, b) => compareText(a.date, b.date)), ...planned];
}

export type SwapError =
  | "same_person" // a swap needs two people
  | "same_day" // both duties are on the same day: nothing to swap
  | "unknown_day" // a date that is not in the rota
  | "past_day" // days before today are history
  | "not_on_duty" // the person does not have the duty on that day
  | "not_available" // the person cannot take the other's day
  | "already_on_duty"; // the person already has the duty on the other's day (with perDay > 1)

export type SwapResult = { ok: true; assignments: RotaAssignment[] } | { ok: false; error: SwapError; personId?: string; date?: string };

/**
 * Swaps two duties: `a` (on duty on a.date) takes b.date, and `b` (on duty on b.date) takes a.date.
 * Both must be available on the other's day, and neither day may be before today. Returns a new rota;
 * every person keeps the same number of duties.
 */
export function swapDuties(input: {
  assignments: readonly RotaAssignment[];
  days: readonly RotaDay[];
  a: { personId: string; date: string };
  b: { personId: string; date: string };
  today: string;
}): SwapResult {
  const { a, b } = input;
  if (a.personId === b.personId) return { ok: false, error: "same_person" };
  if (a.date === b.date) return { ok: false, error: "same_day" };
  const byDate = new Map(input.assignments.map((x) => [x.date, x]));
  const availability = new Map(checkDays(input.days).map((d) => [d.date, new Set(d.available)]));
  for (const side of [a, b]) {
    if (!byDate.has(side.date) || !availability.has(side.date)) return { ok: false, error: "unknown_day", date: side.date };
    if (side.date < input.today) return { ok: false, error: "past_day", date: side.date };
    if (!byDate.get(side.date)!.personIds.includes(side.personId)) {
      return { ok: false, error: "not_on_duty", personId: side.personId, date: side.date };
    }
  }
  for (const [who, other] of [
    [a, b],
    [b, a],
  ] as const) {
    if (byDate.get(other.date)!.personIds.includes(who.personId)) {
      return { ok: false, error: "already_on_duty", personId: who.personId, date: other.date };
    }
    if (!availability.get(other.date)!.has(who.personId)) {
      return { ok: false, error: "not_available", personId: who.personId, date: other.date };
    }
  }
  const replace = (x: RotaAssignment, from: string, to: string): RotaAssignment => ({
    ...x,
    personIds: x.personIds.map((p) => (p === from ? to : p)),
  });
  return {
    ok: true,
    assignments: input.assignments.map((x) =>
      x.date === a.date ? replace(x, a.personId, b.personId) : x.date === b.date ? replace(x, b.personId, a.personId) : { ...x, personIds: [...x.personIds] },
    ),
  };
}
