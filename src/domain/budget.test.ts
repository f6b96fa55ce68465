import { describe, expect, it } from "vitest";
import { BUDGET_LINE_KINDS, budgetYear, costPerParticipant, fundingShare, lineFromName, parseActualCostsCsv, percentTenths, splitCsv } from "./budget.ts";
import { fromMajor } from "./money.ts";

// The KRUS budget (seed 001, bilaga 8), in kronor.
const KRUS = {
  staff: 830_000,
  staff_overheads: 325_000,
  supervision: 67_000,
  external_services: 546_000,
  lecturers_wellness: 75_000,
  it: 25_000,
  travel: 75_000,
  food_supplies: 25_000,
  premises: 255_000,
  training: 25_000,
  other: 45_000,
} as const;

const krusLines = BUDGET_LINE_KINDS.map((line) => ({ line, amount: fromMajor(KRUS[line]) }));

describe("budgetYear", () => {
  it("sums the KRUS budget exactly to 2 293 000 kr", () => {
    const year = budgetYear({ year: 2027, lines: krusLines, actuals: [], funding: [], participants: 0 });
    expect(year.total.budget).toBe(229_300_000);
    expect(year.lines.map((l) => l.line)).toEqual([...BUDGET_LINE_KINDS]);
    expect(year.total.actual).toBe(0);
    expect(year.costPerParticipant).toBeNull();
  });

  it("gives actual against budget per line and month, with remaining and % used", () => {
    const year = budgetYear({
      year: 2027,
      lines: [{ line: "it", amount: 2_500_000 }, { line: "travel", amount: 100_000 }],
      actuals: [
        { month: "2027-01", line: "it", amount: 200_010 },
        { month: "2027-02", line: "it", amount: 199_995 },
        { month: "2027-02", line: "travel", amount: 150_000 },
        { month: "2027-03", line: "travel", amount: -10_000 }, // a credit
        { month: "2026-12", line: "it", amount: 999_999 }, // another year: ignored
      ],
      funding: [],
      participants: 3,
    });
    const it_ = year.lines.find((l) => l.line === "it")!;
    expect(it_).toMatchObject({ budget: 2_500_000, actual: 400_005, remaining: 2_099_995, overspent: false, usedTenths: 160 });
    const travel = year.lines.find((l) => l.line === "travel")!;
    expect(travel).toMatchObject({ budget: 100_000, actual: 140_000, remaining: -40_000, overspent: true, usedTenths: 1400 });
    const staff = year.lines.find((l) => l.line === "staff")!;
    expect(staff.usedTenths).toBeNull();
    expect(year.months).toHaveLength(12);
    expect(year.months[1]).toMatchObject({ month: "2027-02", total: 349_995, entered: true });
    expect(year.months[1]!.lines.find((l) => l.line === "staff")!.actual).toBeNull();
    expect(year.months[11]).toMatchObject({ total: 0, entered: false });
    expect(year.total).toMatchObject({ budget: 2_600_000, actual: 540_005, remaining: 2_059_995 });
    // 540 005 / 3 = 180 001,67 -> half up 180 002 öre
    expect(year.costPerParticipant).toBe(180_002);
  });

  it("refuses repeated lines and cells", () => {
    expect(() => budgetYear({ year: 2027, lines: [{ line: "it", amount: 1 }, { line: "it", amount: 2 }], actuals: [], funding: [], participants: 0 })).toThrow(RangeError);
    expect(() =>
      budgetYear({ year: 2027, lines: [], actuals: [{ month: "2027-01", line: "it", amount: 1 }, { month: "2027-01", line: "it", amount: 1 }], funding: [], participants: 0 }),
    ).toThrow(RangeError);
    expect(() => budgetYear({ year: 2027, lines: [{ line: "it", amount: -1 }], actuals: [], funding: [], participants: 0 })).toThrow(RangeError);
    expect(() => budgetYear({ year: 2027, lines: [{ line: "it", amount: 0.5 }], actuals: [], funding: [], participants: 0 })).toThrow(RangeError);
  });

  it("sets funding against the budget: covered or a gap", () => {
    const federation = { id: "f", amount: 229_300_000, from: "2027-01-01", to: "2027-12-31" };
    const covered = budgetYear({ year: 2027, lines: krusLines, actuals: [], funding: [federation], participants: 0 });
    expect(covered.funding).toMatchObject({ total: 229_300_000, gap: 0, covered: true, coveredTenths: 1000 });
    const half = budgetYear({ year: 2027, lines: krusLines, actuals: [], funding: [{ ...federation, to: "2028-12-31" }], participants: 0 });
    expect(half.funding.covered).toBe(false);
    expect(half.funding.total + half.funding.gap).toBe(229_300_000);
    expect(half.funding.sources[0]!.share).toBe(half.funding.total);
  });
});

