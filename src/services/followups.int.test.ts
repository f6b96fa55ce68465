import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { verifyAuditChain } from "./audit.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { cancelFollowUp, followUpPage, followUpsPage, holdFollowUp, remindFollowUps, scheduleFollowUp } from "./followups.ts";

// Follow-up meetings as the follow-up pages and the background job use them: booking with the next date
// proposed, documenting, cancelling, reminders (once, naming nobody), and who may do what.

const DAY = 86_400_000;

describeEachDatabase("follow-up meetings", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let enrolmentId: string;
  let contactId: string;
  let reference: string;

  /** An enrolment made directly in the tables: request by the FK officer, consent covering FK, an ordinary place. */
  async function enrolled(personId: string, startDate: string): Promise<string> {
    const at = new Date("2026-01-01T10:00:00Z");
    const { enrolmentId } = await enrolDirectly(t.deps, w, {
      personId,
      startDate,
      plannedEnd: "2027-09-01",
      incomeSource: "sickness_benefit",
      request: { accepted: true, incomeSource: "sickness_benefit" },
      placement: { placedAt: at },
      consent: { authorities: [w.authorities.fk], givenOn: "2026-01-01", validUntil: "2028-01-01", recordedAt: at },
    });
    return enrolmentId;
  }

  const kinds = async (userId: string, kind: string) =>
    (await t.deps.db.selectFrom("notifications").select(["id", "params", "link"]).where("user_id", "=", userId).where("kind", "=", kind).orderBy("created_at").execute());
  const mails = async (email: string) => (await t.deps.db.selectFrom("outbox").select(["subject", "body"]).where("to_address", "=", email).execute()).map((m) => `${m.subject}\n${m.body}`);

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    // Ella started on 1 September 2026: the first follow-up is due eight weeks later, 27 October.
    enrolmentId = await enrolled(w.people.ella, "2026-09-01");
    reference = (await t.deps.db.selectFrom("people").select("reference").where("id", "=", w.people.ella).executeTakeFirstOrThrow()).reference;
    contactId = (
      await t.deps.db
        .insertInto("network_contacts")
        .values({ person_id: w.people.ella, program_id: w.programId, kind: "health", name: "Vera Vård", organisation: "Vuxenpsykiatrin", role: "Kurator", created_by: w.users.coordinator.id, created_at: new Date(), updated_at: new Date() })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  it("proposes the next follow-up eight weeks after the start, books one with who takes part, and tells the referring officer", async () => {
    const coordinator = await w.ctx("coordinator");
    let page = await followUpsPage(coordinator, enrolmentId);
    expect(page.header).toMatchObject({ name: "Ella Johansson", reference, startDate: "2026-09-01", exitDate: null });
    expect(page.next).toEqual({ date: "2026-10-27", booked: false, state: "overdue" });
    // Gone by: the form proposes today instead.
    expect(page.proposedDate).toBe("2026-11-23");
    expect(page.candidates.map((c) => c.value)).toEqual(["participant", "coordinator", "referrer", `contact:${contactId}`]);
    expect(page.candidates[2]).toMatchObject({ kind: "case_officer", name: "Test officer", detail: "Försäkringskassan" });
    expect(page).toMatchObject({ canManage: true, canSchedule: true, coming: [], held: [] });

    await expect(scheduleFollowUp(coordinator, enrolmentId, { plannedDate: "2026-08-31", plannedTime: "10:00" })).rejects.toMatchObject({ fieldErrors: { plannedDate: ["followUps.errors.beforeStart"] } });
    await expect(scheduleFollowUp(coordinator, enrolmentId, { plannedDate: "2026-12-01" })).rejects.toMatchObject({ fieldErrors: { plannedTime: ["followUps.errors.time"] } });
    await expect(scheduleFollowUp(coordinator, enrolmentId, { plannedDate: "2026-12-01", plannedTime: "10:00", attendees: ["participant", "contact:7f0c1f9e-3c1a-4d1e-9a55-1c2b3d4e5f60"] })).rejects.toMatchObject({
      fieldErrors: { attendees: ["errors.invalid"] },
    });

    const { id } = await scheduleFollowUp(coordinator, enrolmentId, {
      plannedDate: "2026-12-01",
      plannedTime: "10:00",
      place: "Hemma hos Ella, Storgatan 5",
      attendees: ["participant", "coordinator", "referrer", `contact:${contactId}`],
      otherAttendees: "Mamma, Mamma",
    });
    page = await followUpsPage(coordinator, enrolmentId);
    expect(page.next).toEqual({ date: "2026-12-01", booked: true, state: "soon" });
    expect(page.coming).toHaveLength(1);
    expect(page.coming[0]).toMatchObject({ id, plannedDate: "2026-12-01", plannedTime: "10:00", status: "planned", remindedAt: null, due: "soon" });
    expect(page.coming[0]!.attendees.map((a) => [a.kind, a.name])).toEqual([
      ["participant", ""],
      ["coordinator", "Test coordinator"],
      ["case_officer", "Test officer"],
      ["network", "Vera Vård"],
      ["other", "Mamma"],
    ]);
    // The referring officer is told (the coordinator booked it herself); by reference, without the place.
    const told = await kinds(w.users.officer.id, "followUp.scheduled");
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ params: { reference, date: "2026-12-01", time: "10:00" }, link: `/enrolments/${enrolmentId}/follow-ups/${id}` });
    expect(await kinds(w.users.coordinator.id, "followUp.scheduled")).toHaveLength(0);
    const mail = (await mails(w.users.officer.email)).join("\n");
    expect(mail).toContain(reference);
    for (const secret of ["Ella", "Johansson", "Storgatan", "Vera"]) expect(mail).not.toContain(secret);
  });

  it("documents a held follow-up and proposes the next one eight weeks later", async () => {
    const coordinator = await w.ctx("coordinator");
    const { id } = await scheduleFollowUp(coordinator, enrolmentId, { plannedDate: "2026-11-20", plannedTime: "13:00", attendees: ["participant", "coordinator"] });
    const view = await followUpPage(coordinator, enrolmentId, id);
    expect(view.invited).toEqual({ choices: ["participant", "coordinator"], others: "" });
    await expect(holdFollowUp(coordinator, enrolmentId, id, { heldOn: "2026-11-24", attendees: ["participant"], notes: "x" })).rejects.toMatchObject({ fieldErrors: { heldOn: ["followUps.errors.inFuture"] } });
    await expect(holdFollowUp(coordinator, enrolmentId, id, { heldOn: "2026-11-20", notes: "x" })).rejects.toMatchObject({ fieldErrors: { attendees: ["followUps.errors.whoCame"] } });
    await holdFollowUp(coordinator, enrolmentId, id, { heldOn: "2026-11-20", attendees: ["participant", "coordinator"], otherAttendees: "Kim", notes: "Pratade om praktik på biblioteket." });
    const page = await followUpsPage(coordinator, enrolmentId);
    expect(page.held).toHaveLength(1);
    expect(page.held[0]).toMatchObject({ id, status: "held", heldOn: "2026-11-20", notes: "Pratade om praktik på biblioteket.", due: null });
    expect(page.held[0]!.attendees.map((a) => a.kind)).toEqual(["participant", "coordinator", "other"]);
    // The one booked for 1 December is still the next; without it, eight weeks after the one held.
    expect(page.next).toMatchObject({ date: "2026-12-01", booked: true });
    await expect(holdFollowUp(coordinator, enrolmentId, id, { heldOn: "2026-11-20", attendees: ["participant"], notes: "again" })).rejects.toMatchObject({ formErrors: ["followUps.errors.already.held"] });
  });

  it("cancels a planned follow-up and tells those who were told of it", async () => {
    const coordinator = await w.ctx("coordinator");
    const page = await followUpsPage(coordinator, enrolmentId);
    const id = page.coming[0]!.id;
    await cancelFollowUp(coordinator, enrolmentId, id, { note: "Ella är sjuk" });
    const after = await followUpsPage(coordinator, enrolmentId);
    expect(after.coming).toEqual([]);
    expect(after.cancelled).toMatchObject([{ id, status: "cancelled", notes: "Ella är sjuk" }]);
    expect(after.next).toEqual({ date: "2027-01-15", booked: false, state: "later" });
    expect(await kinds(w.users.officer.id, "followUp.cancelled")).toHaveLength(1);
    const mail = (await mails(w.users.officer.email)).join("\n");
    for (const secret of ["Ella", "Johansson", "sjuk"]) expect(mail).not.toContain(secret);
    await expect(cancelFollowUp(coordinator, enrolmentId, id, {})).rejects.toMatchObject({ formErrors: ["followUps.errors.already.cancelled"] });
    await expect(holdFollowUp(coordinator, enrolmentId, id, { heldOn: "2026-11-20", attendees: ["participant"], notes: "x" })).rejects.toMatchObject({ formErrors: ["followUps.errors.already.cancelled"] });
  });

  it("reminds the coordinator and the invited referring officer two days before, once, naming nobody", async () => {
    const coordinator = await w.ctx("coordinator");
    // Today is 23 November: one on the 25th (within two days), one on the 27th, one on the 25th without the officer.
    const soon = await scheduleFollowUp(coordinator, enrolmentId, { plannedDate: "2026-11-25", plannedTime: "09:00", place: "Hemma hos Ella", attendees: ["participant", "coordinator", "referrer"] });
    const later = await scheduleFollowUp(coordinator, enrolmentId, { plannedDate: "2026-11-27", plannedTime: "14:30", attendees: ["participant", "coordinator", "referrer"] });
    const staffOnly = await scheduleFollowUp(coordinator, enrolmentId, { plannedDate: "2026-11-25", plannedTime: "15:00", attendees: ["participant", "coordinator"] });
    const before = { coordinator: (await kinds(w.users.coordinator.id, "followUp.reminder")).length, officer: (await kinds(w.users.officer.id, "followUp.reminder")).length };
    expect(before).toEqual({ coordinator: 0, officer: 0 });

    expect(await remindFollowUps(t.deps)).toBe(2);
    const toCoordinator = await kinds(w.users.coordinator.id, "followUp.reminder");
    const toOfficer = await kinds(w.users.officer.id, "followUp.reminder");
    expect(toCoordinator.map((n) => n.link).sort()).toEqual([`/enrolments/${enrolmentId}/follow-ups/${soon.id}`, `/enrolments/${enrolmentId}/follow-ups/${staffOnly.id}`].sort());
    expect(toOfficer.map((n) => n.link)).toEqual([`/enrolments/${enrolmentId}/follow-ups/${soon.id}`]);
    expect(toOfficer[0]!.params).toEqual({ reference, program: "KRUS", date: "2026-11-25", time: "09:00" });
    // Once: a second run sends nothing more.
    expect(await remindFollowUps(t.deps)).toBe(0);
    expect(await kinds(w.users.coordinator.id, "followUp.reminder")).toHaveLength(2);
    const reminded = await t.deps.db.selectFrom("follow_ups").select(["id", "reminded_at"]).where("id", "in", [soon.id, later.id, staffOnly.id]).execute();
    expect(reminded.find((r) => r.id === soon.id)!.reminded_at).toEqual(t.clock.now);
    expect(reminded.find((r) => r.id === later.id)!.reminded_at).toBeNull();

    // The e-mails name nobody: the reference, the date and the time, never the name or the place.
    for (const email of [w.users.coordinator.email, w.users.officer.email]) {
      const reminders = (await mails(email)).filter((m) => m.includes("Påminnelse"));
      expect(reminders.length).toBeGreaterThan(0);
      for (const m of reminders) {
        expect(m).toContain(reference);
        expect(m).toContain("25 november 2026");
        for (const secret of ["Ella", "Johansson", "Hemma"]) expect(m).not.toContain(secret);
      }
    }

    // Two days later the one on the 27th comes up; a cancelled one never does.
    t.clock.advance(2 * DAY);
    const cancelledLater = await scheduleFollowUp(coordinator, enrolmentId, { plannedDate: "2026-11-26", plannedTime: "10:00", attendees: ["coordinator"] });
    await cancelFollowUp(coordinator, enrolmentId, cancelledLater.id, {});
    expect(await remindFollowUps(t.deps)).toBe(1);
    expect((await kinds(w.users.officer.id, "followUp.reminder")).map((n) => n.link)).toContain(`/enrolments/${enrolmentId}/follow-ups/${later.id}`);
    expect(await remindFollowUps(t.deps, { daysBefore: 7 })).toBe(0);
    t.clock.set(new Date("2026-11-23T09:00:00Z"));
  });

  it("tells the referring officer nothing once consent no longer lets them see the person", async () => {
    const coordinator = await w.ctx("coordinator");
    await t.deps.db.updateTable("consents").set({ ended_at: new Date(), end_reason: "withdrawn" }).where("person_id", "=", w.people.ella).execute();
    const before = (await kinds(w.users.officer.id, "followUp.scheduled")).length;
    const { id } = await scheduleFollowUp(coordinator, enrolmentId, { plannedDate: "2026-12-10", plannedTime: "10:00", attendees: ["participant", "coordinator", "referrer"] });
    expect(await kinds(w.users.officer.id, "followUp.scheduled")).toHaveLength(before);
    await expect(followUpsPage(await w.ctx("officer"), enrolmentId)).rejects.toBeInstanceOf(NotFoundError);
    await cancelFollowUp(coordinator, enrolmentId, id, {});
    await t.deps.db.updateTable("consents").set({ ended_at: null, end_reason: null }).where("person_id", "=", w.people.ella).execute();
  });

  it("lets the coordinator and manager manage, the consented case officer and the therapist read, and hides the journey from others", async () => {
    const officer = await w.ctx("officer");
    const page = await followUpsPage(officer, enrolmentId);
    expect(page).toMatchObject({ canManage: false, canSchedule: false });
    const any = page.held[0]!.id;
    expect((await followUpPage(officer, enrolmentId, any)).canManage).toBe(false);
    await expect(scheduleFollowUp(officer, enrolmentId, { plannedDate: "2026-12-10", plannedTime: "10:00" })).rejects.toBeInstanceOf(ForbiddenError);
    const therapist = await w.ctx("therapist");
    expect((await followUpsPage(therapist, enrolmentId)).canManage).toBe(false);
    await expect(scheduleFollowUp(therapist, enrolmentId, { plannedDate: "2026-12-10", plannedTime: "10:00" })).rejects.toBeInstanceOf(ForbiddenError);
    const manager = await w.ctx("manager");
    const booked = await scheduleFollowUp(manager, enrolmentId, { plannedDate: "2026-12-10", plannedTime: "10:00", attendees: ["participant"] });
    await cancelFollowUp(manager, enrolmentId, booked.id, { note: "Dubbelbokat" });
    for (const who of ["team", "officerOtherProgram", "volunteer", "steering", "participant", "noRole", "federationAdmin"] as const) {
      const ctx = await w.ctx(who);
      await expect(followUpsPage(ctx, enrolmentId), who).rejects.toBeInstanceOf(NotFoundError);
      await expect(followUpPage(ctx, enrolmentId, any), who).rejects.toBeInstanceOf(NotFoundError);
      await expect(scheduleFollowUp(ctx, enrolmentId, { plannedDate: "2026-12-10", plannedTime: "10:00" }), who).rejects.toBeInstanceOf(NotFoundError);
    }
    // A follow-up of another enrolment, or no follow-up at all: not found.
    const other = await enrolled(w.people.oscar, "2026-10-01");
    await expect(followUpPage(await w.ctx("coordinator"), other, any)).rejects.toBeInstanceOf(NotFoundError);
    await expect(holdFollowUp(await w.ctx("coordinator"), other, any, { heldOn: "2026-11-20", attendees: ["participant"], notes: "x" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(followUpPage(await w.ctx("coordinator"), enrolmentId, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(followUpsPage(await w.ctx("coordinator"), randomUuid())).rejects.toBeInstanceOf(NotFoundError);
    await expect(scheduleFollowUp(await w.ctx("coordinator"), enrolmentId, { plannedDate: "2026-13-01", plannedTime: "10:00" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("audits every view and change of the follow-ups, and the chain holds", async () => {
    const events = await t.deps.db.selectFrom("audit_events").select(["action", "actor_role", "details"]).where("person_id", "=", w.people.ella).where("action", "like", "followUp.%").execute();
    const actions = new Set(events.map((e) => e.action));
    expect([...actions].sort()).toEqual(["followUp.cancel", "followUp.hold", "followUp.schedule", "followUp.view"]);
    expect(events.filter((e) => e.action === "followUp.view").map((e) => e.actor_role)).toEqual(expect.arrayContaining(["coordinator", "case_officer", "therapist"]));
    // Details carry kinds and dates, never what was typed.
    expect(JSON.stringify(events.map((e) => e.details))).not.toMatch(/Storgatan|Mamma|praktik|sjuk/);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
});

function randomUuid(): string {
  const h = randomBytes(16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
