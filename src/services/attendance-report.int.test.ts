import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { pdfText } from "../../tests/support/pdf.ts";
import { createWorld, type UserKey, type World } from "../../tests/support/world.ts";
import { decimalHours, monthlyReportCsv, monthlyReportPage, monthlyReportPdf, ReportIncompleteError, signMonthlyReport } from "./attendance-report.ts";
import { verifyAuditChain } from "./audit.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { createSeries, createSession, ensureSession, occurrenceRef } from "./schedule.ts";

// The monthly attendance report for the authority that pays the benefit, on a small month made by hand:
// October 2026 for Ella (in the ordinary group since September), with a late arrival, an excused and an
// unexcused absence, two sessions on one day, and a weekly series whose occurrences nobody wrote down yet.
// Unrecorded sessions block the sign-off; a correction after signing shows, and signing again is a new row.

describeEachDatabase("the monthly attendance report", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let ella: string;
  let alva: string;
  const sessions: Record<string, string> = {};
  let seriesId: string;

  /** Writes the register's row directly (the register's own service is tested on its own). */
  async function mark(sessionId: string, personId: string, status: "present" | "late" | "absent_with_notice" | "absent_without_notice" | "sick", minutesLate: number | null = null) {
    await t.deps.db
      .insertInto("attendance")
      .values({ session_id: sessionId, person_id: personId, status, minutes_late: minutesLate, recorded_by: w.users.coordinator.id, recorded_at: t.clock.now })
      .onConflict((oc) => oc.columns(["session_id", "person_id"]).doUpdateSet({ status, minutes_late: minutesLate }))
      .execute();
  }

  /** A series occurrence written down as a session row (as the register does when it is first taken). */
  async function occurrence(date: string): Promise<string> {
    return t.deps.db.transaction().execute(async (tx) => (await ensureSession(tx, seriesId, date, { userId: w.users.coordinator.id, now: t.clock.now })).id);
  }

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    // Today is 2026-11-23 (the test clock).
    ({ enrolmentId: ella } = await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01" }));
    ({ enrolmentId: alva } = await enrolDirectly(t.deps, w, { personId: w.people.protectedAlva, startDate: "2026-10-14", incomeSource: "income_support" }));
    const coordinator = await w.ctx("coordinator");
    const session = async (key: string, date: string, startTime: string, endTime: string, kind = "groupSession") => {
      sessions[key] = (await createSession(coordinator, w.programId, { kind, title: `Gruppen ${key}`, date, startTime, endTime, groupKinds: ["ordinary"] })).id;
    };
    await session("mon", "2026-10-05", "09:00", "12:00");
    await session("monWalk", "2026-10-05", "13:00", "14:30", "wellness");
    await session("tue", "2026-10-06", "09:00", "12:00");
    await session("wed", "2026-10-07", "09:00", "12:00");
    await session("thu", "2026-10-08", "13:00", "15:00");
    // Overlapping the Monday morning: the day's scheduled time counts the overlap once.
    await session("monOverlap", "2026-10-05", "11:00", "12:00", "nada");
    // Fridays 10:00-11:00 in the second half of October: four occurrences, none written down.
    ({ id: seriesId } = await createSeries(coordinator, w.programId, {
      kind: "lecture",
      title: "Föreläsning",
      weekdays: ["5"],
      startTime: "10:00",
      endTime: "11:00",
      firstDate: "2026-10-16",
      lastDate: "2026-10-30",
      groupKinds: ["ordinary"],
    }));
    // A cancelled session is not time anyone was expected at.
    const cancelled = (await createSession(coordinator, w.programId, { kind: "groupSession", title: "Inställd", date: "2026-10-09", startTime: "09:00", endTime: "12:00", groupKinds: ["ordinary"] })).id;
    await t.deps.db.updateTable("activity_sessions").set({ status: "cancelled" }).where("id", "=", cancelled).execute();
  });
  afterAll(() => t.close());

  it("counts scheduled against attended time per day for a hand-made month", async () => {
    await mark(sessions.mon!, w.people.ella, "present");
    await mark(sessions.monWalk!, w.people.ella, "present");
    await mark(sessions.monOverlap!, w.people.ella, "present");
    await mark(sessions.tue!, w.people.ella, "late", 30);
    await mark(sessions.wed!, w.people.ella, "absent_with_notice");
    await mark(sessions.thu!, w.people.ella, "absent_without_notice");
    const page = await monthlyReportPage(await w.ctx("coordinator"), ella, "2026-10");
    expect(page).toMatchObject({ month: "2026-10", from: "2026-10-01", to: "2026-10-31", participant: { name: "Ella Johansson" }, program: { name: "KRUS" } });
    expect(page.authority).toEqual({ id: w.authorities.fk, name: "Försäkringskassan", basis: "income_source" });
    const days = page.report.days.map((d) => [d.date, d.scheduledMinutes, d.attendedMinutes, d.excusedMinutes, d.unexcusedMinutes, d.unrecordedMinutes]);
    expect(days).toEqual([
      ["2026-10-05", 270, 270, 0, 0, 0], // 09-12 and 13-14:30, the NADA hour inside the morning once
      ["2026-10-06", 180, 150, 0, 0, 0], // 30 minutes late
      ["2026-10-07", 180, 0, 180, 0, 0], // absent with notice
      ["2026-10-08", 120, 0, 0, 120, 0], // absent without notice
      ["2026-10-16", 60, 0, 0, 0, 60],
      ["2026-10-23", 60, 0, 0, 0, 60],
      ["2026-10-30", 60, 0, 0, 0, 60],
    ]);
    expect(page.totals).toEqual({
      scheduledMinutes: 930,
      attendedMinutes: 420,
      excusedMinutes: 180,
      unexcusedMinutes: 120,
      unrecordedMinutes: 180,
      sessions: 9,
      attendedSessions: 4,
      excusedSessions: 1,
      unexcusedSessions: 1,
      unrecordedSessions: 3,
      percent: 80,
    });
    expect(page.report.complete).toBe(false);
    // The occurrence nobody wrote down is addressed by its series ref, with its title.
    expect(page.titles[occurrenceRef(seriesId, "2026-10-16")]).toBe("Föreläsning");
    expect(page.months).toEqual(["2026-11", "2026-10", "2026-09"]);
    expect(page.sign).toEqual({ allowed: true, monthOver: true, opensOn: "2026-10-31", complete: false });
    expect(page.signoffs).toEqual({ latest: null, earlier: 0, changedFromEarlier: false, changedSinceSigned: false });
  });

  it("refuses the sign-off while sessions are unrecorded, saying how many", async () => {
    const coordinator = await w.ctx("coordinator");
    const error = await signMonthlyReport(coordinator, ella, "2026-10", { confirmed: "on" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportIncompleteError);
    expect(error).toMatchObject({ formErrors: ["attendanceReport.errors.incomplete"], unrecorded: 3, unrecordedMinutes: 180 });
    await expect(signMonthlyReport(coordinator, ella, "2026-10", {})).rejects.toMatchObject({ fieldErrors: { confirmed: ["attendanceReport.errors.confirm"] } });
    // The month must be over (or be on its last day).
    await expect(signMonthlyReport(coordinator, ella, "2026-11", { confirmed: true })).rejects.toMatchObject({ formErrors: ["attendanceReport.errors.monthNotOver"] });
    expect(await t.deps.db.selectFrom("attendance_report_signoffs").select("id").execute()).toEqual([]);
  });

  it("signs off a complete month with a snapshot of the totals, and only the figures the page showed", async () => {
    for (const date of ["2026-10-16", "2026-10-23", "2026-10-30"]) await mark(await occurrence(date), w.people.ella, date === "2026-10-23" ? "sick" : "present");
    const coordinator = await w.ctx("coordinator");
    const page = await monthlyReportPage(coordinator, ella, "2026-10");
    expect(page.report.complete).toBe(true);
    expect(page.totals).toMatchObject({ scheduledMinutes: 930, attendedMinutes: 540, excusedMinutes: 240, unexcusedMinutes: 120, unrecordedMinutes: 0, percent: 85 });
    await expect(signMonthlyReport(coordinator, ella, "2026-10", { confirmed: "on", shown: "1.2.3" })).rejects.toMatchObject({ formErrors: ["attendanceReport.errors.changed"] });
    const { id } = await signMonthlyReport(coordinator, ella, "2026-10", { confirmed: "on", shown: page.fingerprint });
    const stored = await t.deps.db.selectFrom("attendance_report_signoffs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ enrolment_id: ella, month: "2026-10", authority_id: w.authorities.fk, signed_by: w.users.coordinator.id });
    expect(stored.totals).toEqual(page.totals);
    const after = await monthlyReportPage(coordinator, ella, "2026-10");
    expect(after.signoffs).toMatchObject({ latest: { id, signedBy: "Test coordinator", authority: { name: "Försäkringskassan" } }, earlier: 0, changedSinceSigned: false });
  });

  it("shows a correction after the sign-off, and a new sign-off is a new row that says the figures changed", async () => {
    await mark(sessions.tue!, w.people.ella, "present");
    const manager = await w.ctx("manager");
    const corrected = await monthlyReportPage(manager, ella, "2026-10");
    expect(corrected.totals.attendedMinutes).toBe(570);
    expect(corrected.signoffs).toMatchObject({ earlier: 0, changedSinceSigned: true });
    t.clock.advance(60 * 60 * 1000);
    const { id } = await signMonthlyReport(manager, ella, "2026-10", { confirmed: true, shown: corrected.fingerprint });
    const page = await monthlyReportPage(manager, ella, "2026-10");
    expect(page.signoffs).toMatchObject({ latest: { id, signedBy: "Test manager" }, earlier: 1, changedFromEarlier: true, changedSinceSigned: false });
    expect(page.signoffs.latest!.totals.attendedMinutes).toBe(570);
    expect(await t.deps.db.selectFrom("attendance_report_signoffs").select("id").where("enrolment_id", "=", ella).execute()).toHaveLength(2);
    const csv = (await monthlyReportCsv(manager, ella, "2026-10", "sv")).csv;
    expect(csv).toContain("Underskrift;Underskriven av Test manager 2026-11-23 11:00\r\n");
  });

  it("signs an empty month on its last day, not before", async () => {
    const coordinator = await w.ctx("coordinator");
    await expect(signMonthlyReport(coordinator, ella, "2026-11", { confirmed: true })).rejects.toMatchObject({ formErrors: ["attendanceReport.errors.monthNotOver"] });
    const before = t.clock.now;
    t.clock.set(new Date("2026-11-30T10:00:00Z"));
    try {
      const page = await monthlyReportPage(coordinator, ella, "2026-11");
      expect(page.report.days).toEqual([]);
      expect(page.sign.monthOver).toBe(true);
      await signMonthlyReport(coordinator, ella, "2026-11", { confirmed: true });
      expect((await monthlyReportPage(coordinator, ella, "2026-11")).signoffs.latest?.totals.scheduledMinutes).toBe(0);
    } finally {
      t.clock.set(before);
    }
  });

  it("writes the CSV for Excel: a row per day with decimal hours, the totals and the sign-off line", async () => {
    const { csv, fileName } = await monthlyReportCsv(await w.ctx("coordinator"), ella, "2026-10", "sv");
    expect(fileName).toMatch(/^narvaro-p-[0-9a-f]{6}-2026-10\.csv$/);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split("\r\n");
    expect(lines.slice(0, 5)).toEqual(["Program;KRUS", "Deltagare;Ella Johansson", expect.stringMatching(/^Referens;P-/), "Månad;2026-10", "Betalande myndighet;Försäkringskassan"]);
    expect(lines).toContain("Datum;Veckodag;Schemalagt (timmar);Närvarande (timmar);Giltig frånvaro (timmar);Ogiltig frånvaro (timmar);Inte registrerat (timmar)");
    expect(lines).toContain("2026-10-05;Måndag;4,5;4,5;0;0;0");
    expect(lines).toContain("2026-10-06;Tisdag;3;3;0;0;0");
    expect(lines).toContain("2026-10-07;Onsdag;3;0;3;0;0");
    expect(lines).toContain("2026-10-08;Torsdag;2;0;0;2;0");
    expect(lines).toContain("2026-10-23;Fredag;1;0;1;0;0");
    expect(lines).toContain("Hela månaden;;15,5;9,5;4;2;0");
    expect(lines).toContain("Närvaro (procent);85");
    const english = (await monthlyReportCsv(await w.ctx("coordinator"), ella, "2026-10", "en")).csv;
    expect(english).toContain("Whole month;;15.5;9.5;4;2;0\r\n");
    expect(decimalHours(20, "sv")).toBe("0,33");
    expect(decimalHours(0, "nb")).toBe("0");
    expect(decimalHours(75, "en")).toBe("1.25");
  });

  it("prints the report as a tagged PDF: program, participant, month, authority, the days, totals, rate and sign-off", async () => {
    const { pdf, fileName } = await monthlyReportPdf(await w.ctx("coordinator"), ella, "2026-10", "sv");
    expect(fileName).toMatch(/\.pdf$/);
    expect(pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
    const text = await pdfText(pdf);
    for (const part of ["Närvarorapport Oktober 2026", "KRUS", "Ella Johansson", "Försäkringskassan", "Måndag 2026-10-05", "4 h 30 min", "Hela månaden", "15 h 30 min", "85 % (6 av 7 pass)", "Underskriven av Test manager 2026-11-23 11:00.", "Ersätter 1 tidigare underskrift."]) {
      expect(text).toContain(part);
    }
    const unsigned = await pdfText((await monthlyReportPdf(await w.ctx("coordinator"), alva, "2026-10", "en")).pdf);
    expect(unsigned).toContain("Not signed off.");
    expect(unsigned).toContain("Attendance report October 2026");
  });

  it("masks a protected identity in the page, CSV and PDF for readers who do not work directly with the person", async () => {
    const coordinator = await w.ctx("coordinator");
    const mine = await monthlyReportPage(coordinator, alva, "2026-10");
    expect(mine.participant.name).toBe("Alva Eriksson");
    // Enrolled from the 14th: the report covers only those days.
    expect(mine.from).toBe("2026-10-14");
    expect(mine.report.days.map((d) => d.date)).toEqual(["2026-10-16", "2026-10-23", "2026-10-30"]);
    // Income support is paid by the municipality's social services (the referrer, FK, is not that kind).
    expect(mine.authority).toEqual({ id: w.authorities.soc, name: "Kalmar kommun, socialförvaltningen", basis: "income_source" });
    const manager = await w.ctx("manager");
    const theirs = await monthlyReportPage(manager, alva, "2026-10");
    expect(theirs.participant).toMatchObject({ name: null, reference: mine.participant.reference });
    const { csv } = await monthlyReportCsv(manager, alva, "2026-10", "sv");
    expect(csv).not.toContain("Alva");
    expect(csv).toContain(`Deltagare;Skyddad identitet (${mine.participant.reference})\r\n`);
    const pdf = await pdfText((await monthlyReportPdf(manager, alva, "2026-10", "sv")).pdf);
    expect(pdf).not.toContain("Alva");
    expect(pdf).toContain(`Skyddad identitet (${mine.participant.reference})`);
  });

  it("lets the program's staff read, only coordinators and the manager sign, and nobody else in", async () => {
    const therapist = await w.ctx("therapist");
    const view = await monthlyReportPage(therapist, ella, "2026-10");
    expect(view.sign.allowed).toBe(false);
    await expect(signMonthlyReport(therapist, ella, "2026-10", { confirmed: true })).rejects.toBeInstanceOf(ForbiddenError);
    const denied: UserKey[] = ["officer", "officerOtherProgram", "team", "steering", "volunteer", "participant", "federationAdmin", "noRole"];
    for (const user of denied) {
      const ctx = await w.ctx(user);
      const attempts: (() => Promise<unknown>)[] = [
        () => monthlyReportPage(ctx, ella, "2026-10"),
        () => monthlyReportCsv(ctx, ella, "2026-10", "sv"),
        () => monthlyReportPdf(ctx, ella, "2026-10", "sv"),
        () => signMonthlyReport(ctx, ella, "2026-10", { confirmed: true }),
      ];
      for (const attempt of attempts) await expect(attempt(), user).rejects.toBeInstanceOf(ForbiddenError);
    }
    const coordinator = await w.ctx("coordinator");
    // Months the enrolment has no report for, or that are not months, are not found.
    for (const month of ["2026-08", "2026-12", "2026-13", "oktober", "2026-1"]) {
      await expect(monthlyReportPage(coordinator, ella, month), month).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(monthlyReportPage(coordinator, "00000000-0000-4000-8000-000000000000", "2026-10")).rejects.toBeInstanceOf(NotFoundError);
    await expect(monthlyReportPage(coordinator, "nope", "2026-10")).rejects.toBeInstanceOf(NotFoundError);
    expect(new ValidationError({})).toBeInstanceOf(Error);
  });

  it("records every read, export and sign-off in the audit log, without names", async () => {
    const events = await t.deps.db.selectFrom("audit_events").select(["action", "actor_role", "details", "person_id", "entity_id"]).where("action", "like", "attendanceReport.%").execute();
    expect([...new Set(events.map((e) => e.action))].sort()).toEqual(["attendanceReport.exportCsv", "attendanceReport.exportPdf", "attendanceReport.sign", "attendanceReport.view"]);
    const signs = events.filter((e) => e.action === "attendanceReport.sign");
    expect(signs.map((e) => e.actor_role).sort()).toEqual(["coordinator", "coordinator", "manager"]);
    expect(signs.every((e) => e.person_id === w.people.ella && e.entity_id === ella)).toBe(true);
    expect(events.filter((e) => e.action === "attendanceReport.exportPdf").some((e) => e.actor_role === "manager" && e.person_id === w.people.protectedAlva)).toBe(true);
    expect(events.some((e) => e.action === "attendanceReport.view" && e.actor_role === "therapist")).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/Ella|Alva|Johansson|Eriksson/);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
});
