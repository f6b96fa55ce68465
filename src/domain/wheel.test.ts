import { describe, expect, it } from "vitest";
import {
  areaChanges,
  changeFromFirstToLast,
  chartReadings,
  compareRaters,
  DEFAULT_WHEEL_AREAS,
  LABEL_LINE_HEIGHT,
  meanScore,
  moveArea,
  newAreaKey,
  pairReadings,
  programWheelStatistics,
  radarGeometry,
  type RatedReading,
  sameAreas,
  STEP_COUNT,
  summariseChanges,
  validateInstrument,
  validateScores,
  type WheelArea,
  WHEEL_LANGUAGES,
  wrapLabel,
} from "./wheel.ts";

const clone = (areas: readonly WheelArea[]): WheelArea[] => JSON.parse(JSON.stringify(areas)) as WheelArea[];
const keys = DEFAULT_WHEEL_AREAS.map((a) => a.key);

describe("the default instrument", () => {
  it("has CRUX's five life areas and four areas of work readiness, in that order", () => {
    expect(keys).toEqual(["housing", "economy", "family_network", "activity", "health", "daily_routines", "social_skills", "motivation", "own_resources"]);
    expect(DEFAULT_WHEEL_AREAS.map((a) => a.group)).toEqual(["life", "life", "life", "life", "life", "work_readiness", "work_readiness", "work_readiness", "work_readiness"]);
  });

  it("is a valid instrument: unique keys, a name and ten steps in every language", () => {
    expect(validateInstrument(DEFAULT_WHEEL_AREAS)).toEqual([]);
    for (const area of DEFAULT_WHEEL_AREAS) {
      for (const language of WHEEL_LANGUAGES) {
        expect(area.steps[language], `${area.key} ${language}`).toHaveLength(STEP_COUNT);
        // Every step says something of its own.
        expect(new Set(area.steps[language]).size, `${area.key} ${language}`).toBe(STEP_COUNT);
      }
    }
  });

  it("is written in short sentences (plain language) and says step 10 is managing on one's own", () => {
    const onOwn = { sv: "på egen hand", nb: "på egen hånd", en: "on my own" };
    for (const area of DEFAULT_WHEEL_AREAS) {
      for (const language of WHEEL_LANGUAGES) {
        for (const step of area.steps[language]) {
          expect(step.length, step).toBeLessThanOrEqual(100);
          for (const sentence of step.split(/(?<=\.) /)) expect(sentence.split(/\s+/).length, sentence).toBeLessThanOrEqual(18);
          expect(step).toMatch(/\.$/);
        }
        expect(area.steps[language][9], `${area.key} ${language}`).toContain(onOwn[language]);
      }
    }
  });

  it("is Spelplan's own text, not the Outcome Star's ladder", () => {
    const all = JSON.stringify(DEFAULT_WHEEL_AREAS).toLowerCase();
    for (const word of ["outcome star", "stuck", "accepting help", "believing", "self-reliance"]) expect(all).not.toContain(word);
  });
});

