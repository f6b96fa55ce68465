import { describe, expect, it } from "vitest";
import {
  daysBetween,
  derivedCell,
  exactFinsam,
  FINSAM_SEXES,
  type FinsamEnrolmentFact,
  finsamSex,
  finsamYear,
  type OutcomeFact,
  outcomeRows,
  periodProblems,
  suppressFinsam,
} from "./national-reporting.ts";
import { pseudonymFor } from "./pseudonym.ts";
import type { SuppressedCell } from "./suppression.ts";

let n = 0;
const enrolment = (startDate: string, endDate: string | null, sex = "female", personId = `p${++n}`): FinsamEnrolmentFact => ({ id: `e${++n}`, personId, startDate, endDate, sex });
const many = (count: number, make: () => FinsamEnrolmentFact) => Array.from({ length: count }, make);

describe("Finsam figures", () => {
  it("counts new, ongoing and ended at the year's boundaries", () => {
    const facts = [
      enrolment("2026-01-01", null), // new (first day of the year)
      enrolment("2025-12-31", null), // ongoing (started the day before)
      enrolment("2025-06-01", "2026-01-01"), // ongoing, ended on the first day
      enrolment("2026-03-01", "2026-12-31"), // new, ended on the last day
      enrolment("2026-05-01", "2027-01-01", "male"), // new, ends next year: still in the program
      enrolment("2025-01-01", "2025-12-31"), // ended last year: not counted
      enrolment("2027-01-01", null), // starts next year: not counted
      enrolment("2026-02-01", null, "not_stated"),
      enrolment("2026-02-01", null, "other"),
    ];
    const y = finsamYear(facts, 2026);
    expect(y.bySex.female).toEqual({ new: 2, ongoing: 2, ended: 2, participants: 4 });
    expect(y.bySex.male).toEqual({ new: 1, ongoing: 0, ended: 0, participants: 1 });
    expect(y.bySex.other_or_unknown).toEqual({ new: 2, ongoing: 0, ended: 0, participants: 2 });
    expect(y.total).toEqual({ new: 5, ongoing: 2, ended: 2, participants: 7 });
    expect(y.total.new + y.total.ongoing).toBe(y.total.participants);
  });

  it("counts a person once: the earliest enrolment decides new or ongoing; ended only when nothing goes on", () => {
    const facts = [enrolment("2025-10-01", "2026-02-01", "female", "anna"), enrolment("2026-06-01", null, "female", "anna"), enrolment("2025-10-01", "2026-02-01", "male", "bo"), enrolment("2026-03-01", "2026-04-01", "male", "bo")];
    const y = finsamYear(facts, 2026);
    expect(y.bySex.female).toEqual({ new: 0, ongoing: 1, ended: 0, participants: 1 });
    expect(y.bySex.male).toEqual({ new: 0, ongoing: 1, ended: 1, participants: 1 });
  });

  it("runs the current year to today: later starts and exits have not happened", () => {
    const facts = [enrolment("2026-12-01", null), enrolment("2026-01-10", "2026-12-15")];
    expect(finsamYear(facts, 2026, { today: "2026-11-25" }).total).toEqual({ new: 1, ongoing: 0, ended: 0, participants: 1 });
    expect(finsamYear(facts, 2026).total).toEqual({ new: 2, ongoing: 0, ended: 1, participants: 2 });
    expect(finsamSex("not_stated")).toBe("other_or_unknown");
  });

  it("suppresses fewer than 5 people, also in totals and in sums it could be worked out from", () => {
    // 12 women new and staying, 3 women new and ended; 8 men ongoing and staying; nobody else.
    const facts = [...many(12, () => enrolment("2026-02-01", null)), ...many(3, () => enrolment("2026-02-01", "2026-06-01")), ...many(8, () => enrolment("2025-02-01", null, "male"))];
    const y = finsamYear(facts, 2026);
    const s = suppressFinsam(y);
    expect(s.bySex.female.ended).toEqual({ suppressed: "fewer_than_5" });
    // 15 new women with 3 of them ended: the 12 staying are hidden in the partition, so "new" (12 + 3) is not shown.
    expect("shown" in s.bySex.female.new).toBe(false);
    expect(s.total.ended).toEqual({ suppressed: "fewer_than_5" });
    // With no figure of 1-4 anywhere, everything is shown.
    const big = suppressFinsam(finsamYear([...many(12, () => enrolment("2026-02-01", null)), ...many(8, () => enrolment("2025-02-01", null, "male"))], 2026));
    expect(big.bySex.male).toEqual({ new: { shown: 0 }, ongoing: { shown: 8 }, ended: { shown: 0 }, participants: { shown: 8 } });
    expect(big.total).toEqual({ new: { shown: 12 }, ongoing: { shown: 8 }, ended: { shown: 0 }, participants: { shown: 20 } });
    // Nothing shown lets anyone compute a figure of 1-4: every shown figure is 0 or at least 5, and no
    // shown total minus shown parts leaves 1-4.
    const all: SuppressedCell[] = [...FINSAM_SEXES.flatMap((x) => Object.values(s.bySex[x])), ...Object.values(s.total)];
    for (const c of all) if ("shown" in c) expect(c.shown === 0 || c.shown >= 5).toBe(true);
    for (const row of [...FINSAM_SEXES.map((x) => s.bySex[x]), s.total]) {
      if ("shown" in row.participants && "shown" in row.ended) expect(row.participants.shown - row.ended.shown === 0 || row.participants.shown - row.ended.shown >= 5).toBe(true);
      if ("shown" in row.participants && "shown" in row.new) expect(row.participants.shown - row.new.shown === 0 || row.participants.shown - row.new.shown >= 5).toBe(true);
    }
    // A column total that would give away the one suppressed cell by subtraction is suppressed too (secondary).
    const oneSmall = finsamYear([...many(6, () => enrolment("2026-02-01", null)), ...many(2, () => enrolment("2026-02-01", null, "male")), ...many(7, () => enrolment("2026-02-01", null, "other"))], 2026);
    const t = suppressFinsam(oneSmall);
    expect(t.bySex.male.participants).toEqual({ suppressed: "fewer_than_5" });
    // Female 6, other 7 and the total 15 cannot all be shown: 15 - 6 - 7 would give the 2 men.
    expect(["female", "other_or_unknown"].map((x) => "shown" in t.bySex[x as "female"].participants).concat("shown" in t.total.participants)).toContain(false);
    expect(exactFinsam(oneSmall).bySex.male.participants).toEqual({ shown: 2 });
  });

  it("derives sums: shown only when every part is, one suppressed part keeps its label, else hidden", () => {
    expect(derivedCell([{ shown: 5 }, { shown: 0 }], [5, 0])).toEqual({ shown: 5 });
    expect(derivedCell([{ suppressed: "fewer_than_5" }, { shown: 0 }], [3, 0])).toEqual({ suppressed: "fewer_than_5" });
    expect(derivedCell([{ suppressed: "fewer_than_5" }, { shown: 6 }], [3, 6])).toEqual({ suppressed: "hidden" });
    expect(derivedCell([{ suppressed: "fewer_than_5" }, { suppressed: "hidden" }], [1, 5])).toEqual({ suppressed: "hidden" });
  });
});

