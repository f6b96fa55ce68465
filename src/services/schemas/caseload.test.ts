import { describe, expect, it } from "vitest";
import { caseloadFilterSchema } from "./caseload.ts";

// The page parses its query, the service parses again: the schema must accept its own output.

const ID = "7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60";

describe("caseload filter schema", () => {
  it.each([
    ["empty", {}],
    ["all filters", { programId: ID, coordinatorId: ID, flag: "follow_up", stage: "passive", sort: "plannedEnd" }],
    ["every coordinator", { coordinatorId: "all", sort: "name" }],
    ["unknown values", { programId: "x", coordinatorId: "nobody", flag: "bogus", stage: "gone", sort: "random" }],
  ])("%s: accepts its own output and gives the same result", (_name, input) => {
    const once = caseloadFilterSchema.safeParse(input);
    expect(once.success, JSON.stringify(once.error?.issues)).toBe(true);
    const twice = caseloadFilterSchema.safeParse(once.data);
    expect(twice.success).toBe(true);
    expect(twice.data).toEqual(once.data);
  });

  it("falls back to the defaults for values that are not among the choices", () => {
    expect(caseloadFilterSchema.parse({ flag: "bogus", stage: "gone", sort: "random", coordinatorId: "nobody" })).toEqual({ sort: "urgency" });
    expect(caseloadFilterSchema.parse({ flag: "no_plan", stage: "exited", coordinatorId: "all" })).toEqual({ flag: "no_plan", stage: "exited", coordinatorId: "all", sort: "urgency" });
  });
});
