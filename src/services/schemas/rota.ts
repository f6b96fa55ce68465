import { z } from "zod";
import { addDays, isValidDate } from "../../domain/calendar.ts";
import { isoDate } from "./common.ts";

// The breakfast rota: the period to show or plan, and a swap of two duties between two participants.
// Every schema accepts its own output (the form's action parses, the service parses again).

/** The longest period shown or planned at once (about half a year of group days). */
export const ROTA_MAX_DAYS = 184;

/** A period: from and to, inclusive, YYYY-MM-DD; `to` not before `from` and at most ROTA_MAX_DAYS long. */
const isObject = (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null;
const bothDates = (v: { from?: unknown; to?: unknown }): v is { from: string; to: string } =>
  typeof v.from === "string" && typeof v.to === "string" && isValidDate(v.from) && isValidDate(v.to);

/** The period's own checks: `to` not before `from`, and not too long. */
function periodChecks<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((v) => !bothDates(v) || v.to >= v.from, { path: ["to"], error: "rota.errors.toBeforeFrom", when: isObject })
    .refine((v) => !bothDates(v) || v.to < v.from || v.to <= addDays(v.from, ROTA_MAX_DAYS - 1), { path: ["to"], error: "rota.errors.periodTooLong", when: isObject });
}

export const rotaPeriodSchema = periodChecks(z.object({ from: isoDate, to: isoDate }, { error: "errors.invalid" }));
export type RotaPeriod = z.output<typeof rotaPeriodSchema>;

export const ROTA_PLAN_MODES = ["replan", "plan"] as const;

/**
 * The page's planning form: the period and how. "replan" keeps the duties that still work (agreed swaps too)
 * and fills only the gaps; "plan" shares out every day from today afresh.
 */
export const rotaPlanFormSchema = periodChecks(
  z.object({ from: isoDate, to: isoDate, mode: z.enum(ROTA_PLAN_MODES, { error: "errors.choose" }) }, { error: "errors.invalid" }),
);

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const person = z.preprocess(blankToUndefined, z.uuid({ error: "rota.errors.person" }));
const day = z.preprocess(blankToUndefined, isoDate);

/** A swap: a (on duty on aDate) takes bDate, and b (on duty on bDate) takes aDate. */
export const rotaSwapSchema = z.object({ aPersonId: person, aDate: day, bPersonId: person, bDate: day }, { error: "errors.invalid" });
export type RotaSwapInput = z.output<typeof rotaSwapSchema>;
