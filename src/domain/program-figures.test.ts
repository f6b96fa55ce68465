import { describe, expect, it } from "vitest";
import { durationMeasure, occupancy, programFigures, type ProgramFigureFacts, programFiguresView } from "./program-figures.ts";

const year = { from: "2026-01-01", to: "2026-12-31" };
const empty: ProgramFigureFacts = { capacity: 10, enrolments: [], waits: [], marks: [], wheel: [], jobs: [], exits: [] };

describe("duration measures", () => {
  it("gives how many, the lower median, the mean to one decimal, min and max", () => {
    const m = durationMeasure([
      { id: "a", days: 10 },
      { id: "b", days: 2 },
      { id: "c", days: 7 },
      { id: "d", days: 30 },
    ]);
    expect(m).toMatchObject({ n: 4, median: 7, mean: 12.3, min: 2, max: 30 });
    expect(m.items.map((i) => i.id)).toEqual(["b", "c", "a", "d"]);
    expect(durationMeasure([{ id: "a", days: 5 }, { id: "b", days: 1 }, { id: "c", days: 3 }]).median).toBe(3);
  });

  it("is empty without values and refuses negative or fractional days", () => {
    expect(durationMeasure([])).toEqual({ n: 0, median: null, mean: null, min: null, max: null, items: [] });
    expect(() => durationMeasure([{ id: "a", days: -1 }])).toThrow(RangeError);
    expect(() => durationMeasure([{ id: "a", days: 1.5 }])).toThrow(RangeError);
  });
});

describe("occupancy", () => {
  it("counts place-days used against place-days offered per month, clipped to the enrolments", () => {
    const { months, percent } = occupancy(
      2,
      [
        { enrolmentId: "a", startDate: "2025-12-01", endDate: null },
        { enrolmentId: "b", startDate: "2026-01-17", endDate: "2026-02-10" },
      ],
      { from: "2026-01-01", to: "2026-02-28" },
    );
    // January: 2 places x 31 days = 62 offered; a uses 31, b 15 (17th to 31st) = 46 -> 74 %.
    expect(months[0]).toEqual({ month: "2026-01", placeDaysOffered: 62, placeDaysUsed: 46, percent: 74, people: 2 });
    // February: 56 offered; a 28, b 10 = 38 -> 67 %.
    expect(months[1]).toEqual({ month: "2026-02", placeDaysOffered: 56, placeDaysUsed: 38, percent: 67, people: 2 });
    expect(percent).toBe(Math.floor((100 * 84) / 118));
  });

  it("clips the last month to the period (a year up to today) and has no percent without places", () => {
    const { months } = occupancy(0, [{ enrolmentId: "a", startDate: "2026-03-01", endDate: null }], { from: "2026-01-01", to: "2026-03-10" });
    expect(months.map((m) => m.month)).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(months[2]).toMatchObject({ placeDaysOffered: 0, placeDaysUsed: 10, percent: null });
    expect(() => occupancy(-1, [], year)).toThrow(RangeError);
  });

  it("shows over-booking as over 100 %", () => {
    const { months } = occupancy(1, [
      { enrolmentId: "a", startDate: "2026-01-01", endDate: null },
      { enrolmentId: "b", startDate: "2026-01-01", endDate: null },
    ], { from: "2026-01-01", to: "2026-01-31" });
    expect(months[0]!.percent).toBe(200);
  });
});

