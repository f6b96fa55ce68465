import { z } from "zod";
import { parseIdentityNumber } from "../../domain/identity-number.ts";
import { isIsoDate, PREFERRED_LANGUAGES, SEXES } from "../../domain/person.ts";
import { flag, isoDate, optionalText, requiredText, uuid } from "./common.ts";

/**
 * Registering or editing a person. `today` (ISO date) decides century rules and "in the future".
 * The same schema validates the web form (on the server and, enhanced, in the browser) and the API.
 * Every field is checked on its own, so all problems are reported at once.
 */
export function personInputSchema(today: string) {
  return z
    .object(
      {
        programId: uuid.optional(),
        firstName: requiredText(100),
        lastName: requiredText(100),
        idNumber: optionalText(20).superRefine((value, ctx) => {
          if (!value) return;
          const parsed = parseIdentityNumber(value, today);
          if (!parsed.ok) ctx.addIssue({ code: "custom", message: `person.errors.idNumber.${parsed.error}` });
        }),
        birthDate: isoDate.optional().refine((value) => value === undefined || !isIsoDate(value) || value <= today, { error: "person.errors.birthDate.future" }),
        sex: z.enum(SEXES, { error: "errors.choose" }),
        email: optionalText(254).pipe(z.email({ error: "errors.email" }).optional()),
        phone: optionalText(40).pipe(
          z
            .string()
            .regex(/^\+?[0-9 ()-]{5,}$/, { error: "errors.phone" })
            .optional(),
        ),
        streetAddress: optionalText(200),
        postalCode: optionalText(20),
        city: optionalText(100),
        preferredLanguage: z.enum(PREFERRED_LANGUAGES, { error: "errors.choose" }).default("sv"),
        protectedIdentity: flag,
        /** The user has seen the likely duplicates and registers the person anyway. */
        confirmNotDuplicate: flag,
        /** Editing: the version the user started from (optimistic locking). */
        version: z.coerce.number({ error: "errors.invalid" }).int().positive().optional(),
      },
      { error: "errors.invalid" },
    )
    .superRefine(
      (value, ctx) => {
        // Rules across fields. They run even when other fields have problems (`when`), so read defensively.
        if (typeof value !== "object" || value === null) return;
        const idNumber = typeof value.idNumber === "string" ? value.idNumber.trim() : "";
        const birthDate = typeof value.birthDate === "string" ? value.birthDate.trim() : "";
        if (!idNumber && !birthDate) {
          ctx.addIssue({ code: "custom", path: ["birthDate"], message: "person.errors.birthDate.requiredWithoutIdNumber" });
        }
        const parsed = idNumber ? parseIdentityNumber(idNumber, today) : null;
        if (parsed?.ok && birthDate && isIsoDate(birthDate) && birthDate <= today && birthDate !== parsed.value.birthDate) {
          ctx.addIssue({ code: "custom", path: ["birthDate"], message: "person.errors.birthDate.mismatch" });
        }
      },
      { when: () => true },
    )
    .transform((value) => {
      const parsed = value.idNumber ? parseIdentityNumber(value.idNumber, today) : null;
      const identity = parsed?.ok ? parsed.value : null;
      return { ...value, identity, birthDate: identity?.birthDate ?? value.birthDate ?? "" };
    });
}

export type PersonInput = z.output<ReturnType<typeof personInputSchema>>;
