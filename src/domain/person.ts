// Rules about a person in the register that do not depend on storage or the web.

export const SEXES = ["female", "male", "other", "not_stated"] as const;
export type Sex = (typeof SEXES)[number];

/** Languages offered for "preferred language"; shown with their names in the reader's language. */
export const PREFERRED_LANGUAGES = [
  "sv", "nb", "nn", "en", "fi", "se", "ar", "so", "ti", "am", "fa", "prs", "ps", "ku", "tr",
  "bs", "hr", "sr", "sq", "pl", "ro", "ru", "uk", "es", "fr", "de", "th", "vi", "zh",
] as const;

/** Whole years between the birth date and `today` (both ISO dates). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age--;
  return age;
}

/** A real calendar date in ISO form (YYYY-MM-DD)? */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Protected identity (skyddade personuppgifter): name, identity number and contact details are
 * shown only to staff directly working with the person (and to the person), masked for everyone else.
 * Birth date is reduced to the year when masked, since a full date helps to identify someone.
 */
export function maskedBirthDate(birthDate: string): string {
  return birthDate.slice(0, 4);
}

/** People's names compared for likely duplicates: case, accents and extra spaces do not matter. */
export function normaliseName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A short reference that names a person without personal data, e.g. "P-7K3M9Q". `random` gives bytes. */
export function personReference(random: (size: number) => Uint8Array): string {
  const bytes = random(6);
  let out = "";
  for (const byte of bytes) out += REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length];
  return `P-${out}`;
}
