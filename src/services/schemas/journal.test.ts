import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { expectParsesItsOwnOutput } from "../../../tests/support/schemas.ts";
import { isMessageKey } from "../../i18n/index.ts";
import { endWorkSchema, journalFilterSchema, journalNoteSchema, networkContactSchema, workPlacementSchema } from "./journal.ts";

// The journal's, network's and work placements' schemas: the form's action parses what was posted and the
// service parses the result again, so each must accept its own output and give the same result.

const ID = "7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60";

const samples: [string, z.ZodType, unknown][] = [
  ["journal note", journalNoteSchema, { noteDate: "2026-12-01", kind: "individual", visibility: "staff", body: "Samtal om veckan.\nMår bättre." }],
  ["shared note", journalNoteSchema, { noteDate: " 2026-12-01 ", kind: "authority_contact", visibility: "shared", body: "  Ringde handläggaren.  " }],
  ["journal filter, empty", journalFilterSchema, { kind: "", author: "", from: "", to: "" }],
  ["journal filter", journalFilterSchema, { kind: "group", author: ID, from: "2026-11-01", to: "2026-11-30" }],
  ["network contact at an authority", networkContactSchema, { kind: "authority", authorityId: ID, name: "Anders Lund", role: "Handläggare", phone: "010-123 45 67", email: "anders@example.org" }],
  ["network contact, family", networkContactSchema, { kind: "family", authorityId: ID, name: "Mamma", organisation: "", note: "Ring efter 17" }],
  ["work placement", workPlacementSchema, { employer: "ICA Maxi", kind: "internship", startDate: "2026-12-01", endDate: "2027-01-31", hoursPerWeek: "12,5" }],
  ["job without end", workPlacementSchema, { employer: "Kalmar Energi", kind: "competitive", startDate: "2026-12-01", hoursPerWeek: 20, note: "" }],
  ["end work", endWorkSchema, { endDate: "2026-12-31" }],
];

describe("journal, network and work schemas", () => {
  it.each(samples)("%s: accepts its own output and gives the same result", (_name, schema, input) => {
    expectParsesItsOwnOutput(schema, input);
  });

  it("reads hours with a decimal comma, and drops an authority chosen for another kind of contact", () => {
    expect(workPlacementSchema.parse({ employer: "X", kind: "subsidised", startDate: "2026-12-01", hoursPerWeek: "12,5" }).hoursPerWeek).toBe(12.5);
    expect(networkContactSchema.parse({ kind: "family", authorityId: ID, name: "Mamma" }).authorityId).toBeUndefined();
    expect(networkContactSchema.parse({ kind: "authority", authorityId: ID, name: "A" }).authorityId).toBe(ID);
  });

  it("puts every problem at its field at once", () => {
    const issues = (schema: z.ZodType, input: unknown) =>
      Object.fromEntries((schema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(issues(journalNoteSchema, { noteDate: "1 dec", body: "  " })).toEqual({
      noteDate: "errors.date",
      kind: "errors.choose",
      visibility: "errors.choose",
      body: "errors.required",
    });
    expect(issues(networkContactSchema, { kind: "authority", name: "", email: "nej", phone: "ring mig" })).toEqual({
      authorityId: "network.errors.authority",
      name: "errors.required",
      email: "errors.email",
      phone: "errors.phone",
    });
    expect(issues(workPlacementSchema, { employer: "", kind: "job", startDate: "2026-12-10", endDate: "2026-12-01", hoursPerWeek: "90" })).toEqual({
      employer: "errors.required",
      kind: "errors.choose",
      endDate: "work.errors.endBeforeStart",
      hoursPerWeek: "work.errors.hours",
    });
    expect(issues(workPlacementSchema, { employer: "X", kind: "competitive", startDate: "2026-12-10", hoursPerWeek: "många" })).toEqual({ hoursPerWeek: "errors.number" });
    expect(issues(workPlacementSchema, { employer: "X", kind: "competitive", startDate: "2026-12-10" })).toEqual({ hoursPerWeek: "errors.required" });
    expect(issues(workPlacementSchema, { employer: "X", kind: "competitive", startDate: "2026-12-10", hoursPerWeek: "0" })).toEqual({ hoursPerWeek: "work.errors.hours" });
    expect(issues(journalFilterSchema, { from: "2026-12-10", to: "2026-12-01" })).toEqual({ to: "journal.errors.toBeforeFrom" });
    expect(issues(journalFilterSchema, { kind: "secret", author: "me", from: "igår" })).toEqual({ kind: "errors.choose", author: "errors.invalid", from: "errors.date" });
  });

  it("answers anything sent with our own messages, never Zod's", () => {
    const schemas = { journalNoteSchema, journalFilterSchema, networkContactSchema, workPlacementSchema, endWorkSchema };
    const fields: Record<string, string[]> = {
      journalNoteSchema: ["noteDate", "kind", "visibility", "body"],
      journalFilterSchema: ["kind", "author", "from", "to"],
      networkContactSchema: ["kind", "authorityId", "name", "organisation", "role", "phone", "email", "note"],
      workPlacementSchema: ["employer", "kind", "startDate", "endDate", "hoursPerWeek", "note"],
      endWorkSchema: ["endDate"],
    };
    for (const [name, schema] of Object.entries(schemas)) {
      for (const junk of [null, 42, "", "   ", "x".repeat(30_000), true, [], {}, "not-a-uuid", "-1", "1.5", "\u0000"]) {
        const result = (schema as z.ZodType).safeParse(Object.fromEntries(fields[name]!.map((f) => [f, junk])));
        for (const issue of result.success ? [] : result.error.issues) {
          expect(isMessageKey(issue.message), `${name}.${issue.path.join(".")} with ${JSON.stringify(junk).slice(0, 20)}: "${issue.message}"`).toBe(true);
        }
      }
      for (const whole of [undefined, null, "text", []]) {
        const result = (schema as z.ZodType).safeParse(whole);
        for (const issue of result.success ? [] : result.error.issues) expect(isMessageKey(issue.message), `${name}: ${issue.message}`).toBe(true);
      }
    }
  });
});
