import { z } from "zod";
import { INCOME_SOURCES } from "../../domain/intake.ts";
import { flag, optionalText, requiredText, uuid } from "./common.ts";

// The interest request. A draft may be incomplete (it is saved as it is); submitting checks that
// everything the team needs is there.

const longText = optionalText(8000);

const activeAtEntry = z.object(
  {
    authorityId: uuid,
    active: flag,
    contactName: optionalText(200),
    contactDetails: optionalText(300),
  },
  { error: "errors.invalid" },
);

export const requestDraftSchema = z.object(
  {
    incomeSource: z.enum(INCOME_SOURCES, { error: "errors.choose" }).optional(),
    incomeSourceOther: optionalText(200),
    activeAt: z
      .array(activeAtEntry, { error: "errors.invalid" })
      .max(50)
      .optional()
      .transform((entries) => (entries ?? []).filter((e) => e.active)),
    situation: longText,
    triedBefore: longText,
    whyNotEnough: longText,
    goals: longText,
    motivation: longText,
    health: longText,
    obstacles: longText,
    needsTravel: flag,
    needsInterpreter: flag,
    interpreterLanguage: optionalText(100),
    accessibilityNeeds: optionalText(2000),
    otherNeeds: optionalText(2000),
    version: z.coerce.number({ error: "errors.invalid" }).int().positive().optional(),
  },
  { error: "errors.invalid" },
);

export type RequestDraft = z.output<typeof requestDraftSchema>;

/** What must be filled in before a request goes to the team: field -> message key. */
export function missingForSubmit(draft: {
  incomeSource: string | null;
  incomeSourceOther: string;
  activeAt: unknown[];
  situation: string;
  triedBefore: string;
  whyNotEnough: string;
  goals: string;
  motivation: string;
  needsInterpreter: boolean;
  interpreterLanguage: string;
}): Record<string, string[]> {
  const missing: Record<string, string[]> = {};
  const need = (field: string, ok: boolean, message = "errors.required") => {
    if (!ok) missing[field] = [message];
  };
  need("incomeSource", Boolean(draft.incomeSource), "errors.choose");
  need("incomeSourceOther", draft.incomeSource !== "other" || draft.incomeSourceOther.trim() !== "");
  need("activeAt", draft.activeAt.length > 0, "request.errors.activeAtRequired");
  need("situation", draft.situation.trim() !== "");
  need("triedBefore", draft.triedBefore.trim() !== "");
  need("whyNotEnough", draft.whyNotEnough.trim() !== "");
  need("goals", draft.goals.trim() !== "");
  need("motivation", draft.motivation.trim() !== "");
  need("interpreterLanguage", !draft.needsInterpreter || draft.interpreterLanguage.trim() !== "");
  return missing;
}

export const newRequestSchema = z.object(
  {
    programId: uuid,
    personId: uuid,
    bookingId: uuid.optional(),
  },
  { error: "errors.invalid" },
);

export const withdrawSchema = z.object({ reason: requiredText(2000) }, { error: "errors.invalid" });
