import { describe, it, expect } from "vitest";
import {
  formatIdentityNumber,
  luhnCheckDigit,
  maskIdentityNumber,
  parseIdentityNumber,
  type IdentityNumberError,
  type IdentityNumberKind,
} from "./identity-number.ts";

const TODAY = "2026-11-23";

// ---------------------------------------------------------------------------
// Independent helpers used to build test data (deliberately not the module's code).
// ---------------------------------------------------------------------------

/** Luhn: write all products (2,1,2,1,...) side by side and add up every digit of that string. */
function luhn(nine: string): number {
  const products = Array.from(nine, (c, i) => String(Number(c) * (i % 2 === 0 ? 2 : 1))).join("");
  const sum = Array.from(products).reduce((acc, c) => acc + Number(c), 0);
  return (10 - (sum % 10)) % 10;
}

/** Appends the Luhn digit to a Swedish number without it ("811218-987", "19811218987", ...). */
function se(withoutCheck: string): string {
  const digits = withoutCheck.replace(/\D/g, "");
  return withoutCheck + String(luhn(digits.slice(-9)));
}

/** Swedish number with a deliberately wrong check digit. */
function seWrong(withoutCheck: string): string {
  const digits = withoutCheck.replace(/\D/g, "");
  return withoutCheck + String((luhn(digits.slice(-9)) + 1) % 10);
}

/** Norwegian k1 straight from the published formula; 10 means "no valid number". */
function noK1(nine: string): number {
  const [d1, d2, m1, m2, y1, y2, i1, i2, i3] = Array.from(nine, Number) as number[];
  const r = 11 - ((3 * d1! + 7 * d2! + 6 * m1! + 1 * m2! + 8 * y1! + 9 * y2! + 4 * i1! + 5 * i2! + 2 * i3!) % 11);
  return r === 11 ? 0 : r;
}

/** Norwegian k2 from the published formula, given a k1. */
function noK2(nine: string, k1: number): number {
  const [d1, d2, m1, m2, y1, y2, i1, i2, i3] = Array.from(nine, Number) as number[];
  const r =
    11 -
    ((5 * d1! + 4 * d2! + 3 * m1! + 2 * m2! + 7 * y1! + 6 * y2! + 5 * i1! + 4 * i2! + 3 * i3! + 2 * k1) % 11);
  return r === 11 ? 0 : r;
}

/** Full Norwegian number DDMMYYIII + k1 + k2; throws if the body has no valid control digits. */
function no(nine: string): string {
  const k1 = noK1(nine);
  const k2 = noK2(nine, k1);
  if (k1 === 10 || k2 === 10) throw new Error(`test data: ${nine} has no valid control digits`);
  return `${nine}${k1}${k2}`;
}

// Sanity checks of the helpers against publicly documented numbers.
describe("test helpers", () => {
  it("agree with published examples", () => {
    expect(se("811218-987")).toBe("811218-9876"); // Skatteverket example
    expect(se("701063-239")).toBe("701063-2391"); // well-known samordningsnummer
    expect(se("121212-121")).toBe("121212-1212");
    expect(no("010107501")).toBe("01010750160"); // documented Norwegian test number
  });
});

// ---------------------------------------------------------------------------
// Swedish
// ---------------------------------------------------------------------------

type SeValid = [input: string, today: string, canonical: string, birthDate: string, kind: IdentityNumberKind, sex: "female" | "male"];

const P: IdentityNumberKind = "se_personnummer";
const S: IdentityNumberKind = "se_samordningsnummer";

