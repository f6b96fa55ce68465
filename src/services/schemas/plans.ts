import { z } from "zod";
import { isIsoDate } from "../../domain/person.ts";
import { ACCEPTANCE_METHODS, ACTION_STATUSES, ACTION_WHO, GOAL_KINDS } from "../../domain/plan.ts";
import { isoDate, optionalText, uuid } from "./common.ts";

// The plan's forms: the whole plan (the edit page), agreeing on actions, the participant's acceptance and
// the plan for the future at exit. A list row that is left empty is dropped (a row added and never filled
// in); a row with something in it must have its main text. Every schema accepts its own output.

export const MAX_ITEMS = 50;
const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** An item's stable id: kept from the saved plan, missing on a row written in the form before it was saved. */
const itemId = z
  .string({ error: "errors.invalid" })
  .trim()
  .refine((v) => v === "" || ITEM_ID.test(v), { error: "errors.invalid" })
  .optional()
  .transform((v) => (v ? v : undefined));

const text = (max: number) => optionalText(max).transform((v) => v ?? "");

const optionalDate = z
  .string({ error: "errors.date" })
  .trim()
  .refine((v) => v === "" || isIsoDate(v), { error: "errors.date" })
  .nullish()
  .transform((v) => (v ? v : null));

const optionalUuid = z
  .union([uuid, z.literal("")], { error: "errors.invalid" })
  .nullish()
  .transform((v) => (v ? v : null));

const subGoalRow = z.object({ id: itemId, text: text(1000) }, { error: "errors.invalid" });
const obstacleRow = z.object({ id: itemId, text: text(2000), howToOvercome: text(2000) }, { error: "errors.invalid" });
const actionRow = z.object(
  {
    id: itemId,
    what: text(1000),
    who: z.enum(ACTION_WHO, { error: "errors.choose" }).optional().transform((v) => v ?? "participant"),
    authorityId: optionalUuid,
    byWhen: optionalDate,
    status: z.enum(ACTION_STATUSES, { error: "errors.choose" }).optional().transform((v) => v ?? "planned"),
    agreed: z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")], { error: "errors.invalid" }).optional().transform((v) => v === true || v === "on" || v === "true"),
  },
  { error: "errors.invalid" },
);

type Row<T> = T | null | undefined;

/** A list of rows: empty rows dropped, each remaining row checked by `check` (index as in the form). */
function rows<S extends z.ZodType<object>>(row: S, isBlank: (r: z.output<S>) => boolean, check: (r: z.output<S>, add: (field: string, message: string) => void) => void) {
  return z
    .array(row.nullish(), { error: "errors.invalid" })
    .max(MAX_ITEMS, { error: "plans.errors.tooMany" })
    .optional()
    .superRefine((list, ctx) => {
      (list ?? []).forEach((r, index) => {
        if (!r || isBlank(r as z.output<S>)) return;
        check(r as z.output<S>, (field, message) => ctx.addIssue({ code: "custom", path: [index, field], message }));
      });
    })
    .transform((list) => ((list ?? []) as Row<z.output<S>>[]).filter((r): r is z.output<S> => r != null && !isBlank(r)));
}

export const planContentShape = {
  longTermGoal: z
    .object(
      {
        kind: z.enum(GOAL_KINDS, { error: "errors.choose" }).nullish().transform((v) => v ?? null),
        text: text(2000),
      },
      { error: "errors.invalid" },
    )
    .optional()
    .transform((v) => v ?? { kind: null, text: "" }),
  subGoals: rows(subGoalRow, (r) => r.text === "", () => {}),
  obstacles: rows(
    obstacleRow,
    (r) => r.text === "" && r.howToOvercome === "",
    (r, add) => {
      if (r.text === "") add("text", "plans.errors.obstacleText");
    },
  ),
  actions: rows(
    actionRow,
    (r) => r.what === "" && r.byWhen === null && r.authorityId === null && !r.agreed,
    (r, add) => {
      if (r.what === "") add("what", "plans.errors.actionWhat");
      if (r.who === "authority" && r.authorityId === null) add("authorityId", "plans.errors.authorityRequired");
    },
  ),
  recommendations: text(8000),
};

/** The version the form was opened at: saving on top of a newer one is refused (someone else saved meanwhile). */
const baseVersion = z.coerce.number({ error: "errors.invalid" }).int({ error: "errors.invalid" }).min(0, { error: "errors.invalid" });

/** The whole plan, as the edit page sends it. */
export const planSchema = z.object({ baseVersion, ...planContentShape }, { error: "errors.invalid" });
export type PlanInput = z.output<typeof planSchema>;

/** Marks the chosen actions agreed with the participant. */
export const agreeActionsSchema = z.object(
  {
    baseVersion,
    actionIds: z
      .union([z.string().regex(ITEM_ID), z.array(z.string().regex(ITEM_ID)).max(MAX_ITEMS)], { error: "plans.errors.chooseActions" })
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .refine((v) => v.length > 0, { error: "plans.errors.chooseActions" }),
  },
  { error: "errors.invalid" },
);

/** The participant's acceptance of a version: when and how. */
export const acceptanceSchema = z.object(
  {
    version: z.coerce.number({ error: "errors.invalid" }).int({ error: "errors.invalid" }).min(1, { error: "errors.invalid" }),
    acceptedOn: isoDate,
    method: z.enum(ACCEPTANCE_METHODS, { error: "errors.choose" }),
    note: optionalText(1000).transform((v) => v ?? ""),
  },
  { error: "errors.invalid" },
);

/** The plan for the future at exit: the recommendations, written on top of the plan as it stands. */
export const finalPlanSchema = z.object(
  {
    baseVersion,
    recommendations: optionalText(8000)
      .transform((v) => v ?? "")
      .refine((v) => v !== "", { error: "plans.errors.recommendationsRequired" }),
  },
  { error: "errors.invalid" },
);

/** Two versions to compare (the comparison page's GET form). */
export const compareSchema = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
