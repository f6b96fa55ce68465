import { beforeAll, expect, it } from "vitest";
import type { z } from "zod";
import { apiHarness, type OpenApiDoc, type Problem } from "../../tests/support/api.ts";
import { describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { expectDocumented } from "../../tests/support/openapi.ts";
import type { World } from "../../tests/support/world.ts";
import { createSeries, occurrenceRef } from "../services/schedule.ts";
import { ATTENDANCE_TAG, ParticipantAttendanceSchema, ProgramAttendanceSchema, RegisterSchema } from "./group/attendance.ts";

// Attendance through the JSON API alone: the register, the absence follow-up it makes, its outcome, rates,
// and the rules; the same services, policy and audit events as the pages; errors as problem documents.

const PATHS = [
  "/v1/absence-follow-ups/{id}/outcome",
  "/v1/enrolments/{id}/attendance",
  "/v1/programs/{id}/absence-rules",
  "/v1/programs/{id}/attendance",
  "/v1/sessions/{ref}/register",
];

describeEachDatabase("attendance JSON API", (flavour) => {
  const api = apiHarness(flavour, ["coordinator", "therapist", "officer", "steering", "volunteer"]);
  const { send, read } = api;
  let t: TestDatabase;
  let w: World;
  let seriesId: string;
  let enrolmentId: string;

  const register = (date: string) => `/v1/sessions/${occurrenceRef(seriesId, date)}/register`;
  const at = (date: string) => t.clock.set(new Date(`${date}T13:00:00+01:00`));

  beforeAll(async () => {
    ({ t, w } = api);
    ({ enrolmentId } = await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01", request: { accepted: true } }));
    at("2026-11-27");
    ({ id: seriesId } = await createSeries(await w.ctx("coordinator"), w.programId, {
      kind: "groupSession",
      title: "Gruppen",
      weekdays: ["1", "2", "3"],
      startTime: "09:00",
      endTime: "12:00",
      firstDate: "2026-11-30",
      lastDate: "2027-04-07",
      groupKinds: ["ordinary"],
    }));
  });

  it("describes exactly its endpoints under its own tag", async () => {
    const doc = await read<OpenApiDoc>(await api.call("/openapi.json"), 200);
    const tagged = Object.keys(doc.paths).filter((p) => Object.values(doc.paths[p]!).some((op) => op.tags?.includes(ATTENDANCE_TAG)));
    expect(tagged.sort()).toEqual(PATHS);
    for (const path of PATHS) for (const op of Object.values(doc.paths[path]!)) expect(op.responses).toHaveProperty("401");
  });

  it("takes registers, makes the follow-up after the second absence without notice, and records the call", async () => {
    at("2026-11-30");
    const page = await read<z.infer<typeof RegisterSchema>>(await send("GET", register("2026-11-30"), "coordinator"), 200);
    expectDocumented(RegisterSchema, page);
    expect(page.lines.map((l) => l.person.name)).toEqual(["Ella Johansson"]);
    const bad = await read<Problem>(await send("PUT", register("2026-11-30"), "coordinator", { marks: [{ personId: w.people.ella, status: "late", minutesLate: 999 }] }), 422);
    expect(bad.errors).toEqual([expect.objectContaining({ field: "marks.0.minutesLate", code: "attendance.errors.minutesLate" })]);
    expect(await read(await send("PUT", register("2026-11-30"), "coordinator", { intent: "allPresent", marks: [{ personId: w.people.ella }] }), 200)).toMatchObject({ changed: 1, followUpsCreated: 0 });
    at("2026-12-01");
    await read(await send("PUT", register("2026-12-01"), "coordinator", { marks: [{ personId: w.people.ella, status: "absent_without_notice" }] }), 200);
    at("2026-12-02");
    // Two in a row, and 1 of 3 (33 %) over two weeks: both rules hold.
    expect(await read(await send("PUT", register("2026-12-02"), "therapist", { marks: [{ personId: w.people.ella, status: "absent_without_notice" }] }), 200)).toMatchObject({ followUpsCreated: 2 });

    const view = await read<z.infer<typeof ParticipantAttendanceSchema>>(await send("GET", `/v1/enrolments/${enrolmentId}/attendance?from=2026-11-30&to=2026-12-02`, "coordinator"), 200);
    expectDocumented(ParticipantAttendanceSchema, view);
    expect(view.rate).toMatchObject({ attended: 1, counted: 3, percent: 33, band: "not_compliant" });
    expect(view.followUps.map((f) => [f.rule, f.dueOn, f.open, f.outcome]).sort()).toEqual([
      ["consecutive_unexcused", "2026-12-04", true, null],
      ["low_rate", "2026-12-04", true, null],
    ]);
    const followUpId = view.followUps.find((f) => f.rule === "consecutive_unexcused")!.id;
    expect((await send("POST", `/v1/absence-follow-ups/${followUpId}/outcome`, "therapist", { outcome: "reached", on: "2026-12-02" })).status).toBe(403);
    const invalid = await read<Problem>(await send("POST", `/v1/absence-follow-ups/${followUpId}/outcome`, "coordinator", { outcome: "maybe", on: "2026-12-02" }), 422);
    expect(invalid.errors).toEqual([expect.objectContaining({ field: "outcome", code: "attendance.errors.outcome" })]);
    expect((await send("POST", `/v1/absence-follow-ups/${followUpId}/outcome`, "coordinator", { outcome: "new_agreement", on: "2026-12-02", note: "Kommer på eftermiddagarna" })).status).toBe(204);

    const program = await read<z.infer<typeof ProgramAttendanceSchema>>(await send("GET", `/v1/programs/${w.programId}/attendance?from=2026-11-30&to=2026-12-02`, "therapist"), 200);
    expectDocumented(ProgramAttendanceSchema, program);
    expect(program.participants).toEqual([expect.objectContaining({ enrolmentId, openFollowUps: 1, rate: expect.objectContaining({ percent: 33 }) })]);
  });

  it("sets the rules and keeps everyone else out", async () => {
    expect(await read(await send("GET", `/v1/programs/${w.programId}/absence-rules`, "therapist"), 200)).toEqual({
      rules: { consecutiveUnexcused: 2, excusedBreaksRun: true, lowRatePercent: 50, windowDays: 14, minSessions: 3 },
      isDefault: true,
    });
    expect((await send("PUT", `/v1/programs/${w.programId}/absence-rules`, "therapist", { consecutiveUnexcused: 3, lowRatePercent: 40, windowDays: 21, minSessions: 4 })).status).toBe(403);
    expect((await send("PUT", `/v1/programs/${w.programId}/absence-rules`, "coordinator", { consecutiveUnexcused: 3, excusedBreaksRun: false, lowRatePercent: 40, windowDays: 21, minSessions: 4 })).status).toBe(204);
    expect((await read<{ rules: unknown }>(await send("GET", `/v1/programs/${w.programId}/absence-rules`, "coordinator"), 200)).rules).toEqual({
      consecutiveUnexcused: 3,
      excusedBreaksRun: false,
      lowRatePercent: 40,
      windowDays: 21,
      minSessions: 4,
    });
    expect((await send("GET", register("2026-12-02"), null)).status).toBe(401);
    expect((await send("GET", register("2026-12-02"), "volunteer")).status).toBe(403);
    expect((await send("GET", register("2026-12-02"), "officer")).status).toBe(404);
    expect((await send("GET", `/v1/enrolments/${enrolmentId}/attendance`, "steering")).status).toBe(404);
    expect((await send("GET", `/v1/programs/${w.programId}/attendance`, "volunteer")).status).toBe(403);
  });
});