describe("validating an instrument", () => {
  it("refuses duplicate and badly formed keys", () => {
    const areas = clone(DEFAULT_WHEEL_AREAS);
    areas[1]!.key = "housing";
    areas[2]!.key = "Family network";
    expect(validateInstrument(areas)).toEqual([
      { code: "duplicate_key", index: 1, key: "housing" },
      { code: "bad_key", index: 2, key: "Family network" },
    ]);
  });

  it("needs ten non-empty steps and a name in every language", () => {
    const areas = clone(DEFAULT_WHEEL_AREAS);
    areas[0]!.steps.nb = areas[0]!.steps.nb.slice(0, 9);
    areas[3]!.steps.en[4] = "  ";
    areas[4]!.label.sv = "";
    areas[5]!.steps.sv[0] = "x".repeat(301);
    expect(validateInstrument(areas)).toEqual([
      { code: "wrong_step_count", index: 0, key: "housing", language: "nb" },
      { code: "empty_step", index: 3, key: "activity", language: "en", step: 5 },
      { code: "missing_label", index: 4, key: "health", language: "sv" },
      { code: "step_too_long", index: 5, key: "daily_routines", language: "sv", step: 1 },
    ]);
  });

  it("needs between three and twelve areas, each in a known group", () => {
    expect(validateInstrument(clone(DEFAULT_WHEEL_AREAS).slice(0, 2))).toEqual([{ code: "too_few_areas" }]);
    const many = [...clone(DEFAULT_WHEEL_AREAS), ...clone(DEFAULT_WHEEL_AREAS).slice(0, 4).map((a, i) => ({ ...a, key: `extra_${i}` }))];
    expect(validateInstrument(many)).toEqual([{ code: "too_many_areas" }]);
    const areas = clone(DEFAULT_WHEEL_AREAS);
    (areas[0] as { group: string }).group = "other";
    expect(validateInstrument(areas)).toEqual([{ code: "bad_group", index: 0, key: "housing" }]);
  });

  it("tells a real change from none, and makes keys for new areas", () => {
    expect(sameAreas(DEFAULT_WHEEL_AREAS, clone(DEFAULT_WHEEL_AREAS))).toBe(true);
    const changed = clone(DEFAULT_WHEEL_AREAS);
    changed[0]!.steps.sv[0] = "Jag saknar bostad.";
    expect(sameAreas(DEFAULT_WHEEL_AREAS, changed)).toBe(false);
    expect(sameAreas(DEFAULT_WHEEL_AREAS, moveArea(DEFAULT_WHEEL_AREAS, "economy", "up"))).toBe(false);
    expect(newAreaKey("Fritid och intressen", keys)).toBe("fritid_och_intressen");
    expect(newAreaKey("Hälsa", ["halsa"])).toBe("halsa_2");
    expect(newAreaKey("Økonomi", [])).toBe("okonomi");
    expect(newAreaKey("123", [])).toBe("area");
  });

  it("moves an area up or down, and leaves the ends as they are", () => {
    expect(moveArea(DEFAULT_WHEEL_AREAS, "economy", "up").map((a) => a.key).slice(0, 3)).toEqual(["economy", "housing", "family_network"]);
    expect(moveArea(DEFAULT_WHEEL_AREAS, "housing", "up").map((a) => a.key)).toEqual(keys);
    expect(moveArea(DEFAULT_WHEEL_AREAS, "own_resources", "down").map((a) => a.key)).toEqual(keys);
  });
});

describe("validating scores against an instrument version", () => {
  const full = Object.fromEntries(keys.map((k, i) => [k, (i % 10) + 1]));

  it("accepts a whole number 1-10 for every area", () => {
    expect(validateScores(DEFAULT_WHEEL_AREAS, full)).toEqual([]);
  });

  it("refuses scores out of range, not whole, for unknown areas, and missing ones", () => {
    const { housing: _housing, ...withoutHousing } = full;
    expect(validateScores(DEFAULT_WHEEL_AREAS, { ...withoutHousing, economy: 0, health: 11, motivation: 4.5, leisure: 5 })).toEqual([
      { key: "economy", code: "not_a_score" },
      { key: "health", code: "not_a_score" },
      { key: "motivation", code: "not_a_score" },
      { key: "leisure", code: "unknown_area" },
      { key: "housing", code: "missing" },
    ]);
    expect(validateScores(DEFAULT_WHEEL_AREAS, withoutHousing, { allowMissing: true })).toEqual([]);
  });
});

