import { expect } from "vitest";
import type { z } from "zod";

/**
 * The form's action parses what was posted and the service parses the result again: a schema must
 * accept `input`, accept its own output, and give the same result the second time.
 */
export function expectParsesItsOwnOutput(schema: z.ZodType, input: unknown): void {
  const once = schema.safeParse(input);
  expect(once.success, JSON.stringify(once.error?.issues)).toBe(true);
  const twice = schema.safeParse(once.data);
  expect(twice.success, JSON.stringify(twice.error?.issues)).toBe(true);
  expect(twice.data).toEqual(once.data);
}