describe("program figures", () => {
  it("measures waiting from acceptance to start and pre-group stays ended by a move, in the period", () => {
    const f = programFigures(
      {
        ...empty,
        waits: [
          { enrolmentId: "a", acceptedOn: "2026-02-01", startDate: "2026-03-01", preGroup: { from: "2026-02-01", movedOn: "2026-03-01" } },
          { enrolmentId: "b", acceptedOn: "2025-11-20", startDate: "2025-12-01", preGroup: null },
          { enrolmentId: "c", acceptedOn: "2026-05-01", startDate: "2026-05-04", preGroup: { from: "2026-05-01", movedOn: null } },
        ],
      },
      year,
    );
    expect(f.waiting).toMatchObject({ n: 2, median: 3, max: 28 });
    expect(f.preGroup).toMatchObject({ n: 1, median: 28 });
  });

  it("rates the period's recorded attendance without absence with notice and sickness", () => {
    const f = programFigures(
      {
        ...empty,
        marks: [
          { personId: "p", date: "2026-03-02", status: "present" },
          { personId: "p", date: "2026-03-03", status: "late" },
          { personId: "q", date: "2026-03-02", status: "absent_without_notice" },
          { personId: "q", date: "2026-03-03", status: "sick" },
          { personId: "q", date: "2025-12-01", status: "absent_without_notice" },
        ],
      },
      year,
    );
    expect(f.attendance).toMatchObject({ attended: 2, counted: 3, excused: 1, percent: 66 });
    expect(f.attendancePeople).toBe(2);
  });

  it("compares each participant's own first and last wheel reading, in the year of the last one", () => {
    const reading = (enrolmentId: string, date: string, score: number) => ({ enrolmentId, instrumentId: "w", date, recordedAt: `${date}T10:00:00Z`, scores: { home: score, health: score } });
    const f = programFigures(
      {
        ...empty,
        wheel: [reading("a", "2025-11-01", 3), reading("a", "2026-02-01", 6), reading("b", "2026-01-10", 5), reading("b", "2026-06-10", 4), reading("c", "2025-03-01", 2), reading("c", "2025-09-01", 8), reading("d", "2026-04-01", 7)],
      },
      year,
    );
    // a: +3, b: -1 (both last in 2026); c's last reading is in 2025; d has one reading only.
    expect(f.wheel).toMatchObject({ participants: 2, improved: 1, lower: 1, same: 0, meanChange: 1 });
  });

  it("counts time in program per exit and days to the first job (not internships, not before the start)", () => {
    const f = programFigures(
      {
        ...empty,
        exits: [
          { exitId: "x1", enrolmentId: "a", startDate: "2026-01-05", exitDate: "2026-06-30" },
          { exitId: "x2", enrolmentId: "b", startDate: "2025-08-01", exitDate: "2025-12-31" },
        ],
        jobs: [
          { enrolmentId: "a", enrolmentStart: "2026-01-05", jobStarts: ["2026-05-01", "2026-04-01", "2025-12-01"] },
          { enrolmentId: "b", enrolmentStart: "2025-08-01", jobStarts: ["2025-11-01"] },
        ],
      },
      year,
    );
    expect(f.timeInProgram.items).toEqual([{ id: "x1", days: 176 }]);
    expect(f.daysToFirstJob.items).toEqual([{ id: "a", days: 86 }]);
  });
});

describe("what aggregate readers see", () => {
  const five = ["a", "b", "c", "d", "e"];
  const facts: ProgramFigureFacts = {
    ...empty,
    enrolments: five.map((id) => ({ enrolmentId: id, startDate: id === "e" ? "2026-03-01" : "2026-02-01", endDate: null })),
    waits: five.slice(0, 3).map((id) => ({ enrolmentId: id, acceptedOn: "2026-01-10", startDate: "2026-02-01", preGroup: null })),
    marks: five.flatMap((personId) => [{ personId, date: "2026-03-02", status: "present" as const }]),
    exits: five.map((id, i) => ({ exitId: `x${id}`, enrolmentId: id, startDate: "2026-01-01", exitDate: `2026-0${i + 3}-01` })),
  };
  const figures = programFigures(facts, year);

  it("suppresses statistics of 1-4 people and shows those of 5 or more", () => {
    const view = programFiguresView(figures, true);
    expect(view.waiting).toEqual({ n: { suppressed: "fewer_than_5" }, stats: { suppressed: "fewer_than_5" } });
    expect(view.timeInProgram.n).toEqual({ shown: 5 });
    expect(view.attendance).toMatchObject({ shown: { percent: 100 } });
    // February had four people (e started in March): suppressed; March had five.
    expect(view.occupancy[1]).toEqual({ month: "2026-02", percent: { suppressed: "fewer_than_5" } });
    expect(view.occupancy[2]!.percent).toHaveProperty("shown");
    // January had nobody: 0 % is shown (no one to single out).
    expect(view.occupancy[0]!.percent).toEqual({ shown: 0 });
  });

  it("shows everything to those who may list the people", () => {
    const view = programFiguresView(figures, false);
    expect(view.waiting).toEqual({ n: { shown: 3 }, stats: { shown: { median: 22, mean: 22, min: 22, max: 22 } } });
    expect(view.occupancy[1]!.percent).toHaveProperty("shown");
  });

  it("hides the wheel's improved/same/lower split when a part is 1-4 people", () => {
    const reading = (enrolmentId: string, date: string, score: number) => ({ enrolmentId, instrumentId: "w", date, recordedAt: `${date}T10:00:00Z`, scores: { home: score } });
    const wheel = ["a", "b", "c", "d", "e", "f"].flatMap((id, i) => [reading(id, "2026-01-10", 4), reading(id, "2026-05-10", i === 0 ? 3 : 6)]);
    const view = programFiguresView(programFigures({ ...empty, wheel }, year), true);
    expect(view.wheel).toMatchObject({ shown: { participants: 6, split: { suppressed: "fewer_than_5" }, areas: [{ key: "home", participants: 6, meanChange: { shown: 1.5 } }] } });
  });
});
