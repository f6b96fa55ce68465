import { z } from "zod";
import { isIsoDate } from "../../domain/person.ts";
import { type FieldErrors, ValidationError } from "../errors.ts";
import { hasUnstorableCharacters } from "../text.ts";

// Building blocks for input schemas. Every message is an i18n key (see src/i18n).

export const requiredText = (max: number) =>
  z
    .string({ error: "errors.required" })
    .trim()
    .min(1, { error: "errors.required" })
    .max(max, { error: "errors.tooLong" })
    .refine((v) => !hasUnstorableCharacters(v), { error: "errors.characters" });

export const optionalText = (max: number) =>
  z
    .string({ error: "errors.invalid" })
    .trim()
    .max(max, { error: "errors.tooLong" })
    .refine((v) => !hasUnstorableCharacters(v), { error: "errors.characters" })
    .optional()
    .transform((v) => (v === "" ? undefined : v));

export const isoDate = z
  .string({ error: "errors.required" })
  .trim()
  .refine(isIsoDate, { error: "errors.date" });

export const uuid = z.uuid({ error: "errors.invalid" });

/** A boolean that also accepts what HTML checkboxes and JSON clients send. */
export const flag = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")], { error: "errors.invalid" })
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

export const email = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, { error: "errors.required" })
  .max(254, { error: "errors.tooLong" })
  .pipe(z.email({ error: "errors.email" }));

/** Turns a failed Zod parse into field errors keyed by dotted path. */
export function zodFieldErrors(error: z.ZodError): { fieldErrors: FieldErrors; formErrors: string[] } {
  const fieldErrors: FieldErrors = {};
  const formErrors: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    if (!path) {
      formErrors.push(issue.message);
      continue;
    }
    (fieldErrors[path] ??= []).push(issue.message);
  }
  return { fieldErrors, formErrors };
}

/** Parses input with a schema, or throws a ValidationError with the messages at their fields. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const { fieldErrors, formErrors } = zodFieldErrors(result.error);
  throw new ValidationError(fieldErrors, formErrors);
}
