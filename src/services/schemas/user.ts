import { z } from "zod";
import { ROLES } from "../../domain/roles.ts";
import { email, optionalText, requiredText } from "./common.ts";

export const LOCALES = ["sv", "nb", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const userInputSchema = z.object({
  email,
  displayName: requiredText(200),
  locale: z.enum(LOCALES, { error: "errors.choose" }).default("sv"),
}, { error: "errors.invalid" });

const optionalId = z.uuid({ error: "errors.invalid" }).optional();

export const roleAssignmentInputSchema = z.object({
  role: z.enum(ROLES, { error: "errors.choose" }),
  federationId: optionalId,
  programId: optionalId,
  authorityId: optionalId,
  unitId: optionalId,
  /** A participant's own record, named by its reference (e.g. P-7K3M9Q), never by personal data. */
  personReference: optionalText(20),
}, { error: "errors.invalid" });

export const apiTokenInputSchema = z.object({ name: requiredText(100) }, { error: "errors.invalid" });

export type UserInput = z.output<typeof userInputSchema>;
export type RoleAssignmentInput = z.output<typeof roleAssignmentInputSchema>;
