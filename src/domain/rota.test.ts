import { describe, expect, it } from "vitest";
import { addDays } from "./calendar.ts";
import { dutyCounts, type DutyHistory, planRota, replanRota, type RotaAssignment, type RotaDay, swapDuties } from "./rota.ts";

/** A small seeded generator (mulberry32): the property tests are random but repeatable. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (rnd: () => number, min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

/** Group days Monday-Wednesday from 2026-08-17, `count` of them. */
function groupDays(count: number): string[] {
  const dates: string[] = [];
  for (let week = 0; dates.length < count; week++) {
    for (let d = 0; d < 3 && dates.length < count; d++) dates.push(addDays("2026-08-17", week * 7 + d));
  }
  return dates;
}

interface Case {
  days: RotaDay[];
  people: string[];
  /** Never absent. */
  always: string[];
  history: Record<string, DutyHistory>;
  perDay: number;
}

function generate(seed: number, { equalHistory = false } = {}): Case {
  const rnd = random(seed);
  const people = Array.from({ length: int(rnd, 2, 14) }, (_, i) => `p${String(i).padStart(2, "0")}`);
  const always = people.filter(() => rnd() < 0.5);
  const absence = rnd() * 0.4;
  const days = groupDays(int(rnd, 1, 60)).map((date) => ({
    date,
    available: people.filter((p) => always.includes(p) || rnd() >= absence).sort(() => rnd() - 0.5),
  }));
  const history: Record<string, DutyHistory> = {};
  for (const p of people) {
    if (equalHistory) history[p] = { count: 2, lastDate: null };
    else if (rnd() < 0.8) history[p] = { count: int(rnd, 0, 4), lastDate: rnd() < 0.5 ? addDays("2026-08-14", -int(rnd, 0, 30)) : null };
  }
  return { days, people, always, history, perDay: rnd() < 0.8 ? 1 : 2 };
}

const spread = (values: number[]) => (values.length === 0 ? 0 : Math.max(...values) - Math.min(...values));

/**
 * Duties per person: history plus rota. People missing from history start at the fewest of those in it
 * who take part in the plan (available on some day), as the rota does.
 */
function totals(c: Case, rota: RotaAssignment[]): Map<string, number> {
  const known = c.people.filter((p) => c.history[p] && c.days.some((d) => d.available.includes(p)));
  const baseline = known.length ? Math.min(...known.map((p) => c.history[p]!.count)) : 0;
  const counts = new Map(c.people.map((p) => [p, c.history[p]?.count ?? baseline]));
  for (const a of rota) for (const p of a.personIds) counts.set(p, counts.get(p)! + 1);
  return counts;
}

const SEEDS = Array.from({ length: 250 }, (_, i) => i + 1);

