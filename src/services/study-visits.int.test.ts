import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { ForbiddenError, NotFoundError } from "./errors.ts";
import { listNotifications } from "./notifications.ts";
import { bookStudyVisit, getSlot, listSlots, setBookingStatus, setSlotException, setStudyVisitSchedule, studyVisitPrograms } from "./study-visits.ts";

// What the study-visit pages need beyond the intake path: past slots (to record who came), one slot
// by its date, bookings left outside a changed schedule, the programs a user books in, and the
// messages at the fields of the forms.

const KRUS = { weekday: "2", weeks: "even", startTime: "13:00", endTime: "14:00", capacity: "2", location: "Storgatan 1" };

describeEachDatabase("study visits", (flavour) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    // The clock starts on Monday 2026-11-23 (ISO week 48).
    await setStudyVisitSchedule(await w.ctx("coordinator"), w.programId, KRUS);
  });
  afterAll(() => t.close());

  it("lists the programs a user books study visits in, and none for roles that do not book", async () => {
    expect(await studyVisitPrograms(await w.ctx("officer"))).toEqual([{ id: w.programId, name: "KRUS", hasSchedule: true }]);
    expect(await studyVisitPrograms(await w.ctx("coordinator"))).toEqual([{ id: w.programId, name: "KRUS", hasSchedule: true }]);
    expect(await studyVisitPrograms(await w.ctx("officerOtherProgram"))).toEqual([{ id: w.otherProgramId, name: "Vägen vidare", hasSchedule: false }]);
    for (const user of ["steering", "volunteer", "team", "therapist", "participant", "installationAdmin"] as const) {
      expect(await studyVisitPrograms(await w.ctx(user)), user).toEqual([]);
    }
  });

  it("shows past slots for recording who came, never bookable, and gives one slot by its date", async () => {
    const coordinator = await w.ctx("coordinator");
    const officer = await w.ctx("officer");
    const booking = await bookStudyVisit(officer, w.programId, { slotDate: "2026-11-24", visitorName: "A. B." });
    await bookStudyVisit(coordinator, w.programId, { slotDate: "2026-11-24", visitorName: "C. D." });
    // Two weeks later the visit of 24 November lies behind us.
    t.clock.set(new Date("2026-12-02T09:00:00Z"));
    try {
      const view = await listSlots(coordinator, w.programId, 4, { pastWeeks: 2 });
      expect(view.today).toBe("2026-12-02");
      expect(view.slots.map((s) => [s.originalDate, s.bookable])).toEqual([
        ["2026-11-24", false],
        ["2026-12-08", true],
        ["2026-12-22", true],
      ]);
      // Without pastWeeks the list starts today, as before.
      expect((await listSlots(coordinator, w.programId, 4)).slots.map((s) => s.originalDate)).toEqual(["2026-12-08", "2026-12-22"]);

      const slot = await getSlot(coordinator, w.programId, "2026-11-24");
      expect(slot).toMatchObject({ canManage: true, today: "2026-12-02", slot: { originalDate: "2026-11-24", booked: 2, capacity: 2, bookable: false } });
      expect(slot.slot.bookings.map((b) => b.visitorName)).toEqual(["A. B.", "C. D."]);
      await setBookingStatus(coordinator, booking.id, "attended");
      expect((await getSlot(coordinator, w.programId, "2026-11-24")).slot.bookings[0]).toMatchObject({ status: "attended" });
      // The officer sees the slot with their own booking only, and may not record attendance.
      const forOfficer = await getSlot(officer, w.programId, "2026-11-24");
      expect(forOfficer).toMatchObject({ canManage: false, slot: { booked: 2 } });
      expect(forOfficer.slot.bookings.map((b) => b.visitorName)).toEqual(["A. B."]);
      await expect(setBookingStatus(officer, booking.id, "no_show")).rejects.toBeInstanceOf(ForbiddenError);
      // A day the schedule does not give, a malformed date, another program's officer.
      await expect(getSlot(coordinator, w.programId, "2026-11-25")).rejects.toBeInstanceOf(NotFoundError);
      await expect(getSlot(coordinator, w.programId, "2026-02-30")).rejects.toBeInstanceOf(NotFoundError);
      await expect(getSlot(coordinator, w.programId, "not-a-date")).rejects.toBeInstanceOf(NotFoundError);
      await expect(getSlot(await w.ctx("officerOtherProgram"), w.programId, "2026-12-08")).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getSlot(await w.ctx("volunteer"), w.programId, "2026-12-08")).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getSlot(coordinator, "5b0c7a4e-0000-4000-8000-000000000000", "2026-12-08")).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      t.clock.set(new Date("2026-11-23T09:00:00Z"));
    }
  });

  it("refuses moving a slot to a day gone by, and a slot date that does not exist, with the message at the field", async () => {
    const coordinator = await w.ctx("coordinator");
    await expect(setSlotException(coordinator, w.programId, "2026-12-08", { action: "move", movedDate: "2026-11-20", movedStart: "10:00", movedEnd: "11:00" })).rejects.toMatchObject({
      fieldErrors: { movedDate: ["studyVisit.errors.movedToPast"] },
    });
    await expect(setSlotException(coordinator, w.programId, "2026-13-01", { action: "cancel" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setSlotException(coordinator, w.programId, "2026-12-08", { action: "move", movedDate: "2026-12-09", movedStart: "11:00", movedEnd: "10:00" })).rejects.toMatchObject({
      fieldErrors: { movedEnd: ["errors.endBeforeStart"] },
    });
    await expect(setSlotException(coordinator, w.programId, "2026-12-08", { action: "move", movedStart: "25:00" })).rejects.toMatchObject({
      fieldErrors: { movedDate: ["errors.required"], movedStart: ["errors.time"], movedEnd: ["errors.required"] },
    });
    // Moved today is fine; a moved slot is booked by its original date and shows where it went.
    await setSlotException(coordinator, w.programId, "2026-12-08", { action: "move", movedDate: "2026-11-23", movedStart: "15:00", movedEnd: "16:00", note: "Flyttat" });
    const slot = (await getSlot(await w.ctx("officer"), w.programId, "2026-12-08")).slot;
    expect(slot).toMatchObject({ status: "moved", date: "2026-11-23", start: "15:00", end: "16:00", note: "Flyttat", bookable: true });
    await setSlotException(coordinator, w.programId, "2026-12-08", { action: "restore" });
    expect((await getSlot(coordinator, w.programId, "2026-12-08")).slot).toMatchObject({ status: "scheduled", date: "2026-12-08", start: "13:00" });
  });

  it("gives the schedule and booking forms their messages at the right fields", async () => {
    const coordinator = await w.ctx("coordinator");
    await expect(setStudyVisitSchedule(coordinator, w.programId, { ...KRUS, weekday: "", startTime: "1300", endTime: "12:00", capacity: "0" })).rejects.toMatchObject({
      fieldErrors: { weekday: ["errors.choose"], startTime: ["errors.time"], capacity: ["studyVisit.errors.capacity"] },
    });
    // Every message at once: the end before the start also when another field is wrong.
    await expect(setStudyVisitSchedule(coordinator, w.programId, { ...KRUS, startTime: "14:00", endTime: "13:30", capacity: "" })).rejects.toMatchObject({
      fieldErrors: { endTime: ["errors.endBeforeStart"], capacity: ["studyVisit.errors.capacity"] },
    });
    await expect(setStudyVisitSchedule(coordinator, w.programId, { ...KRUS, capacity: "2.5" })).rejects.toMatchObject({ fieldErrors: { capacity: ["studyVisit.errors.capacity"] } });
    await expect(setStudyVisitSchedule(coordinator, w.programId, { ...KRUS, weekday: "8" })).rejects.toMatchObject({ fieldErrors: { weekday: ["errors.choose"] } });
    const officer = await w.ctx("officer");
    await expect(bookStudyVisit(officer, w.programId, { slotDate: "", visitorName: "" })).rejects.toMatchObject({
      fieldErrors: { slotDate: ["studyVisit.errors.chooseSlot"], visitorName: ["errors.required"] },
    });
    await expect(bookStudyVisit(officer, w.programId, { visitorName: "X" })).rejects.toMatchObject({ fieldErrors: { slotDate: ["studyVisit.errors.chooseSlot"] } });
    await expect(bookStudyVisit(officer, w.programId, { slotDate: "8 dec", visitorName: "X" })).rejects.toMatchObject({ fieldErrors: { slotDate: ["errors.date"] } });
    // A slot that has taken place cannot be booked.
    await expect(bookStudyVisit(officer, w.programId, { slotDate: "2026-11-10", visitorName: "X" })).rejects.toMatchObject({ fieldErrors: { slotDate: ["studyVisit.errors.noSuchSlot"] } });
  });

  it("keeps slots right across a year with week 53, and lists bookings that a changed schedule left behind", async () => {
    const coordinator = await w.ctx("coordinator");
    const officer = await w.ctx("officer");
    const mine = await bookStudyVisit(officer, w.programId, { slotDate: "2026-12-22", visitorName: "E. F." });
    await bookStudyVisit(coordinator, w.programId, { slotDate: "2026-12-22", visitorName: "G. H." });
    // Odd weeks: 2026 has a week 53 (Tuesday 29 December), followed straight away by week 1 of 2027.
    await setStudyVisitSchedule(coordinator, w.programId, { ...KRUS, weeks: "odd", capacity: "1" });
    const view = await listSlots(coordinator, w.programId, 7);
    expect(view.slots.map((s) => s.originalDate)).toEqual(["2026-12-01", "2026-12-15", "2026-12-29", "2027-01-05"]);
    // The open bookings of 24 November and 22 December (even weeks) are no longer on any slot: listed in date
    // order, all of them for the staff, their own for the officer (A. B. has been marked as attended already).
    expect(view.outsideSchedule.map((b) => b.visitorName)).toEqual(["C. D.", "E. F.", "G. H."]);
    const forOfficer = await listSlots(officer, w.programId, 7);
    expect(forOfficer.outsideSchedule.map((b) => [b.visitorName, b.mine])).toEqual([["E. F.", true]]);
    // Cancelled bookings are not left behind, nor are those of days gone by.
    await setBookingStatus(officer, mine.id, "cancelled");
    expect((await listSlots(coordinator, w.programId, 7)).outsideSchedule.map((b) => b.visitorName)).toEqual(["C. D.", "G. H."]);
    t.clock.set(new Date("2026-11-25T09:00:00Z"));
    try {
      expect((await listSlots(coordinator, w.programId, 7)).outsideSchedule.map((b) => b.visitorName)).toEqual(["G. H."]);
    } finally {
      t.clock.set(new Date("2026-11-23T09:00:00Z"));
    }
    // Capacity lowered below what is booked: the slot is full, not negative.
    await bookStudyVisit(officer, w.programId, { slotDate: "2026-12-15", visitorName: "I. J." });
    const full = (await getSlot(officer, w.programId, "2026-12-15")).slot;
    expect(full).toMatchObject({ booked: 1, capacity: 1, bookable: false });
    await expect(bookStudyVisit(coordinator, w.programId, { slotDate: "2026-12-15", visitorName: "K" })).rejects.toMatchObject({ fieldErrors: { slotDate: ["studyVisit.errors.full"] } });
    await setStudyVisitSchedule(coordinator, w.programId, KRUS);
  });
});

