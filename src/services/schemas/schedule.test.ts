import { describe, expect, it } from "vitest";
import { expectParsesItsOwnOutput } from "../../../tests/support/schemas.ts";
import { activityKindSchema, cancelSessionSchema, exceptionSchema, feedSchema, roomSchema, seriesSchema, sessionNotesSchema, sessionSchema, venueSchema } from "./schedule.ts";

// The schedule's forms: what the browser posts (strings, repeated names for checkboxes) and what the API
// sends (numbers, arrays) both pass, the service accepts the action's output again, and each fault lands
// at its field.

const ID = "7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60";
const form = {
  kind: "groupSession",
  title: "Gruppen",
  topic: "",
  weekdays: ["1", "2", "3"],
  startTime: "09:00",
  endTime: "12:00",
  firstDate: "2027-01-04",
  lastDate: "2027-06-11",
  weeks: "every",
  skipHolidays: "all",
  venueId: "",
  roomId: "",
  groupKinds: "ordinary",
  leaderIds: [ID],
};

describe("schedule schemas", () => {
  it("accept their own output", () => {
    expectParsesItsOwnOutput(seriesSchema, form);
    expectParsesItsOwnOutput(seriesSchema, { ...form, weekdays: [4], groupKinds: [], personIds: ID });
    expectParsesItsOwnOutput(sessionSchema, { ...form, date: "2027-01-14" });
    expectParsesItsOwnOutput(exceptionSchema, { originalDate: "2027-01-05", kind: "changed", startTime: "10:00", date: "", venueId: "" });
    expectParsesItsOwnOutput(venueSchema, { name: "Träffpunkten", accessibility: { building: { status: "yes", note: "Ramp" }, signs: { note: "" } } });
    expectParsesItsOwnOutput(roomSchema, { name: "Salen", capacity: "18" });
    expectParsesItsOwnOutput(activityKindSchema, { label: "Kanot" });
    expectParsesItsOwnOutput(sessionNotesSchema, { topic: "goals", notes: "x" });
    expectParsesItsOwnOutput(cancelSessionSchema, {});
    expectParsesItsOwnOutput(feedSchema, { scope: "mine" });
  });

  it("reads checkboxes and JSON alike", () => {
    const parsed = seriesSchema.parse(form);
    expect(parsed).toMatchObject({ weekdays: [1, 2, 3], groupKinds: ["ordinary"], leaderIds: [ID], personIds: [], topic: undefined, venueId: undefined });
    expect(seriesSchema.parse({ ...form, weekdays: 5 }).weekdays).toEqual([5]);
    expect(venueSchema.parse({ name: "X" }).accessibility).toBeUndefined();
    expect(venueSchema.parse({ name: "X", accessibility: { lighting: {} } }).accessibility?.lighting).toEqual({ status: "unknown", note: undefined });
  });

  it("puts each fault at its field", () => {
    const errors = (schema: { safeParse(v: unknown): { error?: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) =>
      (schema.safeParse(value).error?.issues ?? []).map((i) => [i.path.join("."), i.message]);
    expect(errors(seriesSchema, { ...form, weekdays: [], startTime: "12:00", endTime: "09:00", lastDate: "2027-01-01", groupKinds: [] })).toEqual([
      ["weekdays", "schedule.errors.weekdays"],
      ["endTime", "schedule.errors.endBeforeStart"],
      ["lastDate", "schedule.errors.lastBeforeFirst"],
      ["groupKinds", "schedule.errors.whoTakesPart"],
    ]);
    expect(errors(seriesSchema, { ...form, weekdays: ["8"], startTime: "25:00", venueId: "nope" })).toEqual([
      ["startTime", "errors.time"],
      ["venueId", "errors.invalid"],
      ["weekdays.0", "errors.invalid"],
    ]);
    expect(errors(seriesSchema, { ...form, lastDate: "2029-06-11" })).toEqual([["lastDate", "schedule.errors.termTooLong"]]);
    expect(errors(exceptionSchema, { originalDate: "2027-01-05", kind: "changed" })).toEqual([["date", "schedule.errors.nothingChanged"]]);
    expect(errors(roomSchema, { name: "Salen", capacity: "1,5" })).toEqual([["capacity", "schedule.errors.capacity"]]);
  });
});