describe("pseudonyms", () => {
  const key = new Uint8Array(32).fill(7);
  it("are stable per program and person, differ across programs and keys, and do not contain the id", () => {
    const a = pseudonymFor(key, "prog-1", "11111111-2222-3333-4444-555555555555");
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(pseudonymFor(key, "prog-1", "11111111-2222-3333-4444-555555555555")).toBe(a);
    expect(pseudonymFor(key, "prog-2", "11111111-2222-3333-4444-555555555555")).not.toBe(a);
    expect(pseudonymFor(new Uint8Array(32).fill(8), "prog-1", "11111111-2222-3333-4444-555555555555")).not.toBe(a);
    expect(pseudonymFor(key, "prog-1", "11111111-2222-3333-4444-555555555556")).not.toBe(a);
    // Not an unkeyed hash of the id: without the key it cannot be recomputed from a guessed id.
    expect(a).not.toContain("1111");
    expect(() => pseudonymFor(new Uint8Array(8), "p", "q")).toThrow(RangeError);
  });
});

describe("SUS-shaped outcome rows", () => {
  const fact = (over: Partial<OutcomeFact>): OutcomeFact => ({
    enrolmentId: `e${++n}`,
    personId: `p${++n}`,
    startDate: "2026-02-02",
    endDate: null,
    sex: "female",
    birthYear: 2003,
    educationLevel: "upper_secondary",
    incomeSourceAtStart: "activity_compensation",
    occupationAtStart: "job_seeking",
    exit: null,
    protectedIdentity: false,
    consentToFollowUp: true,
    ...over,
  });
  const pseudonym = (id: string) => `ps-${id}`;

  it("gives each enrolment of the period its row: age band, before and after, days, exit kind and reason", () => {
    const ended = fact({ startDate: "2026-01-05", endDate: "2026-06-30", birthYear: 2001, exit: { date: "2026-06-30", kind: "completed", reason: "according_to_plan", occupation: "studies", incomeSource: "none" } });
    const ongoing = fact({ startDate: "2026-03-01", birthYear: 1990, sex: "male" });
    const before = fact({ startDate: "2025-01-01", endDate: "2025-12-31" });
    const rows = outcomeRows([ended, ongoing, before], { from: "2026-01-01", to: "2026-12-31" }, pseudonym);
    expect(rows).toHaveLength(2);
    const e = rows.find((r) => r.status === "ended")!;
    expect(e).toMatchObject({ pseudonym: `ps-${ended.personId}`, sex: "female", startYear: 2026, ageBand: "25_29", educationLevel: "upper_secondary", incomeSourceBefore: "activity_compensation", occupationBefore: "job_seeking", incomeSourceAfter: "none", occupationAfter: "studies", daysInProgram: 177, exitKind: "completed", exitReason: "according_to_plan" });
    const o = rows.find((r) => r.status === "ongoing")!;
    // An enrolment made before the occupation at the start was asked says so.
    expect(outcomeRows([fact({ occupationAtStart: null })], { from: "2026-01-01", to: "2026-12-31" }, pseudonym)[0]).toMatchObject({ occupationBefore: "not_recorded" });
    expect(o).toMatchObject({ ageBand: "30_plus", daysInProgram: daysBetween("2026-03-01", "2026-12-31") + 1, exitKind: null, incomeSourceAfter: null });
    // An exit after the period has not happened yet in it.
    const later = outcomeRows([ended], { from: "2026-01-01", to: "2026-03-31" }, pseudonym)[0]!;
    expect(later).toMatchObject({ status: "ongoing", exitKind: null, daysInProgram: 86 });
  });

  it("reports protected identities and people without consent anonymously, with sex and start year only, last", () => {
    const rows = outcomeRows(
      [
        fact({ protectedIdentity: true, sex: "male", startDate: "2025-11-01" }),
        fact({ consentToFollowUp: false }),
        fact({ exit: { date: "2026-05-01", kind: "interrupted", reason: "consent_withdrawn", occupation: "other", incomeSource: "other" }, endDate: "2026-05-01" }),
        fact({}),
      ],
      { from: "2026-01-01", to: "2026-12-31" },
      pseudonym,
    );
    expect(rows[0]!.anonymous).toBe(false);
    const anonymous = rows.slice(1);
    expect(anonymous.map((r) => [r.sex, r.startYear])).toEqual([
      ["male", 2025],
      ["female", 2026],
      ["female", 2026],
    ]);
    for (const r of anonymous) {
      expect(r).toEqual({ pseudonym: null, anonymous: true, sex: r.sex, startYear: r.startYear, ageBand: null, educationLevel: null, incomeSourceBefore: null, occupationBefore: null, incomeSourceAfter: null, occupationAfter: null, daysInProgram: null, status: null, exitKind: null, exitReason: null });
    }
  });

  it("checks the period", () => {
    expect(periodProblems("2026-13-01", "2026-01-01")).toEqual([{ field: "from", code: "date" }]);
    expect(periodProblems("2026-02-01", "2026-01-01")).toEqual([{ field: "to", code: "toBeforeFrom" }]);
    expect(periodProblems("2000-01-01", "2026-01-01")).toEqual([{ field: "to", code: "tooLong" }]);
    expect(periodProblems("2026-01-01", "2026-01-01")).toEqual([]);
    expect(() => outcomeRows([], { from: "x", to: "2026-01-01" }, pseudonym)).toThrow(RangeError);
  });
});
