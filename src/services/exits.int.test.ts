import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { verifyAuditChain } from "./audit.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { answerNinetyDay, endPassivePhase, exitPage, ninetyDayDueList, recordExit, startPassivePhase } from "./exits.ts";
import { followUpsPage, scheduleFollowUp } from "./followups.ts";
import { programPlaces } from "./places.ts";

// The exit as the exit page uses it: the rule that "according to plan" needs an accepted final plan, what
// the exit ends (enrolment, place) and starts (the 90-day follow-up), the free place announced, the passive
// phase, the 90-day follow-up coming due and answered, and who may do what.

const TODAY = new Date("2026-11-23T09:00:00Z");
const DAY = 86_400_000;

describeEachDatabase("exit, passive phase and 90-day follow-up", (flavour) => {
  let t: TestDatabase;
  let w: World;

  async function person(first: string, last: string): Promise<{ id: string; reference: string }> {
    return t.deps.db
      .insertInto("people")
      .values({ program_id: w.programId, reference: `P-${randomBytes(3).toString("hex").toUpperCase()}`, first_name: first, last_name: last, sex: "female", birth_date: "2001-05-05", preferred_language: "sv", protected_identity: false })
      .returning(["id", "reference"])
      .executeTakeFirstOrThrow();
  }

  /** An enrolment made directly in the tables: request by the FK officer, consent covering FK, an ordinary place. */
  async function enrolled(personId: string, startDate: string, plannedEnd = "2027-09-01"): Promise<{ enrolmentId: string; placementId: string }> {
    const at = new Date("2025-10-01T10:00:00Z");
    return enrolDirectly(t.deps, w, {
      personId,
      startDate,
      plannedEnd,
      request: { accepted: true, incomeSource: "activity_compensation" },
      placement: { placedAt: at },
      consent: { authorities: [w.authorities.fk], givenOn: "2025-10-01", validUntil: "2028-01-01", recordedAt: at },
      staff: ["coordinator", "referrer"],
    });
  }

  /** The plan helper's tables, written directly: a plan whose newest version is final, accepted when `accept`. */
  async function finalPlan(enrolmentId: string, personId: string, accept: boolean, versions = 2) {
    const db = t.deps.db;
    const now = new Date("2026-11-20T10:00:00Z");
    const plan = await db
      .insertInto("plans")
      .values({ enrolment_id: enrolmentId, person_id: personId, program_id: w.programId, current_version: versions, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const content = { longTermGoal: { kind: "studies", text: "Komvux" }, subGoals: [], obstacles: [], actions: [], recommendations: "Fortsätt med Komvux." };
    for (let v = 1; v <= versions; v++) {
      await db
        .insertInto("plan_versions")
        .values({ plan_id: plan.id, version: v, content: JSON.stringify(content), stage: v === versions ? "final" : "ongoing", author_id: w.users.coordinator.id, created_at: now })
        .execute();
    }
    if (accept) {
      await db.insertInto("plan_acceptances").values({ plan_id: plan.id, version: versions, accepted_on: "2026-11-20", method: "signed", recorded_by: w.users.coordinator.id, recorded_at: now }).execute();
    }
  }

  const exitInput = (extra: Record<string, unknown> = {}) => ({ exitDate: "2026-11-23", reason: "health", occupation: "sick_leave", incomeSource: "sickness_benefit", ...extra });
  const notifications = async (userId: string, kind: string) => t.deps.db.selectFrom("notifications").select(["params", "link"]).where("user_id", "=", userId).where("kind", "=", kind).execute();

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
  });
  beforeEach(() => t.clock.set(TODAY));
  afterAll(() => t.close());

  it("refuses 'according to plan' without an accepted final plan, and accepts it with one, keeping the plan's version", async () => {
    const coordinator = await w.ctx("coordinator");
    const { enrolmentId } = await enrolled(w.people.ella, "2026-01-12");
    let page = await exitPage(coordinator, enrolmentId);
    expect(page).toMatchObject({ exit: null, finalPlan: null, planPath: `/enrolments/${enrolmentId}/plan`, canManage: true, ninetyDay: null, canStartPassive: false, incomeSourceAtStart: "activity_compensation" });
    const refused = (await recordExit(coordinator, enrolmentId, exitInput({ reason: "according_to_plan", kind: "completed" })).catch((e: unknown) => e)) as ValidationError;
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused.fieldErrors).toEqual({ reason: ["exit.errors.needsAcceptedFinalPlan"] });
    // A final plan not yet accepted is not enough either.
    await finalPlan(enrolmentId, w.people.ella, false);
    await expect(recordExit(coordinator, enrolmentId, exitInput({ reason: "according_to_plan" }))).rejects.toMatchObject({ fieldErrors: { reason: ["exit.errors.needsAcceptedFinalPlan"] } });
    await t.deps.db.deleteFrom("plan_versions").execute();
    await t.deps.db.deleteFrom("plans").execute();
    await finalPlan(enrolmentId, w.people.ella, true);
    page = await exitPage(coordinator, enrolmentId);
    expect(page.finalPlan).toEqual({ version: 2, acceptedOn: "2026-11-20" });

    await recordExit(coordinator, enrolmentId, exitInput({ reason: "according_to_plan", kind: "completed", occupation: "studies", incomeSource: "none", meetingDate: "2026-11-20", meetingAttendees: ["participant", "coordinator", "referrer"] }));
    page = await exitPage(coordinator, enrolmentId);
    expect(page.exit).toMatchObject({ exitDate: "2026-11-23", kind: "completed", reason: "according_to_plan", occupation: "studies", incomeSource: "none", finalPlanVersion: 2, meetingDate: "2026-11-20", recordedBy: "Test coordinator" });
    expect(page.exit!.meetingAttendees.map((a) => a.kind)).toEqual(["participant", "coordinator", "case_officer"]);
    await expect(recordExit(coordinator, enrolmentId, exitInput())).rejects.toMatchObject({ formErrors: ["exit.errors.alreadyExited"] });
  });

  it("checks the reason against the kind and the dates against the start and the next 30 days", async () => {
    const coordinator = await w.ctx("coordinator");
    const p = await person("Rut", "Berg");
    const { enrolmentId } = await enrolled(p.id, "2026-06-01");
    await expect(recordExit(coordinator, enrolmentId, exitInput({ kind: "interrupted", reason: "health" }))).rejects.toMatchObject({ fieldErrors: { reason: ["exit.errors.reasonNotOfKind"] } });
    await expect(recordExit(coordinator, enrolmentId, exitInput({ exitDate: "2026-05-31" }))).rejects.toMatchObject({ fieldErrors: { exitDate: ["exit.errors.beforeStart"] } });
    await expect(recordExit(coordinator, enrolmentId, exitInput({ exitDate: "2026-12-24" }))).rejects.toMatchObject({ fieldErrors: { exitDate: ["exit.errors.tooFarAhead"] } });
    await expect(recordExit(coordinator, enrolmentId, exitInput({ reason: "fired" }))).rejects.toMatchObject({ fieldErrors: { reason: ["exit.errors.reason"] } });
    await expect(recordExit(coordinator, enrolmentId, exitInput({ meetingAttendees: ["participant"] }))).rejects.toMatchObject({ fieldErrors: { meetingDate: ["exit.errors.meetingDateMissing"] } });
    // Every interrupted reason is taken with its kind, or without one.
    expect((await exitPage(coordinator, enrolmentId)).exit).toBeNull();
    await recordExit(coordinator, enrolmentId, exitInput({ reason: "no_contact", occupation: "other", incomeSource: "income_support" }));
    expect((await exitPage(coordinator, enrolmentId)).exit).toMatchObject({ kind: "interrupted", reason: "no_contact", finalPlanVersion: null });
  });

  it("ends the enrolment and the place, cancels follow-ups after the exit, creates the 90-day follow-up and announces the free place", async () => {
    const db = t.deps.db;
    // A full ordinary group (capacity 1) and someone waiting in the pre-group.
    const emma = await person("Emma", "Ståhl");
    const { enrolmentId, placementId } = await enrolled(emma.id, "2026-03-02");
    const ordinaryTaken = (await programPlaces(await w.ctx("coordinator"), w.programId)).load.ordinaryTaken;
    await db.updateTable("program_groups").set({ capacity: ordinaryTaken }).where("program_id", "=", w.programId).where("kind", "=", "ordinary").execute();
    const waiting = await person("Vilma", "Väntar");
    const request = await db
      .insertInto("interest_requests")
      .values({ program_id: w.programId, person_id: waiting.id, author_id: w.users.officer.id, referring_authority_id: w.authorities.fk, status: "decided", decision: "accepted" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("placements").values({ program_id: w.programId, person_id: waiting.id, request_id: request.id, accepted_on: "2026-10-01", priority: 1, place: "pre_group", placed_at: new Date("2026-10-01T10:00:00Z") }).execute();
    expect((await programPlaces(await w.ctx("coordinator"), w.programId)).freePlaces).toBe(0);

    const coordinator = await w.ctx("coordinator");
    const before = await scheduleFollowUp(coordinator, enrolmentId, { plannedDate: "2026-11-30", plannedTime: "10:00", attendees: ["participant"] });
    const after = await scheduleFollowUp(coordinator, enrolmentId, { plannedDate: "2026-12-14", plannedTime: "10:00", attendees: ["participant"] });
    expect((await exitPage(coordinator, enrolmentId)).plannedFollowUps).toBe(2);

    await recordExit(coordinator, enrolmentId, exitInput({ exitDate: "2026-12-01", kind: "completed", reason: "health" }));
    const enrolment = await db.selectFrom("enrolments").select("ended_on").where("id", "=", enrolmentId).executeTakeFirstOrThrow();
    expect(enrolment.ended_on).toBe("2026-12-01");
    const placement = await db.selectFrom("placements").select(["ended_at", "end_reason"]).where("id", "=", placementId).executeTakeFirstOrThrow();
    expect(placement).toEqual({ ended_at: TODAY, end_reason: "exit: health" });
    const places = await programPlaces(coordinator, w.programId);
    expect(places.freePlaces).toBe(1);
    expect(places.ordinary!.map((p) => p.personId)).not.toContain(emma.id);
    // The coordinators and the manager are told who is next, by reference.
    for (const userId of [w.users.coordinator.id, w.users.manager.id]) {
      expect(await notifications(userId, "place.free")).toEqual([{ params: { program: "KRUS", reference: waiting.reference }, link: `/programs/${w.programId}` }]);
    }
    // The follow-up before the exit stays; the one after is cancelled; no new ones can be booked.
    const statuses = await db.selectFrom("follow_ups").select(["id", "status"]).where("enrolment_id", "=", enrolmentId).execute();
    expect(statuses.find((s) => s.id === before.id)!.status).toBe("planned");
    expect(statuses.find((s) => s.id === after.id)!.status).toBe("cancelled");
    await expect(scheduleFollowUp(coordinator, enrolmentId, { plannedDate: "2026-11-28", plannedTime: "10:00" })).rejects.toMatchObject({ formErrors: ["followUps.errors.exited"] });
    expect((await followUpsPage(coordinator, enrolmentId)).canSchedule).toBe(false);
    // The 90-day follow-up: due 90 days after the exit date.
    const ninety = await db.selectFrom("ninety_day_followups").selectAll().where("enrolment_id", "=", enrolmentId).executeTakeFirstOrThrow();
    expect(ninety).toMatchObject({ due_on: "2027-03-01", outcome: null, answered_on: null });
    expect((await exitPage(coordinator, enrolmentId)).ninetyDay).toEqual({ dueOn: "2027-03-01", state: "later", answeredOn: null, outcome: null, note: "" });
    const event = await db.selectFrom("audit_events").select(["actor_role", "details"]).where("action", "=", "exit.record").where("person_id", "=", emma.id).executeTakeFirstOrThrow();
    expect(event.actor_role).toBe("coordinator");
    expect(event.details).toMatchObject({ enrolmentId, exitDate: "2026-12-01", kind: "completed", reason: "health", followUpsCancelled: 1, ninetyDayDue: "2027-03-01", finalPlanVersion: null });
  });

  it("brings the 90-day follow-up due on the ninetieth day, lists it for the caseload, and takes its answer", async () => {
    const coordinator = await w.ctx("coordinator");
    const p = await person("Nadja", "Nittio");
    const { enrolmentId } = await enrolled(p.id, "2026-02-02");
    await recordExit(coordinator, enrolmentId, exitInput({ exitDate: "2026-11-23", reason: "own_initiative", occupation: "job_seeking", incomeSource: "activity_support" }));
    const inList = async () => (await ninetyDayDueList(await w.ctx("coordinator"), w.programId)).filter((i) => i.enrolmentId === enrolmentId);
    expect(await inList()).toEqual([]);
    await expect(answerNinetyDay(coordinator, enrolmentId, { outcome: "working", answeredOn: "2026-11-23" })).rejects.toMatchObject({ formErrors: ["ninetyDay.errors.notDue"] });

    // 20 February 2027 is day 89: not yet. 21 February is day 90.
    t.clock.set(new Date("2027-02-20T09:00:00Z"));
    expect(await inList()).toEqual([]);
    expect((await exitPage(await w.ctx("coordinator"), enrolmentId)).ninetyDay!.state).toBe("soon");
    t.clock.set(new Date("2027-02-21T09:00:00Z"));
    expect(await inList()).toEqual([
      { enrolmentId, personId: p.id, reference: p.reference, name: "Nadja Nittio", coordinatorId: w.users.coordinator.id, coordinatorName: "Test coordinator", exitDate: "2026-11-23", dueOn: "2027-02-21", state: "due" },
    ]);
    t.clock.set(new Date("2027-02-25T09:00:00Z"));
    expect((await inList())[0]!.state).toBe("overdue");
    const late = await w.ctx("coordinator");
    expect((await exitPage(late, enrolmentId)).ninetyDay!.state).toBe("overdue");
    await expect(answerNinetyDay(late, enrolmentId, { outcome: "working", answeredOn: "2027-02-26" })).rejects.toMatchObject({ fieldErrors: { answeredOn: ["ninetyDay.errors.inFuture"] } });
    await expect(answerNinetyDay(late, enrolmentId, { outcome: "working", answeredOn: "2026-11-22" })).rejects.toMatchObject({ fieldErrors: { answeredOn: ["ninetyDay.errors.beforeExit"] } });
    await expect(answerNinetyDay(late, enrolmentId, { answeredOn: "2027-02-24" })).rejects.toMatchObject({ fieldErrors: { outcome: ["ninetyDay.errors.outcome"] } });
    await expect(answerNinetyDay(await w.ctx("officer"), enrolmentId, { outcome: "working", answeredOn: "2027-02-24" })).rejects.toBeInstanceOf(ForbiddenError);
    await answerNinetyDay(late, enrolmentId, { outcome: "not_reached", answeredOn: "2027-02-24", note: "Ringde tre gånger." });
    expect((await exitPage(late, enrolmentId)).ninetyDay).toEqual({ dueOn: "2027-02-21", state: "answered", answeredOn: "2027-02-24", outcome: "not_reached", note: "Ringde tre gånger." });
    expect(await inList()).toEqual([]);
    await expect(answerNinetyDay(late, enrolmentId, { outcome: "working", answeredOn: "2027-02-24" })).rejects.toMatchObject({ formErrors: ["ninetyDay.errors.answered"] });
    // The list is the caseload's: coordinators and the manager, not case officers or the team.
    expect(await ninetyDayDueList(await w.ctx("manager"), w.programId)).toBeInstanceOf(Array);
    await expect(ninetyDayDueList(await w.ctx("officer"), w.programId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(ninetyDayDueList(await w.ctx("team"), w.programId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(ninetyDayDueList(late, w.otherProgramId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(ninetyDayDueList(late, "nope")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("masks a protected participant in the 90-day list for those who do not work with them", async () => {
    const coordinator = await w.ctx("coordinator");
    const { enrolmentId } = await enrolled(w.people.protectedAlva, "2026-01-05");
    await recordExit(coordinator, enrolmentId, exitInput({ exitDate: "2026-11-01", reason: "moved", occupation: "other", incomeSource: "none" }));
    t.clock.set(new Date("2027-02-01T09:00:00Z"));
    const mine = (await ninetyDayDueList(await w.ctx("coordinator"), w.programId)).find((i) => i.enrolmentId === enrolmentId);
    expect(mine).toMatchObject({ name: "Alva Eriksson", dueOn: "2027-01-30", state: "overdue" });
    const manager = (await ninetyDayDueList(await w.ctx("manager"), w.programId)).find((i) => i.enrolmentId === enrolmentId);
    expect(manager).toMatchObject({ name: null, reference: expect.stringMatching(/^P-/) });
  });

  it("runs a passive phase after the exit, or past the planned end, one at a time", async () => {
    const coordinator = await w.ctx("coordinator");
    const p = await person("Pia", "Passiv");
    const { enrolmentId } = await enrolled(p.id, "2026-05-04");
    await expect(startPassivePhase(coordinator, enrolmentId, { startedOn: "2026-11-23" })).rejects.toMatchObject({ fieldErrors: { startedOn: ["passive.errors.notYet"] } });
    await recordExit(coordinator, enrolmentId, exitInput({ exitDate: "2026-11-20", reason: "other", occupation: "work_rehabilitation", incomeSource: "activity_compensation" }));
    expect((await exitPage(coordinator, enrolmentId)).canStartPassive).toBe(true);
    await expect(startPassivePhase(coordinator, enrolmentId, { startedOn: "2026-11-19" })).rejects.toMatchObject({ fieldErrors: { startedOn: ["passive.errors.notYet"] } });
    await startPassivePhase(coordinator, enrolmentId, { startedOn: "2026-11-21", note: "Ringer en gång i månaden." });
    await expect(startPassivePhase(coordinator, enrolmentId, { startedOn: "2026-11-22" })).rejects.toMatchObject({ formErrors: ["passive.errors.alreadyOpen"] });
    let page = await exitPage(coordinator, enrolmentId);
    expect(page.openPassivePhase).toMatchObject({ startedOn: "2026-11-21", endedOn: null, reason: "after_exit", note: "Ringer en gång i månaden." });
    expect(page.canStartPassive).toBe(false);
    await expect(endPassivePhase(coordinator, enrolmentId, { endedOn: "2026-11-20" })).rejects.toMatchObject({ fieldErrors: { endedOn: ["passive.errors.beforeStart"] } });
    await expect(endPassivePhase(coordinator, enrolmentId, { endedOn: "2026-11-24" })).rejects.toMatchObject({ fieldErrors: { endedOn: ["passive.errors.inFuture"] } });
    await expect(endPassivePhase(await w.ctx("officer"), enrolmentId, { endedOn: "2026-11-23" })).rejects.toBeInstanceOf(ForbiddenError);
    await endPassivePhase(coordinator, enrolmentId, { endedOn: "2026-11-23", note: "Har fått jobb." });
    page = await exitPage(coordinator, enrolmentId);
    expect(page.openPassivePhase).toBeNull();
    expect(page.passivePhases).toMatchObject([{ startedOn: "2026-11-21", endedOn: "2026-11-23", note: "Ringer en gång i månaden.\n\nHar fått jobb." }]);
    await expect(endPassivePhase(coordinator, enrolmentId, { endedOn: "2026-11-23" })).rejects.toMatchObject({ formErrors: ["passive.errors.noneOpen"] });
    await expect(startPassivePhase(coordinator, enrolmentId, { startedOn: "2026-11-22" })).rejects.toMatchObject({ fieldErrors: { startedOn: ["passive.errors.overlaps"] } });

    // Past the planned twelve months, without an exit.
    const q = await person("Tove", "Tolv");
    const long = await enrolled(q.id, "2025-10-01", "2026-10-01");
    expect((await exitPage(coordinator, long.enrolmentId)).canStartPassive).toBe(true);
    await expect(startPassivePhase(coordinator, long.enrolmentId, { startedOn: "2026-10-01" })).rejects.toMatchObject({ fieldErrors: { startedOn: ["passive.errors.notYet"] } });
    await startPassivePhase(coordinator, long.enrolmentId, { startedOn: "2026-10-02" });
    expect((await exitPage(coordinator, long.enrolmentId)).openPassivePhase).toMatchObject({ reason: "past_planned_end" });
    const events = await t.deps.db.selectFrom("audit_events").select("action").where("person_id", "in", [p.id, q.id]).where("action", "like", "passivePhase.%").execute();
    expect(events.map((e) => e.action).sort()).toEqual(["passivePhase.end", "passivePhase.start", "passivePhase.start"]);
  });

  it("lets the coordinator and manager manage, the consented case officer read, and hides the exit from others", async () => {
    const p = await person("Greta", "Grind");
    const { enrolmentId } = await enrolled(p.id, "2026-04-06");
    const officer = await w.ctx("officer");
    expect(await exitPage(officer, enrolmentId)).toMatchObject({ canManage: false, canStartPassive: false, exit: null });
    await expect(recordExit(officer, enrolmentId, exitInput())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordExit(await w.ctx("therapist"), enrolmentId, exitInput())).rejects.toBeInstanceOf(ForbiddenError);
    for (const who of ["team", "officerOtherProgram", "volunteer", "steering", "participant", "noRole", "federationAdmin"] as const) {
      const ctx = await w.ctx(who);
      await expect(exitPage(ctx, enrolmentId), who).rejects.toBeInstanceOf(NotFoundError);
      await expect(recordExit(ctx, enrolmentId, exitInput()), who).rejects.toBeInstanceOf(NotFoundError);
      await expect(startPassivePhase(ctx, enrolmentId, { startedOn: "2026-11-23" }), who).rejects.toBeInstanceOf(NotFoundError);
      await expect(answerNinetyDay(ctx, enrolmentId, { outcome: "working", answeredOn: "2026-11-23" }), who).rejects.toBeInstanceOf(NotFoundError);
    }
    // Without a valid consent the case officer no longer sees it.
    await t.deps.db.updateTable("consents").set({ ended_at: new Date(), end_reason: "withdrawn" }).where("person_id", "=", p.id).execute();
    await expect(exitPage(officer, enrolmentId)).rejects.toBeInstanceOf(NotFoundError);
    // The manager records the exit; the case officer's view of it was audited along the way.
    await recordExit(await w.ctx("manager"), enrolmentId, exitInput({ reason: "consent_withdrawn", kind: "interrupted", occupation: "other", incomeSource: "other" }));
    expect((await exitPage(await w.ctx("coordinator"), enrolmentId)).exit).toMatchObject({ kind: "interrupted", reason: "consent_withdrawn" });
    const views = await t.deps.db.selectFrom("audit_events").select(["action", "actor_role"]).where("person_id", "=", p.id).where("action", "in", ["exit.view", "exit.record"]).execute();
    expect(views).toEqual(expect.arrayContaining([{ action: "exit.view", actor_role: "case_officer" }, { action: "exit.record", actor_role: "manager" }, { action: "exit.view", actor_role: "coordinator" }]));
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });

  it("exits once even when two people save at the same time", async () => {
    const p = await person("Dora", "Dubbel");
    const { enrolmentId } = await enrolled(p.id, "2026-04-06");
    const [a, b] = await Promise.allSettled([recordExit(await w.ctx("coordinator"), enrolmentId, exitInput()), recordExit(await w.ctx("manager"), enrolmentId, exitInput({ reason: "other" }))]);
    expect([a.status, b.status].sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = [a, b].find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ formErrors: ["exit.errors.alreadyExited"] });
    expect(await t.deps.db.selectFrom("ninety_day_followups").select("exit_id").where("enrolment_id", "=", enrolmentId).execute()).toHaveLength(1);
    t.clock.advance(DAY);
  });
});
