import { z } from "zod";
import { FLAG_KINDS } from "../../domain/caseload.ts";
import { uuid } from "./common.ts";

// The caseload's filters and sorting: a plain GET form, so a value that is not one of the choices
// (an old bookmark, a hand-edited address) falls back to the default instead of refusing the page.

export const CASELOAD_STAGES = ["active", "passive", "exited"] as const;
export const CASELOAD_SORTS = ["urgency", "name", "start", "plannedEnd"] as const;

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .enum(values)
    .optional()
    .catch(undefined);

export const caseloadFilterSchema = z.object({
  programId: uuid.optional().catch(undefined),
  /** A coordinator's id, or "all" (only for those who see every coordinator's list). */
  coordinatorId: z.union([uuid, z.literal("all")]).optional().catch(undefined),
  flag: optionalChoice(FLAG_KINDS),
  stage: optionalChoice(CASELOAD_STAGES),
  sort: z.enum(CASELOAD_SORTS).catch("urgency").default("urgency"),
});

export type CaseloadFilterInput = z.input<typeof caseloadFilterSchema>;
export type CaseloadFilter = z.output<typeof caseloadFilterSchema>;
