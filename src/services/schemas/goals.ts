import { z } from "zod";
import { GOAL_KINDS, type ProgramGoalKind } from "../../domain/goals.ts";

// A program's yearly goals: the targets as a form sends them (text) or the API (numbers). The domain
// (programGoalsProblems) checks them after they are read as whole numbers.

/** The targets as a form sends them: whole numbers per goal kind. */
export const goalTargetsSchema = z.object(Object.fromEntries(GOAL_KINDS.map((k) => [k, z.union([z.string(), z.number()], { error: "errors.required" }).optional()])) as unknown as Record<ProgramGoalKind, z.ZodOptional<z.ZodUnion<[z.ZodString, z.ZodNumber]>>>, {
  error: "errors.invalid",
});

