import { z } from "zod";
import { isValidTime } from "../../domain/calendar.ts";
import { OUTCOMES } from "../../domain/intake.ts";
import { isoDate, optionalText, requiredText } from "./common.ts";

const time = z
  .string({ error: "errors.required" })
  .trim()
  .refine(isValidTime, { error: "errors.time" });

const answer = z
  .enum(["yes", "no", "unknown"], { error: "errors.choose" })
  .transform((v) => (v === "yes" ? true : v === "no" ? false : null));

/** The team's answers to the three questions and its decision about one request. */
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
  .superRefine((value, ctx) => {
    if (typeof value !== "object" || value === null) return;
    if (value.outcome === "not_ready" && !value.recommendation) {
      ctx.addIssue({ code: "custom", path: ["recommendation"], message: "meeting.errors.recommendationRequired" });
    }
    if (value.outcome === "postpone" && !value.postponeReason) {
      ctx.addIssue({ code: "custom", path: ["postponeReason"], message: "meeting.errors.reasonRequired" });
    }
  });

export const adviceSchema = z.object({ advice: requiredText(4000) }, { error: "errors.invalid" });

export const meetingSettingsSchema = z.object(
  {
    anchor: isoDate,
    intervalWeeks: z.coerce.number({ error: "errors.number" }).int({ error: "errors.wholeNumber" }).min(1, { error: "errors.invalid" }).max(12, { error: "errors.invalid" }),
    startTime: time,
    durationMinutes: z.coerce.number({ error: "errors.number" }).int({ error: "errors.wholeNumber" }).min(15, { error: "errors.invalid" }).max(600, { error: "errors.invalid" }),
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