describeEachDatabase("study visits: changed slots", (flavour) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    await setStudyVisitSchedule(await w.ctx("coordinator"), w.programId, { ...KRUS, capacity: "6" });
  });
  afterAll(() => t.close());

  it("tells whoever booked a visitor when the slot is cancelled or moved, without naming the visitor", async () => {
    const officer = await w.ctx("officer");
    const coordinator = await w.ctx("coordinator");
    await bookStudyVisit(officer, w.programId, { slotDate: "2026-12-08", visitorName: "Sixten Sjöqvist" });
    await bookStudyVisit(coordinator, w.programId, { slotDate: "2026-12-08", visitorName: "K. L." });
    await setSlotException(coordinator, w.programId, "2026-12-08", { action: "move", movedDate: "2026-12-09", movedStart: "10:00", movedEnd: "11:00" });
    t.clock.advance(60_000);
    await setSlotException(coordinator, w.programId, "2026-12-08", { action: "cancel", note: "Personalen är sjuk" });
    // Restoring is not news; a slot without bookings tells nobody.
    await setSlotException(coordinator, w.programId, "2026-12-08", { action: "restore" });
    await setSlotException(coordinator, w.programId, "2026-12-22", { action: "cancel" });
    const notes = await listNotifications(officer);
    expect(notes.map((n) => [n.kind, n.params])).toEqual([
      ["studyVisit.cancelled", { program: "KRUS", date: "2026-12-08" }],
      ["studyVisit.moved", { program: "KRUS", date: "2026-12-08", start: "2026-12-09", time: "10:00" }],
    ]);
    expect(notes[0]!.link).toBe(`/programs/${w.programId}/study-visits`);
    // The one who made the change is not told about it.
    expect(await listNotifications(coordinator)).toEqual([]);
    const mails = await t.deps.db.selectFrom("outbox").select(["to_address", "subject", "body"]).execute();
    expect(mails.map((m) => m.to_address)).toEqual([w.users.officer.email, w.users.officer.email]);
    expect(mails.find((m) => m.subject.includes("flyttat"))!.body).toContain("9 december 2026 klockan 10:00");
    for (const m of mails) expect(m.body).not.toContain("Sixten");
  });
});