const seValid: SeValid[] = [
  ["811218-9876", TODAY, "198112189876", "1981-12-18", P, "male"],
  ["8112189876", TODAY, "198112189876", "1981-12-18", P, "male"],
  ["198112189876", TODAY, "198112189876", "1981-12-18", P, "male"],
  ["19811218-9876", TODAY, "198112189876", "1981-12-18", P, "male"],
  ["  811218 - 98 76 ", TODAY, "198112189876", "1981-12-18", P, "male"],
  // "+" means 100 or older at today.
  ["121212+1212", TODAY, "191212121212", "1912-12-12", P, "male"],
  ["121212-1212", TODAY, "201212121212", "2012-12-12", P, "male"],
  ["1212121212", TODAY, "201212121212", "2012-12-12", P, "male"],
  // Century boundary around today (2026-11-23).
  [se("261123-123"), TODAY, se("20261123123"), "2026-11-23", P, "male"], // born today
  [se("261122-124"), TODAY, se("20261122124"), "2026-11-22", P, "female"], // born yesterday
  [se("261124-123"), TODAY, se("19261124123"), "1926-11-24", P, "male"], // "tomorrow" => 100 years earlier
  [se("261124123"), TODAY, se("19261124123"), "1926-11-24", P, "male"], // same without separator
  [se("261123+123"), TODAY, se("19261123123"), "1926-11-23", P, "male"], // 100 today
  [se("261124+123"), TODAY, se("18261124123"), "1826-11-24", P, "male"],
  [se("991231-123"), "2000-01-01", se("19991231123"), "1999-12-31", P, "male"],
  [se("000101-123"), "2000-01-01", se("20000101123"), "2000-01-01", P, "male"],
  // Leap days.
  [se("20000229-123"), TODAY, se("20000229123"), "2000-02-29", P, "male"],
  [se("000229-123"), TODAY, se("20000229123"), "2000-02-29", P, "male"],
  [se("240229-123"), TODAY, se("20240229123"), "2024-02-29", P, "male"],
  [se("19000228-123"), TODAY, se("19000228123"), "1900-02-28", P, "male"],
  // Samordningsnummer (day + 60).
  ["701063-2391", TODAY, "197010632391", "1970-10-03", S, "male"],
  ["197010632391", TODAY, "197010632391", "1970-10-03", S, "male"],
  [se("700161-002"), TODAY, se("19700161002"), "1970-01-01", S, "female"],
  [se("19701091-246"), TODAY, se("19701091246"), "1970-10-31", S, "female"],
  [se("000289-135"), TODAY, se("20000289135"), "2000-02-29", S, "male"],
  // Sex digits.
  [se("811218-984"), TODAY, se("19811218984"), "1981-12-18", P, "female"],
  [se("19811218-980"), TODAY, se("19811218980"), "1981-12-18", P, "female"],
  [se("811218-989"), TODAY, se("19811218989"), "1981-12-18", P, "male"],
];

describe("parseIdentityNumber: Swedish valid", () => {
  it.each(seValid)("%s (today %s) => %s", (input, today, canonical, birthDate, kind, sex) => {
    expect(parseIdentityNumber(input, today)).toEqual({
      ok: true,
      value: { kind, country: "SE", canonical, birthDate, legalSex: sex },
    });
  });
});

const wrongDigits = (valid: string): string[] => {
  const head = valid.slice(0, -1);
  const right = Number(valid.slice(-1));
  return Array.from({ length: 10 }, (_, d) => d)
    .filter((d) => d !== right)
    .map((d) => `${head}${d}`);
};

type Invalid = [input: string, today: string, error: IdentityNumberError];

const seInvalid: Invalid[] = [
  // Every wrong check digit of valid numbers.
  ...wrongDigits("811218-9876").map((x): Invalid => [x, TODAY, "checksum"]),
  ...wrongDigits("198112189876").map((x): Invalid => [x, TODAY, "checksum"]),
  ...wrongDigits("701063-2391").map((x): Invalid => [x, TODAY, "checksum"]),
  // Impossible dates.
  [se("811318-987"), TODAY, "date"], // month 13
  [se("810018-987"), TODAY, "date"], // month 00
  [se("811200-987"), TODAY, "date"], // day 00
  [se("811232-987"), TODAY, "date"], // day 32
  [se("811260-987"), TODAY, "date"], // day 60 (neither a real day nor a samordningsnummer day)
  [se("811292-987"), TODAY, "date"], // samordningsnummer day 92 (= 32)
  [se("810231-987"), TODAY, "date"], // 31 February
  [se("810431-987"), TODAY, "date"], // 31 April
  [se("810290-987"), TODAY, "date"], // samordningsnummer 30 February
  [se("19000229-123"), TODAY, "date"], // 1900 is not a leap year
  [se("19990229-123"), TODAY, "date"],
  [se("000229+123"), TODAY, "date"], // "+" resolves to 1900-02-29
  [se("230229-123"), TODAY, "date"],
  // A bad date wins over a bad check digit.
  [seWrong("811318-987"), TODAY, "date"],
  // Future (12-digit form only).
  [se("20261124-123"), TODAY, "future"],
  [se("20261124123"), TODAY, "future"],
  [se("20270101123"), TODAY, "future"],
  [se("20261184-123"), TODAY, "future"], // samordningsnummer 2026-11-24
  // A bad check digit wins over future.
  [seWrong("20261124-123"), TODAY, "checksum"],
  // Format.
  ["81121A-9876", TODAY, "format"],
  ["abc", TODAY, "format"],
  ["811218-987", TODAY, "format"],
  ["811218987", TODAY, "format"],
  ["81121898", TODAY, "format"],
  ["1981121898761", TODAY, "format"],
  ["19811218+9876", TODAY, "format"],
  ["811218/9876", TODAY, "format"],
  ["811218--9876", TODAY, "format"],
  ["8112-189876", TODAY, "format"],
  ["1981-1218-9876", TODAY, "format"],
  ["+8112189876", TODAY, "format"],
  ["811218-98765", TODAY, "format"],
  ["811218_9876", TODAY, "format"],
  ["８１１２１８-９８７６", TODAY, "format"], // full-width digits
];

