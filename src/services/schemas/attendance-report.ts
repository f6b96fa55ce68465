import { z } from "zod";

// The monthly attendance report for the authority that pays a participant's benefit: the month in the
// address ("YYYY-MM"), and the coordinator's sign-off. Every schema accepts its own output (the form's
// action parses, the service parses again: attendance-report.test.ts).

/** A month as the report's address has it: "YYYY-MM", 2000-2100. */
export const reportMonth = z
  .string({ error: "errors.required" })
  .trim()
  .regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, { error: "attendanceReport.errors.month" });

/**
 * The sign-off: the coordinator confirms that they have checked the month's attendance. `shown` is the
 * fingerprint of the totals the page showed (optional; from the API it may be left out): when the register
 * was changed in between, the sign-off is refused so that nobody signs figures they have not seen.
 */
export const signMonthlyReportSchema = z.object(
  {
    confirmed: z
      .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")], { error: "attendanceReport.errors.confirm" })
      .optional()
      .transform((v) => v === true || v === "on" || v === "true")
      .refine((v) => v, { error: "attendanceReport.errors.confirm" }),
    shown: z
      .string({ error: "errors.invalid" })
      .trim()
      .max(200, { error: "errors.invalid" })
      .optional()
      .transform((v) => (v === "" ? undefined : v)),
  },
  { error: "errors.invalid" },
);
export type SignMonthlyReportInput = z.output<typeof signMonthlyReportSchema>;
