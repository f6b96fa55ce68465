import { createHmac } from "node:crypto";

// Pseudonyms for the outcome export (national-reporting.ts). A file of its own: node:crypto stays on the
// server, while the reporting vocabulary is also used by the pages.

/** Length in hex digits of a pseudonym (64 bits: no collisions to speak of within a program). */
export const PSEUDONYM_LENGTH = 16;

/**
 * A person's pseudonym in a program's exports: HMAC-SHA-256(key, "programId:personId"), 16 hex digits.
 * The same for every export of that program; without the key, neither the person nor their pseudonym in
 * another program can be worked out from it.
 */
export function pseudonymFor(key: Uint8Array, programId: string, personId: string): string {
  if (key.length < 32) throw new RangeError("the pseudonym key must be at least 32 bytes");
  return createHmac("sha256", key).update(`${programId}:${personId}`).digest("hex").slice(0, PSEUDONYM_LENGTH);
}