describe("parseIdentityNumber: Swedish invalid", () => {
  it.each(seInvalid)("%s (today %s) => %s", (input, today, error) => {
    expect(parseIdentityNumber(input, today)).toEqual({ ok: false, error });
  });
});

// ---------------------------------------------------------------------------
// Norwegian
// ---------------------------------------------------------------------------

type NoValid = [input: string, canonical: string, birthDate: string, kind: IdentityNumberKind, sex: "female" | "male"];

const F: IdentityNumberKind = "no_fodselsnummer";
const D: IdentityNumberKind = "no_d_nummer";

const noValid: NoValid[] = [
  ["01010750160", "01010750160", "2007-01-01", F, "male"],
  ["010107 50160", "01010750160", "2007-01-01", F, "male"],
  [" 01 01 07 501 60 ", "01010750160", "2007-01-01", F, "male"],
  // 000-499 => 1900-1999
  [no("010100001"), no("010100001"), "1900-01-01", F, "male"],
  [no("150590123"), no("150590123"), "1990-05-15", F, "male"],
  [no("311299499"), no("311299499"), "1999-12-31", F, "male"],
  [no("010140228"), no("010140228"), "1940-01-01", F, "female"],
  // 500-749 with YY 54-99 => 1854-1899
  [no("010154500"), no("010154500"), "1854-01-01", F, "female"],
  [no("150660614"), no("150660614"), "1860-06-15", F, "female"],
  [no("301299749"), no("301299749"), "1899-12-30", F, "male"],
  // 500-999 with YY 00-39 => 2000-2039
  [no("010100501"), no("010100501"), "2000-01-01", F, "male"],
  [no("290200500"), no("290200500"), "2000-02-29", F, "female"],
  [no("150620999"), no("150620999"), "2020-06-15", F, "male"],
  [no("010126800"), no("010126800"), "2026-01-01", F, "female"],
  [no("231126750"), no("231126750"), "2026-11-23", F, "female"], // born today
  // 900-999 with YY 40-99 => 1940-1999
  [no("150545900"), no("150545900"), "1945-05-15", F, "female"],
  [no("301299999"), no("301299999"), "1999-12-30", F, "male"],
  [no("010140905"), no("010140905"), "1940-01-01", F, "male"],
  // D-nummer (day + 40)
  [no("410170123"), no("410170123"), "1970-01-01", D, "male"],
  [no("710370456"), no("710370456"), "1970-03-31", D, "female"],
  [no("690200512"), no("690200512"), "2000-02-29", D, "female"],
  [no("550585913"), no("550585913"), "1985-05-15", D, "male"],
];

describe("parseIdentityNumber: Norwegian valid", () => {
  it.each(noValid)("%s => %s", (input, canonical, birthDate, kind, sex) => {
    expect(parseIdentityNumber(input, TODAY)).toEqual({
      ok: true,
      value: { kind, country: "NO", canonical, birthDate, legalSex: sex },
    });
  });
});

