// Consent (samtycke, OSL 12:2) lifts secrecy between authorities: which member authorities may share
// information with each other and with the program, for what purpose, from when, until when. It ends
// at once when withdrawn; a new consent replaces the previous one.

export type ConsentStatus = "given" | "not_yet_valid" | "expired" | "withdrawn" | "replaced";

export interface ConsentFacts {
  givenOn: string; // ISO date
  validUntil: string; // ISO date, inclusive
  endReason: "withdrawn" | "replaced" | null;
  authorityIds: readonly string[];
}

export function consentStatus(consent: ConsentFacts, today: string): ConsentStatus {
  if (consent.endReason) return consent.endReason;
  if (today < consent.givenOn) return "not_yet_valid";
  if (today > consent.validUntil) return "expired";
  return "given";
}

export function isValid(consent: ConsentFacts, today: string): boolean {
  return consentStatus(consent, today) === "given";
}

/**
 * What the policy needs to know about a person's consents in a program: null when none has ever been
 * recorded, else the member authorities that valid consents cover (empty when all have ended or expired).
 */
export function coveredAuthorities(consents: readonly ConsentFacts[], today: string): string[] | null {
  if (consents.length === 0) return null;
  const covered = new Set<string>();
  for (const c of consents) if (isValid(c, today)) for (const a of c.authorityIds) covered.add(a);
  return [...covered];
}

/** Default validity when the form does not say: the program's planned length plus follow-up time. */
export const DEFAULT_CONSENT_MONTHS = 24;