describe("breakfast rota: fairness as properties over many generated cases", () => {
  it("puts only available people on duty, the right number, nobody twice a day", () => {
    for (const seed of SEEDS) {
      const c = generate(seed);
      const rota = planRota(c.days, { history: c.history, perDay: c.perDay });
      expect(rota.map((a) => a.date)).toEqual(c.days.map((d) => d.date));
      for (const [i, a] of rota.entries()) {
        const available = c.days[i]!.available;
        expect(a.personIds.every((p) => available.includes(p))).toBe(true);
        expect(new Set(a.personIds).size).toBe(a.personIds.length);
        expect(a.personIds.length).toBe(Math.min(c.perDay, available.length));
        expect(a.shortfall).toBe(c.perDay - a.personIds.length);
      }
    }
  });

  it("always chooses among the available those with the fewest duties so far", () => {
    const violations: string[] = [];
    for (const seed of SEEDS) {
      const c = generate(seed);
      const rota = planRota(c.days, { history: c.history, perDay: c.perDay });
      const before = totals(c, []);
      for (const [i, a] of rota.entries()) {
        const others = c.days[i]!.available.filter((p) => !a.personIds.includes(p));
        for (const p of a.personIds) {
          for (const o of others) if (before.get(p)! > before.get(o)!) violations.push(`seed ${seed} ${a.date}: ${p} before ${o}`);
        }
        for (const p of a.personIds) before.set(p, before.get(p)! + 1);
      }
    }
    expect(violations).toEqual([]);
  });

  it("keeps those available equally within one duty of each other when they start level", () => {
    for (const seed of SEEDS) {
      const c = generate(seed, { equalHistory: true });
      const rota = planRota(c.days, { history: c.history, perDay: c.perDay });
      for (let i = 1; i <= rota.length; i++) {
        const counts = totals(c, rota.slice(0, i));
        expect(spread(c.always.map((p) => counts.get(p)!))).toBeLessThanOrEqual(1);
      }
      // Everyone always available: the whole group within one.
      const everyone = c.days.map((d) => ({ ...d, available: c.people }));
      const counts = totals(c, planRota(everyone, { history: c.history, perDay: c.perDay }));
      expect(spread([...counts.values()])).toBeLessThanOrEqual(1);
    }
  });

  it("never widens a gap in history among those always available, and closes it given time", () => {
    for (const seed of SEEDS) {
      const c = generate(seed);
      const always = c.always.filter((p) => c.history[p]);
      const start = spread(always.map((p) => c.history[p]!.count));
      const rota = planRota(c.days, { history: c.history, perDay: c.perDay });
      const end = spread(always.map((p) => totals(c, rota).get(p)!));
      expect(end).toBeLessThanOrEqual(Math.max(1, start));
    }
    // A long enough rota evens out any start.
    const people = ["a", "b", "c"];
    const days = groupDays(30).map((date) => ({ date, available: people }));
    const rota = planRota(days, { history: { a: { count: 6 }, b: { count: 0 }, c: { count: 3 } } });
    expect(Object.fromEntries(dutyCounts(rota))).toEqual({ a: 7, b: 13, c: 10 }); // totals 13, 13, 13
  });

  it("is deterministic, whatever order the available are listed in", () => {
    for (const seed of SEEDS.slice(0, 100)) {
      const c = generate(seed);
      const rota = planRota(c.days, { history: c.history, perDay: c.perDay });
      const reordered = [...c.days].reverse().map((d) => ({ ...d, available: [...d.available].reverse() }));
      expect(planRota(reordered, { history: c.history, perDay: c.perDay })).toEqual(rota);
    }
  });

  it("keeps past days when re-planning after someone leaves, and leaves them out from then on", () => {
    for (const seed of SEEDS) {
      const c = generate(seed);
      const rota = planRota(c.days, { history: c.history, perDay: c.perDay });
      const rnd = random(seed * 7919);
      const today = c.days[int(rnd, 0, c.days.length - 1)]!.date;
      const leaver = c.people[int(rnd, 0, c.people.length - 1)]!;
      const days = c.days.filter((d) => d.date >= today).map((d) => ({ ...d, available: d.available.filter((p) => p !== leaver) }));
      // History up to today: the rota's past days happened.
      const history: Record<string, DutyHistory> = {};
      const past = totals(c, rota.filter((a) => a.date < today));
      for (const p of c.people) history[p] = { count: past.get(p)! };
      const replanned = replanRota({ assignments: rota, days, today, history, perDay: c.perDay });

      expect(replanned.filter((a) => a.date < today)).toEqual(rota.filter((a) => a.date < today));
      const after = replanned.filter((a) => a.date >= today);
      expect(after.map((a) => a.date)).toEqual(days.map((d) => d.date));
      for (const [i, a] of after.entries()) {
        expect(a.personIds).not.toContain(leaver);
        expect(a.personIds.every((p) => days[i]!.available.includes(p))).toBe(true);
        expect(a.personIds.length).toBe(Math.min(c.perDay, days[i]!.available.length));
        // Whoever had the duty and still can, keeps it.
        const before = rota.find((r) => r.date === a.date)!.personIds.filter((p) => p !== leaver);
        for (const p of before) expect(a.personIds).toContain(p);
      }
    }
  });

  it("swaps keep everyone's number of duties and only put people on days they can take", () => {
    let swapped = 0;
    for (const seed of SEEDS) {
      const c = generate(seed);
      const rota = planRota(c.days, { history: c.history, perDay: c.perDay });
      const rnd = random(seed * 104729);
      const [x, y] = [rota[int(rnd, 0, rota.length - 1)]!, rota[int(rnd, 0, rota.length - 1)]!];
      const [pa, pb] = [x.personIds[0], y.personIds[0]];
      if (!pa || !pb) continue;
      const result = swapDuties({ assignments: rota, days: c.days, a: { personId: pa, date: x.date }, b: { personId: pb, date: y.date }, today: "2026-08-01" });
      if (!result.ok) {
        expect(["same_person", "same_day", "not_available", "already_on_duty"]).toContain(result.error);
        continue;
      }
      swapped++;
      expect(dutyCounts(result.assignments)).toEqual(dutyCounts(rota));
      for (const a of result.assignments) {
        const day = c.days.find((d) => d.date === a.date)!;
        expect(a.personIds.every((p) => day.available.includes(p))).toBe(true);
      }
      expect(result.assignments.find((a) => a.date === x.date)!.personIds).toContain(pb);
      expect(result.assignments.find((a) => a.date === y.date)!.personIds).toContain(pa);
    }
    expect(swapped).toBeGreaterThan(50); // the property was really exercised
  });
});

