import { describe, expect, it } from "vitest";
import {
  breakdown,
  crossTabulate,
  defaultProgramGoals,
  evaluateGoals,
  flooredPercent,
  GOAL_KINDS,
  type EnrolmentFact,
  type ExitFact,
  type GoalFacts,
  type GoalResult,
  monthlyTrend,
  type NinetyDayFact,
  type ProgramGoalKind,
  programGoalsProblems,
  statAgeBand,
  type SurveyTally,
  type TeamCaseFact,
} from "./goals.ts";

const YEAR = 2026;
const GOALS = defaultProgramGoals("krus", YEAR);

const enrolment = (id: string, startDate: string, endDate: string | null, extra: Partial<EnrolmentFact> = {}): EnrolmentFact => ({
  id,
  personId: `p-${id}`,
  startDate,
  endDate,
  sex: "female",
  birthYear: 2000,
  referringAuthorityKind: "af",
  incomeSourceAtStart: "activity_support",
  ...extra,
});
const exit = (id: string, exitDate: string, occupation: ExitFact["occupation"], withWrittenPlan: boolean, enrolmentId = id): ExitFact => ({
  id,
  enrolmentId,
  personId: `p-${enrolmentId}`,
  exitDate,
  kind: "completed",
  occupation,
  withWrittenPlan,
});
const teamCase = (id: string, handledOn: string, kind: TeamCaseFact["kind"] = "interest_request"): TeamCaseFact => ({ id, kind, handledOn });
const tally = (id: string, question: SurveyTally["question"], month: string, agree: number, total: number): SurveyTally => ({ id, question, month, agree, total });
const ninety = (id: string, dueOn: string, outcome: NinetyDayFact["outcome"]): NinetyDayFact => ({ id, dueOn, outcome });

const none: GoalFacts = { enrolments: [], exits: [], teamCases: [], survey: [], ninetyDay: [] };
const facts = (f: Partial<GoalFacts>): GoalFacts => ({ ...none, ...f });
const goal = (results: GoalResult[], kind: ProgramGoalKind) => results.find((r) => r.kind === kind)!;

describe("program goals", () => {
  it("has the KRUS defaults", () => {
    expect(defaultProgramGoals("krus", 2026)).toEqual({
      programId: "krus",
      year: 2026,
      targets: { participants: 30, team_cases: 70, support_influence: 90, more_ready: 75, occupation_after_exit: 30, written_plan: 100, ninety_day: 30 },
    });
    expect(programGoalsProblems(GOALS)).toEqual([]);
  });

  it("refuses nonsense targets field by field", () => {
    const problems = programGoalsProblems({
      year: 1999,
      targets: { participants: -1, team_cases: 2.5, support_influence: 101, more_ready: "75", occupation_after_exit: 0, written_plan: 100, ninety_day: undefined },
    });
    expect(problems).toEqual([
      { field: "year", code: "yearOutOfRange" },
      { field: "participants", code: "negative" },
      { field: "team_cases", code: "notWholeNumber" },
      { field: "support_influence", code: "over100" },
      { field: "more_ready", code: "notWholeNumber" },
      { field: "ninety_day", code: "missing" },
    ]);
    expect(programGoalsProblems({ year: 2026.5, targets: { ...GOALS.targets, participants: 10_001 } })).toEqual([
      { field: "year", code: "notWholeNumber" },
      { field: "participants", code: "tooLarge" },
    ]);
    // 0 and 100 % are allowed, and a count target may exceed 100.
    expect(programGoalsProblems({ year: 2026, targets: { ...GOALS.targets, more_ready: 0, team_cases: 150 } })).toEqual([]);
  });

  it("floors percentages exactly", () => {
    expect(flooredPercent(2, 3)).toBe(66);
    expect(flooredPercent(899, 1000)).toBe(89);
    expect(flooredPercent(7, 7)).toBe(100);
    expect(flooredPercent(0, 0)).toBeNull();
  });
});