describe("change between readings", () => {
  it("gives the change per area, and none where a reading has no score", () => {
    expect(areaChanges(["housing", "economy", "health"], { housing: 3, economy: 5 }, { housing: 6, economy: 4, health: 7 })).toEqual([
      { key: "housing", from: 3, to: 6, change: 3 },
      { key: "economy", from: 5, to: 4, change: -1 },
      { key: "health", from: null, to: 7, change: null },
    ]);
    expect(summariseChanges(areaChanges(["a", "b", "c", "d"], { a: 1, b: 5, c: 5 }, { a: 2, b: 5, c: 4, d: 3 }))).toEqual({ improved: 1, same: 1, lower: 1 });
    expect(meanScore({ a: 3, b: 4, c: 4 }, ["a", "b", "c", "d"])).toBe(3.7);
    expect(meanScore({}, ["a"])).toBeNull();
  });

  it("gives the change from the first to the last reading, per area and overall, for the statistics", () => {
    const change = changeFromFirstToLast([
      { date: "2026-06-01", scores: { housing: 5, economy: 5, health: 6 } },
      { date: "2026-01-10", scores: { housing: 2, economy: 3, health: 4, motivation: 2 } },
      { date: "2026-03-15", scores: { housing: 9, economy: 1, health: 1 } },
    ]);
    // First is the earliest by date, last the latest; motivation was not rated the last time.
    expect(change).toEqual({
      firstDate: "2026-01-10",
      lastDate: "2026-06-01",
      areas: [
        { key: "housing", first: 2, last: 5, change: 3 },
        { key: "economy", first: 3, last: 5, change: 2 },
        { key: "health", first: 4, last: 6, change: 2 },
      ],
      overall: { first: 3, last: 5.3, change: 2.3 },
    });
  });

  it("orders readings of the same day by when they were recorded, and needs two readings with an area in common", () => {
    const sameDay = changeFromFirstToLast([
      { date: "2026-01-10", recordedAt: new Date("2026-01-10T15:00:00Z"), scores: { a: 8 } },
      { date: "2026-01-10", recordedAt: new Date("2026-01-10T09:00:00Z"), scores: { a: 2 } },
    ]);
    expect(sameDay?.overall).toEqual({ first: 2, last: 8, change: 6 });
    expect(changeFromFirstToLast([{ date: "2026-01-10", scores: { a: 1 } }])).toBeNull();
    expect(changeFromFirstToLast([{ date: "2026-01-10", scores: { a: 1 } }, { date: "2026-02-10", scores: { b: 1 } }])).toBeNull();
  });

  it("sums up a program: how many improved, the mean change overall and per area", () => {
    const a = changeFromFirstToLast([{ date: "2026-01-01", scores: { housing: 2, health: 4 } }, { date: "2026-06-01", scores: { housing: 6, health: 5 } }]);
    const b = changeFromFirstToLast([{ date: "2026-01-01", scores: { housing: 5, health: 5 } }, { date: "2026-06-01", scores: { housing: 4, health: 4 } }]);
    const c = changeFromFirstToLast([{ date: "2026-01-01", scores: { housing: 5 } }, { date: "2026-06-01", scores: { housing: 5 } }]);
    expect(programWheelStatistics([a, b, c, null])).toEqual({
      participants: 3,
      improved: 1,
      same: 1,
      lower: 1,
      meanChange: 0.5,
      areas: [
        { key: "housing", participants: 3, meanChange: 1 },
        { key: "health", participants: 2, meanChange: 0 },
      ],
    });
    expect(programWheelStatistics([])).toMatchObject({ participants: 0, meanChange: null, areas: [] });
  });
});

describe("participant and coordinator side by side", () => {
  const reading = (id: string, ratedBy: RatedReading["ratedBy"], occasion: RatedReading["occasion"], date: string): RatedReading => ({ id, ratedBy, occasion, date, scores: {} });

  it("pairs readings of the same occasion nearest in date, each used once", () => {
    const pairs = pairReadings([
      reading("p-start", "participant", "start", "2026-01-10"),
      reading("c-start", "coordinator", "start", "2026-01-12"),
      reading("p-during", "participant", "during", "2026-04-10"),
      reading("c-during-far", "coordinator", "during", "2026-06-10"),
      reading("c-during", "coordinator", "during", "2026-04-01"),
      reading("p-during2", "participant", "during", "2026-04-11"),
      reading("c-exit", "coordinator", "exit", "2026-12-01"),
    ]);
    expect(pairs.map((p) => [p.participant.id, p.coordinator.id])).toEqual([
      ["p-during2", "c-during"],
      ["p-start", "c-start"],
    ]);
  });

  it("points out areas where they differ by three steps or more", () => {
    expect(compareRaters(["a", "b", "c", "d"], { a: 2, b: 8, c: 5 }, { a: 5, b: 6, c: 1 })).toEqual([
      { key: "a", from: 2, to: 5, change: 3, differs: true },
      { key: "b", from: 8, to: 6, change: -2, differs: false },
      { key: "c", from: 5, to: 1, change: -4, differs: true },
      { key: "d", from: null, to: null, change: null, differs: false },
    ]);
  });
});

describe("which readings the chart shows", () => {
  const r = (id: string, ratedBy: string, date: string) => ({ id, ratedBy, date, scores: {} });
  const readings = [r("c1", "coordinator", "2026-01-10"), r("p1", "participant", "2026-01-11"), r("c2", "coordinator", "2026-04-10"), r("c3", "coordinator", "2026-07-10")];

  it("shows by default the first and the latest reading", () => {
    expect(chartReadings(readings).map((x) => x.id)).toEqual(["c1", "c3"]);
    expect(chartReadings([...readings, r("p2", "participant", "2026-08-01")]).map((x) => x.id)).toEqual(["c1", "p2"]);
    expect(chartReadings(readings.slice(0, 1)).map((x) => x.id)).toEqual(["c1"]);
    expect(chartReadings([])).toEqual([]);
  });

  it("shows the readings asked for, at most three, in date order", () => {
    expect(chartReadings(readings, ["c3", "p1"]).map((x) => x.id)).toEqual(["p1", "c3"]);
    expect(chartReadings(readings, ["c3", "p1", "c2", "c1"]).map((x) => x.id)).toEqual(["c1", "p1", "c2"]);
    expect(chartReadings(readings, ["nonexistent"]).map((x) => x.id)).toEqual(["c1", "c3"]);
  });
});