describe("fundingShare", () => {
  it("gives the whole amount to a period inside the year and nothing to other years", () => {
    const s = { id: "a", amount: 10_000_00, from: "2027-03-01", to: "2027-08-31" };
    expect(fundingShare(s, 2027)).toBe(10_000_00);
    expect(fundingShare(s, 2026)).toBe(0);
    expect(fundingShare(s, 2028)).toBe(0);
  });

  it("splits by days, and the shares of all years add up to exactly the amount", () => {
    // 2026-07-01 .. 2028-06-30: 184 + 365 + 182 = 731 days (2028 is a leap year).
    const s = { id: "a", amount: 100_000_01, from: "2026-07-01", to: "2028-06-30" };
    const shares = [2026, 2027, 2028].map((y) => fundingShare(s, y));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(100_000_01);
    for (const [i, days] of [184, 365, 182].entries()) expect(Math.abs(shares[i]! - (100_000_01 * days) / 731)).toBeLessThan(1);
  });

  it("adds up exactly for awkward amounts and periods", () => {
    for (const amount of [1, 7, 99, 1_000_003, 229_300_000, Number.MAX_SAFE_INTEGER]) {
      for (const [from, to] of [["2025-12-31", "2026-01-01"], ["2024-02-29", "2027-02-28"], ["2020-05-17", "2031-11-03"]] as const) {
        const s = { id: "x", amount, from, to };
        let sum = 0n;
        for (let y = 2019; y <= 2032; y++) sum += BigInt(fundingShare(s, y));
        expect(sum).toBe(BigInt(amount));
      }
    }
  });

  it("refuses a period that ends before it starts", () => {
    expect(() => fundingShare({ id: "x", amount: 1, from: "2027-02-01", to: "2027-01-31" }, 2027)).toThrow(RangeError);
  });
});

describe("divisions", () => {
  it("rounds the cost per participant half up to whole öre", () => {
    expect(costPerParticipant(10, 4)).toBe(3); // 2,5 -> 3
    expect(costPerParticipant(9, 4)).toBe(2); // 2,25 -> 2
    expect(costPerParticipant(-10, 4)).toBe(-3);
    expect(costPerParticipant(229_300_000, 0)).toBeNull();
    expect(() => costPerParticipant(1, -1)).toThrow(RangeError);
  });

  it("gives % used in tenths, half up", () => {
    expect(percentTenths(1, 3)).toBe(333);
    expect(percentTenths(2, 3)).toBe(667);
    expect(percentTenths(5, 0)).toBeNull();
  });
});

describe("parseActualCostsCsv", () => {
  it("reads a header, Swedish decimal commas, names and notes", () => {
    const csv = "\uFEFFmånad;rad;belopp;anteckning\r\n2027-01;Lokaler;21 250,00;Hyra januari\r\n2027-01;it;1234,5\r\n\r\n2027-2;Personalkostnader;\"69 166,67\";\"Lön; januari \"\"och\"\" mer\"\r\n";
    const result = parseActualCostsCsv(csv, { year: 2027 });
    expect(result).toEqual({
      ok: true,
      rows: [
        { month: "2027-01", line: "premises", amount: 2_125_000, note: "Hyra januari", fileLine: 2 },
        { month: "2027-01", line: "it", amount: 123_450, note: "", fileLine: 3 },
        { month: "2027-02", line: "staff", amount: 6_916_667, note: 'Lön; januari "och" mer', fileLine: 5 },
      ],
    });
  });

  it("refuses the whole file and names every bad row by its line number", () => {
    const csv = ["month;line;amount", "2027-01;it;100", "2027-13;it;100", "2027-02;catering;100", "2027-03;it;12,345", "2026-12;it;5", "2027-01;IT;7", "2027-04;it"].join("\n");
    const result = parseActualCostsCsv(csv, { year: 2027 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { line: 3, code: "month", value: "2027-13" },
      { line: 4, code: "line", value: "catering" },
      { line: 5, code: "amount", value: "12,345" },
      { line: 6, code: "monthOutsideYear", value: "2026-12" },
      { line: 7, code: "duplicate", value: "2" },
      { line: 8, code: "columns", value: "2" },
    ]);
  });

  it("allows a credit (negative) and refuses an empty file or an open quote", () => {
    expect(parseActualCostsCsv("2027-05;travel;-120,00")).toMatchObject({ ok: true, rows: [{ amount: -12_000 }] });
    expect(parseActualCostsCsv("month;line;amount\n")).toEqual({ ok: false, errors: [{ line: 1, code: "empty" }] });
    expect(parseActualCostsCsv('month;line;amount\n2027-01;it;"100\n')).toEqual({ ok: false, errors: [{ line: 2, code: "quote" }] });
  });

  it("counts lines inside quoted fields", () => {
    expect(splitCsv('a;"b\nc"\nd;e').records).toEqual([
      { line: 1, fields: ["a", "b\nc"] },
      { line: 3, fields: ["d", "e"] },
    ]);
  });

  it("knows the lines by key and by name", () => {
    expect(lineFromName(" Extern  tjänst ")).toBe("external_services");
    expect(lineFromName("PO")).toBe("staff_overheads");
    expect(lineFromName("staff")).toBe("staff");
    expect(lineFromName("pizza")).toBeNull();
  });
});
