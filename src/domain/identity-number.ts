// Swedish (personnummer, samordningsnummer) and Norwegian (fødselsnummer, D-nummer)
// identity numbers: parsing, validation, formatting and masking.
// Plain TypeScript without imports so that it runs under Node's type stripping.

export type IdentityNumberKind = "se_personnummer" | "se_samordningsnummer" | "no_fodselsnummer" | "no_d_nummer";
export type IdentityNumberCountry = "SE" | "NO";
export type IdentityNumberError =
  | "empty" // only whitespace
  | "format" // wrong length / characters / separator for every supported kind
  | "date" // the date part is not a real calendar date (after removing the +60 / +40 offsets)
  | "checksum" // Luhn (SE) or either mod-11 control digit (NO) is wrong
  | "future"; // a valid number whose birth date lies after `today`

export interface ParsedIdentityNumber {
  kind: IdentityNumberKind;
  country: IdentityNumberCountry;
  /** SE: the 12 digits YYYYMMDDNNNC (samordningsnummer day + 60 kept); NO: the 11 digits DDMMYYIIICC. */
  canonical: string;
  /** ISO YYYY-MM-DD, the real birth date (offsets removed, century resolved). */
  birthDate: string;
  legalSex: "female" | "male";
}

export type ParseResult = { ok: true; value: ParsedIdentityNumber } | { ok: false; error: IdentityNumberError };

const fail = (error: IdentityNumberError): ParseResult => ({ ok: false, error });

const digitsOf = (s: string): number[] => Array.from(s, (c) => Number(c));

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** ISO date string if year/month/day form a real calendar date, otherwise null. */
function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Luhn check digit for the nine digits YYMMDDNNN (weights 2,1,2,1,...). */
export function luhnCheckDigit(nineDigits: string): number {
  if (!/^\d{9}$/.test(nineDigits)) throw new RangeError("luhnCheckDigit expects exactly 9 digits");
  let sum = 0;
  digitsOf(nineDigits).forEach((d, i) => {
    const p = i % 2 === 0 ? d * 2 : d;
    sum += p > 9 ? p - 9 : p;
  });
  return (10 - (sum % 10)) % 10;
}

/** Mod-11 control digit with the given weights; null when the result would be 10. */
function mod11(digits: number[], weights: number[]): number | null {
  const sum = weights.reduce((acc, w, i) => acc + w * (digits[i] ?? 0), 0);
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  return k === 10 ? null : k;
}

const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** Norwegian control digits [k1, k2] for DDMMYYIII, or null when either would be 10. */
export function norwegianControlDigits(nineDigits: string): [number, number] | null {
  if (!/^\d{9}$/.test(nineDigits)) throw new RangeError("norwegianControlDigits expects exactly 9 digits");
  const digits = digitsOf(nineDigits);
  const k1 = mod11(digits, K1_WEIGHTS);
  if (k1 === null) return null;
  const k2 = mod11([...digits, k1], K2_WEIGHTS);
  return k2 === null ? null : [k1, k2];
}

/** Full birth year of a Norwegian number from its individual number and two-digit year. */
function norwegianYear(individual: number, yy: number): number | null {
  if (individual <= 499) return 1900 + yy;
  if (individual <= 749 && yy >= 54) return 1800 + yy;
  if (yy <= 39) return 2000 + yy;
  if (individual >= 900) return 1900 + yy;
  return null; // 500-749 with YY 40-53 and 750-899 with YY 40-99 are not assigned
}

function parseSwedish(digits: string, separator: string, today: string): ParseResult {
  const long = digits.length === 12;
  const short = long ? digits.slice(2) : digits; // YYMMDDNNNC
  const yy = Number(short.slice(0, 2));
  const month = Number(short.slice(2, 4));
  const rawDay = Number(short.slice(4, 6));
  const coordination = rawDay >= 61 && rawDay <= 91;
  const day = coordination ? rawDay - 60 : rawDay;

  let year: number;
  if (long) {
    year = Number(digits.slice(0, 4));
  } else {
    // Latest century in which the birthday is not after today; "+" means 100 years earlier.
    const todayYear = Number(today.slice(0, 4));
    year = todayYear - (todayYear % 100) + yy;
    if (`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` > today) year -= 100;
    if (separator === "+") year -= 100;
  }

  const birthDate = isoDate(year, month, day);
  if (birthDate === null) return fail("date");
  if (luhnCheckDigit(short.slice(0, 9)) !== Number(short[9])) return fail("checksum");
  if (birthDate > today) return fail("future");
  return {
    ok: true,
    value: {
      kind: coordination ? "se_samordningsnummer" : "se_personnummer",
      country: "SE",
      canonical: pad(year, 4) + short.slice(2),
      birthDate,
      legalSex: Number(short[8]) % 2 === 1 ? "male" : "female",
    },
  };
}

function parseNorwegian(digits: string, today: string): ParseResult {
  const rawDay = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const yy = Number(digits.slice(4, 6));
  const individual = Number(digits.slice(6, 9));
  const dNumber = rawDay >= 41 && rawDay <= 71;
  const year = norwegianYear(individual, yy);
  if (year === null) return fail("date");
  const birthDate = isoDate(year, month, dNumber ? rawDay - 40 : rawDay);
  if (birthDate === null) return fail("date");
  const control = norwegianControlDigits(digits.slice(0, 9));
  if (control === null || control[0] !== Number(digits[9]) || control[1] !== Number(digits[10])) {
    return fail("checksum");
  }
  if (birthDate > today) return fail("future");
  return {
    ok: true,
    value: {
      kind: dNumber ? "no_d_nummer" : "no_fodselsnummer",
      country: "NO",
      canonical: digits,
      birthDate,
      legalSex: Number(digits[8]) % 2 === 1 ? "male" : "female",
    },
  };
}

/**
 * Parses a Swedish or Norwegian identity number. `today` (ISO YYYY-MM-DD) is the reference
 * date for the Swedish century rule and the "future" check.
 */
export function parseIdentityNumber(input: string, today: string): ParseResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError("today must be an ISO date YYYY-MM-DD");
  const compact = input.trim().replace(/\s+/g, "");
  if (compact === "") return fail("empty");

  const se10 = /^(\d{6})([-+]?)(\d{4})$/.exec(compact);
  if (se10) return parseSwedish(`${se10[1]}${se10[3]}`, se10[2] ?? "", today);
  const se12 = /^(\d{8})-?(\d{4})$/.exec(compact);
  if (se12) return parseSwedish(`${se12[1]}${se12[2]}`, "", today);
  if (/^\d{11}$/.test(compact)) return parseNorwegian(compact, today);
  return fail("format");
}

const isSwedish = (kind: IdentityNumberKind): boolean => kind.startsWith("se_");

/** SE: "YYYYMMDD-NNNC"; NO: "DDMMYY IIICC". */
export function formatIdentityNumber(kind: IdentityNumberKind, canonical: string): string {
  if (isSwedish(kind)) {
    if (!/^\d{12}$/.test(canonical)) throw new RangeError("Swedish canonical form must be 12 digits");
    return `${canonical.slice(0, 8)}-${canonical.slice(8)}`;
  }
  if (!/^\d{11}$/.test(canonical)) throw new RangeError("Norwegian canonical form must be 11 digits");
  return `${canonical.slice(0, 6)} ${canonical.slice(6)}`;
}

/** The formatted shape with every digit hidden: SE "********-****", NO "****** *****". */
export function maskIdentityNumber(kind: IdentityNumberKind, canonical: string): string {
  return formatIdentityNumber(kind, canonical).replace(/\d/g, "*");
}