const noInvalid: Invalid[] = [
  // Wrong k1 (k2 recomputed from the wrong k1, so only k1 is off) and wrong k2.
  ...[0, 1, 2, 3, 4, 5, 7, 8, 9].map((k1): Invalid => {
    const k2 = noK2("010107501", k1) % 10;
    return [`010107501${k1}${k2}`, TODAY, "checksum"];
  }),
  ...wrongDigits("01010750160").map((x): Invalid => [x, TODAY, "checksum"]),
  ...wrongDigits(no("150545900")).map((x): Invalid => [x, TODAY, "checksum"]),
  // k1 would be 10 / k2 would be 10: no digits make these valid.
  ...Array.from({ length: 10 }, (_, d): Invalid => [`010190012${d}${d}`, TODAY, "checksum"]),
  ...Array.from({ length: 10 }, (_, d): Invalid => [`010190007${noK1("010190007")}${d}`, TODAY, "checksum"]),
  // Impossible dates.
  [no("310299123"), TODAY, "date"], // 31 February 1999
  ["31029912300", TODAY, "date"],
  [no("290299123"), TODAY, "date"], // 1999 not leap
  [no("290200123"), TODAY, "date"], // 1900 not leap
  [no("320190123"), TODAY, "date"], // day 32
  [no("000190123"), TODAY, "date"], // day 00
  [no("011390123"), TODAY, "date"], // month 13
  [no("010090125"), TODAY, "date"], // month 00
  [no("720170123"), TODAY, "date"], // D-number day 72
  [no("400170127"), TODAY, "date"], // day 40 (neither a real day nor a D-number day)
  [no("310470123"), TODAY, "date"], // 31 April
  [no("710470125"), TODAY, "date"], // D-number 31 April
  [no("014190123"), TODAY, "date"], // H-number month + 40 is not supported
  // Unassigned century combinations.
  [no("010145500"), TODAY, "date"], // 500-749 with YY 40-53
  [no("010153749"), TODAY, "date"],
  [no("010199800"), TODAY, "date"], // 750-899 with YY 40-99
  [no("010140899"), TODAY, "date"],
  // Future.
  [no("241126500"), TODAY, "future"],
  [no("010127500"), TODAY, "future"],
  [no("311239999"), TODAY, "future"],
  [no("641126500"), TODAY, "future"], // D-number 2026-11-24
  // Format.
  ["010107-50160", TODAY, "format"],
  ["0101075016A", TODAY, "format"],
  ["010107.50160", TODAY, "format"],
  ["010107+50160", TODAY, "format"],
];

describe("parseIdentityNumber: Norwegian invalid", () => {
  it.each(noInvalid)("%s (today %s) => %s", (input, today, error) => {
    expect(parseIdentityNumber(input, today)).toEqual({ ok: false, error });
  });
});

// ---------------------------------------------------------------------------
// Empty, formatting, masking, round trip, Luhn
// ---------------------------------------------------------------------------

describe("parseIdentityNumber: empty", () => {
  it.each(["", "   ", "\t \n"])("%j => empty", (input) => {
    expect(parseIdentityNumber(input, TODAY)).toEqual({ ok: false, error: "empty" });
  });
});

describe("formatIdentityNumber / maskIdentityNumber", () => {
  it.each<[IdentityNumberKind, string, string, string]>([
    ["se_personnummer", "198112189876", "19811218-9876", "********-****"],
    ["se_samordningsnummer", "197010632391", "19701063-2391", "********-****"],
    ["no_fodselsnummer", "01010750160", "010107 50160", "****** *****"],
    ["no_d_nummer", no("410170123"), `410170 123${no("410170123").slice(9)}`, "****** *****"],
  ])("%s %s", (kind, canonical, formatted, masked) => {
    expect(formatIdentityNumber(kind, canonical)).toBe(formatted);
    expect(maskIdentityNumber(kind, canonical)).toBe(masked);
  });

  it.each<[IdentityNumberKind, string]>([
    ["se_personnummer", "8112189876"],
    ["se_personnummer", "01010750160"],
    ["no_fodselsnummer", "198112189876"],
    ["no_d_nummer", "4101701234x"],
  ])("%s rejects canonical %s", (kind, canonical) => {
    expect(() => formatIdentityNumber(kind, canonical)).toThrow(RangeError);
  });
});

describe("round trip: parse(format(parse(x).canonical))", () => {
  const inputs = [...seValid.map(([input, today]) => [input, today]), ...noValid.map(([input]) => [input, TODAY])];
  it.each(inputs)("%s", (input, today) => {
    const first = parseIdentityNumber(input!, today!);
    if (!first.ok) throw new Error(`expected ${input} to parse`);
    const again = parseIdentityNumber(formatIdentityNumber(first.value.kind, first.value.canonical), today!);
    expect(again).toEqual(first);
  });
});

describe("luhnCheckDigit", () => {
  it.each(["811218987", "701063239", "121212121", "000000000", "999999999", "123456789", "000289135"])(
    "%s",
    (nine) => {
      expect(luhnCheckDigit(nine)).toBe(luhn(nine));
    },
  );

  it("matches the Skatteverket example", () => {
    expect(luhnCheckDigit("811218987")).toBe(6);
  });

  it.each(["", "12345678", "1234567890", "12345678a"])("rejects %j", (bad) => {
    expect(() => luhnCheckDigit(bad)).toThrow(RangeError);
  });
});