describe("evaluating the goals", () => {
  it("has nothing to measure without facts: counts are not met, shares are unknown", () => {
    const results = evaluateGoals(none, GOALS, YEAR);
    expect(results.map((r) => r.kind)).toEqual([...GOAL_KINDS]);
    expect(goal(results, "participants")).toMatchObject({ numerator: 0, denominator: null, value: 0, met: false });
    for (const kind of ["support_influence", "more_ready", "occupation_after_exit", "written_plan", "ninety_day"] as const) {
      expect(goal(results, kind)).toMatchObject({ numerator: 0, denominator: 0, value: null, met: null, numeratorIds: [], denominatorIds: [] });
    }
  });

  it("counts participants active on any day of the year, each person once", () => {
    const f = facts({
      enrolments: [
        enrolment("a", "2025-03-01", "2026-01-01"), // ends on the first day: counts
        enrolment("b", "2025-03-01", "2025-12-31"), // ended the day before: does not
        enrolment("c", "2026-12-31", null), // starts on the last day: counts
        enrolment("d", "2027-01-01", null), // next year: does not
        enrolment("e", "2024-01-01", null), // ongoing since before: counts
        enrolment("f1", "2025-05-01", "2026-02-01", { personId: "p-f" }), // the same person twice: once,
        enrolment("f2", "2026-09-01", null, { personId: "p-f" }), // by the earlier enrolment
      ],
    });
    const participants = goal(evaluateGoals(f, GOALS, YEAR), "participants");
    // numerator 4: a, c, e, f (f1)
    expect(participants).toMatchObject({ numerator: 4, value: 4, met: false, idKind: "enrolment", numeratorIds: ["a", "c", "e", "f1"] });
    expect(goal(evaluateGoals(f, { ...GOALS, targets: { ...GOALS.targets, participants: 4 } }, YEAR), "participants").met).toBe(true);
    // Up to today: c has not started yet.
    expect(goal(evaluateGoals(f, GOALS, YEAR, { today: "2026-06-30" }), "participants").numeratorIds).toEqual(["a", "e", "f1"]);
  });

  it("counts the team's cases decided or answered in the year, each once", () => {
    const f = facts({
      teamCases: [
        teamCase("r1", "2026-01-15"),
        teamCase("r2", "2025-12-20"), // last year
        teamCase("r3", "2025-12-20"), // postponed last year, decided this year: counts last year (earliest)
        teamCase("r3", "2026-01-10"),
        teamCase("c1", "2026-03-03", "consultation"),
        teamCase("c2", "2026-12-31", "consultation"),
      ],
    });
    // numerator 3: r1, c1, c2
    expect(goal(evaluateGoals(f, GOALS, YEAR), "team_cases")).toMatchObject({ numerator: 3, value: 3, met: false, idKind: "team_case", numeratorIds: ["c1", "c2", "r1"] });
  });

  it("adds up the survey tallies of the year's months per question", () => {
    const f = facts({
      survey: [
        tally("s1", "support_influence", "2026-01", 8, 9),
        tally("s2", "support_influence", "2026-06", 10, 11),
        tally("s3", "support_influence", "2025-12", 0, 5), // last year
        tally("s4", "more_ready", "2026-02", 3, 4),
        tally("s5", "more_ready", "2026-03", 0, 0), // nobody answered: not behind the figure
      ],
    });
    const results = evaluateGoals(f, GOALS, YEAR);
    // 18 of 20 = 90 %: met (target 90)
    expect(goal(results, "support_influence")).toMatchObject({ numerator: 18, denominator: 20, value: 90, met: true, idKind: "survey_tally", denominatorIds: ["s1", "s2"] });
    // 3 of 4 = 75 %: met (target 75)
    expect(goal(results, "more_ready")).toMatchObject({ numerator: 3, denominator: 4, value: 75, met: true, numeratorIds: ["s4"], denominatorIds: ["s4"] });
    // 17 of 19 = 89.47 %: floored 89, not met
    const lower = facts({ survey: [tally("s1", "support_influence", "2026-01", 17, 19)] });
    expect(goal(evaluateGoals(lower, GOALS, YEAR), "support_influence")).toMatchObject({ numerator: 17, denominator: 19, value: 89, met: false });
  });

  it("refuses impossible survey tallies", () => {
    expect(() => evaluateGoals(facts({ survey: [tally("s", "more_ready", "2026-01", 5, 4)] }), GOALS, YEAR)).toThrow(RangeError);
    expect(() => evaluateGoals(facts({ survey: [tally("s", "more_ready", "2026-13", 1, 4)] }), GOALS, YEAR)).toThrow(RangeError);
  });

  it("measures occupation and written plans over every exit of the year", () => {
    const f = facts({
      exits: [
        exit("x1", "2026-02-01", "employment", true),
        exit("x2", "2026-03-01", "studies", true),
        exit("x3", "2026-04-01", "work_rehabilitation", true),
        exit("x4", "2026-05-01", "subsidised_employment", false),
        exit("x5", "2026-06-01", "job_seeking", true),
        exit("x6", "2026-07-01", "sick_leave", true),
        { ...exit("x7", "2026-08-01", "other", false), kind: "interrupted" },
        exit("x8", "2025-12-31", "employment", false), // last year
      ],
    });
    const results = evaluateGoals(f, GOALS, YEAR);
    // occupation: 4 of 7 (x1 employment, x2 studies, x3 rehab, x4 subsidised) = 57 %: met (target 30)
    expect(goal(results, "occupation_after_exit")).toMatchObject({
      numerator: 4,
      denominator: 7,
      value: 57,
      met: true,
      idKind: "exit",
      numeratorIds: ["x1", "x2", "x3", "x4"],
      denominatorIds: ["x1", "x2", "x3", "x4", "x5", "x6", "x7"],
    });
    // written plan: 5 of 7 (x1, x2, x3, x5, x6) = 71 %: not met (target 100)
    expect(goal(results, "written_plan")).toMatchObject({ numerator: 5, denominator: 7, value: 71, met: false, numeratorIds: ["x1", "x2", "x3", "x5", "x6"] });
    const allWithPlan = facts({ exits: [exit("y1", "2026-02-01", "other", true), exit("y2", "2026-03-01", "employment", true)] });
    expect(goal(evaluateGoals(allWithPlan, GOALS, YEAR), "written_plan")).toMatchObject({ numerator: 2, denominator: 2, value: 100, met: true });
  });

  it("measures the 90-day follow-ups due in the year and answered, and lists the unanswered", () => {
    const f = facts({
      ninetyDay: [
        ninety("n1", "2026-01-10", "working"),
        ninety("n2", "2026-02-10", "studying"),
        ninety("n3", "2026-03-10", "af_registered"),
        ninety("n4", "2026-04-10", "other"),
        ninety("n5", "2026-05-10", "not_reached"), // an answer: in the denominator
        ninety("n6", "2026-06-10", null), // due, not answered: pending
        ninety("n7", "2025-12-10", "working"), // last year
        ninety("n8", "2026-11-10", null), // due later than today: not yet pending
      ],
    });
    // 3 of 5 (n1, n2, n3) = 60 %: met (target 30)
    expect(goal(evaluateGoals(f, GOALS, YEAR, { today: "2026-07-01" }), "ninety_day")).toMatchObject({
      numerator: 3,
      denominator: 5,
      value: 60,
      met: true,
      idKind: "ninety_day",
      numeratorIds: ["n1", "n2", "n3"],
      denominatorIds: ["n1", "n2", "n3", "n4", "n5"],
      pendingIds: ["n6"],
    });
    expect(goal(evaluateGoals(f, GOALS, YEAR), "ninety_day").pendingIds).toEqual(["n6", "n8"]);
    // 1 of 4 = 25 %: not met
    const low = facts({ ninetyDay: [ninety("a", "2026-01-01", "working"), ninety("b", "2026-01-02", "other"), ninety("c", "2026-01-03", "not_reached"), ninety("d", "2026-01-04", "other")] });
    expect(goal(evaluateGoals(low, GOALS, YEAR), "ninety_day")).toMatchObject({ numerator: 1, denominator: 4, value: 25, met: false });
  });

  it("compares exactly against the program's own targets", () => {
    const f = facts({ exits: [exit("x1", "2026-02-01", "employment", true), exit("x2", "2026-02-02", "other", true), exit("x3", "2026-02-03", "other", true)] });
    // 1 of 3 = 33.3 %: met at 33, not at 34
    expect(goal(evaluateGoals(f, { ...GOALS, targets: { ...GOALS.targets, occupation_after_exit: 33 } }, YEAR), "occupation_after_exit").met).toBe(true);
    expect(goal(evaluateGoals(f, { ...GOALS, targets: { ...GOALS.targets, occupation_after_exit: 34 } }, YEAR), "occupation_after_exit").met).toBe(false);
  });

  it("refuses goals of another year and facts with broken dates", () => {
    expect(() => evaluateGoals(none, defaultProgramGoals("krus", 2025), YEAR)).toThrow(RangeError);
    expect(() => evaluateGoals(facts({ exits: [exit("x", "2026-02-30", "other", true)] }), GOALS, YEAR)).toThrow(RangeError);
    expect(() => evaluateGoals(none, GOALS, YEAR, { today: "1 juli" })).toThrow(RangeError);
  });
});

