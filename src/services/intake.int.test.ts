import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { recordConsent, withdrawConsent } from "./consents.ts";
import { adviseConsultation, assessRequest, getMeeting, listMeetings, moveAgendaItem, recordAttendance, setMeetingSettings, setMeetingStatus } from "./meetings.ts";
import { createConsultation, getConsultation, listConsultations } from "./consultations.ts";
import { enrol, enrolmentForm, personPlacement } from "./enrolments.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { listNotifications } from "./notifications.ts";
import { updateProgram } from "./organisations.ts";
import { getPerson, createPerson } from "./people.ts";
import { endPlacement, moveToOrdinary, programPlaces } from "./places.ts";
import { createRequest, getRequest, listRequests, submitRequest, updateDraft, withdrawRequest } from "./requests.ts";
import { bookStudyVisit, getBooking, listSlots, setSlotException, setStudyVisitSchedule } from "./study-visits.ts";
import { verifyAuditChain } from "./audit.ts";

// The intake path as the services run it: study visit, request with consent, the team's meeting, a place,
// the waiting list, enrolment; and what consent withdrawal does at once.

const draft = (w: World, extra: Record<string, unknown> = {}) => ({
  incomeSource: "activity_compensation",
  activeAt: [
    { authorityId: w.authorities.fk, active: "on", contactName: "Anders Lund", contactDetails: "010-123 45 67" },
    { authorityId: w.authorities.region, active: "on", contactName: "Vuxenpsykiatrin", contactDetails: "" },
    { authorityId: w.authorities.af, contactName: "not active here" },
  ],
  situation: "Har varit sjukskriven i två år efter en depression.",
  triedBefore: "Arbetsträning via AF hösten 2025.",
  whyNotEnough: "Behövde mer stöd än en praktikplats kunde ge.",
  goals: "Börja studera på Komvux.",
  motivation: "Vill komma ut bland folk igen.",
  health: "Sover dåligt, ångest i grupp.",
  ...extra,
});

const consent = (w: World, authorities: string[] = [w.authorities.fk, w.authorities.af]) => ({
  authorityIds: authorities,
  purpose: "Bedömning av och deltagande i KRUS",
  givenOn: "2026-11-20",
  validUntil: "2028-11-20",
  method: "recorded",
});