describe("breakfast rota: examples", () => {
  const [mon, tue, wed, mon2] = ["2026-08-17", "2026-08-18", "2026-08-19", "2026-08-24"];

  it("goes round the group in a stable order, skipping those who are away", () => {
    const days = [
      { date: mon, available: ["cem", "ana", "bo"] },
      { date: tue, available: ["cem", "bo"] }, // ana is sick
      { date: wed, available: ["ana", "bo", "cem"] },
      { date: mon2, available: ["ana", "bo", "cem"] },
    ];
    expect(planRota(days).map((a) => a.personIds)).toEqual([["ana"], ["bo"], ["cem"], ["ana"]]);
    // The caller's order decides among equals.
    expect(planRota(days, { order: ["cem", "bo", "ana"] }).map((a) => a.personIds)).toEqual([["cem"], ["bo"], ["ana"], ["cem"]]);
  });

  it("prefers the one whose last duty is longest ago, and lets a newcomer start level with the fewest", () => {
    const history = { ana: { count: 3, lastDate: "2026-06-10" }, bo: { count: 3, lastDate: "2026-05-02" }, cem: { count: 5 } };
    expect(planRota([{ date: mon, available: ["ana", "bo", "cem"] }], { history })[0]!.personIds).toEqual(["bo"]);
    // dan is new: counted as 3 (the fewest), never had a duty, so comes first among equals; not 8 days in a row.
    const rota = planRota(
      [mon, tue, wed, mon2].map((date) => ({ date, available: ["ana", "bo", "cem", "dan"] })),
      { history },
    );
    expect(rota.map((a) => a.personIds[0])).toEqual(["dan", "bo", "ana", "dan"]);
  });

  it("reports a shortfall when too few are there, and takes two a day when asked", () => {
    const rota = planRota(
      [
        { date: mon, available: ["ana", "bo", "cem"] },
        { date: tue, available: ["ana"] },
        { date: wed, available: [] },
      ],
      { perDay: 2 },
    );
    expect(rota).toEqual([
      { date: mon, personIds: ["ana", "bo"], shortfall: 0 },
      { date: tue, personIds: ["ana"], shortfall: 1 },
      { date: wed, personIds: [], shortfall: 2 },
    ]);
  });

  it("refuses bad input", () => {
    expect(() => planRota([{ date: mon, available: [] }], { perDay: 0 })).toThrow(RangeError);
    expect(() => planRota([{ date: "2026-02-30", available: [] }])).toThrow(RangeError);
    expect(() => planRota([{ date: mon, available: [] }, { date: mon, available: [] }])).toThrow(/twice/);
    expect(() => planRota([{ date: mon, available: ["a"] }], { history: { a: { count: -1 } } })).toThrow(RangeError);
  });

  it("validates swaps", () => {
    const days = [
      { date: mon, available: ["ana", "bo", "cem"] },
      { date: tue, available: ["ana", "bo"] },
      { date: wed, available: ["ana", "bo", "cem"] },
    ];
    const rota = planRota(days); // ana, bo, cem
    const swap = (a: [string, string], b: [string, string], today = mon) =>
      swapDuties({ assignments: rota, days, a: { personId: a[0], date: a[1] }, b: { personId: b[0], date: b[1] }, today });
    const ok = swap(["ana", mon], ["cem", wed]);
    expect(ok.ok && ok.assignments.map((a) => a.personIds[0])).toEqual(["cem", "bo", "ana"]);
    expect(swap(["bo", tue], ["cem", wed])).toEqual({ ok: false, error: "not_available", personId: "cem", date: tue });
    expect(swap(["ana", tue], ["cem", wed])).toEqual({ ok: false, error: "not_on_duty", personId: "ana", date: tue });
    expect(swap(["ana", mon], ["ana", wed])).toEqual({ ok: false, error: "same_person" });
    expect(swap(["ana", mon], ["bo", mon])).toEqual({ ok: false, error: "same_day" });
    expect(swap(["ana", mon], ["cem", wed], tue)).toEqual({ ok: false, error: "past_day", date: mon });
    expect(swap(["ana", "2026-09-01"], ["cem", wed])).toEqual({ ok: false, error: "unknown_day", date: "2026-09-01" });
    const two = planRota(days, { perDay: 2 }); // [ana, bo], [ana, bo], [cem, ana]
    expect(
      swapDuties({ assignments: two, days, a: { personId: "bo", date: mon }, b: { personId: "ana", date: wed }, today: mon }),
    ).toEqual({ ok: false, error: "already_on_duty", personId: "ana", date: mon });
  });

  it("fills the leaver's days fairly and keeps the others' when re-planning", () => {
    const people = ["ana", "bo", "cem", "dan"];
    const dates = groupDays(8);
    const rota = planRota(dates.map((date) => ({ date, available: people }))); // ana bo cem dan ana bo cem dan
    const today = dates[2]!;
    const stay = people.filter((p) => p !== "bo");
    const replanned = replanRota({
      assignments: rota,
      days: dates.filter((d) => d >= today).map((date) => ({ date, available: stay })),
      today,
      history: { ana: { count: 1, lastDate: dates[0] }, bo: { count: 1, lastDate: dates[1] }, cem: { count: 0 }, dan: { count: 0 } },
    });
    // bo's day (the sixth) goes to dan: everyone weighs the same (2 with the kept days ahead), and dan's
    // nearest duty is two group days away, ana's and cem's only one.
    expect(replanned.map((a) => a.personIds[0])).toEqual(["ana", "bo", "cem", "dan", "ana", "dan", "cem", "dan"]);
    expect(replanned.slice(0, 2)).toEqual(rota.slice(0, 2));
    // With the history, the stayers end within one of each other.
    const counts = dutyCounts(replanned);
    expect(Object.fromEntries(counts)).toEqual({ ana: 2, bo: 1, cem: 2, dan: 3 });
  });
});
