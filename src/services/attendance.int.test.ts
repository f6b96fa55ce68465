import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import {
  getAbsenceRules,
  groupAttendance,
  participantAttendance,
  recordAttendance,
  recordFollowUpOutcome,
  registerPage,
  setAbsenceRules,
} from "./attendance.ts";
import { verifyAuditChain } from "./audit.ts";
import { viewCaseload } from "./caseload.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { createSeries, occurrenceRef } from "./schedule.ts";

// Attendance as the register, the history pages and the caseload use it: marks written on an occurrence
// (which writes the session down), the absence rule that makes a follow-up after the second absence without
// notice (once, withdrawn when the register is corrected), its outcome, rates and bands, and who may do what.

describeEachDatabase("attendance", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let groupSeries: string;
  let wellnessSeries: string;
  let enrolmentId: string;
  const at = (date: string, time = "13:00") => t.clock.set(new Date(`${date}T${time}:00+01:00`));
  const group = (date: string) => occurrenceRef(groupSeries, date);
  const mark = (personId: string, status: string, extra: Record<string, unknown> = {}) => ({ marks: [{ personId, status, ...extra }] });

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    ({ enrolmentId } = await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01", request: { accepted: true }, placement: { placedAt: new Date("2026-08-20T08:00:00Z") } }));
    at("2026-11-27");
    const coordinator = await w.ctx("coordinator");
    ({ id: groupSeries } = await createSeries(coordinator, w.programId, {
      kind: "groupSession",
      title: "Gruppen",
      weekdays: ["1", "2", "3"],
      startTime: "09:00",
      endTime: "12:00",
      firstDate: "2026-11-30",
      lastDate: "2027-04-07",
      groupKinds: ["ordinary"],
    }));
    ({ id: wellnessSeries } = await createSeries(coordinator, w.programId, {
      kind: "wellness",
      title: "Friskvård",
      weekdays: ["2", "4"],
      startTime: "13:00",
      endTime: "14:30",
      firstDate: "2026-11-30",
      lastDate: "2027-04-07",
      groupKinds: ["ordinary"],
      leaderIds: [w.users.volunteer.id],
    }));
  });
  afterAll(() => t.close());

  it("takes a register on an occurrence: the session is written down, the marks kept, counts (no names) audited", async () => {
    at("2026-11-30");
    const coordinator = await w.ctx("coordinator");
    const before = await registerPage(coordinator, group("2026-11-30"));
    expect(before.lines.map((l) => [l.person.name, l.via, l.mark])).toEqual([["Ella Johansson", "ordinary", null]]);
    expect(before.counts.unrecorded).toBe(1);
    const saved = await recordAttendance(coordinator, group("2026-11-30"), mark(w.people.ella, "late", { minutesLate: "15", note: "Bussen" }));
    expect(saved).toMatchObject({ changed: 1, followUpsCreated: 0 });
    const after = await registerPage(coordinator, group("2026-11-30"));
    expect(after.session.item.sessionId).toBe(saved.sessionId);
    expect(after.lines[0]!.mark).toMatchObject({ status: "late", minutesLate: 15, note: "Bussen" });
    // Saving the same again changes nothing.
    expect((await recordAttendance(coordinator, group("2026-11-30"), mark(w.people.ella, "late", { minutesLate: 15, note: "Bussen" }))).changed).toBe(0);
    const event = await t.deps.db.selectFrom("audit_events").select(["details", "person_id"]).where("action", "=", "attendance.record").orderBy("seq", "desc").executeTakeFirstOrThrow();
    expect(event.person_id).toBeNull();
    expect(event.details).toMatchObject({ date: "2026-11-30", changed: 0, late: 1, unrecorded: 0 });
    expect(JSON.stringify(event.details)).not.toContain("Bussen");
  });

  it("refuses what cannot be: an unknown person, minutes late beyond the session, presence ahead of the day", async () => {
    at("2026-12-01");
    const coordinator = await w.ctx("coordinator");
    await expect(recordAttendance(coordinator, group("2026-12-01"), mark(w.people.oscar, "present"))).rejects.toMatchObject({ fieldErrors: { "marks.0.personId": ["attendance.errors.notExpected"] } });
    await expect(recordAttendance(coordinator, group("2026-12-01"), mark(w.people.ella, "late", { minutesLate: 181 }))).rejects.toMatchObject({ fieldErrors: { "marks.0.minutesLate": ["attendance.errors.minutesLate"] } });
    await expect(recordAttendance(coordinator, group("2026-12-01"), mark(w.people.ella, "bored"))).rejects.toMatchObject({ fieldErrors: { "marks.0.status": ["attendance.errors.status"] } });
    await expect(recordAttendance(coordinator, group("2026-12-14"), mark(w.people.ella, "present"))).rejects.toMatchObject({ fieldErrors: { "marks.0.status": ["attendance.errors.ahead"] } });
    await expect(recordAttendance(coordinator, group("2026-12-14"), { intent: "allPresent", marks: [{ personId: w.people.ella }] })).rejects.toMatchObject({
      fieldErrors: { "marks.0.status": ["attendance.errors.allPresentAhead"] },
    });
    // Leave known ahead is recorded as absence with notice.
    expect((await recordAttendance(coordinator, group("2026-12-14"), mark(w.people.ella, "absent_with_notice"))).changed).toBe(1);
    expect((await registerPage(coordinator, group("2026-12-14"))).ahead).toBe(true);
    // All present marks whoever the form leaves without a status.
    expect((await recordAttendance(coordinator, group("2026-12-01"), { intent: "allPresent", marks: [{ personId: w.people.ella, status: "" }] })).changed).toBe(1);
    expect((await registerPage(coordinator, group("2026-12-01"))).lines[0]!.mark?.status).toBe("present");
    // An empty status takes a mark back.
    expect((await recordAttendance(coordinator, group("2026-12-01"), mark(w.people.ella, ""))).changed).toBe(1);
    expect((await registerPage(coordinator, group("2026-12-01"))).lines[0]!.mark).toBeNull();
    await recordAttendance(coordinator, group("2026-12-01"), mark(w.people.ella, "present"));
  });

  it("makes one follow-up after the second absence without notice in a row, tells the coordinator, and shows it on the caseload", async () => {
    const coordinator = await w.ctx("coordinator");
    at("2026-12-02");
    expect((await recordAttendance(coordinator, group("2026-12-02"), mark(w.people.ella, "absent_without_notice"))).followUpsCreated).toBe(0);
    at("2026-12-07");
    expect((await recordAttendance(coordinator, group("2026-12-07"), mark(w.people.ella, "absent_without_notice"))).followUpsCreated).toBe(1);
    const rows = await t.deps.db.selectFrom("absence_followups").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ enrolment_id: enrolmentId, rule: "consecutive_unexcused", due_on: "2026-12-09", outcome: null });
    const notice = await t.deps.db.selectFrom("notifications").selectAll().where("kind", "=", "attendance.absence").execute();
    expect(notice).toHaveLength(1);
    expect(notice[0]).toMatchObject({ user_id: w.users.coordinator.id, link: `/enrolments/${enrolmentId}/attendance#follow-ups` });
    const mail = await t.deps.db.selectFrom("outbox").select("body").where("notification_id", "=", notice[0]!.id).executeTakeFirstOrThrow();
    expect(mail.body).not.toContain("Ella");
    // A third absence continues the same run (no second follow-up for it), and brings the last two weeks'
    // rate to 2 of 5 (40 %): the other rule holds now too.
    at("2026-12-08");
    expect((await recordAttendance(coordinator, group("2026-12-08"), mark(w.people.ella, "absent_without_notice"))).followUpsCreated).toBe(1);
    const caseload = await viewCaseload(coordinator);
    const row = caseload.rows.find((r) => r.enrolmentId === enrolmentId)!;
    expect(row.flags.find((f) => f.kind === "absent")).toEqual({ kind: "absent", due: "2026-12-09", state: "soon", rule: "consecutive_unexcused", count: 2 });
    const view = await participantAttendance(coordinator, enrolmentId);
    expect(view.followUps.map((f) => [f.rule, f.dueOn])).toEqual([
      ["low_rate", "2026-12-10"],
      ["consecutive_unexcused", "2026-12-09"],
    ]);
    // Each keeps what the rule saw when it was made (the run then was two long).
    expect(view.followUps[1]!.trigger).toMatchObject({ rule: "consecutive_unexcused", threshold: 2, sessions: [{ date: "2026-12-02" }, { date: "2026-12-07" }] });
    expect(view.followUps[0]!.trigger).toMatchObject({ rule: "low_rate", windowStart: "2026-11-25", windowEnd: "2026-12-08", rate: { attended: 2, counted: 5, percent: 40 } });
  });

  it("withdraws a follow-up nobody acted on when the register is corrected, and makes it again if the absence stands", async () => {
    const coordinator = await w.ctx("coordinator");
    at("2026-12-08", "15:00");
    // Ella had in fact called in sick on the 2nd: the run is now the 7th and the 8th (a new episode, so the
    // follow-up is made anew), and 2 of 4 is not below 50 %.
    await recordAttendance(coordinator, group("2026-12-02"), mark(w.people.ella, "sick"));
    expect((await t.deps.db.selectFrom("absence_followups").select(["rule", "due_on"]).execute())).toEqual([{ rule: "consecutive_unexcused", due_on: "2026-12-10" }]);
    // And on the 7th too: no run left.
    await recordAttendance(coordinator, group("2026-12-07"), mark(w.people.ella, "sick"));
    expect(await t.deps.db.selectFrom("absence_followups").selectAll().execute()).toEqual([]);
    expect(await t.deps.db.selectFrom("audit_events").select("action").where("action", "=", "absenceFollowUp.withdraw").execute()).toHaveLength(3);
    // The 7th was no call after all: the 7th and the 8th are two in a row again.
    expect((await recordAttendance(coordinator, group("2026-12-07"), mark(w.people.ella, "absent_without_notice"))).followUpsCreated).toBe(1);
  });

  it("records the call: 'not reached' keeps it open, 'reached' settles it; dates are checked", async () => {
    const coordinator = await w.ctx("coordinator");
    at("2026-12-09");
    const [followUp] = (await participantAttendance(coordinator, enrolmentId)).followUps;
    await expect(recordFollowUpOutcome(coordinator, followUp!.id, { outcome: "reached", on: "2026-12-10" })).rejects.toMatchObject({ fieldErrors: { on: ["attendance.errors.outcomeAhead"] } });
    await expect(recordFollowUpOutcome(coordinator, followUp!.id, { outcome: "reached", on: "2026-12-01" })).rejects.toMatchObject({ fieldErrors: { on: ["attendance.errors.outcomeBefore"] } });
    await expect(recordFollowUpOutcome(coordinator, followUp!.id, { outcome: "maybe", on: "2026-12-09" })).rejects.toMatchObject({ fieldErrors: { outcome: ["attendance.errors.outcome"] } });
    await expect(recordFollowUpOutcome(await w.ctx("therapist"), followUp!.id, { outcome: "reached", on: "2026-12-09" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordFollowUpOutcome(await w.ctx("volunteer"), followUp!.id, { outcome: "reached", on: "2026-12-09" })).rejects.toBeInstanceOf(NotFoundError);
    await recordFollowUpOutcome(coordinator, followUp!.id, { outcome: "not_reached", on: "2026-12-09", note: "Inget svar" });
    expect((await viewCaseload(coordinator)).rows.find((r) => r.enrolmentId === enrolmentId)!.flags.some((f) => f.kind === "absent")).toBe(true);
    await recordFollowUpOutcome(coordinator, followUp!.id, { outcome: "reached", on: "2026-12-09", note: "Mår bättre, kommer på onsdag" });
    expect((await viewCaseload(coordinator)).rows.find((r) => r.enrolmentId === enrolmentId)!.flags.some((f) => f.kind === "absent")).toBe(false);
    await expect(recordFollowUpOutcome(coordinator, followUp!.id, { outcome: "new_agreement", on: "2026-12-09" })).rejects.toMatchObject({ formErrors: ["attendance.errors.outcomeSettled"] });
    const [settled] = (await participantAttendance(coordinator, enrolmentId)).followUps;
    expect(settled).toMatchObject({ open: false, outcome: { outcome: "reached", on: "2026-12-09", note: "Mår bättre, kommer på onsdag" } });
  });

  it("counts the rate without excused absences, per week and month, with the bands", async () => {
    const coordinator = await w.ctx("coordinator");
    at("2026-12-09", "15:00");
    const view = await participantAttendance(coordinator, enrolmentId, { from: "2026-11-30", to: "2026-12-09" });
    // 30 Nov late, 1 Dec present, 2 Dec sick, 7 and 8 Dec absent without notice, 9 Dec not marked; the
    // wellness sessions (1, 3, 8 Dec) not marked either.
    expect(view.rate).toMatchObject({ expected: 9, attended: 2, counted: 4, excused: 1, unrecorded: 4, percent: 50, band: "partial" });
    expect(view.weeks.map((w) => [w.period, w.rate.percent])).toEqual([
      ["2026-11-30", 100],
      ["2026-12-07", 0],
    ]);
    expect(view.months.map((m) => m.period)).toEqual(["2026-11", "2026-12"]);
    expect(view.sessions[0]).toMatchObject({ date: "2026-12-09", status: null });
    await expect(participantAttendance(coordinator, enrolmentId, { from: "2026-12-09", to: "2026-12-01" })).rejects.toMatchObject({ fieldErrors: { to: ["attendance.errors.period"] } });
    const overview = await groupAttendance(coordinator, w.programId, { from: "2026-11-30", to: "2026-12-09", group: "ordinary" });
    expect(overview.participants).toMatchObject([{ person: { name: "Ella Johansson" }, enrolmentId, rate: { percent: 50, band: "partial" }, openFollowUps: 0 }]);
    expect(overview.bands).toEqual({ compliant: 0, partial: 1, not_compliant: 0, none: 0 });
    expect(overview.unrecorded.map((u) => u.date)).toEqual(["2026-12-01", "2026-12-03", "2026-12-08", "2026-12-09"]);
  });

  it("lets a volunteer take the register of the sessions they lead, and nothing else", async () => {
    at("2026-12-10", "15:00");
    const volunteer = await w.ctx("volunteer");
    const wellness = occurrenceRef(wellnessSeries, "2026-12-10");
    const page = await registerPage(volunteer, wellness);
    expect(page.lines.map((l) => l.person.name)).toEqual(["Ella Johansson"]);
    expect(page.canViewHistory).toBe(false);
    expect((await recordAttendance(volunteer, wellness, mark(w.people.ella, "present"))).changed).toBe(1);
    await expect(registerPage(volunteer, group("2026-12-09"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordAttendance(volunteer, group("2026-12-09"), mark(w.people.ella, "present"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(participantAttendance(volunteer, enrolmentId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(groupAttendance(volunteer, w.programId)).rejects.toBeInstanceOf(ForbiddenError);
    // Others: a case officer is not program staff; a steering-group member sees no one.
    await expect(recordAttendance(await w.ctx("officer"), wellness, mark(w.people.ella, "present"))).rejects.toBeInstanceOf(NotFoundError);
    await expect(participantAttendance(await w.ctx("officer"), enrolmentId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(groupAttendance(await w.ctx("steering"), w.programId)).rejects.toBeInstanceOf(NotFoundError);
    // The therapist is staff: reads the group's attendance and takes registers.
    expect((await groupAttendance(await w.ctx("therapist"), w.programId)).participants).toHaveLength(1);
    expect((await participantAttendance(await w.ctx("therapist"), enrolmentId)).canRecordOutcome).toBe(false);
  });

  it("keeps the program's absence rules: staff read them, coordinators change them, and they decide the next register", async () => {
    const coordinator = await w.ctx("coordinator");
    expect(await getAbsenceRules(await w.ctx("therapist"), w.programId)).toMatchObject({ isDefault: true, rules: { consecutiveUnexcused: 2, lowRatePercent: 50 }, canManage: false });
    await expect(setAbsenceRules(coordinator, w.programId, { consecutiveUnexcused: "x", lowRatePercent: "150", windowDays: "3", minSessions: "0" })).rejects.toMatchObject({
      fieldErrors: {
        consecutiveUnexcused: ["attendance.errors.consecutive"],
        lowRatePercent: ["attendance.errors.percent"],
        windowDays: ["attendance.errors.windowDays"],
        minSessions: ["attendance.errors.minSessions"],
      },
    });
    await expect(setAbsenceRules(await w.ctx("therapist"), w.programId, { consecutiveUnexcused: "3", lowRatePercent: "50", windowDays: "14", minSessions: "3" })).rejects.toBeInstanceOf(ForbiddenError);
    await setAbsenceRules(coordinator, w.programId, { consecutiveUnexcused: "0", excusedBreaksRun: "on", lowRatePercent: "0", windowDays: "14", minSessions: "3" });
    expect(await getAbsenceRules(coordinator, w.programId)).toMatchObject({ isDefault: false, rules: { consecutiveUnexcused: 0, lowRatePercent: 0, excusedBreaksRun: true }, canManage: true });
    // With both rules off, two more absences in a row make nothing.
    at("2026-12-15");
    await recordAttendance(coordinator, group("2026-12-15"), mark(w.people.ella, "absent_without_notice"));
    at("2026-12-16");
    expect((await recordAttendance(coordinator, group("2026-12-16"), mark(w.people.ella, "absent_without_notice"))).followUpsCreated).toBe(0);
    await setAbsenceRules(coordinator, w.programId, { consecutiveUnexcused: "2", excusedBreaksRun: "on", lowRatePercent: "50", windowDays: "14", minSessions: "3" });
    // Back on: the next register looks again, and the run that holds makes its follow-up.
    expect((await recordAttendance(coordinator, group("2026-12-16"), mark(w.people.ella, "absent_without_notice", { note: "Ingen kontakt" }))).followUpsCreated).toBeGreaterThan(0);
  });

  it("refuses a register for a cancelled session", async () => {
    const coordinator = await w.ctx("coordinator");
    at("2026-12-23");
    // 24 December is skipped (Christmas Eve); the register cannot be taken.
    await expect(recordAttendance(coordinator, group("2026-12-24"), mark(w.people.ella, "present"))).rejects.toBeInstanceOf(NotFoundError);
    await expect(registerPage(coordinator, "not-a-ref")).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordAttendance(coordinator, group("2026-12-23"), { marks: "nope" })).rejects.toBeInstanceOf(ValidationError);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
});