describeEachDatabase("intake", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let meetingId: string;
  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    // Monday 2026-11-23 (ISO week 48). The team meets on Wednesdays every three weeks from 2026-11-25.
    await setMeetingSettings(await w.ctx("coordinator"), w.programId, { anchor: "2026-11-25", intervalWeeks: "3", startTime: "13:00", durationMinutes: "120", location: "Storgatan 1" });
    await setStudyVisitSchedule(await w.ctx("coordinator"), w.programId, { weekday: "2", weeks: "even", startTime: "13:00", endTime: "14:00", capacity: "2", location: "KRUS, Storgatan 1" });
    meetingId = (await listMeetings(await w.ctx("coordinator"), w.programId)).upcoming[0]!.id;
  });
  afterAll(() => t.close());

  it("plans the team's meetings by the cadence, every three weeks", async () => {
    const meetings = await listMeetings(await w.ctx("team"), w.programId);
    expect(meetings.upcoming.slice(0, 4).map((m) => m.date)).toEqual(["2026-11-25", "2026-12-16", "2027-01-06", "2027-01-27"]);
    expect(meetings.upcoming[0]).toMatchObject({ startTime: "13:00", endTime: "15:00", location: "Storgatan 1" });
    await expect(listMeetings(await w.ctx("officer"), w.programId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setMeetingSettings(await w.ctx("team"), w.programId, { anchor: "2026-11-25", intervalWeeks: "3", startTime: "13:00", durationMinutes: "120" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("offers study-visit slots on Tuesdays of even weeks, books visitors up to capacity, and lets a slot be cancelled", async () => {
    const officer = await w.ctx("officer");
    const { slots } = await listSlots(officer, w.programId, 6);
    expect(slots.map((s) => s.originalDate)).toEqual(["2026-11-24", "2026-12-08", "2026-12-22"]);
    const booking = await bookStudyVisit(officer, w.programId, { slotDate: "2026-11-24", visitorName: "E. J.", note: "Kommer med buss" });
    await bookStudyVisit(await w.ctx("coordinator"), w.programId, { slotDate: "2026-11-24", visitorName: "Kim" });
    await expect(bookStudyVisit(officer, w.programId, { slotDate: "2026-11-24", visitorName: "Third" })).rejects.toMatchObject({ fieldErrors: { slotDate: ["studyVisit.errors.full"] } });
    await expect(bookStudyVisit(officer, w.programId, { slotDate: "2026-11-25", visitorName: "X" })).rejects.toMatchObject({ fieldErrors: { slotDate: ["studyVisit.errors.noSuchSlot"] } });
    // The officer sees their own booking; the program's staff see all.
    const forOfficer = (await listSlots(officer, w.programId, 1)).slots[0]!;
    expect(forOfficer).toMatchObject({ booked: 2, bookable: false });
    expect(forOfficer.bookings.map((b) => b.visitorName)).toEqual(["E. J."]);
    expect((await listSlots(await w.ctx("coordinator"), w.programId, 1)).slots[0]!.bookings).toHaveLength(2);
    expect(await getBooking(officer, booking.id)).toMatchObject({ visitorName: "E. J.", accompanyingName: "Test officer" });
    await expect(getBooking(await w.ctx("officerOtherProgram"), booking.id)).rejects.toBeInstanceOf(NotFoundError);
    // Christmas: the slot of 22 December is cancelled, the one of 8 December moved to Wednesday.
    const coordinator = await w.ctx("coordinator");
    await setSlotException(coordinator, w.programId, "2026-12-22", { action: "cancel", note: "Jul" });
    await setSlotException(coordinator, w.programId, "2026-12-08", { action: "move", movedDate: "2026-12-09", movedStart: "10:00", movedEnd: "11:00" });
    const after = (await listSlots(officer, w.programId, 6)).slots;
    expect(after.map((s) => [s.originalDate, s.status, s.date])).toEqual([
      ["2026-11-24", "scheduled", "2026-11-24"],
      ["2026-12-08", "moved", "2026-12-09"],
      ["2026-12-22", "cancelled", "2026-12-22"],
    ]);
    await expect(bookStudyVisit(officer, w.programId, { slotDate: "2026-12-22", visitorName: "X" })).rejects.toBeInstanceOf(ValidationError);
    await expect(setSlotException(officer, w.programId, "2026-12-08", { action: "restore" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("takes a request from draft to the team's agenda only with a complete form and a valid consent", async () => {
    const officer = await w.ctx("officer");
    const person = await createPerson(officer, { firstName: "Nora", lastName: "Sandberg", birthDate: "2003-05-17", sex: "female" });
    const booking = (await listSlots(officer, w.programId, 1)).slots[0]!.bookings[0]!;
    const { id } = await createRequest(officer, { programId: w.programId, personId: person.id, bookingId: booking.id });
    expect((await getBooking(officer, booking.id)).requestId).toBe(id);
    await expect(createRequest(officer, { programId: w.programId, personId: person.id })).rejects.toMatchObject({ code: "request_exists", details: { requestId: id } });

    let view = await getRequest(officer, id);
    expect(view).toMatchObject({ status: "draft", consent: { status: "none" }, permissions: { edit: true, submit: true, withdraw: true, recordConsent: true } });
    // An incomplete draft is saved as it is, but cannot be submitted.
    const saved = await updateDraft(officer, id, { situation: "Bara början", version: view.version });
    const refused = (await submitRequest(officer, id).catch((e: unknown) => e)) as ValidationError;
    expect(refused).toBeInstanceOf(ValidationError);
    expect(Object.keys(refused.fieldErrors).sort()).toEqual(["activeAt", "goals", "incomeSource", "motivation", "triedBefore", "whyNotEnough"]);
    expect(refused.formErrors).toEqual(["request.errors.consentMissing"]);
    await expect(updateDraft(officer, id, { ...draft(w), version: view.version })).rejects.toMatchObject({ code: "stale_version" });
    await updateDraft(officer, id, { ...draft(w), version: saved.version });
    view = await getRequest(officer, id);
    expect(view.content?.activeAt.map((a) => a.authorityName).sort()).toEqual(["Försäkringskassan", "Region Kalmar län"]);
    expect(view.eligibility).toMatchObject({ age: 23, priority: 1, meetsAll: true });
    // Consent that does not cover the referring authority is not enough either.
    await recordConsent(officer, person.id, { ...consent(w, [w.authorities.af]), requestId: id });
    await expect(submitRequest(officer, id)).rejects.toMatchObject({ formErrors: ["request.errors.consentNotReferrer"] });
    await recordConsent(officer, person.id, { ...consent(w), requestId: id });
    const { meetingId: onAgenda } = await submitRequest(officer, id);
    expect(onAgenda).toBe(meetingId);
    view = await getRequest(officer, id);
    expect(view).toMatchObject({ status: "submitted", meeting: { id: meetingId, date: "2026-11-25" }, consent: { status: "given" }, permissions: { edit: false } });
    await expect(updateDraft(officer, id, { situation: "x" })).rejects.toMatchObject({ formErrors: ["request.errors.notEditable"] });
  });

  it("lets a signed consent form be required as a file", async () => {
    const officer = await w.ctx("officer");
    const error = (await recordConsent(officer, w.people.ella, { ...consent(w), method: "signed_form" }).catch((e: unknown) => e)) as ValidationError;
    expect(error.fieldErrors).toEqual({ file: ["consent.errors.fileRequired"] });
    const wrongType = (await recordConsent(officer, w.people.ella, { ...consent(w), method: "signed_form" }, { name: "x.exe", type: "application/x-msdownload", bytes: new Uint8Array([1]) }).catch((e: unknown) => e)) as ValidationError;
    expect(wrongType.fieldErrors).toEqual({ file: ["consent.errors.fileType"] });
    await expect(recordConsent(officer, w.people.ella, { ...consent(w), givenOn: "2026-12-01" })).rejects.toMatchObject({ fieldErrors: { givenOn: ["consent.errors.givenInFuture"] } });
    await expect(recordConsent(officer, w.people.ella, { ...consent(w), validUntil: "2026-01-01" })).rejects.toMatchObject({ fieldErrors: { validUntil: ["consent.errors.untilBeforeGiven"] } });
    await expect(recordConsent(await w.ctx("officerOtherProgram"), w.people.ella, consent(w))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("shows the team what consent allows: the person for covered authorities, a closed item for the others", async () => {
    const meeting = await getMeeting(await w.ctx("team"), meetingId);
    const item = meeting.agenda.find((i) => i.kind === "request")!;
    expect(item).toMatchObject({ hidden: false, personName: "Nora Sandberg", authority: "Försäkringskassan" });
    expect(meeting.attendance.map((a) => a.name)).toEqual(["Test team"]);
    // A team member from an authority the consent does not cover sees that there is an item, no more.
    await t.deps.db.updateTable("role_assignments").set({ authority_id: w.authorities.region }).where("user_id", "=", w.users.team.id).execute();
    const closed = (await getMeeting(await w.ctx("team"), meetingId)).agenda.find((i) => i.kind === "request")!;
    expect(closed).toMatchObject({ hidden: true, personName: null, referrer: null, eligibility: null });
    await t.deps.db.updateTable("role_assignments").set({ authority_id: w.authorities.af }).where("user_id", "=", w.users.team.id).execute();
    await expect(getMeeting(await w.ctx("steering"), meetingId)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("accepts into the pre-group when the group is full; a free place is announced; moving and enrolling follow", async () => {
    await t.deps.db.updateTable("program_groups").set({ capacity: 0 }).where("program_id", "=", w.programId).where("kind", "=", "ordinary").execute();
    const team = await w.ctx("team");
    await recordAttendance(team, meetingId, { present: [w.users.team.id] });
    const item = (await getMeeting(team, meetingId)).agenda.find((i) => i.kind === "request")!;
    await expect(assessRequest(team, item.id, { ownOptionsTried: "yes", ableWithSupport: "yes", wantsToTakePart: "yes", outcome: "not_ready" })).rejects.toMatchObject({ fieldErrors: { recommendation: ["meeting.errors.recommendationRequired"] } });
    const result = await assessRequest(team, item.id, { ownOptionsTried: "yes", ableWithSupport: "yes", wantsToTakePart: "yes", outcome: "accept" });
    expect(result).toEqual({ outcome: "accept", place: "pre_group" });
    const officer = await w.ctx("officer");
    expect(await getRequest(officer, item.requestId!)).toMatchObject({ status: "decided", decision: "accepted", place: "pre_group" });
    expect((await listNotifications(officer)).find((n) => n.kind === "request.decided")).toMatchObject({ link: `/requests/${item.requestId}` });
    const mail = await t.deps.db.selectFrom("outbox").selectAll().where("to_address", "=", w.users.officer.email).executeTakeFirstOrThrow();
    expect(mail.body).toContain("https://spelplan.test/requests/");
    expect(mail.body).not.toContain("Nora");
    expect(mail.subject).not.toContain("Nora");

    const coordinator = await w.ctx("coordinator");
    let places = await programPlaces(coordinator, w.programId);
    expect(places).toMatchObject({ freePlaces: 0, load: { ordinaryCapacity: 0, preGroupTaken: 1 } });
    const waiting = places.waitingList![0]!;
    expect(waiting).toMatchObject({ name: "Nora Sandberg", place: "pre_group", priority: 1 });
    await expect(moveToOrdinary(coordinator, waiting.placementId)).rejects.toMatchObject({ formErrors: ["places.errors.noFreePlace"] });
    // The steering group sees the numbers only.
    expect(await programPlaces(await w.ctx("steering"), w.programId)).toMatchObject({ ordinary: null, waitingList: null, load: { preGroupTaken: 1 } });
    await expect(programPlaces(await w.ctx("officer"), w.programId)).rejects.toBeInstanceOf(ForbiddenError);

    // A place frees up: the coordinators are told who is next.
    await updateProgram(await w.ctx("federationAdmin"), w.programId, {
      name: "KRUS", ownerAuthorityId: w.authorities.soc, active: "on", ordinaryGroupName: "Ordinarie grupp", ordinaryCapacity: "1", preGroupName: "Förgrupp", preGroupCapacity: "10",
    });
    const reference = (await getPerson(coordinator, waiting.personId)).reference;
    expect((await listNotifications(coordinator)).find((n) => n.kind === "place.free")).toMatchObject({ params: { reference, program: "KRUS" } });
    await moveToOrdinary(coordinator, waiting.placementId);
    places = await programPlaces(coordinator, w.programId);
    expect(places.ordinary!.map((p) => p.personId)).toEqual([waiting.personId]);
    expect(places.freePlaces).toBe(0);

    const form = await enrolmentForm(coordinator, waiting.placementId);
    expect(form.coordinators).toEqual([{ userId: w.users.coordinator.id, name: "Test coordinator", caseload: 0 }]);
    expect(form.incomeSource).toBe("activity_compensation");
    await expect(enrol(coordinator, waiting.placementId, { coordinatorId: w.users.officer.id, startDate: "2026-12-01", incomeSource: "activity_compensation", educationLevel: "upper_secondary", occupationAtStart: "job_seeking" })).rejects.toMatchObject({ fieldErrors: { coordinatorId: ["errors.choose"] } });
    await enrol(coordinator, waiting.placementId, {
      coordinatorId: w.users.coordinator.id, startDate: "2026-12-01", incomeSource: "activity_compensation", educationLevel: "upper_secondary", occupationAtStart: "job_seeking",
      firstMeetingDate: "2026-12-01", firstMeetingTime: "10:00", firstMeetingPlace: "KRUS", therapistOffered: "on", therapistAccepted: "yes",
    });
    const enrolment = await t.deps.db.selectFrom("enrolments").selectAll().where("placement_id", "=", waiting.placementId).executeTakeFirstOrThrow();
    expect(enrolment).toMatchObject({ planned_end_date: "2027-12-01", therapist_offered: true, therapist_accepted: true });
    expect((await enrolmentForm(coordinator, waiting.placementId)).coordinators[0]!.caseload).toBe(1);
    expect(await getRequest(officer, item.requestId!)).toMatchObject({
      place: "enrolled",
      enrolment: { coordinatorName: "Test coordinator", startDate: "2026-12-01", plannedEndDate: "2027-12-01", firstMeetingDate: "2026-12-01", firstMeetingTime: "10:00", firstMeetingPlace: "KRUS" },
    });
    // The person's page shows the place and the enrolment to those who see the person, and records the read.
    expect(await personPlacement(officer, waiting.personId)).toMatchObject({
      place: "ordinary",
      canManage: false,
      consentGone: false,
      enrolment: { coordinatorName: "Test coordinator", therapistOffered: true, therapistAccepted: true },
    });
    expect((await personPlacement(coordinator, waiting.personId))!.canManage).toBe(true);
    await expect(personPlacement(await w.ctx("officerOtherProgram"), waiting.personId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(personPlacement(await w.ctx("steering"), waiting.personId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await personPlacement(coordinator, w.people.oscar)).toBeNull();
    const read = await t.deps.db.selectFrom("audit_events").select("actor_user_id").where("action", "=", "placement.view").where("person_id", "=", waiting.personId).execute();
    expect(read.map((r) => r.actor_user_id)).toEqual(expect.arrayContaining([w.users.officer.id, w.users.coordinator.id]));
    // Only the person's requests when asked for one person.
    expect((await listRequests(officer, { personId: waiting.personId })).map((r) => r.id)).toEqual([item.requestId]);
    expect(await listRequests(officer, { personId: "not-a-uuid" })).toEqual([]);
    await expect(endPlacement(coordinator, waiting.placementId, { reason: "x" })).rejects.toMatchObject({ formErrors: ["places.errors.enrolled"] });
  });

  it("sends a 'not ready' decision back with the team's recommendation, and postpones with a reason", async () => {
    const officer = await w.ctx("officer");
    const a = await createPerson(officer, { firstName: "Oskar", lastName: "Berg", birthDate: "1990-02-02", sex: "male" });
    const b = await createPerson(officer, { firstName: "Pia", lastName: "Lund", birthDate: "1999-09-09", sex: "female" });
    const ids: string[] = [];
    for (const p of [a, b]) {
      const { id } = await createRequest(officer, { programId: w.programId, personId: p.id });
      await updateDraft(officer, id, draft(w));
      await recordConsent(officer, p.id, consent(w));
      await submitRequest(officer, id);
      ids.push(id);
    }
    const coordinator = await w.ctx("coordinator");
    const agenda = (await getMeeting(coordinator, meetingId)).agenda.filter((i) => i.kind === "request" && i.status === "submitted");
    expect(agenda.map((i) => i.requestId)).toEqual(ids);
    // Items can be moved.
    await moveAgendaItem(coordinator, agenda[1]!.id, "up");
    expect((await getMeeting(coordinator, meetingId)).agenda.filter((i) => i.status === "submitted").map((i) => i.requestId)).toEqual([ids[1], ids[0]]);
    await assessRequest(coordinator, agenda[0]!.id, {
      ownOptionsTried: "no", ableWithSupport: "unknown", wantsToTakePart: "yes", outcome: "not_ready",
      recommendation: "Pröva först arbetsträning via Arbetsförmedlingens ordinarie insatser.",
    });
    const notReady = await getRequest(officer, ids[0]!);
    expect(notReady).toMatchObject({ status: "decided", decision: "not_ready", recommendation: "Pröva först arbetsträning via Arbetsförmedlingens ordinarie insatser." });
    expect((await listNotifications(officer)).map((n) => n.kind)).toContain("request.not_ready");
    await assessRequest(coordinator, agenda[1]!.id, { ownOptionsTried: "yes", ableWithSupport: "yes", wantsToTakePart: "unknown", outcome: "postpone", postponeReason: "Personen vill tänka över saken." });
    const postponed = await getRequest(officer, ids[1]!);
    expect(postponed).toMatchObject({ status: "submitted", meeting: { date: "2026-12-16" } });
    expect((await listNotifications(officer)).find((n) => n.kind === "request.postponed")).toMatchObject({ params: { date: "2026-12-16" } });
    // The meeting is held; the officer's list shows where each request stands.
    await setMeetingStatus(coordinator, meetingId, "held");
    const mine = await listRequests(officer, { mine: true });
    expect(mine.map((r) => [r.personName, r.status, r.decision, r.meetingDate]).sort()).toEqual([
      ["Nora Sandberg", "decided", "accepted", null],
      ["Oskar Berg", "decided", "not_ready", null],
      ["Pia Lund", "submitted", null, "2026-12-16"],
    ]);
  });

  it("hides the person from the member authorities the moment consent is withdrawn", async () => {
    const officer = await w.ctx("officer");
    const mine = await listRequests(officer, { mine: true });
    const pia = mine.find((r) => r.personName === "Pia Lund")!;
    const view = await getRequest(officer, pia.id);
    const personId = view.person!.id;
    await withdrawConsent(officer, personId, { note: "Personen ringde och återkallade." });
    await expect(getPerson(officer, personId)).rejects.toBeInstanceOf(NotFoundError);
    const after = await getRequest(officer, pia.id);
    expect(after).toMatchObject({ status: "submitted", content: null, person: null, consent: { status: "withdrawn" } });
    expect((await listRequests(officer, { mine: true })).find((r) => r.id === pia.id)).toMatchObject({ personName: null, status: "submitted" });
    // The team's next meeting shows a closed item; the program's own staff still see everything.
    const next = (await listMeetings(await w.ctx("coordinator"), w.programId)).upcoming[0]!;
    expect((await getMeeting(await w.ctx("team"), next.id)).agenda.find((i) => i.requestId === pia.id)).toMatchObject({ hidden: true });
    expect((await getRequest(await w.ctx("coordinator"), pia.id)).content).not.toBeNull();
    expect(await getPerson(await w.ctx("coordinator"), personId)).toMatchObject({ firstName: "Pia" });
    // The team can no longer decide on it; the coordinators were told.
    const item = (await getMeeting(await w.ctx("team"), next.id)).agenda.find((i) => i.requestId === pia.id)!;
    await expect(assessRequest(await w.ctx("team"), item.id, { ownOptionsTried: "yes", ableWithSupport: "yes", wantsToTakePart: "yes", outcome: "accept" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await listNotifications(await w.ctx("coordinator"))).map((n) => n.kind)).toContain("consent.withdrawn");
    // The officer can still withdraw the request itself.
    await withdrawRequest(officer, pia.id, { reason: "Samtycket återkallat" });
    expect((await getMeeting(await w.ctx("coordinator"), next.id)).agenda.find((i) => i.requestId === pia.id)).toBeUndefined();
  });

  it("takes consultations without names to the team and returns the advice", async () => {
    const officer = await w.ctx("officer");
    await expect(createConsultation(officer, { programId: w.programId, ageBand: "19_24", sex: "female", situation: "", question: "?" })).rejects.toMatchObject({ fieldErrors: { situation: ["errors.required"] } });
    const { id } = await createConsultation(officer, { programId: w.programId, ageBand: "19_24", sex: "female", situation: "Ung kvinna med social fobi, försörjningsstöd.", question: "Är KRUS rätt, eller först psykiatrin?" });
    const next = (await listMeetings(await w.ctx("coordinator"), w.programId)).upcoming[0]!;
    const item = (await getMeeting(await w.ctx("team"), next.id)).agenda.find((i) => i.consultationId === id)!;
    expect(item).toMatchObject({ kind: "consultation", hidden: false, consultation: { ageBand: "19_24", question: "Är KRUS rätt, eller först psykiatrin?" } });
    await adviseConsultation(await w.ctx("team"), item.id, { advice: "Börja med ett studiebesök; kontakta psykiatrin parallellt." });
    expect(await getConsultation(officer, id)).toMatchObject({ status: "answered", advice: "Börja med ett studiebesök; kontakta psykiatrin parallellt." });
    expect((await listNotifications(officer)).map((n) => n.kind)).toContain("consultation.answered");
    await expect(getConsultation(await w.ctx("officerOtherProgram"), id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listConsultations(await w.ctx("team"))).map((c) => c.id)).toContain(id);
  });

  it("orders the waiting list by priority, then date of decision", async () => {
    const coordinator = await w.ctx("coordinator");
    await t.deps.db.updateTable("placements").set({ ended_at: new Date() }).where("program_id", "=", w.programId).where("place", "<>", "ordinary").execute();
    const requestFor = async (personId: string) =>
      (await t.deps.db.insertInto("interest_requests").values({ program_id: w.programId, person_id: personId, author_id: w.users.officer.id, referring_authority_id: w.authorities.fk, status: "decided", decision: "accepted" }).returning("id").executeTakeFirstOrThrow()).id;
    const people = [
      { id: w.people.oscar, priority: 2, acceptedOn: "2026-09-01" },
      { id: w.people.ella, priority: 1, acceptedOn: "2026-10-20" },
      { id: w.people.protectedAlva, priority: 1, acceptedOn: "2026-09-15" },
    ];
    for (const p of people) {
      await t.deps.db.insertInto("placements").values({ program_id: w.programId, person_id: p.id, request_id: await requestFor(p.id), accepted_on: p.acceptedOn, priority: p.priority, place: "pre_group", placed_at: new Date() }).execute();
    }
    const list = (await programPlaces(coordinator, w.programId)).waitingList!;
    expect(list.map((p) => p.personId)).toEqual([w.people.protectedAlva, w.people.ella, w.people.oscar]);
    expect(list.map((p) => p.daysWaited)).toEqual([69, 34, 83]);
    // Protected identity stays masked for staff who do not work with the person.
    expect((await programPlaces(await w.ctx("manager"), w.programId)).waitingList![0]).toMatchObject({ name: null });
  });

  it("keeps the audit chain intact through all of it", async () => {
    expect((await verifyAuditChain(t.deps.db)).problems).toEqual([]);
  });
});