describe("the monthly trend", () => {
  const f = facts({
    enrolments: [enrolment("a", "2025-06-01", "2026-02-15"), enrolment("b", "2026-03-10", null), enrolment("c", "2026-03-20", "2026-05-01")],
    exits: [exit("a", "2026-02-15", "employment", true), exit("c", "2026-05-01", "other", false)],
    survey: [tally("s1", "more_ready", "2026-02", 1, 2), tally("s2", "more_ready", "2026-04", 2, 2)],
  });

  it("is cumulative year to date and ends at the year's figure", () => {
    const trend = monthlyTrend(f, GOALS, YEAR);
    expect(trend.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`));
    expect(trend[1]!.period).toEqual({ from: "2026-01-01", to: "2026-02-28" });
    const participants = trend.map((m) => goal(m.goals, "participants").numerator);
    expect(participants).toEqual([1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    // written plan: Jan 0 of 0, Feb 1 of 1, ..., May 1 of 2
    const plan = trend.map((m) => [goal(m.goals, "written_plan").numerator, goal(m.goals, "written_plan").denominator]);
    expect(plan.slice(0, 5)).toEqual([[0, 0], [1, 1], [1, 1], [1, 1], [1, 2]]);
    expect(goal(trend[0]!.goals, "written_plan").met).toBeNull();
    // more ready: Feb 1 of 2, Apr 3 of 4
    expect(goal(trend[1]!.goals, "more_ready")).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(goal(trend[3]!.goals, "more_ready")).toMatchObject({ numerator: 3, denominator: 4, value: 75 });
    expect(trend[11]!.goals).toEqual(evaluateGoals(f, GOALS, YEAR));
  });

  it("stops at today", () => {
    const trend = monthlyTrend(f, GOALS, YEAR, { today: "2026-03-15" });
    expect(trend.map((m) => m.month)).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(trend[2]!.period.to).toBe("2026-03-15");
    // c starts on 20 March: not yet
    expect(goal(trend[2]!.goals, "participants").numeratorIds).toEqual(["a", "b"]);
  });
});

describe("breakdowns", () => {
  const f = facts({
    enrolments: [
      enrolment("a", "2026-01-10", null, { sex: "female", birthYear: 2008, referringAuthorityKind: "fk", incomeSourceAtStart: "activity_compensation" }), // 18
      enrolment("b", "2026-01-10", null, { sex: "male", birthYear: 2007, referringAuthorityKind: "af" }), // 19
      enrolment("c", "2026-02-10", "2026-06-01", { sex: "male", birthYear: 2002, referringAuthorityKind: "social_services", incomeSourceAtStart: "income_support" }), // 24
      enrolment("d", "2026-02-10", null, { sex: "other", birthYear: 2001, referringAuthorityKind: "af" }), // 25
      enrolment("e", "2025-02-10", null, { sex: "female", birthYear: 1996, referringAuthorityKind: "region", incomeSourceAtStart: "sickness_benefit" }), // 29 at start
      enrolment("f", "2026-03-01", null, { sex: "female", birthYear: 1990, referringAuthorityKind: "fk", incomeSourceAtStart: "sickness_benefit" }), // 36
      enrolment("g", "2024-01-01", "2025-06-01", { sex: "male" }), // not this year
    ],
    exits: [exit("xc", "2026-06-01", "studies", true, "c")],
  });
  const counts = (rows: { value: string; count: number }[]) => Object.fromEntries(rows.map((r) => [r.value, r.count]));

  it("puts ages in the statistics bands by the age reached in the start year", () => {
    expect(statAgeBand(2008, "2026-01-10")).toBe("under_19");
    expect(statAgeBand(2007, "2026-12-31")).toBe("19_24");
    expect(statAgeBand(2002, "2026-01-01")).toBe("19_24");
    expect(statAgeBand(2001, "2026-06-01")).toBe("25_29");
    expect(statAgeBand(1997, "2026-06-01")).toBe("25_29");
    expect(statAgeBand(1996, "2026-06-01")).toBe("30_plus");
    expect(statAgeBand(1960, "2026-06-01")).toBe("30_plus");
  });

  it("counts the year's participants per value, zeros included, adding up to the total", () => {
    expect(counts(breakdown(f, "sex", YEAR))).toEqual({ female: 3, male: 2, other: 1, not_stated: 0 });
    expect(counts(breakdown(f, "age_band", YEAR))).toEqual({ under_19: 1, "19_24": 2, "25_29": 2, "30_plus": 1 });
    expect(counts(breakdown(f, "referring_authority", YEAR))).toEqual({ fk: 2, af: 2, social_services: 1, region: 1, other: 0 });
    expect(counts(breakdown(f, "income_source", YEAR))).toEqual({
      activity_compensation: 1,
      sickness_benefit: 2,
      activity_support: 2,
      income_support: 1,
      salary: 0,
      none: 0,
      other: 0,
    });
    expect(breakdown(f, "sex", YEAR).find((r) => r.value === "male")!.ids).toEqual(["b", "c"]);
    for (const dimension of ["sex", "age_band", "referring_authority", "income_source"] as const) {
      expect(breakdown(f, dimension, YEAR).reduce((sum, r) => sum + r.count, 0)).toBe(goal(evaluateGoals(f, GOALS, YEAR), "participants").numerator);
    }
  });

  it("breaks down the exits too, and the Norwegian authority kinds for a Norwegian program", () => {
    expect(counts(breakdown(f, "sex", YEAR, { population: "exits" }))).toEqual({ female: 0, male: 1, other: 0, not_stated: 0 });
    expect(breakdown(f, "sex", YEAR, { population: "exits" }).find((r) => r.value === "male")!.ids).toEqual(["xc"]);
    const nav = facts({ enrolments: [enrolment("n", "2026-01-01", null, { referringAuthorityKind: "nav" })] });
    expect(counts(breakdown(nav, "referring_authority", YEAR, { country: "NO" }))).toEqual({ nav: 1, municipality: 0, correctional_service: 0, health: 0, other: 0 });
    // A kind outside the country's list is still counted.
    expect(counts(breakdown(nav, "referring_authority", YEAR))).toMatchObject({ fk: 0, nav: 1 });
    expect(() => breakdown(facts({ exits: [exit("x", "2026-02-01", "other", true, "missing")] }), "sex", YEAR, { population: "exits" })).toThrow(RangeError);
  });

  it("cross-tabulates two dimensions for the suppressed tables", () => {
    const table = crossTabulate(f, "age_band", "sex", YEAR);
    expect(table.rows).toEqual(["under_19", "19_24", "25_29", "30_plus"]);
    expect(table.columns).toEqual(["female", "male", "other", "not_stated"]);
    expect(table.counts).toEqual([
      [1, 0, 0, 0],
      [0, 2, 0, 0],
      [1, 0, 1, 0],
      [1, 0, 0, 0],
    ]);
  });
});
