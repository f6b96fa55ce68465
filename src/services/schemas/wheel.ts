import { z } from "zod";
import { MAX_LABEL_LENGTH, MAX_SCORE, MAX_STEP_LENGTH, MIN_SCORE, STEP_COUNT, WHEEL_GROUPS } from "../../domain/wheel.ts";
import { isoDate, optionalText, requiredText, uuid } from "./common.ts";

// The life-area wheel's forms: a reading (one score 1-10 per area of the instrument version it is made
// with), and a program's changes to its instrument (one area's texts, removing or moving an area).

export const RATERS = ["participant", "coordinator"] as const;
export const OCCASIONS = ["start", "during", "exit"] as const;

/** One area's score: "1".."10" from a radio group, or a number from JSON. */
const score = z.coerce
  .number({ error: "wheel.errors.chooseScore" })
  .int({ error: "wheel.errors.chooseScore" })
  .min(MIN_SCORE, { error: "wheel.errors.chooseScore" })
  .max(MAX_SCORE, { error: "wheel.errors.chooseScore" });

/**
 * A reading against an instrument version with these area keys: every area needs a score, and a missing
 * one is refused at its own field ("scores.<key>").
 */
export function readingSchema(areaKeys: readonly string[]) {
  return z.object(
    {
      instrumentId: uuid,
      ratedBy: z.enum(RATERS, { error: "errors.choose" }),
      occasion: z.enum(OCCASIONS, { error: "errors.choose" }),
      readingDate: isoDate,
      scores: z.object(Object.fromEntries(areaKeys.map((key) => [key, score])) as Record<string, typeof score>, { error: "wheel.errors.chooseScore" }),
      note: optionalText(2000),
    },
    { error: "errors.invalid" },
  );
}

export type ReadingInput = z.output<ReturnType<typeof readingSchema>>;

const label = requiredText(MAX_LABEL_LENGTH);
/** Ten step texts. A form leaves empty fields out, so what is missing is filled in as empty (and refused at its field). */
const steps = z.preprocess(
  (v) => (v === undefined || v === null ? Array.from({ length: STEP_COUNT }, () => "") : Array.isArray(v) && v.length <= STEP_COUNT ? Array.from({ length: STEP_COUNT }, (_, i) => v[i] ?? "") : v),
  z.array(requiredText(MAX_STEP_LENGTH), { error: "wheel.errors.steps" }).length(STEP_COUNT, { error: "wheel.errors.steps" }),
);

/** One area's name and ten step texts in every language. `instrumentId`: the version the change starts from. */
export const wheelAreaSchema = z.object(
  {
    instrumentId: uuid,
    group: z.enum(WHEEL_GROUPS, { error: "errors.choose" }),
    label: z.object({ sv: label, nb: label, en: label }, { error: "errors.required" }),
    steps: z.object({ sv: steps, nb: steps, en: steps }, { error: "wheel.errors.steps" }),
  },
  { error: "errors.invalid" },
);

export type WheelAreaInput = z.output<typeof wheelAreaSchema>;

const areaKey = z.string({ error: "errors.invalid" }).trim().min(1, { error: "errors.invalid" }).max(40, { error: "errors.invalid" });

export const removeWheelAreaSchema = z.object({ instrumentId: uuid, key: areaKey }, { error: "errors.invalid" });

export const moveWheelAreaSchema = z.object(
  { instrumentId: uuid, key: areaKey, direction: z.enum(["up", "down"], { error: "errors.invalid" }) },
  { error: "errors.invalid" },
);
