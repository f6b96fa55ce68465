import { describe, expect, it } from "vitest";
import {
  budgetBalance,
  formatMoney,
  fromMajor,
  parseAmount,
  subtractMinor,
  sumMinor,
  toDecimalString,
  totalsByMonth,
  totalsByParticipant,
  travelMoneyReport,
} from "./money.ts";

const NB = "\u00a0";

describe("parsing amounts as people type them", () => {
  it.each([
    ["1 234,50", 123450],
    ["1\u00a0234,50", 123450],
    ["1\u202f234,50", 123450],
    ["1234,5", 123450],
    ["1234.5", 123450],
    ["1234.50", 123450],
    ["1.234,50", 123450],
    ["1,234.50", 123450],
    ["1.234.567", 123456700],
    ["1 234 567,89", 123456789],
    ["150 kr", 15000],
    ["150kr", 15000],
    ["150 KR", 15000],
    ["kr 150", 15000],
    ["150:-", 15000],
    ["150,-", 15000],
    ["150 SEK", 15000],
    ["NOK 99,90", 9990],
    [",50", 50],
    ["0,05", 5],
    ["  42  ", 4200],
    ["007", 700],
    ["9999999999999,99", 999999999999999],
  ])("reads %j as %i öre", (input, minor) => {
    expect(parseAmount(input)).toEqual({ ok: true, minor });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["abc", "invalid"],
    ["kr", "invalid"],
    ["12 34", "invalid"],
    ["1,2,3", "invalid"],
    ["1,234,567", "invalid"],
    ["1 234.567,5", "invalid"],
    ["1.2.3", "invalid"],
    ["12,3a", "invalid"],
    ["+5", "invalid"],
    ["1e3", "invalid"],
    ["0x10", "invalid"],
    ["1,234", "too_many_decimals"],
    ["1.234", "too_many_decimals"],
    ["0,001", "too_many_decimals"],
    ["0", "zero"],
    ["0,00", "zero"],
    ["-0", "zero"],
    ["-150", "negative"],
    ["\u2212150 kr", "negative"],
    ["kr -150", "negative"],
    ["10000000000000", "too_large"],
  ])("refuses %j (%s)", (input, error) => {
    expect(parseAmount(input)).toEqual({ ok: false, error });
  });

  it("takes negative amounts and zero only when asked to", () => {
    expect(parseAmount("-1 234,50", { allowNegative: true })).toEqual({ ok: true, minor: -123450 });
    expect(parseAmount("\u2212150 kr", { allowNegative: true })).toEqual({ ok: true, minor: -15000 });
    expect(parseAmount("0", { allowZero: true })).toEqual({ ok: true, minor: 0 });
  });

  it("gives back exactly what it formatted (round trip)", () => {
    for (const minor of [1, 5, 10, 99, 100, 123450, 100000000, 999999999999999]) {
      for (const locale of ["sv", "nb", "en"] as const) {
        expect(parseAmount(formatMoney(minor, locale === "nb" ? "NOK" : "SEK", locale))).toEqual({ ok: true, minor });
      }
      expect(parseAmount(toDecimalString(minor))).toEqual({ ok: true, minor });
    }
  });
});

describe("formatting amounts", () => {
  it("writes Swedish, Norwegian and English style with no-break spaces", () => {
    expect(formatMoney(123450, "SEK", "sv")).toBe(`1${NB}234,50${NB}kr`);
    expect(formatMoney(123450, "SEK", "sv-SE")).toBe(`1${NB}234,50${NB}kr`);
    expect(formatMoney(123450, "NOK", "sv")).toBe(`1${NB}234,50${NB}NOK`);
    expect(formatMoney(123450, "NOK", "nb-NO")).toBe(`1${NB}234,50${NB}kr`);
    expect(formatMoney(123450, "SEK", "nb")).toBe(`1${NB}234,50${NB}SEK`);
    expect(formatMoney(123450, "SEK", "en")).toBe(`SEK${NB}1,234.50`);
    expect(formatMoney(229300000, "SEK", "sv")).toBe(`2${NB}293${NB}000,00${NB}kr`);
    expect(formatMoney(5, "SEK", "sv")).toBe(`0,05${NB}kr`);
    expect(formatMoney(0, "NOK", "en-GB")).toBe(`NOK${NB}0.00`);
  });

  it("marks negative balances", () => {
    expect(formatMoney(-150050, "SEK", "sv")).toBe(`\u22121${NB}500,50${NB}kr`);
    expect(formatMoney(-150050, "SEK", "en")).toBe(`-SEK${NB}1,500.50`);
    expect(toDecimalString(-5)).toBe("-0.05");
    expect(toDecimalString(123450)).toBe("1234.50");
  });

  it("refuses what is not an amount", () => {
    expect(() => formatMoney(0.1, "SEK", "sv")).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, "SEK", "sv")).toThrow(RangeError);
    expect(() => formatMoney(100, "EUR" as "SEK", "sv")).toThrow(RangeError);
    expect(() => formatMoney(100, "SEK", "de" as "sv")).toThrow(RangeError);
  });
});

