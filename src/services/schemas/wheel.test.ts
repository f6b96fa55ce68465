import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { DEFAULT_WHEEL_AREAS } from "../../domain/wheel.ts";
import { isMessageKey } from "../../i18n/index.ts";
import { moveWheelAreaSchema, readingSchema, removeWheelAreaSchema, wheelAreaSchema } from "./wheel.ts";

// As in idempotent.test.ts: the form's action parses, the service parses the result again, so every schema
// must accept its own output and give the same result. And every message is one of ours.

const ID = "7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60";
const KEYS = DEFAULT_WHEEL_AREAS.map((a) => a.key);
const housing = DEFAULT_WHEEL_AREAS[0]!;

const samples: [string, z.ZodType, unknown][] = [
  [
    "reading from a form",
    readingSchema(KEYS),
    { instrumentId: ID, ratedBy: "participant", occasion: "start", readingDate: " 2026-09-03 ", scores: Object.fromEntries(KEYS.map((k, i) => [k, String(i + 1)])), note: " Första mötet. " },
  ],
  ["reading from JSON, no note", readingSchema(KEYS), { instrumentId: ID, ratedBy: "coordinator", occasion: "exit", readingDate: "2026-09-03", scores: Object.fromEntries(KEYS.map((k) => [k, 10])) }],
  ["area", wheelAreaSchema, { instrumentId: ID, group: housing.group, label: housing.label, steps: housing.steps }],
  ["remove area", removeWheelAreaSchema, { instrumentId: ID, key: "housing" }],
  ["move area", moveWheelAreaSchema, { instrumentId: ID, key: "housing", direction: "down" }],
];

describe("the wheel's form schemas", () => {
  it.each(samples)("%s: accepts its own output and gives the same result", (_name, schema, input) => {
    const once = schema.safeParse(input);
    expect(once.success, JSON.stringify(once.error?.issues)).toBe(true);
    const twice = schema.safeParse(once.data);
    expect(twice.success, JSON.stringify(twice.error?.issues)).toBe(true);
    expect(twice.data).toEqual(once.data);
  });

  it("turns a form's scores into numbers and keeps only the instrument's areas", () => {
    const parsed = readingSchema(["housing", "health"]).parse({ instrumentId: ID, ratedBy: "participant", occasion: "during", readingDate: "2026-09-03", scores: { housing: "3", health: "10", leisure: "4" } });
    expect(parsed.scores).toEqual({ housing: 3, health: 10 });
    expect(parsed.note).toBeUndefined();
  });

  it("refuses a missing or wrong score at that area's field", () => {
    const result = readingSchema(["housing", "health", "economy", "activity"]).safeParse({
      instrumentId: ID,
      ratedBy: "participant",
      occasion: "during",
      readingDate: "2026-09-03",
      scores: { housing: "0", economy: "4.5", activity: "x" },
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["scores.housing", "wheel.errors.chooseScore"],
      ["scores.health", "wheel.errors.chooseScore"],
      ["scores.economy", "wheel.errors.chooseScore"],
      ["scores.activity", "wheel.errors.chooseScore"],
    ]);
  });

  it("needs all ten steps in every language, each refused at its own field", () => {
    const result = wheelAreaSchema.safeParse({ instrumentId: ID, group: "life", label: housing.label, steps: { sv: housing.steps.sv.slice(0, 8), nb: [...housing.steps.nb.slice(0, 3), undefined, ...housing.steps.nb.slice(4)], en: housing.steps.en } });
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(["steps.sv.8", "steps.sv.9", "steps.nb.3"]);
    const tooMany = wheelAreaSchema.safeParse({ instrumentId: ID, group: "life", label: housing.label, steps: { ...housing.steps, en: [...housing.steps.en, "Elva."] } });
    expect(tooMany.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["steps.en", "wheel.errors.steps"]]);
  });

  it("gives only messages of our own, whatever is sent", () => {
    const schemas = { reading: readingSchema(KEYS), area: wheelAreaSchema, remove: removeWheelAreaSchema, move: moveWheelAreaSchema };
    const fields = ["instrumentId", "ratedBy", "occasion", "readingDate", "scores", "note", "group", "label", "steps", "key", "direction"];
    for (const [name, schema] of Object.entries(schemas)) {
      for (const junk of [null, 42, "", "   ", "x".repeat(5000), true, [], {}, "not-a-uuid", "-1", "1.5", { sv: 1 }, Array(12).fill(1)]) {
        const result = schema.safeParse(Object.fromEntries(fields.map((f) => [f, junk])));
        for (const issue of result.success ? [] : result.error.issues) {
          expect(isMessageKey(issue.message), `${name}.${issue.path.join(".")} with ${JSON.stringify(junk).slice(0, 20)}: "${issue.message}"`).toBe(true);
        }
      }
      const empty = schema.safeParse(undefined);
      for (const issue of empty.success ? [] : empty.error.issues) expect(isMessageKey(issue.message), issue.message).toBe(true);
    }
  });
});
