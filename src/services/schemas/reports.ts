import { z } from "zod";
import { periodProblems } from "../../domain/national-reporting.ts";
import { isoDate } from "./common.ts";
import { travelYear } from "./travel.ts";

// National reporting: the year of the Finsam figures and the period and format of the outcome export.
// Every schema accepts its own output (the form's action parses, the service parses again).

/** The same years as the budget (2000-2100). */
export const reportYear = travelYear;

export const OUTCOME_FORMATS = ["csv", "xlsx"] as const;
export type OutcomeFormat = (typeof OUTCOME_FORMATS)[number];

/** The outcome export's period (from..to, both days included, at most ten years) and file format. */
export const outcomeExportSchema = z
  .object(
    {
      from: isoDate,
      to: isoDate,
      format: z.enum(OUTCOME_FORMATS, { error: "errors.choose" }),
    },
    { error: "errors.invalid" },
  )
  .superRefine((value, ctx) => {
    for (const p of periodProblems(value.from, value.to)) {
      if (p.code === "date") continue; // already said at the field
      ctx.addIssue({ code: "custom", path: [p.field], message: `reports.errors.${p.code}` });
    }
  });
export type OutcomeExportInput = z.output<typeof outcomeExportSchema>;
