import { z } from "zod";
import { isValidTime } from "../../domain/calendar.ts";
import { OUTCOMES } from "../../domain/intake.ts";
import { isoDate, optionalText, requiredText } from "./common.ts";

const time = z
  .string({ error: "errors.required" })
  .trim()
  .refine(isValidTime, { error: "errors.time" });

/**
 * An answer to one of the three questions: "yes", "no" or "unknown" from a form (true, false or null from
 * JSON). Parsing the output again gives the same output, so a service may validate what a route validated.
 */
const answer = z
  .union([z.enum(["yes", "no", "unknown"]), z.boolean(), z.null()], { error: "errors.choose" })
  .transform((v) => (v === "yes" || v === true ? true : v === "no" || v === false ? false : null));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/**
 * The team's answers to the three questions and its decision about one request. A "not ready" decision
 * needs the written recommendation and a postponement its reason: those messages are given at their
 * fields even when other fields are wrong too (so the form shows everything to fix at once). The text
 * that does not belong to the chosen decision is dropped.
 */
export const assessmentSchema = z
  .object(
    {
      ownOptionsTried: answer,
      ableWithSupport: answer,
      wantsToTakePart: answer,
      outcome: z.enum(OUTCOMES, { error: "errors.choose" }),
      recommendation: optionalText(4000),
      postponeReason: optionalText(2000),
    },
    { error: "errors.invalid" },
  )
  // `when`: checked even when other fields have errors (by default Zod skips refinements then).
  .refine((v: unknown) => !(isObject(v) && v.outcome === "not_ready" && blank(v.recommendation)), {
    path: ["recommendation"],
    error: "meeting.errors.recommendationRequired",
    when: (payload) => isObject(payload.value),
  })
  .refine((v: unknown) => !(isObject(v) && v.outcome === "postpone" && blank(v.postponeReason)), {
    path: ["postponeReason"],
    error: "meeting.errors.reasonRequired",
    when: (payload) => isObject(payload.value),
  })
  .transform((v) => ({
    ...v,
    recommendation: v.outcome === "not_ready" ? v.recommendation : undefined,
    postponeReason: v.outcome === "postpone" ? v.postponeReason : undefined,
  }));

export const adviceSchema = z.object({ advice: requiredText(4000) }, { error: "errors.invalid" });

export const meetingSettingsSchema = z.object(
  {
    anchor: isoDate,
    intervalWeeks: z.coerce
      .number({ error: "errors.number" })
      .int({ error: "errors.wholeNumber" })
      .min(1, { error: "meeting.errors.interval" })
      .max(12, { error: "meeting.errors.interval" }),
    startTime: time,
    durationMinutes: z.coerce
      .number({ error: "errors.number" })
      .int({ error: "errors.wholeNumber" })
      .min(15, { error: "meeting.errors.duration" })
      .max(600, { error: "meeting.errors.duration" }),
    location: optionalText(200),
  },
  { error: "errors.invalid" },
);

export const meetingSchema = z
  .object(
    {
      date: isoDate,
      startTime: time,
      endTime: time,
      location: optionalText(200),
    },
    { error: "errors.invalid" },
  )
  .refine((v) => typeof v !== "object" || v === null || !isValidTime(v.startTime) || !isValidTime(v.endTime) || v.endTime > v.startTime, {
    path: ["endTime"],
    error: "errors.endBeforeStart",
    when: (payload) => isObject(payload.value),
  });

export const attendanceSchema = z.object(
  {
    present: z
      .union([z.string(), z.array(z.string())], { error: "errors.invalid" })
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  },
  { error: "errors.invalid" },
);
