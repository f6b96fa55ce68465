import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { isMessageKey } from "../../i18n/index.ts";
import { authorityInputSchema, federationInputSchema, programInputSchema, unitInputSchema } from "./organisation.ts";
import { personInputSchema } from "./person.ts";
import { apiTokenInputSchema, roleAssignmentInputSchema, userInputSchema } from "./user.ts";

// Every message a schema can produce must be one of ours (translated), never Zod's English default.
const schemas: Record<string, z.ZodType> = {
  person: personInputSchema("2026-11-23"),
  federation: federationInputSchema,
  authority: authorityInputSchema,
  unit: unitInputSchema,
  program: programInputSchema,
  user: userInputSchema,
  role: roleAssignmentInputSchema,
  token: apiTokenInputSchema,
};

const fieldsOf = (schema: z.ZodType): string[] => {
  const shape = (schema as unknown as { shape?: Record<string, unknown>; def?: { in?: z.ZodType; schema?: z.ZodType } }).shape;
  if (shape) return Object.keys(shape);
  const def = (schema as unknown as { def: { in?: z.ZodType; schema?: z.ZodType } }).def;
  return def.in ? fieldsOf(def.in) : def.schema ? fieldsOf(def.schema) : [];
};

describe("validation messages", () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name}: every message is a message key, whatever is sent`, () => {
      const fields = fieldsOf(schema);
      expect(fields.length).toBeGreaterThan(0);
      for (const junk of [null, 42, "", "   ", "x".repeat(5000), true, [], {}, "not-a-uuid", "-1", "1.5"]) {
        const result = schema.safeParse(Object.fromEntries(fields.map((f) => [f, junk])));
        for (const issue of result.success ? [] : result.error.issues) {
          expect(isMessageKey(issue.message), `${name}.${issue.path.join(".")} with ${JSON.stringify(junk).slice(0, 20)}: "${issue.message}"`).toBe(true);
        }
      }
      const empty = schema.safeParse(undefined);
      for (const issue of empty.success ? [] : empty.error.issues) expect(isMessageKey(issue.message), issue.message).toBe(true);
    });
  }
});
