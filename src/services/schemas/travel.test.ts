import { describe, expect, it } from "vitest";
import { expectParsesItsOwnOutput } from "../../../tests/support/schemas.ts";
import { travelBudgetSchema, travelDisbursementSchema, travelFilterSchema, voidDisbursementSchema } from "./travel.ts";

// The form's action parses, the service parses the result again: each schema accepts its own output. An
// amount typed in kronor becomes whole öre, and whole öre stay what they are.

const ID = "7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60";

describe("travel-money schemas", () => {
  it.each([
    ["budget", travelBudgetSchema, { year: "2026", amount: "229 300" }],
    ["budget of 0", travelBudgetSchema, { year: 2026, amount: "0" }],
    ["disbursement", travelDisbursementSchema, { personId: ID, date: "2026-11-23", amount: "1 234,50 kr", purpose: "Busskort", paidBy: "Sara" }],
    ["void", voidDisbursementSchema, { reason: "Fel belopp" }],
    ["filter", travelFilterSchema, { month: "11", personId: "" }],
  ] as const)("%s accepts its own output", (_name, schema, input) => expectParsesItsOwnOutput(schema, input));

  it("reads amounts exactly, Swedish style, and whole öre as they are", () => {
    const amount = (value: unknown) => travelDisbursementSchema.shape.amount.safeParse(value);
    expect(amount("150").data).toBe(15_000);
    expect(amount("1 234,50 kr").data).toBe(123_450);
    expect(amount("33,33").data).toBe(3_333);
    expect(amount("0,1").data).toBe(10);
    expect(amount(3_333).data).toBe(3_333);
    expect(amount("1,005").error?.issues[0]?.message).toBe("travel.errors.amount.too_many_decimals");
    expect(amount(0.5).error?.issues[0]?.message).toBe("travel.errors.amount.invalid");
    expect(amount(0).error?.issues[0]?.message).toBe("travel.errors.amount.zero");
    expect(amount(undefined).error?.issues[0]?.message).toBe("errors.required");
    expect(travelBudgetSchema.safeParse({ year: "2026", amount: "0" }).data).toEqual({ year: 2026, amount: 0 });
  });
});
