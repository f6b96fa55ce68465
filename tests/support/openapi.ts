import { expect } from "vitest";
import { z } from "zod";

// Checks for the JSON API's tests: a response is what the OpenAPI document says it is.

/** Members of a response that its documented schema does not mention (the document would be out of date). */
export function undocumented(schema: z.ZodType, value: unknown, path = "$"): string[] {
  if (value === null || value === undefined) return [];
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) return undocumented(schema.unwrap() as z.ZodType, value, path);
  if (schema instanceof z.ZodArray && Array.isArray(value)) return value.flatMap((v, i) => undocumented(schema.element as z.ZodType, v, `${path}[${i}]`));
  if (schema instanceof z.ZodObject && typeof value === "object") {
    const shape = schema.shape as Record<string, z.ZodType>;
    return Object.entries(value).flatMap(([key, v]) => (shape[key] ? undocumented(shape[key], v, `${path}.${key}`) : [`${path}.${key}`]));
  }
  return [];
}

/** The response is what the OpenAPI document says: the documented types, and nothing undocumented. */
export function expectDocumented(schema: z.ZodType, value: unknown) {
  expect(schema.safeParse(value).error?.issues ?? []).toEqual([]);
  expect(undocumented(schema, value)).toEqual([]);
}
