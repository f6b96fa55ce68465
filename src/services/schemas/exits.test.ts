import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { expectParsesItsOwnOutput } from "../../../tests/support/schemas.ts";
import { isMessageKey } from "../../i18n/index.ts";
import { exitSchema, followUpCancelSchema, followUpHoldSchema, followUpScheduleSchema, ninetyDaySchema, passiveEndSchema, passiveStartSchema, splitNames } from "./exits.ts";

// The form's action parses, the service parses again: every schema must accept its own output and give
// the same result (as src/services/schemas/idempotent.test.ts checks for the intake schemas).

const CONTACT = "contact:7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60";

const samples: [string, z.ZodType, unknown][] = [
  ["follow-up", followUpScheduleSchema, { plannedDate: "2026-12-07", plannedTime: "10:00", place: "KRUS", attendees: ["participant", "coordinator", "referrer", CONTACT], otherAttendees: "Mamma" }],
  ["follow-up, one attendee", followUpScheduleSchema, { plannedDate: "2026-12-07", plannedTime: "10:00", attendees: "participant" }],
  ["follow-up, nobody ticked", followUpScheduleSchema, { plannedDate: "2026-12-07", plannedTime: "09:30" }],
  ["follow-up held", followUpHoldSchema, { heldOn: "2026-12-07", attendees: ["participant", "coordinator"], notes: "Pratade om praktik." }],
  ["follow-up held, others only", followUpHoldSchema, { heldOn: "2026-12-07", otherAttendees: "Kim, Sam", notes: "Kort möte." }],
  ["follow-up cancelled", followUpCancelSchema, { note: "Sjuk" }],
  ["follow-up cancelled, no note", followUpCancelSchema, {}],
  [
    "exit",
    exitSchema,
    {
      exitDate: "2026-12-01",
      kind: "completed",
      reason: "health",
      occupation: "sick_leave",
      incomeSource: "sickness_benefit",
      meetingDate: "2026-11-30",
      meetingAttendees: ["participant", "referrer"],
      otherAttendees: "Terapeuten",
      note: "Orkar inte just nu.",
    },
  ],
  ["exit without kind or meeting", exitSchema, { exitDate: "2026-12-01", reason: "moved", occupation: "other", incomeSource: "none" }],
  ["passive start", passiveStartSchema, { startedOn: "2026-12-01", note: "Ringer en gång i månaden." }],
  ["passive end", passiveEndSchema, { endedOn: "2027-02-01" }],
  ["90-day follow-up", ninetyDaySchema, { outcome: "not_reached", answeredOn: "2027-03-01", note: "Ringde tre gånger." }],
];

describe("exit and follow-up schemas", () => {
  it.each(samples)("%s: accepts its own output and gives the same result", (_name, schema, input) => {
    expectParsesItsOwnOutput(schema, input);
  });

  it("refuses a reason that does not belong to the kind, at the reason", () => {
    const result = exitSchema.safeParse({ exitDate: "2026-12-01", kind: "completed", reason: "moved", occupation: "other", incomeSource: "none" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["reason", "exit.errors.reasonNotOfKind"]]);
  });

  it("asks for the exit meeting's date when someone is said to have taken part", () => {
    const result = exitSchema.safeParse({ exitDate: "2026-12-01", reason: "moved", occupation: "other", incomeSource: "none", meetingAttendees: "participant" });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["meetingDate", "exit.errors.meetingDateMissing"]]);
  });

  it("asks who came to a held follow-up, and refuses attendees it does not know", () => {
    expect(followUpHoldSchema.safeParse({ heldOn: "2026-12-07", notes: "x" }).error?.issues.map((i) => i.message)).toEqual(["followUps.errors.whoCame"]);
    expect(followUpScheduleSchema.safeParse({ plannedDate: "2026-12-07", plannedTime: "10:00", attendees: ["participant", "contact:nope"] }).success).toBe(false);
  });

  it("says one thing about a missing time, and another about a time that is not one", () => {
    const issues = (plannedTime: string) => followUpScheduleSchema.safeParse({ plannedDate: "2026-12-07", plannedTime }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues("")).toEqual([["plannedTime", "followUps.errors.time"]]);
    expect(issues("25:70")).toEqual([["plannedTime", "errors.time"]]);
  });

  it("says every problem with a message of ours, whatever is sent", () => {
    const schemas = { followUpScheduleSchema, followUpHoldSchema, followUpCancelSchema, exitSchema, passiveStartSchema, passiveEndSchema, ninetyDaySchema };
    const fields = ["plannedDate", "plannedTime", "place", "attendees", "otherAttendees", "heldOn", "notes", "note", "exitDate", "kind", "reason", "occupation", "incomeSource", "meetingDate", "meetingAttendees", "startedOn", "endedOn", "outcome", "answeredOn"];
    for (const [name, schema] of Object.entries(schemas)) {
      for (const junk of [null, 42, "", "   ", "x".repeat(5000), true, [], {}, "not-a-date", "25:99"]) {
        const result = (schema as z.ZodType).safeParse(Object.fromEntries(fields.map((f) => [f, junk])));
        for (const issue of result.success ? [] : result.error.issues) {
          expect(isMessageKey(issue.message), `${name}.${issue.path.join(".")} with ${JSON.stringify(junk).slice(0, 20)}: "${issue.message}"`).toBe(true);
        }
      }
      const empty = (schema as z.ZodType).safeParse(undefined);
      for (const issue of empty.success ? [] : empty.error.issues) expect(isMessageKey(issue.message), `${name}: ${issue.message}`).toBe(true);
    }
  });

  it("splits other attendees' names on commas and lines, without repeats", () => {
    expect(splitNames(" Kim, Sam\nKim ;  ")).toEqual(["Kim", "Sam"]);
    expect(splitNames(undefined)).toEqual([]);
  });
});
