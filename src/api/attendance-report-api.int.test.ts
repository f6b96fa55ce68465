import { beforeAll, expect, it } from "vitest";
import type { z } from "zod";
import { apiHarness, type OpenApiDoc, type Problem } from "../../tests/support/api.ts";
import { describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { expectDocumented } from "../../tests/support/openapi.ts";
import type { World } from "../../tests/support/world.ts";
import { createSession } from "../services/schedule.ts";
import { ATTENDANCE_REPORT_TAG, MonthlyReportSchema } from "./group/attendance-report.ts";

// The monthly attendance report through the JSON API alone: the same service, rules and audit events as the
// pages; minutes as integers; the sign-off refused with how many sessions are unrecorded; errors as problems.

const PATHS = [
  "/v1/enrolments/{id}/attendance-report/{month}",
  "/v1/enrolments/{id}/attendance-report/{month}/report.csv",
  "/v1/enrolments/{id}/attendance-report/{month}/report.pdf",
  "/v1/enrolments/{id}/attendance-report/{month}/sign-offs",
];

describeEachDatabase("attendance report JSON API", (flavour) => {
  const api = apiHarness(flavour, ["coordinator", "manager", "therapist", "officer", "steering", "volunteer"]);
  const { call, send, read } = api;
  let t: TestDatabase;
  let w: World;
  let enrolmentId: string;
  let sessionId: string;

  const base = () => `/v1/enrolments/${enrolmentId}/attendance-report`;

  beforeAll(async () => {
    ({ t, w } = api);
    ({ enrolmentId } = await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01" }));
    sessionId = (await createSession(await w.ctx("coordinator"), w.programId, { kind: "groupSession", title: "Gruppen", date: "2026-10-05", startTime: "09:00", endTime: "11:30", groupKinds: ["ordinary"] })).id;
  });

  it("describes exactly its endpoints under its own tag, with the service's schema", async () => {
    const doc = await read<OpenApiDoc>(await call("/openapi.json"), 200);
    const tagged = Object.keys(doc.paths).filter((p) => Object.values(doc.paths[p]!).some((op) => op.tags?.includes(ATTENDANCE_REPORT_TAG)));
    expect(tagged.sort()).toEqual(PATHS);
    expect(Object.keys(doc.paths[PATHS[3]!]!.post!.requestBody!.content)).toEqual(["application/json"]);
    for (const path of PATHS) for (const op of Object.values(doc.paths[path]!)) expect(op.responses).toHaveProperty("401");
  });

  it("gives the month's report in minutes, refuses the sign-off while a session is unrecorded, then signs it off", async () => {
    const report = await read<z.infer<typeof MonthlyReportSchema>>(await send("GET", `${base()}/2026-10`, "coordinator"), 200);
    expectDocumented(MonthlyReportSchema, report);
    expect(report.days).toEqual([
      expect.objectContaining({ date: "2026-10-05", scheduledMinutes: 150, attendedMinutes: 0, unrecordedMinutes: 150, sessions: [expect.objectContaining({ ref: sessionId, title: "Gruppen", status: null })] }),
    ]);
    expect(report.authority).toEqual({ id: w.authorities.fk, name: "Försäkringskassan", basis: "income_source" });
    expect(report.sign).toEqual({ allowed: true, monthOver: true, opensOn: "2026-10-31", complete: false });

    const refused = await read<Problem>(await send("POST", `${base()}/2026-10/sign-offs`, "coordinator", { confirmed: true }), 422);
    expect(refused.formErrors?.map((e) => e.code)).toEqual(["attendanceReport.errors.incomplete"]);
    expect(refused.unrecordedSessions).toBe(1);
    expect(refused.detail).toContain("1 session is not recorded yet.");
    const unconfirmed = await read<Problem>(await send("POST", `${base()}/2026-10/sign-offs`, "coordinator", {}), 422);
    expect(unconfirmed.errors?.map((e) => [e.field, e.code])).toEqual([["confirmed", "attendanceReport.errors.confirm"]]);

    await t.deps.db
      .insertInto("attendance")
      .values({ session_id: sessionId, person_id: w.people.ella, status: "late", minutes_late: 30, recorded_by: w.users.coordinator.id, recorded_at: t.clock.now })
      .execute();
    const complete = await read<z.infer<typeof MonthlyReportSchema>>(await send("GET", `${base()}/2026-10`, "manager"), 200);
    expect(complete.totals).toMatchObject({ scheduledMinutes: 150, attendedMinutes: 120, unrecordedSessions: 0, percent: 100 });
    const res = await send("POST", `${base()}/2026-10/sign-offs`, "manager", { confirmed: true, shown: complete.fingerprint });
    const { id } = await read<{ id: string }>(res, 201);
    const signed = await read<z.infer<typeof MonthlyReportSchema>>(await send("GET", `${base()}/2026-10`, "therapist"), 200);
    expect(signed.signoffs.latest).toMatchObject({ id, signedBy: "Test manager", totals: { attendedMinutes: 120 } });
    expect(signed.sign.allowed).toBe(false);

    const csv = await call(`${base()}/2026-10/report.csv`, { as: "coordinator" });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toContain("2026-10-05;Måndag;2,5;2;0;0;0\r\n");
    const pdf = await call(`${base()}/2026-10/report.pdf`, { as: "coordinator" });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("refuses the therapist's sign-off, case officers, volunteers and the steering group, and unknown months", async () => {
    expect((await send("POST", `${base()}/2026-10/sign-offs`, "therapist", { confirmed: true })).status).toBe(403);
    for (const user of ["officer", "steering", "volunteer"] as const) {
      expect((await send("GET", `${base()}/2026-10`, user)).status, user).toBe(403);
      expect((await send("GET", `${base()}/2026-10/report.csv`, user)).status, user).toBe(403);
      expect((await send("POST", `${base()}/2026-10/sign-offs`, user, { confirmed: true })).status, user).toBe(403);
    }
    expect((await send("GET", `${base()}/2026-13`, "coordinator")).status).toBe(404);
    expect((await send("GET", `${base()}/2027-01`, "coordinator")).status).toBe(404);
    expect((await send("GET", `/v1/enrolments/00000000-0000-4000-8000-000000000000/attendance-report/2026-10`, "coordinator")).status).toBe(404);
    expect((await call(`${base()}/2026-10`)).status).toBe(401);
    const actions = await t.deps.db.selectFrom("audit_events").select("action").where("action", "like", "attendanceReport.%").execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(["attendanceReport.view", "attendanceReport.sign", "attendanceReport.exportCsv", "attendanceReport.exportPdf"]));
  });
});
