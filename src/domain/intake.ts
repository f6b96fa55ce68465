// The vocabulary of intake: income sources, education levels, age bands, the team's decisions.

export const INCOME_SOURCES = [
  "activity_compensation", // aktivitetsersättning (FK)
  "sickness_benefit", // sjukpenning (FK)
  "activity_support", // aktivitetsstöd (AF)
  "income_support", // försörjningsstöd (municipality)
  "salary",
  "none",
  "other",
] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

/** Education level at start, as the national follow-up (SUS) recorded it. */
export const EDUCATION_LEVELS = [
  "primary_incomplete",
  "primary",
  "upper_secondary_incomplete",
  "upper_secondary",
  "post_secondary",
  "unknown",
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** Age bands for anonymous consultations (and statistics): an age is never given exactly. */
export const AGE_BANDS = ["under_19", "19_24", "25_29", "30_39", "40_49", "50_64", "65_plus"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBandOf(age: number): AgeBand {
  if (age < 19) return "under_19";
  if (age <= 24) return "19_24";
  if (age <= 29) return "25_29";
  if (age <= 39) return "30_39";
  if (age <= 49) return "40_49";
  if (age <= 64) return "50_64";
  return "65_plus";
}

/** What the collaboration team decides about an interest request at a meeting. */
export const OUTCOMES = ["accept", "not_ready", "postpone"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type RequestStatus = "draft" | "submitted" | "decided" | "withdrawn";

/** The team's three questions (KRUS): every decision records an answer to each. */
export const TEAM_QUESTIONS = ["own_options_tried", "able_with_support", "wants_to_take_part"] as const;
