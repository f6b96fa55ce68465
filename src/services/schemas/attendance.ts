import { z } from "zod";
import { ATTENDANCE_STATUSES, DEFAULT_ABSENCE_RULES, FOLLOW_UP_OUTCOMES } from "../../domain/attendance.ts";
import { flag, isoDate, optionalText, uuid } from "./common.ts";

// Attendance: a session's register, a follow-up's outcome, a program's absence rules, and the filters of
// the history pages. Every schema accepts its own output (the form's action parses, the service again).

/** A filter or field left empty ("" from a form) is not given. */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A whole number typed in a form (text) or sent as a number by the API. */
const wholeNumber = (min: number, max: number, message: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? "errors.required" : message) })
      .int({ error: message })
      .min(min, { error: message })
      .max(max, { error: message }),
  );

/** One person's line in the register. An empty status means "not recorded" (a mark given earlier is taken back). */
export const registerMarkSchema = z.object(
  {
    personId: uuid,
    status: z.preprocess(blankToUndefined, z.enum(ATTENDANCE_STATUSES, { error: "attendance.errors.status" }).optional()),
    minutesLate: z.preprocess(blankToUndefined, wholeNumber(0, 24 * 60, "attendance.errors.minutesLate").optional()),
    note: optionalText(300),
  },
  { error: "errors.invalid" },
);
export type RegisterMarkInput = z.output<typeof registerMarkSchema>;

/**
 * The whole register of a session, as one form sends it. "allPresent" marks everyone the form leaves
 * without a status as present (a status chosen for someone is kept).
 */
export const registerSchema = z.object(
  {
    intent: z.preprocess(blankToUndefined, z.enum(["save", "allPresent"], { error: "errors.invalid" }).default("save")),
    marks: z.array(registerMarkSchema, { error: "errors.invalid" }).max(500, { error: "errors.invalid" }).default([]),
  },
  { error: "errors.invalid" },
);
export type RegisterInput = z.output<typeof registerSchema>;

/** What came of following an absence up: the outcome, the day of the contact, and a short note. */
export const followUpOutcomeSchema = z.object(
  {
    outcome: z.enum(FOLLOW_UP_OUTCOMES, { error: "attendance.errors.outcome" }),
    on: isoDate,
    note: optionalText(1000),
  },
  { error: "errors.invalid" },
);
export type FollowUpOutcomeInput = z.output<typeof followUpOutcomeSchema>;

/** A program's absence rules (0 turns a rule off). */
export const absenceRulesSchema = z.object(
  {
    consecutiveUnexcused: wholeNumber(0, 20, "attendance.errors.consecutive"),
    excusedBreaksRun: flag,
    lowRatePercent: wholeNumber(0, 100, "attendance.errors.percent"),
    windowDays: wholeNumber(7, 90, "attendance.errors.windowDays"),
    minSessions: wholeNumber(1, 30, "attendance.errors.minSessions"),
  },
  { error: "errors.invalid" },
);
export type AbsenceRulesInput = z.output<typeof absenceRulesSchema>;
export const ABSENCE_RULES_DEFAULT_INPUT: AbsenceRulesInput = { ...DEFAULT_ABSENCE_RULES };

/** A period for the history pages; both ends optional (the page chooses the last eight weeks). */
export const attendancePeriodSchema = z
  .object(
    {
      from: z.preprocess(blankToUndefined, isoDate.optional()),
      to: z.preprocess(blankToUndefined, isoDate.optional()),
      group: z.preprocess(blankToUndefined, z.enum(["ordinary", "pre_group"], { error: "errors.invalid" }).optional()),
    },
    { error: "errors.invalid" },
  )
  .refine((p) => !p.from || !p.to || p.from <= p.to, { error: "attendance.errors.period", path: ["to"] });
export type AttendancePeriodInput = z.output<typeof attendancePeriodSchema>;