describe("exact arithmetic", () => {
  it("sums 10 000 times 0,10 kr to exactly 1 000 kr (floating point would not)", () => {
    const tenOre = parseAmount("0,10");
    expect(tenOre).toEqual({ ok: true, minor: 10 });
    const amounts = Array.from({ length: 10_000 }, () => (tenOre.ok ? tenOre.minor : 0));
    expect(sumMinor(amounts)).toBe(100_000);
    expect(formatMoney(sumMinor(amounts), "SEK", "sv")).toBe(`1${NB}000,00${NB}kr`);
    // The floating-point way is visibly wrong, which is what the integers avoid.
    let float = 0;
    for (let i = 0; i < 10_000; i++) float += 0.1;
    expect(float).not.toBe(1000);
  });

  it("adds 0,10 + 0,20 to exactly 0,30", () => {
    expect(sumMinor([10, 20])).toBe(30);
    expect(subtractMinor(30, 20)).toBe(10);
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it("refuses fractions of öre and sums that would stop being exact", () => {
    expect(() => sumMinor([10, 0.5])).toThrow(RangeError);
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(/too large/);
    expect(() => subtractMinor(-Number.MAX_SAFE_INTEGER, 1)).toThrow(/too large/);
    expect(sumMinor([])).toBe(0);
    expect(fromMajor(150)).toBe(15000);
    expect(() => fromMajor(1.5)).toThrow(RangeError);
  });
});

describe("travel money: budget, months and participants", () => {
  const disbursements = [
    { personId: "p2", date: "2026-01-12", amount: 3450 },
    { personId: "p1", date: "2026-01-30", amount: 10 },
    { personId: "p1", date: "2026-03-02", amount: 20 },
    { personId: "p3", date: "2026-03-31", amount: 3450 },
    { personId: "p1", date: "2025-12-31", amount: 99900 }, // last year's: not in 2026's report
  ];

  it("balances the budget and notices overspending", () => {
    expect(budgetBalance(1_000_000, disbursements)).toEqual({ budget: 1_000_000, disbursed: 106_830, balance: 893_170, overspent: false });
    expect(budgetBalance(100_000, disbursements)).toEqual({ budget: 100_000, disbursed: 106_830, balance: -6_830, overspent: true });
    expect(budgetBalance(0, [])).toEqual({ budget: 0, disbursed: 0, balance: 0, overspent: false });
    expect(() => budgetBalance(-1, [])).toThrow(RangeError);
  });

  it("refuses disbursements that are not positive whole öre on a real date", () => {
    expect(() => budgetBalance(100, [{ personId: "p", date: "2026-01-01", amount: 0 }])).toThrow(/positive/);
    expect(() => budgetBalance(100, [{ personId: "p", date: "2026-01-01", amount: -5 }])).toThrow(/positive/);
    expect(() => totalsByMonth([{ personId: "p", date: "2026-02-30", amount: 5 }])).toThrow(/date/);
    expect(() => totalsByParticipant([{ personId: "p", date: "2026-02-01", amount: 0.3 }])).toThrow(RangeError);
  });

  it("totals per month and per participant", () => {
    expect(totalsByMonth(disbursements)).toEqual([
      { month: "2025-12", total: 99900, count: 1 },
      { month: "2026-01", total: 3460, count: 2 },
      { month: "2026-03", total: 3470, count: 2 },
    ]);
    expect(totalsByParticipant(disbursements)).toEqual([
      { personId: "p1", total: 99930, count: 3 },
      { personId: "p2", total: 3450, count: 1 },
      { personId: "p3", total: 3450, count: 1 },
    ]);
  });

  it("reports a year with all twelve months, its own disbursements only", () => {
    const report = travelMoneyReport({ year: 2026, currency: "SEK", budget: 500_000, disbursements });
    expect(report.months).toHaveLength(12);
    expect(report.months[0]).toEqual({ month: "2026-01", total: 3460, count: 2 });
    expect(report.months[1]).toEqual({ month: "2026-02", total: 0, count: 0 });
    expect(report.months[2]).toEqual({ month: "2026-03", total: 3470, count: 2 });
    expect(report.months[11]).toEqual({ month: "2026-12", total: 0, count: 0 });
    expect(report).toMatchObject({ year: 2026, currency: "SEK", budget: 500_000, disbursed: 6930, balance: 493_070, overspent: false, count: 4 });
    expect(report.participants.map((p) => [p.personId, p.total])).toEqual([["p2", 3450], ["p3", 3450], ["p1", 30]]);
    // Month totals and participant totals add up to the same disbursed sum.
    expect(sumMinor(report.months.map((m) => m.total))).toBe(report.disbursed);
    expect(sumMinor(report.participants.map((p) => p.total))).toBe(report.disbursed);
  });
});