describe("the radar chart's geometry", () => {
  const axes = [
    { key: "a", label: "Boende" },
    { key: "b", label: "Ekonomi" },
    { key: "c", label: "Familj och nätverk" },
    { key: "d", label: "Hälsa" },
  ];

  it("puts one axis per area clockwise from the top, score 10 at the radius", () => {
    const g = radarGeometry({ axes, readings: [], width: 600 });
    expect(g.radius).toBe(180);
    expect(g.center).toEqual({ x: 300, y: g.height / 2 });
    const { x, y } = g.center;
    expect(g.axes.map((a) => a.end)).toEqual([
      { x, y: y - 180 },
      { x: x + 180, y },
      { x, y: y + 180 },
      { x: x - 180, y },
    ]);
  });

  it("places each score at its share of the radius, and a polygon per reading through the areas rated", () => {
    const g = radarGeometry({ axes, readings: [{ a: 10, b: 5, c: 1, d: 2 }, { a: 4, c: 6 }], width: 600 });
    const { x, y } = g.center;
    expect(g.readings[0]!.points.map((p) => [p.key, p.value, p.x, p.y])).toEqual([
      ["a", 10, x, y - 180],
      ["b", 5, x + 90, y],
      ["c", 1, x, y + 18],
      ["d", 2, x - 36, y],
    ]);
    expect(g.readings[0]!.polygon).toBe(`${x},${y - 180} ${x + 90},${y} ${x},${y + 18} ${x - 36},${y}`);
    expect(g.readings[0]!.missing).toEqual([]);
    expect(g.readings[1]!.points.map((p) => p.key)).toEqual(["a", "c"]);
    expect(g.readings[1]!.missing).toEqual(["b", "d"]);
  });

  it("draws at most three readings, grid rings, and labels anchored away from the centre", () => {
    const g = radarGeometry({ axes, readings: [{ a: 1 }, { a: 2 }, { a: 3 }, { a: 4 }], width: 600 });
    expect(g.readings).toHaveLength(3);
    expect(g.rings.map((r) => r.value)).toEqual([2, 4, 6, 8, 10]);
    expect(g.rings[4]!.polygon.split(" ")).toHaveLength(4);
    expect(g.axes.map((a) => a.label.anchor)).toEqual(["middle", "start", "middle", "end"]);
    // The top label sits above the axis's end, the bottom one below, the side ones beside it.
    expect(g.axes[0]!.label.y).toBeLessThan(g.axes[0]!.end.y);
    expect(g.axes[2]!.label.y).toBeGreaterThan(g.axes[2]!.end.y);
    expect(g.axes[1]!.label.x).toBeGreaterThan(g.axes[1]!.end.x);
    expect(g.axes[3]!.label.x).toBeLessThan(g.axes[3]!.end.x);
    expect(g.axes[2]!.label.lines).toEqual(["Familj och", "nätverk"]);
    // Everything fits inside the drawing.
    for (const a of g.axes) {
      expect(a.label.y).toBeGreaterThan(0);
      expect(a.label.y + (a.label.lines.length - 1) * LABEL_LINE_HEIGHT).toBeLessThan(g.height);
    }
  });

  it("works for the default nine areas", () => {
    const g = radarGeometry({ axes: DEFAULT_WHEEL_AREAS.map((a) => ({ key: a.key, label: a.label.sv })), readings: [Object.fromEntries(keys.map((k) => [k, 10]))] });
    expect(g.axes).toHaveLength(9);
    // All points at score 10 are on the outer ring.
    for (const p of g.readings[0]!.points) expect(Math.hypot(p.x - g.center.x, p.y - g.center.y)).toBeCloseTo(g.radius, 1);
  });

  it("wraps long labels at spaces", () => {
    expect(wrapLabel("Kunskap om egna resurser", 14)).toEqual(["Kunskap om", "egna resurser"]);
    expect(wrapLabel("Hälsa", 14)).toEqual(["Hälsa"]);
    expect(wrapLabel("Arbetslivsinriktadrehabilitering", 14)).toEqual(["Arbetslivsinriktadrehabilitering"]);
  });
});
