import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { verifyAuditChain } from "./audit.ts";
import { recordConsent, withdrawConsent } from "./consents.ts";
import { enrol, enrolmentForm } from "./enrolments.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { listNotifications, markRead, unreadCount } from "./notifications.ts";
import { listOutbox } from "./outbox.ts";
import { createPerson } from "./people.ts";
import { announceFreePlace, endPlacement, moveToOrdinary, programPlaces } from "./places.ts";
import { enrolmentSchema } from "./schemas/intake.ts";

// Places, the waiting list, enrolment, notifications and the outbox, as the program's page, the enrolment
// form, the notifications page and the outbox page use them.

const HOUR = 3_600_000;

describeEachDatabase("places and enrolment", (flavour) => {
  let t: TestDatabase;
  let w: World;
  /** Placements by the person's first name. */
  const placed: Record<string, { placementId: string; personId: string; requestId: string; reference: string }> = {};
  const names = ["Ella", "Johansson", "Oscar", "Lindgren", "Alva", "Eriksson", "Stina", "Holmberg", "Kalle", "Nyström"];

  const placeCount = async (userId: string, kind: string) => (await t.deps.db.selectFrom("notifications").select("id").where("user_id", "=", userId).where("kind", "=", kind).execute()).length;

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    const db = t.deps.db;
    await db.updateTable("program_groups").set({ capacity: 1 }).where("program_id", "=", w.programId).where("kind", "=", "ordinary").execute();
    await db.updateTable("program_groups").set({ capacity: 2 }).where("program_id", "=", w.programId).where("kind", "=", "pre_group").execute();
    const coordinator = await w.ctx("coordinator");
    const stina = await createPerson(coordinator, { firstName: "Stina", lastName: "Holmberg", birthDate: "1990-04-04", sex: "female" });
    const kalle = await createPerson(coordinator, { firstName: "Kalle", lastName: "Nyström", birthDate: "2002-02-02", sex: "male" });
    const people = [
      { first: "Stina", id: stina.id, place: "ordinary", priority: 2, acceptedOn: "2026-08-01" },
      { first: "Oscar", id: w.people.oscar, place: "pre_group", priority: 2, acceptedOn: "2026-09-01" },
      { first: "Ella", id: w.people.ella, place: "pre_group", priority: 1, acceptedOn: "2026-10-20" },
      { first: "Alva", id: w.people.protectedAlva, place: "waiting", priority: 1, acceptedOn: "2026-09-15" },
      { first: "Kalle", id: kalle.id, place: "waiting", priority: 1, acceptedOn: "2026-10-20" },
    ] as const;
    for (const [i, p] of people.entries()) {
      const request = await db
        .insertInto("interest_requests")
        .values({ program_id: w.programId, person_id: p.id, author_id: w.users.officer.id, referring_authority_id: w.authorities.fk, status: "decided", decision: "accepted", income_source: "sickness_benefit" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const placement = await db
        .insertInto("placements")
        .values({ program_id: w.programId, person_id: p.id, request_id: request.id, accepted_on: p.acceptedOn, priority: p.priority, place: p.place, placed_at: new Date(Date.UTC(2026, 10, 1, 8, i)) })
        .returning("id")
        .executeTakeFirstOrThrow();
      const person = await db.selectFrom("people").select("reference").where("id", "=", p.id).executeTakeFirstOrThrow();
      placed[p.first] = { placementId: placement.id, personId: p.id, requestId: request.id, reference: person.reference };
    }
  });
  afterAll(() => t.close());

  it("shows the staff the waiting list in the order places are offered, with the waiting time so far", async () => {
    const places = await programPlaces(await w.ctx("coordinator"), w.programId);
    // Priority first (Alva, Ella, Kalle are 19-29), then the date of the decision, then who was placed first.
    expect(places.waitingList!.map((p) => p.personId)).toEqual([placed.Alva!.personId, placed.Ella!.personId, placed.Kalle!.personId, placed.Oscar!.personId]);
    expect(places.waitingList!.map((p) => [p.place, p.priority, p.daysWaited])).toEqual([
      ["waiting", 1, 69],
      ["pre_group", 1, 34],
      ["waiting", 1, 34],
      ["pre_group", 2, 83],
    ]);
    expect(places).toMatchObject({
      freePlaces: 0,
      longestWait: 83,
      canManage: true,
      enrolledCount: 0,
      today: "2026-11-23",
      groupNames: { ordinary: "Ordinarie grupp", preGroup: "Förgrupp" },
      load: { ordinaryCapacity: 1, ordinaryTaken: 1, preGroupCapacity: 2, preGroupTaken: 2, waiting: 2 },
      nextInLine: { personId: placed.Alva!.personId, name: "Alva Eriksson" },
    });
    expect(places.ordinary).toEqual([expect.objectContaining({ name: "Stina Holmberg", enrolled: false, coordinatorName: null, startDate: null, plannedEndDate: null })]);
    // Alva has protected identity: her own coordinator sees her name, the manager does not.
    const forManager = await programPlaces(await w.ctx("manager"), w.programId);
    expect(forManager.nextInLine).toMatchObject({ name: null, reference: placed.Alva!.reference });
    const audit = await t.deps.db.selectFrom("audit_events").select(["action", "details"]).where("action", "=", "places.view").execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it("gives the steering group and the team the numbers only, never names or references", async () => {
    for (const key of ["steering", "team"] as const) {
      const places = await programPlaces(await w.ctx(key), w.programId);
      expect(places).toMatchObject({ canManage: false, ordinary: null, waitingList: null, nextInLine: null, longestWait: 83, freePlaces: 0, load: { ordinaryTaken: 1, preGroupTaken: 2, waiting: 2 } });
      const text = JSON.stringify(places);
      for (const p of Object.values(placed)) expect(text).not.toContain(p.reference);
      for (const name of names) expect(text).not.toContain(name);
    }
    for (const key of ["officer", "volunteer", "therapist", "otherFederationAdmin"] as const) {
      await expect(programPlaces(await w.ctx(key), w.programId)).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(programPlaces(await w.ctx("coordinator"), "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    await expect(programPlaces(await w.ctx("coordinator"), "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("ends a place with a reason, tells the coordinators and the manager who is next, once", async () => {
    const coordinator = await w.ctx("coordinator");
    await expect(moveToOrdinary(coordinator, placed.Ella!.placementId)).rejects.toMatchObject({ formErrors: ["places.errors.noFreePlace"] });
    await expect(endPlacement(coordinator, placed.Stina!.placementId, { reason: "  " })).rejects.toMatchObject({ fieldErrors: { reason: ["errors.required"] } });
    await expect(endPlacement(await w.ctx("team"), placed.Stina!.placementId, { reason: "Flyttat" })).rejects.toBeInstanceOf(ForbiddenError);
    t.clock.advance(HOUR);
    await endPlacement(coordinator, placed.Stina!.placementId, { reason: "Personen har flyttat till Göteborg." });
    const row = await t.deps.db.selectFrom("placements").select(["ended_at", "end_reason"]).where("id", "=", placed.Stina!.placementId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ end_reason: "Personen har flyttat till Göteborg." });
    expect(row.ended_at).not.toBeNull();
    await expect(endPlacement(coordinator, placed.Stina!.placementId, { reason: "again" })).rejects.toBeInstanceOf(NotFoundError);

    for (const key of ["coordinator", "manager"] as const) {
      const news = (await listNotifications(await w.ctx(key))).filter((n) => n.kind === "place.free");
      expect(news).toEqual([expect.objectContaining({ params: { program: "KRUS", reference: placed.Alva!.reference }, link: `/programs/${w.programId}`, read: false })]);
    }
    expect(await placeCount(w.users.officer.id, "place.free")).toBe(0);
    // The same news again (a program's settings saved once more) is not repeated while it is unread...
    await t.deps.db.transaction().execute((tx) => announceFreePlace(tx, t.clock.now, t.deps.publicUrl, w.programId));
    expect(await placeCount(w.users.coordinator.id, "place.free")).toBe(1);
    // ...but is once it has been read.
    const id = (await listNotifications(coordinator)).find((n) => n.kind === "place.free")!.id;
    expect(await markRead(coordinator, id)).toBe(`/programs/${w.programId}`);
    await t.deps.db.transaction().execute((tx) => announceFreePlace(tx, t.clock.now, t.deps.publicUrl, w.programId));
    expect(await placeCount(w.users.coordinator.id, "place.free")).toBe(2);
    expect(await placeCount(w.users.manager.id, "place.free")).toBe(1);

    const places = await programPlaces(coordinator, w.programId);
    expect(places).toMatchObject({ freePlaces: 1, ordinary: [], nextInLine: { personId: placed.Alva!.personId } });
  });

  it("moves the next in line into the free place with one action", async () => {
    const coordinator = await w.ctx("coordinator");
    await expect(moveToOrdinary(await w.ctx("steering"), placed.Alva!.placementId)).rejects.toBeInstanceOf(ForbiddenError);
    await moveToOrdinary(coordinator, placed.Alva!.placementId);
    await expect(moveToOrdinary(coordinator, placed.Alva!.placementId)).rejects.toMatchObject({ formErrors: ["places.errors.alreadyOrdinary"] });
    const places = await programPlaces(coordinator, w.programId);
    expect(places).toMatchObject({ freePlaces: 0, load: { ordinaryTaken: 1, waiting: 1 }, nextInLine: { personId: placed.Ella!.personId } });
    expect(places.ordinary!.map((p) => [p.personId, p.enrolled])).toEqual([[placed.Alva!.personId, false]]);
    const audit = await t.deps.db.selectFrom("audit_events").select("details").where("action", "=", "placement.move").where("entity_id", "=", placed.Alva!.placementId).executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ from: "waiting", to: "ordinary" });
  });

  it("gives clear messages at the fields of the enrolment form, all at once", () => {
    const messages = (input: Record<string, unknown>) => {
      const result = enrolmentSchema.safeParse(input);
      return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(messages({})).toEqual({
      coordinatorId: "enrolment.errors.coordinator",
      startDate: "enrolment.errors.startDate",
      incomeSource: "enrolment.errors.incomeSource",
      educationLevel: "enrolment.errors.educationLevel",
      occupationAtStart: "enrolment.errors.occupationAtStart",
    });
    expect(messages({ startDate: "2026-13-01", firstMeetingPlace: "KRUS", therapistAccepted: "yes" })).toMatchObject({
      startDate: "errors.date",
      firstMeetingDate: "enrolment.errors.firstMeetingDateMissing",
      therapistAccepted: "enrolment.errors.acceptedNotOffered",
    });
    expect(messages({ firstMeetingDate: "2026-12-01", firstMeetingTime: "25:00" })).toMatchObject({ firstMeetingTime: "errors.time" });
    expect(messages({ firstMeetingDate: "2026-12-01" })).toMatchObject({ firstMeetingTime: "enrolment.errors.firstMeetingTimeMissing" });
    // "Not known yet" is fine without the offer; a complete form passes, and so does its own output (the service validates again).
    const complete = {
      coordinatorId: w.users.coordinator.id, startDate: " 2026-12-01 ", incomeSource: "sickness_benefit", educationLevel: "primary", occupationAtStart: "job_seeking",
      firstMeetingDate: "2026-12-01", firstMeetingTime: "10:00", therapistAccepted: "unknown",
    };
    expect(messages(complete)).toEqual({});
    const parsed = enrolmentSchema.parse({ ...complete, therapistOffered: "on", therapistAccepted: "no" });
    expect(parsed).toMatchObject({ startDate: "2026-12-01", therapistOffered: true, therapistAccepted: false });
    expect(enrolmentSchema.parse(parsed)).toEqual(parsed);
  });

  it("enrols with a coordinator, shows the planned end, and tells the coordinator and the referring officer", async () => {
    const manager = await w.ctx("manager");
    await t.deps.db.updateTable("programs").set({ planned_months: 6 }).where("id", "=", w.programId).execute();
    let form = await enrolmentForm(manager, placed.Alva!.placementId);
    expect(form).toMatchObject({
      programId: w.programId,
      place: "ordinary",
      name: null,
      reference: placed.Alva!.reference,
      plannedMonths: 6,
      incomeSource: "sickness_benefit",
      referrer: { name: "Test officer", authority: "Försäkringskassan" },
      enrolment: null,
      coordinators: [{ userId: w.users.coordinator.id, name: "Test coordinator", caseload: 0 }],
    });
    expect((await enrolmentForm(await w.ctx("coordinator"), placed.Alva!.placementId)).name).toBe("Alva Eriksson");
    await expect(enrolmentForm(await w.ctx("steering"), placed.Alva!.placementId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(enrolmentForm(manager, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.deps.db.selectFrom("audit_events").select("seq").where("action", "=", "enrolment.view").where("entity_id", "=", placed.Alva!.placementId).execute()).toHaveLength(2);

    // Someone in the pre-group cannot be enrolled yet.
    expect((await enrolmentForm(manager, placed.Ella!.placementId)).place).toBe("pre_group");
    const input = {
      coordinatorId: w.users.coordinator.id, startDate: "2026-12-31", incomeSource: "income_support", educationLevel: "upper_secondary_incomplete", occupationAtStart: "sick_leave",
      firstMeetingDate: "2027-01-04", firstMeetingTime: "10:00", firstMeetingPlace: "Hemma hos Alva Eriksson", therapistOffered: "on", therapistAccepted: "unknown",
    };
    await expect(enrol(manager, placed.Ella!.placementId, input)).rejects.toMatchObject({ formErrors: ["enrolment.errors.notInOrdinaryGroup"] });
    const refused = (await enrol(manager, placed.Alva!.placementId, { startDate: "", firstMeetingDate: "2027-01-04" }).catch((e: unknown) => e)) as ValidationError;
    expect(refused).toBeInstanceOf(ValidationError);
    expect(Object.keys(refused.fieldErrors).sort()).toEqual(["coordinatorId", "educationLevel", "firstMeetingTime", "incomeSource", "occupationAtStart", "startDate"]);

    t.clock.advance(HOUR);
    await enrol(manager, placed.Alva!.placementId, input);
    await expect(enrol(manager, placed.Alva!.placementId, input)).rejects.toMatchObject({ formErrors: ["enrolment.errors.alreadyEnrolled"] });
    form = await enrolmentForm(manager, placed.Alva!.placementId);
    // Six months after New Year's Eve is the last day of June.
    expect(form.enrolment).toMatchObject({
      coordinatorName: "Test coordinator", startDate: "2026-12-31", plannedEndDate: "2027-06-30", incomeSource: "income_support", educationLevel: "upper_secondary_incomplete", occupationAtStart: "sick_leave",
      firstMeeting: { date: "2027-01-04", time: "10:00", place: "Hemma hos Alva Eriksson" }, therapistOffered: true, therapistAccepted: null,
    });
    expect(form.coordinators[0]!.caseload).toBe(1);
    const places = await programPlaces(manager, w.programId);
    expect(places.ordinary![0]).toMatchObject({ enrolled: true, coordinatorName: "Test coordinator", startDate: "2026-12-31", plannedEndDate: "2027-06-30" });
    expect(places.enrolledCount).toBe(1);

    // The coordinator hears of the new participant; the officer who referred her of the first meeting.
    expect((await listNotifications(await w.ctx("coordinator"))).find((n) => n.kind === "participant.assigned")).toMatchObject({ params: { reference: placed.Alva!.reference, program: "KRUS", start: "2026-12-31" } });
    const officer = await w.ctx("officer");
    const meeting = (await listNotifications(officer)).find((n) => n.kind === "enrolment.first_meeting");
    expect(meeting).toMatchObject({ params: { reference: placed.Alva!.reference, program: "KRUS", date: "2027-01-04", time: "10:00" }, link: `/requests/${placed.Alva!.requestId}`, read: false });
    const mail = await t.deps.db.selectFrom("outbox").selectAll().where("notification_id", "=", meeting!.id).executeTakeFirstOrThrow();
    expect(mail.to_address).toBe(w.users.officer.email);
    expect(mail.subject).toBe(`Spelplan: Första mötet för ${placed.Alva!.reference} är bokat`);
    expect(mail.body).toContain("4 januari 2027 kl. 10:00");
    expect(mail.body).toContain(`https://spelplan.test/requests/${placed.Alva!.requestId}`);
    // What was typed about the meeting's place stays in Spelplan.
    expect(mail.body).not.toContain("Hemma hos");
  });

  it("does not tell the officer of a first meeting that was not booked, nor once consent no longer lets them see the person", async () => {
    const coordinator = await w.ctx("coordinator");
    await t.deps.db.updateTable("program_groups").set({ capacity: 3 }).where("program_id", "=", w.programId).where("kind", "=", "ordinary").execute();
    const before = await placeCount(w.users.officer.id, "enrolment.first_meeting");
    await moveToOrdinary(coordinator, placed.Ella!.placementId);
    await enrol(coordinator, placed.Ella!.placementId, { coordinatorId: w.users.coordinator.id, startDate: "2026-12-01", incomeSource: "sickness_benefit", educationLevel: "primary", occupationAtStart: "job_seeking" });
    // Oscar's consent covered FK and was withdrawn: only the program's own staff see him now.
    await recordConsent(coordinator, placed.Oscar!.personId, { authorityIds: [w.authorities.fk], purpose: "Bedömning", givenOn: "2026-11-01", validUntil: "2027-11-01", method: "recorded" });
    await withdrawConsent(coordinator, placed.Oscar!.personId, { note: "Ringde och återkallade." });
    await moveToOrdinary(coordinator, placed.Oscar!.placementId);
    await enrol(coordinator, placed.Oscar!.placementId, {
      coordinatorId: w.users.coordinator.id, startDate: "2026-12-01", incomeSource: "sickness_benefit", educationLevel: "primary", occupationAtStart: "job_seeking", firstMeetingDate: "2026-12-01", firstMeetingTime: "13:00",
    });
    expect(await placeCount(w.users.officer.id, "enrolment.first_meeting")).toBe(before);
    // The coordinator enrolled them to themself: no news to themself either.
    expect(await placeCount(w.users.coordinator.id, "participant.assigned")).toBe(1);
  });

  it("lists a user's own notifications newest first and marks them read, one or all", async () => {
    const officer = await w.ctx("officer");
    const list = await listNotifications(officer);
    expect(list.length).toBeGreaterThanOrEqual(2);
    const times = list.map((n) => n.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const unread = await unreadCount(t.deps.db, w.users.officer.id);
    expect(unread).toBe(list.filter((n) => !n.read).length);
    const first = list[0]!;
    await expect(markRead(await w.ctx("coordinator"), first.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(markRead(officer, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    expect(await markRead(officer, first.id)).toBe(first.link);
    expect((await listNotifications(officer)).find((n) => n.id === first.id)!.read).toBe(true);
    expect(await unreadCount(t.deps.db, w.users.officer.id)).toBe(unread - 1);
    expect(await markRead(officer, "all")).toBeNull();
    expect(await unreadCount(t.deps.db, w.users.officer.id)).toBe(0);
    // Someone else's notifications are untouched.
    expect(await unreadCount(t.deps.db, w.users.manager.id)).toBeGreaterThan(0);
  });

  it("shows administrators the outbox of their own federation, and the e-mails never name anyone", async () => {
    const all = await listOutbox(await w.ctx("installationAdmin"));
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(all.map((m) => m.createdAt.getTime())).toEqual(all.map((m) => m.createdAt.getTime()).sort((a, b) => b - a));
    expect(all[0]).toMatchObject({ sentAt: null, attempts: 0, lastError: null });
    expect((await listOutbox(await w.ctx("federationAdmin"))).map((m) => m.id).sort()).toEqual(all.map((m) => m.id).sort());
    expect(await listOutbox(await w.ctx("otherFederationAdmin"))).toEqual([]);
    for (const key of ["coordinator", "manager", "steering"] as const) {
      await expect(listOutbox(await w.ctx(key))).rejects.toBeInstanceOf(ForbiddenError);
    }
    // Neither the people in the register nor the recipients ("Test officer") are named in an e-mail.
    for (const mail of all) {
      for (const name of [...names, "Test "]) {
        expect(`${mail.subject}\n${mail.body}`, mail.subject).not.toContain(name);
      }
    }
  });

  it("keeps the audit chain intact through all of it", async () => {
    expect((await verifyAuditChain(t.deps.db)).problems).toEqual([]);
  });
});
