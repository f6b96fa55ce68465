import { describe, expect, it } from "vitest";
import { expectParsesItsOwnOutput } from "../../../tests/support/schemas.ts";
import { isMessageKey } from "../../i18n/index.ts";
import { reportMonth, signMonthlyReportSchema } from "./attendance-report.ts";

// The sign-off form's action parses, the service parses the result again: the schema accepts its own output.
// The checkbox must be ticked; every message is one of ours.

describe("monthly attendance report schemas", () => {
  it.each([
    ["ticked box", { confirmed: "on", shown: "930.540" }],
    ["JSON", { confirmed: true }],
  ] as const)("sign-off (%s) accepts its own output", (_name, input) => expectParsesItsOwnOutput(signMonthlyReportSchema, input));

  it("needs the box ticked, and reads the months the address can hold", () => {
    for (const input of [{}, { confirmed: "false" }, { confirmed: false }, { confirmed: "yes" }]) {
      expect(signMonthlyReportSchema.safeParse(input).error?.issues.map((i) => i.message), JSON.stringify(input)).toEqual(["attendanceReport.errors.confirm"]);
    }
    expect(signMonthlyReportSchema.parse({ confirmed: "on", shown: "" })).toEqual({ confirmed: true });
    expect(reportMonth.safeParse("2026-10").success).toBe(true);
    for (const month of ["2026-13", "2026-1", "26-10", "oktober", "1999-12"]) expect(reportMonth.safeParse(month).success, month).toBe(false);
    for (const junk of [null, 42, "x".repeat(500), [], {}]) {
      const result = signMonthlyReportSchema.safeParse({ confirmed: junk, shown: junk });
      for (const issue of result.error?.issues ?? []) expect(isMessageKey(issue.message), issue.message).toBe(true);
    }
  });
});
