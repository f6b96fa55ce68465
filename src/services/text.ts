// Text from outside (search boxes, sign-in) made safe for the database.

// C0 control characters other than tab, line feed and carriage return; PostgreSQL refuses NUL outright.
// eslint-disable-next-line no-control-regex -- matching control characters is the purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Removes control characters and unpaired surrogates (which no database can store as text). */
export function cleanText(value: string): string {
  return value.toWellFormed().replace(CONTROL, "");
}

/** Does the text contain characters that cannot be stored? */
export function hasUnstorableCharacters(value: string): boolean {
  return !value.isWellFormed() || new RegExp(CONTROL.source).test(value);
}

/** Escapes %, _ and \ for a LIKE / ILIKE pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
