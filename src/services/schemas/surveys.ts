import { z } from "zod";
import { MAX_RHYTHM_WEEKS, MIN_RHYTHM_WEEKS, QUESTION_KINDS, QUESTIONNAIRE_AUDIENCES, SURVEY_AUDIENCES, SURVEY_CHANNELS, SURVEY_GOALS } from "../../domain/surveys.ts";
import { hasUnstorableCharacters } from "../text.ts";
import { isoDate, requiredText, uuid } from "./common.ts";

// Participant surveys: a questionnaire version's questions (the editor), the rhythm, handing a survey out, an
// answer (by link or on paper) and the results' period. Every schema accepts its own output (the form's action
// parses, the service parses again). The domain (src/domain/surveys.ts) checks the questions as a whole.

const text = (max: number) =>
  z
    .string({ error: "errors.invalid" })
    .max(max, { error: "errors.tooLong" })
    .refine((v) => !hasUnstorableCharacters(v), { error: "errors.characters" })
    .optional()
    .transform((v) => (v ?? "").trim());

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

/** One question in the editor. Options: one per line (the form's textarea) or a list (JSON). */
export const questionInput = z.object({
  key: text(40),
  kind: z.enum(QUESTION_KINDS, { error: "errors.choose" }).optional().default("scale"),
  text: text(300),
  options: z
    .union([z.string(), z.array(z.string())], { error: "errors.invalid" })
    .optional()
    .transform((v) =>
      (typeof v === "string" ? v.split(/\r?\n/) : (v ?? []))
        .map((o) => o.trim())
        .filter((o) => o !== ""),
    ),
  goal: z.preprocess(blankToNull, z.enum(SURVEY_GOALS, { error: "errors.choose" }).nullable()),
  agreeFrom: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : Number(v.trim())) : blankToNull(v)),
    z.number({ error: "surveys.errors.agreeFromOutOfRange" }).int({ error: "surveys.errors.agreeFromOutOfRange" }).nullable(),
  ),
  remove: z
    .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});
export type QuestionInput = z.output<typeof questionInput>;

/** A draft version: the intro and the questions in order (rows marked remove, or left blank, are dropped). */
export const versionSchema = z.object(
  {
    intro: text(1000),
    questions: z.array(questionInput).optional().default([]),
  },
  { error: "errors.invalid" },
);
export type VersionInput = z.output<typeof versionSchema>;

/** A new questionnaire of the program's own: its name, whom it is for, and its first draft. */
export const newQuestionnaireSchema = versionSchema.extend({
  name: requiredText(120),
  audience: z.enum(QUESTIONNAIRE_AUDIENCES, { error: "errors.choose" }),
});
export type NewQuestionnaireInput = z.output<typeof newQuestionnaireSchema>;

export const rhythmSchema = z.object({
  everyWeeks: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: "surveys.errors.rhythm" })
      .int({ error: "surveys.errors.rhythm" })
      .min(MIN_RHYTHM_WEEKS, { error: "surveys.errors.rhythm" })
      .max(MAX_RHYTHM_WEEKS, { error: "surveys.errors.rhythm" }),
  ),
});

/** Hand a survey out: a due ongoing one (enrolmentId) or one already offered (handoutId, e.g. by the exit). */
export const handOutSchema = z
  .object({
    enrolmentId: uuid.optional(),
    handoutId: uuid.optional(),
    audience: z.enum(SURVEY_AUDIENCES, { error: "errors.choose" }).optional(),
    channel: z.enum(SURVEY_CHANNELS, { error: "errors.choose" }),
  })
  .refine((v) => v.handoutId !== undefined || (v.enrolmentId !== undefined && v.audience !== undefined), { error: "errors.invalid" });
export type HandOutInput = z.output<typeof handOutSchema>;

/**
 * An answer: per questionnaire section (in the hand-out's order) the chosen value per question key ("1".."n" on a
 * scale, "1" yes / "0" no, or the text); anonymous unless the participant chose to put their name on it.
 */
export const answerSchema = z.object({
  anonymous: z
    .union([z.boolean(), z.enum(["yes", "no"])], { error: "errors.choose" })
    .optional()
    .transform((v) => v === undefined || v === true || v === "yes"),
  answers: z.array(z.record(z.string(), z.string().max(2000, { error: "errors.tooLong" }).optional()).optional()).optional().default([]),
});
export type AnswerFormInput = z.output<typeof answerSchema>;

/** A paper answer entered by staff: for which audience, and the person only when they asked to be named. */
export const paperAnswerSchema = answerSchema.extend({
  audience: z.enum(SURVEY_AUDIENCES, { error: "errors.choose" }),
  personId: z.preprocess(blankToNull, uuid.nullable()).optional(),
  answeredOn: isoDate.optional(),
});
export type PaperAnswerInput = z.output<typeof paperAnswerSchema>;

/** The results' period (default: this year). */
export const resultsPeriodSchema = z.object({ from: isoDate.optional(), to: isoDate.optional() });
