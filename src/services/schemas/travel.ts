import { z } from "zod";
import { parseAmount } from "../../domain/money.ts";
import { isoDate, requiredText, uuid } from "./common.ts";

// Travel money (sv. reskassa): the year's budget, a disbursement to a participant, voiding one, and the
// filters of the year's list. Amounts are exact: whole öre/øre, never floating point (src/domain/money.ts).
// Every schema accepts its own output (the form's action parses, the service parses again: travel.test.ts).

/** A filter left empty ("" from a GET form) is no filter. */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const TRAVEL_YEAR_MIN = 2000;
export const TRAVEL_YEAR_MAX = 2100;

/** A year as the database keeps budgets (2000-2100); a form sends it as text. */
export const travelYear = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
  z
    .number({ error: (issue) => (issue.input === undefined ? "errors.required" : "travel.errors.year") })
    .int({ error: "travel.errors.year" })
    .min(TRAVEL_YEAR_MIN, { error: "travel.errors.year" })
    .max(TRAVEL_YEAR_MAX, { error: "travel.errors.year" }),
);

/**
 * An amount of money. Typed by a person it is a string in kronor, Swedish or Norwegian style ("150",
 * "1 234,50 kr", "150:-"), parsed exactly into öre/øre; a number is already a whole number of öre/øre (what
 * the parse gives, and what the JSON API sends as `amountMinor`). So the schema accepts its own output.
 */
function money(options: { allowZero: boolean }) {
  return z
    .union([z.string(), z.number()], { error: "errors.required" })
    .transform((value, ctx): number => {
      if (typeof value === "number") {
        if (!Number.isSafeInteger(value)) {
          ctx.addIssue({ code: "custom", message: "travel.errors.amount.invalid" });
          return z.NEVER;
        }
        if (value < 0 || (value === 0 && !options.allowZero)) {
          ctx.addIssue({ code: "custom", message: value < 0 ? "travel.errors.amount.negative" : "travel.errors.amount.zero" });
          return z.NEVER;
        }
        return value;
      }
      const parsed = parseAmount(value, { allowZero: options.allowZero });
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.error === "empty" ? "errors.required" : `travel.errors.amount.${parsed.error}` });
        return z.NEVER;
      }
      return parsed.minor;
    });
}

/** The year's budget (0 is allowed: a year without travel money). */
export const travelBudgetSchema = z.object({ year: travelYear, amount: money({ allowZero: true }) }, { error: "errors.invalid" });
export type TravelBudgetInput = z.output<typeof travelBudgetSchema>;

/** A disbursement to a participant: who, when, how much, what for, and who paid it out. The receipt travels beside it. */
export const travelDisbursementSchema = z.object(
  {
    personId: z.preprocess(blankToUndefined, z.uuid({ error: "travel.errors.person" })),
    date: isoDate,
    amount: money({ allowZero: false }),
    purpose: requiredText(300),
    paidBy: requiredText(120),
  },
  { error: "errors.invalid" },
);
export type TravelDisbursementInput = z.output<typeof travelDisbursementSchema>;

/** Voiding a mistaken disbursement: it stays in the list, struck out, with the reason. */
export const voidDisbursementSchema = z.object({ reason: requiredText(300) }, { error: "errors.invalid" });

/** The year's list: a month (1-12) and a participant. Empty values mean no filter. */
export const travelFilterSchema = z.object(
  {
    month: z.preprocess(
      (v) => {
        const blank = blankToUndefined(v);
        return typeof blank === "string" ? Number(blank) : blank;
      },
      z.number({ error: "errors.choose" }).int({ error: "errors.choose" }).min(1, { error: "errors.choose" }).max(12, { error: "errors.choose" }).optional(),
    ),
    personId: z.preprocess(blankToUndefined, uuid.optional()),
  },
  { error: "errors.invalid" },
);
export type TravelFilter = z.output<typeof travelFilterSchema>;
