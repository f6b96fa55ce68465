import { describe, test } from "vitest";
import { addDays } from "../src/domain/calendar.ts";
import { overviewGoals } from "../src/domain/followup-overview.ts";
import { defaultProgramGoals, evaluateGoals, type GoalFacts } from "../src/domain/goals.ts";
import { programFigures, type ProgramFigureFacts, programFiguresView } from "../src/domain/program-figures.ts";

// The follow-up's arithmetic on a program with five years of history (about 40 participants a year, each with a
// year of registers and wheel readings), the shape of a dashboard request: the goals, the group's other figures
// and the federation's overview of ten such programs.

const YEARS = 5;
const PER_YEAR = 40;
const enrolments = Array.from({ length: YEARS * PER_YEAR }, (_, i) => {
  const startDate = addDays("2022-01-10", Math.floor((i * 365) / PER_YEAR));
  return { id: `e${i}`, personId: `p${i}`, startDate, endDate: addDays(startDate, 300), sex: i % 2 ? "male" : "female", birthYear: 1998 + (i % 8), referringAuthorityKind: "fk", incomeSourceAtStart: "activity_compensation" } as const;
});
const facts: GoalFacts = {
  enrolments,
  exits: enrolments.map((e, i) => ({ id: `x${i}`, enrolmentId: e.id, personId: e.personId, exitDate: e.endDate, kind: "completed", occupation: i % 3 ? "studies" : "job_seeking", withWrittenPlan: i % 5 !== 0 })),
  teamCases: enrolments.map((e, i) => ({ id: `r${i}`, kind: "interest_request", handledOn: addDays(e.startDate, -10) })),
  survey: [],
  ninetyDay: enrolments.map((e, i) => ({ id: `x${i}`, dueOn: addDays(e.endDate, 90), outcome: i % 2 ? "working" : null })),
};
const figureFacts: ProgramFigureFacts = {
  capacity: 15,
  enrolments: enrolments.map((e) => ({ enrolmentId: e.id, startDate: e.startDate, endDate: e.endDate })),
  waits: enrolments.map((e) => ({ enrolmentId: e.id, acceptedOn: addDays(e.startDate, -21), startDate: e.startDate, preGroup: { from: addDays(e.startDate, -21), movedOn: e.startDate } })),
  marks: enrolments.flatMap((e) => Array.from({ length: 150 }, (_, d) => ({ personId: e.personId, date: addDays(e.startDate, d * 2), status: d % 7 === 0 ? ("absent_without_notice" as const) : ("present" as const) }))),
  wheel: enrolments.flatMap((e) => [0, 120, 280].map((d, k) => ({ enrolmentId: e.id, instrumentId: "w", date: addDays(e.startDate, d), recordedAt: `${addDays(e.startDate, d)}T10:00:00Z`, scores: { home: 3 + k, health: 4 + k, work: 2 + k } }))),
  jobs: enrolments.map((e) => ({ enrolmentId: e.id, enrolmentStart: e.startDate, jobStarts: [addDays(e.startDate, 200)] })),
  exits: enrolments.map((e, i) => ({ exitId: `x${i}`, enrolmentId: e.id, startDate: e.startDate, exitDate: e.endDate })),
};
const goals = defaultProgramGoals("krus", 2026);

describe(`domain: a program with ${YEARS} years of history (${enrolments.length} enrolments, ${figureFacts.marks.length} marks)`, () => {
  test("the dashboard's arithmetic", async ({ bench }) => {
    await bench("goals of a year", () => {
      evaluateGoals(facts, goals, 2026);
    }).run();
    await bench("the group's other figures of a year, suppressed", () => {
      programFiguresView(programFigures(figureFacts, { from: "2026-01-01", to: "2026-12-31" }), true);
    }).run();
    const programs = Array.from({ length: 10 }, (_, i) => ({ programId: `p${i}`, results: evaluateGoals(facts, goals, 2026) }));
    await bench("the federation's overview of 10 programs, suppressed", () => {
      overviewGoals(programs, true);
    }).run();
  });
});
