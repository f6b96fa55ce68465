import { z } from "zod";
import { BUDGET_LINE_KINDS, FUNDER_KINDS, isValidMonth } from "../../domain/budget.ts";
import { parseAmount } from "../../domain/money.ts";
import { isoDate, optionalText, requiredText } from "./common.ts";
import { travelYear } from "./travel.ts";

// Budget and funding per program: the year's budget lines, an actual cost for a month and line, a funding
// source, ending one, and the year of a CSV import. Amounts are exact: whole öre/øre (src/domain/money.ts).
// Every schema accepts its own output (the form's action parses, the service parses again).

/** The same years as travel money (the database keeps 2000-2100). */
export const budgetYearParam = travelYear;

/**
 * An amount: typed text in kronor ("1 234,50", "150 kr"), parsed exactly, or a whole number of öre/øre (the
 * parse's output and the JSON API's `amountMinor`). `signed`: a credit may be negative (actual costs).
 */
function amount(options: { allowZero: boolean; signed: boolean }) {
  return z
    .union([z.string(), z.number()], { error: "errors.required" })
    .transform((value, ctx): number => {
      if (typeof value === "number") {
        const code = !Number.isSafeInteger(value) ? "invalid" : value < 0 && !options.signed ? "negative" : value === 0 && !options.allowZero ? "zero" : null;
        if (code) {
          ctx.addIssue({ code: "custom", message: `travel.errors.amount.${code}` });
          return z.NEVER;
        }
        return value;
      }
      const parsed = parseAmount(value, { allowZero: options.allowZero, allowNegative: options.signed });
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.error === "empty" ? "errors.required" : `travel.errors.amount.${parsed.error}` });
        return z.NEVER;
      }
      return parsed.minor;
    });
}

/** A line's amount in the budget form: blank means the line is not set (counts as 0). */
const lineAmount = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), amount({ allowZero: true, signed: false }).optional());

export const budgetLineKind = z.enum(BUDGET_LINE_KINDS, { error: "errors.choose" });
export const funderKind = z.enum(FUNDER_KINDS, { error: "errors.choose" });

/**
 * The year's budget: every line at once, each with an amount (blank: not set) and a note. A line left out
 * of `lines` is not set. The form sends `lines.<kind>.amount` and `lines.<kind>.note`.
 */
export const budgetLinesSchema = z.object(
  {
    year: budgetYearParam,
    lines: z
      .object(Object.fromEntries(BUDGET_LINE_KINDS.map((kind) => [kind, z.object({ amount: lineAmount, note: optionalText(300) }).optional()])) as Record<
        (typeof BUDGET_LINE_KINDS)[number],
        z.ZodOptional<z.ZodObject<{ amount: typeof lineAmount; note: ReturnType<typeof optionalText> }>>
      >)
      .optional()
      .transform((v) => v ?? {}),
  },
  { error: "errors.invalid" },
);
export type BudgetLinesInput = z.output<typeof budgetLinesSchema>;

const month = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, { error: "errors.required" })
  .refine(isValidMonth, { error: "budget.errors.month" });

/** One month's actual cost for one line (replaces what was there). A credit may be negative. */
export const actualCostSchema = z.object(
  {
    month,
    line: budgetLineKind,
    amount: amount({ allowZero: true, signed: true }),
    note: optionalText(300),
  },
  { error: "errors.invalid" },
);
export type ActualCostInput = z.output<typeof actualCostSchema>;

/** A funding source: who, what kind, how much, for which period. */
export const fundingSourceSchema = z
  .object(
    {
      funder: requiredText(200),
      kind: funderKind,
      amount: amount({ allowZero: false, signed: false }),
      from: isoDate,
      to: isoDate,
      note: optionalText(300),
    },
    { error: "errors.invalid" },
  )
  .refine((v) => v.from <= v.to, { error: "budget.errors.periodOrder", path: ["to"] });
export type FundingSourceInput = z.output<typeof fundingSourceSchema>;

/** Ending a funding source early: its last day. */
export const endFundingSchema = z.object({ to: isoDate }, { error: "errors.invalid" });

/** The year a CSV of actual costs is for (every month in the file must be in it). */
export const importCostsSchema = z.object({ year: budgetYearParam }, { error: "errors.invalid" });
