import { describe, expect, it } from "vitest";
import { weekdayOf } from "./calendar.ts";
import { easterSunday, swedishHolidays, swedishHolidaysBetween, swedishHolidaysOn } from "./holidays.ts";

const dateOf = (year: number, key: string): string | undefined => swedishHolidays(year).find((h) => h.key === key)?.date;

describe("easterSunday", () => {
  it.each([
    [2008, "2008-03-23"],
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2028, "2028-04-16"],
    [2029, "2029-04-01"],
    [2030, "2030-04-21"],
    [2038, "2038-04-25"], // the latest possible date
    [2285, "2285-03-22"], // the earliest possible date
  ])("Easter %i is %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it("is always a Sunday between 22 March and 25 April", () => {
    for (let year = 1900; year <= 2200; year++) {
      const easter = easterSunday(year);
      expect(weekdayOf(easter), easter).toBe(7);
      expect(easter.slice(5) >= "03-22" && easter.slice(5) <= "04-25", easter).toBe(true);
    }
  });

  it("refuses years before the Gregorian calendar and non-integers", () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
    expect(() => easterSunday(2027.5)).toThrow(RangeError);
  });
});

describe("swedishHolidays", () => {
  it("lists 2027 in date order, red days and de facto days apart", () => {
    expect(swedishHolidays(2027).map((h) => [h.date, h.key, h.kind])).toEqual([
      ["2027-01-01", "nyarsdagen", "public"],
      ["2027-01-06", "trettondedagJul", "public"],
      ["2027-03-26", "langfredagen", "public"],
      ["2027-03-28", "paskdagen", "public"],
      ["2027-03-29", "annandagPask", "public"],
      ["2027-05-01", "forstaMaj", "public"],
      ["2027-05-06", "kristiHimmelsfardsdag", "public"],
      ["2027-05-16", "pingstdagen", "public"],
      ["2027-06-06", "nationaldagen", "public"],
      ["2027-06-25", "midsommarafton", "deFacto"],
      ["2027-06-26", "midsommardagen", "public"],
      ["2027-11-06", "allaHelgonsDag", "public"],
      ["2027-12-24", "julafton", "deFacto"],
      ["2027-12-25", "juldagen", "public"],
      ["2027-12-26", "annandagJul", "public"],
      ["2027-12-31", "nyarsafton", "deFacto"],
    ]);
  });

  it("names the days in Swedish", () => {
    const names = Object.fromEntries(swedishHolidays(2026).map((h) => [h.key, h.name]));
    expect(names.kristiHimmelsfardsdag).toBe("Kristi himmelsfärdsdag");
    expect(names.langfredagen).toBe("Långfredagen");
    expect(names.allaHelgonsDag).toBe("Alla helgons dag");
  });

  it.each([
    [2024, "2024-03-29", "2024-04-01", "2024-05-09", "2024-06-21", "2024-06-22", "2024-11-02"],
    [2025, "2025-04-18", "2025-04-21", "2025-05-29", "2025-06-20", "2025-06-21", "2025-11-01"],
    [2026, "2026-04-03", "2026-04-06", "2026-05-14", "2026-06-19", "2026-06-20", "2026-10-31"],
    [2028, "2028-04-14", "2028-04-17", "2028-05-25", "2028-06-23", "2028-06-24", "2028-11-04"],
    [2029, "2029-03-30", "2029-04-02", "2029-05-10", "2029-06-22", "2029-06-23", "2029-11-03"],
    [2030, "2030-04-19", "2030-04-22", "2030-05-30", "2030-06-21", "2030-06-22", "2030-11-02"],
  ])("%i: movable days", (year, goodFriday, easterMonday, ascension, midsummerEve, midsummer, allSaints) => {
    expect(dateOf(year, "langfredagen")).toBe(goodFriday);
    expect(dateOf(year, "annandagPask")).toBe(easterMonday);
    expect(dateOf(year, "kristiHimmelsfardsdag")).toBe(ascension);
    expect(dateOf(year, "midsommarafton")).toBe(midsummerEve);
    expect(dateOf(year, "midsommardagen")).toBe(midsummer);
    expect(dateOf(year, "allaHelgonsDag")).toBe(allSaints);
  });

  it("keeps midsommar and alla helgons dag on their Saturdays in every year", () => {
    for (let year = 2005; year <= 2100; year++) {
      const midsummer = dateOf(year, "midsommardagen") as string;
      const allSaints = dateOf(year, "allaHelgonsDag") as string;
      expect(weekdayOf(midsummer)).toBe(6);
      expect(midsummer >= `${year}-06-20` && midsummer <= `${year}-06-26`, midsummer).toBe(true);
      expect(weekdayOf(dateOf(year, "midsommarafton") as string)).toBe(5);
      expect(weekdayOf(allSaints)).toBe(6);
      expect(allSaints >= `${year}-10-31` && allSaints <= `${year}-11-06`, allSaints).toBe(true);
      expect(weekdayOf(dateOf(year, "kristiHimmelsfardsdag") as string)).toBe(4);
      expect(swedishHolidays(year)).toHaveLength(16);
    }
  });

  it("lists both holidays when two share a date (Kristi himmelsfärd on 1 May 2008)", () => {
    expect(swedishHolidaysOn("2008-05-01").map((h) => h.key)).toEqual(["forstaMaj", "kristiHimmelsfardsdag"]);
  });

  it("refuses years before today's set of holidays", () => {
    expect(() => swedishHolidays(2004)).toThrow(RangeError);
  });
});

describe("swedishHolidaysBetween", () => {
  it("spans a year boundary", () => {
    expect(swedishHolidaysBetween("2026-12-24", "2027-01-06").map((h) => h.date)).toEqual([
      "2026-12-24",
      "2026-12-25",
      "2026-12-26",
      "2026-12-31",
      "2027-01-01",
      "2027-01-06",
    ]);
  });

  it("includes both ends and nothing else", () => {
    expect(swedishHolidaysBetween("2027-03-26", "2027-03-29").map((h) => h.key)).toEqual(["langfredagen", "paskdagen", "annandagPask"]);
    expect(swedishHolidaysBetween("2027-03-27", "2027-03-27")).toEqual([]);
    expect(swedishHolidaysOn("2027-06-25")).toEqual([{ date: "2027-06-25", key: "midsommarafton", name: "Midsommarafton", kind: "deFacto" }]);
  });

  it("refuses malformed dates", () => {
    expect(() => swedishHolidaysBetween("2027-02-30", "2027-03-01")).toThrow(RangeError);
  });
});
