import { z } from "zod";
import { AUTHORITY_KINDS, COUNTRIES, MAX_GROUP_CAPACITY } from "../../domain/organisation.ts";
import { flag, optionalText, requiredText } from "./common.ts";

const capacity = z.coerce
  .number({ error: "errors.number" })
  .int({ error: "errors.wholeNumber" })
  .min(0, { error: "errors.notNegative" })
  .max(MAX_GROUP_CAPACITY, { error: "organisation.errors.capacityTooLarge" });

export const federationInputSchema = z.object({
  name: requiredText(200),
  country: z.enum(COUNTRIES, { error: "errors.choose" }),
}, { error: "errors.invalid" });

export const authorityInputSchema = z.object({
  name: requiredText(200),
  kind: z.enum(Object.keys(AUTHORITY_KINDS) as [keyof typeof AUTHORITY_KINDS, ...(keyof typeof AUTHORITY_KINDS)[]], {
    error: "errors.choose",
  }),
}, { error: "errors.invalid" });

export const unitInputSchema = z.object({ name: requiredText(200) }, { error: "errors.invalid" });

export const programInputSchema = z.object({
  name: requiredText(200),
  ownerAuthorityId: z.uuid({ error: "errors.choose" }),
  description: optionalText(4000),
  active: flag,
  ordinaryGroupName: requiredText(100),
  ordinaryCapacity: capacity,
  preGroupName: requiredText(100),
  preGroupCapacity: capacity,
}, { error: "errors.invalid" });

export type FederationInput = z.output<typeof federationInputSchema>;
export type AuthorityInput = z.output<typeof authorityInputSchema>;
export type ProgramInput = z.output<typeof programInputSchema>;
