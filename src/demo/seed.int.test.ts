import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { EXIT_OCCUPATIONS, EXIT_REASONS, NINETY_DAY_OUTCOMES } from "../domain/exit.ts";
import { verifyAuditChain } from "../services/audit.ts";
import { loadActor } from "../services/auth.ts";
import { viewCaseload } from "../services/caseload.ts";
import type { ServiceContext } from "../services/context.ts";
import { personPlacement } from "../services/enrolments.ts";
import { NotFoundError } from "../services/errors.ts";
import { ninetyDayDueList } from "../services/exits.ts";
import { getJournal } from "../services/journal.ts";
import { getMeeting, listMeetings } from "../services/meetings.ts";
import { programPlaces } from "../services/places.ts";
import { getPlan } from "../services/plans.ts";
import { getRequest, listRequests } from "../services/requests.ts";
import { getTravelYear } from "../services/travel.ts";
import { goalsDashboard } from "../services/goals.ts";
import { surveyResults, surveysOverview } from "../services/surveys.ts";
import { listSlots } from "../services/study-visits.ts";
import { wheelOverview } from "../services/wheel.ts";
import { loadDemoData } from "./seed.ts";
import { teamMeetingDates } from "./intake-story.ts";
import { EARLIER_COHORT, earlierMeetingDates } from "./journey-story.ts";

// The demo data is what a newcomer sees first: it must load on an empty database, tell the intake story
// consistently (every request state, decided meetings, a full group and a pre-group), tell the participants'
// journeys (plans, readings, exits of every kind, 90-day follow-ups) and keep the audit log sound.

const TODAY = "2026-12-02";

describeEachDatabase("demo data", (flavour) => {
  let t: TestDatabase;
  const as = async (email: string): Promise<ServiceContext> => {
    const user = await t.deps.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const actor = (await loadActor(t.deps.db, user.id))!;
    return { ...t.deps, actor, meta: { ip: null, userAgent: "vitest" } };
  };
  const krus = async () => (await t.deps.db.selectFrom("programs").select("id").where("name", "=", "KRUS").executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    t.clock.set(new Date(`${TODAY}T08:00:00Z`));
    const loaded = await loadDemoData(t.deps);
    expect(loaded?.logins.length).toBeGreaterThan(10);
  }, 120_000);
  afterAll(() => t.close());

  it("loads only into an empty database", async () => {
    const people = await t.deps.db.selectFrom("people").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    expect(Number(people.n)).toBe(40);
    // A second start finds the demo users and adds nothing.
    expect(await loadDemoData(t.deps)).not.toBeNull();
    const again = await t.deps.db.selectFrom("people").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    expect(Number(again.n)).toBe(40);
  });

  it("has requests in every state, three held meetings with decisions and the next one with an agenda", async () => {
    const coordinator = await as("sara.nilsson@kalmar.example");
    const programId = await krus();
    const requests = await listRequests(coordinator, { programId });
    const count = (status: string) => requests.filter((r) => r.status === status).length;
    expect(count("submitted")).toBe(2);
    expect(count("withdrawn")).toBe(1);
    // 18 in the last three months, and the earlier cohort's a year or so ago.
    expect(requests.filter((r) => r.decision === "accepted")).toHaveLength(18 + EARLIER_COHORT.length);
    expect(requests.filter((r) => r.decision === "not_ready")).toHaveLength(2);
    // Drafts belong to their authors.
    const officer = await as("anders.lund@forsakringskassan.example");
    expect((await listRequests(officer, { status: "draft" })).length).toBeGreaterThanOrEqual(1);

    const { past, next } = teamMeetingDates(TODAY);
    const meetings = await listMeetings(coordinator, programId);
    expect(meetings.past.filter((m) => m.status === "held").map((m) => m.date).sort()).toEqual([...earlierMeetingDates(TODAY), ...past]);
    expect(meetings.upcoming[0]!.date).toBe(next);
    const upcoming = await getMeeting(coordinator, meetings.upcoming[0]!.id);
    expect(upcoming.agenda.map((i) => i.kind)).toEqual(["request", "request", "consultation"]);
    const first = await getMeeting(coordinator, meetings.past.find((m) => m.date === past[0])!.id);
    expect(first.attendance.every((a) => a.present === true)).toBe(true);
    expect(first.agenda.filter((i) => i.assessment?.outcome === "accept")).toHaveLength(8);
    expect(first.agenda.find((i) => i.kind === "consultation")!.consultation!.advice).not.toBe("");

    // The request whose consent covers only social services and the region is hidden from the FK member.
    const team = await getMeeting(officer, upcoming.id);
    expect(team.agenda.filter((i) => i.hidden)).toHaveLength(1);
  });

  it("fills the ordinary group, puts three in the pre-group in priority order, and enrols with coordinators", async () => {
    const places = await programPlaces(await as("maria.bergstrom@kalmar.example"), await krus());
    expect(places.load).toMatchObject({ ordinaryCapacity: 15, ordinaryTaken: 15, preGroupTaken: 3, waiting: 0 });
    expect(places.ordinary!.filter((p) => p.enrolled)).toHaveLength(13);
    expect(places.waitingList!.map((p) => p.priority)).toEqual([1, 1, 2]);
    const loads = await t.deps.db.selectFrom("enrolments").select(["coordinator_id"]).execute();
    expect(new Set(loads.map((l) => l.coordinator_id)).size).toBe(3);
    // Every enrolment records the occupation at the start (the outcome export's "before").
    const occupations = await t.deps.db.selectFrom("enrolments").select("occupation_at_start").execute();
    expect(occupations.filter((o) => o.occupation_at_start === null)).toEqual([]);
    expect(new Set(occupations.map((o) => o.occupation_at_start)).size).toBeGreaterThan(2);
    // The steering group sees the numbers only.
    const steering = await programPlaces(await as("lars.goransson@samordning-kalmar.example"), await krus());
    expect(steering.ordinary).toBeNull();
    expect(steering.waitingList).toBeNull();
  });

  it("shows a withdrawn consent on the request, and study visits with bookings and a cancelled slot", async () => {
    const coordinator = await as("sara.nilsson@kalmar.example");
    const withdrawn = await t.deps.db
      .selectFrom("consents")
      .innerJoin("interest_requests as r", "r.person_id", "consents.person_id")
      .select("r.id")
      .where("consents.end_reason", "=", "withdrawn")
      // The one still waiting for a place (someone of the earlier cohort withdrew theirs when leaving).
      .where((eb) => eb.exists(eb.selectFrom("placements as pl").select("pl.id").whereRef("pl.person_id", "=", "consents.person_id").where("pl.ended_at", "is", null)))
      .executeTakeFirstOrThrow();
    const request = await getRequest(coordinator, withdrawn.id);
    expect(request.consent.status).toBe("withdrawn");
    // The person's place says so too; the referring officer no longer sees the person at all.
    expect(await personPlacement(coordinator, request.person!.id)).toMatchObject({ place: "pre_group", consentGone: true });
    await expect(personPlacement(await as("fatima.ali@arbetsformedlingen.example"), request.person!.id)).rejects.toBeInstanceOf(NotFoundError);
    const { slots } = await listSlots(coordinator, await krus(), 12);
    expect(slots.some((s) => s.status === "cancelled")).toBe(true);
    expect(slots.reduce((n, s) => n + s.booked, 0)).toBeGreaterThanOrEqual(3);
  });

  it("writes a sound audit log in time order, and e-mails that never name a person", async () => {
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
    const events = await t.deps.db.selectFrom("audit_events").select(["seq", "occurred_at"]).orderBy("seq").execute();
    for (let i = 1; i < events.length; i++) expect(events[i]!.occurred_at.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.occurred_at.getTime());
    const names = await t.deps.db.selectFrom("people").select(["first_name", "last_name"]).execute();
    const mails = await t.deps.db.selectFrom("outbox").select(["subject", "body"]).execute();
    expect(mails.length).toBeGreaterThan(10);
    for (const mail of mails) for (const n of names) expect(`${mail.subject}\n${mail.body}`).not.toContain(`${n.first_name} ${n.last_name}`);
  });
  /** The current enrolment of a person in the register, by name. */
  const enrolmentOf = async (first: string, last: string) =>
    (
      await t.deps.db
        .selectFrom("enrolments as e")
        .innerJoin("people as p", "p.id", "e.person_id")
        .select(["e.id", "e.person_id", "e.start_date", "e.ended_on", "e.coordinator_id"])
        .where("p.first_name", "=", first)
        .where("p.last_name", "=", last)
        .executeTakeFirstOrThrow()
    );

  it("has an earlier cohort that left before today's group started: exits of every kind, 90-day answers, one due list and a passive phase", async () => {
    const programId = await krus();
    const earlier = await t.deps.db
      .selectFrom("exits as x")
      .innerJoin("enrolments as e", "e.id", "x.enrolment_id")
      .leftJoin("ninety_day_followups as n", "n.exit_id", "x.id")
      .select(["x.reason", "x.kind", "x.occupation", "x.exit_date", "x.final_plan_version", "x.meeting_date", "x.meeting_attendees", "e.start_date", "n.outcome", "n.due_on", "n.answered_on"])
      .where("x.program_id", "=", programId)
      .execute();
    expect(earlier).toHaveLength(EARLIER_COHORT.length);
    expect(new Set(earlier.map((x) => x.reason))).toEqual(new Set(EXIT_REASONS));
    expect(earlier.filter((x) => x.kind === "completed").map((x) => x.reason).sort()).toEqual(
      ["according_to_plan", "according_to_plan", "according_to_plan", "according_to_plan", "health", "health", "other", "other"],
    );
    expect(new Set(earlier.map((x) => x.occupation)).size).toBe(EXIT_OCCUPATIONS.length);
    // "According to plan" only with an accepted final plan; exit meetings have attendees.
    for (const x of earlier.filter((e) => e.reason === "according_to_plan")) expect(x.final_plan_version).not.toBeNull();
    expect(earlier.filter((x) => x.meeting_date !== null).length).toBeGreaterThanOrEqual(6);
    for (const x of earlier.filter((e) => e.meeting_date !== null)) expect((x.meeting_attendees as unknown[]).length).toBeGreaterThanOrEqual(3);
    // All left before today's group started, so the group and the pre-group are the intake story's own.
    const firstStart = (await t.deps.db.selectFrom("enrolments").select((eb) => eb.fn.min<string>("start_date").as("d")).where("ended_on", "is", null).executeTakeFirstOrThrow()).d;
    for (const x of earlier) expect(x.exit_date < firstStart).toBe(true);
    const openPlaces = await t.deps.db
      .selectFrom("placements")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("person_id", "in", t.deps.db.selectFrom("exits").select("person_id"))
      .where("ended_at", "is", null)
      .executeTakeFirstOrThrow();
    expect(Number(openPlaces.n)).toBe(0);
    // 90-day follow-ups: every kind of answer; two due and not answered; one not due yet.
    expect(new Set(earlier.map((x) => x.outcome).filter(Boolean))).toEqual(new Set(NINETY_DAY_OUTCOMES));
    expect(earlier.filter((x) => x.outcome === null && x.due_on! > TODAY)).toHaveLength(1);
    const due = await ninetyDayDueList(await as("maria.bergstrom@kalmar.example"), programId);
    expect(due.map((d) => d.state)).toEqual(["overdue", "overdue"]);
    expect(due.map((d) => d.name).sort()).toEqual(["Ida Danielsson", "Robin Ek"]);
    // Work for days-to-first-job: a competitive job and a subsidised one in the earlier cohort.
    const work = await t.deps.db.selectFrom("work_placements").select(["kind"]).execute();
    expect(work.map((w) => w.kind).sort()).toEqual(["competitive", "internship", "internship", "subsidised"]);

    // The caseload: Daniel in the passive phase, the closed ones gone, the protected one closed too.
    const manager = await viewCaseload(await as("maria.bergstrom@kalmar.example"), { coordinatorId: "all" });
    const stage = (name: string) => manager.rows.find((r) => `${r.firstName} ${r.lastName}` === name)?.stage;
    expect(stage("Daniel Forsberg")).toBe("passive");
    expect(stage("Robin Ek")).toBe("exited");
    expect(stage("Filip Lindholm")).toBe("exited");
    expect(stage("Lucas Nyström")).toBeUndefined();
    expect(manager.rows.filter((r) => r.masked)).toHaveLength(1);
    // Sara Nilsson's list is only today's participants.
    const sara = await viewCaseload(await as("sara.nilsson@kalmar.example"));
    expect(sara.rows.map((r) => r.firstName).sort()).toEqual(["Ella", "Saga", "Viktor", "Wilma"]);
  });

  it("tells today's first weeks: Oscar's plan in three versions, accepted; Amira's not yet; readings, notes, network and follow-ups", async () => {
    const johan = await as("johan.ek@kalmar.example");
    const oscar = await enrolmentOf("Oscar", "Lindgren");
    const plan = await getPlan(johan, oscar.id);
    expect(plan.versions).toHaveLength(3);
    expect(plan.acceptance.state).toBe("current");
    expect(plan.current!.content.actions.some((a) => a.agreed)).toBe(true);
    expect(plan.current!.content.actions.some((a) => !a.agreed)).toBe(true);
    expect(new Set(plan.current!.content.actions.map((a) => a.status))).toEqual(new Set(["in_progress", "done", "planned"]));
    const readings = await t.deps.db.selectFrom("wheel_readings").select(["rated_by", "occasion", "note"]).where("enrolment_id", "=", oscar.id).execute();
    expect(readings.map((r) => `${r.rated_by}:${r.occasion}`).sort()).toEqual(["coordinator:start", "participant:during", "participant:start"]);
    expect(readings.find((r) => r.rated_by === "coordinator")!.note).not.toBe("");
    const wheel = await wheelOverview(johan, oscar.id);
    expect(wheel.readings.length).toBe(3);
    // The participant's and the coordinator's readings at the start differ on an area, with a note.
    expect(wheel.comparisons.some((c) => c.differing > 0)).toBe(true);
    const journal = await getJournal(johan, oscar.id);
    expect(journal.notes.some((n) => n.corrects !== null)).toBe(true);
    expect(journal.notes.some((n) => n.visibility === "shared")).toBe(true);
    const followUps = await t.deps.db.selectFrom("follow_ups").select(["status", "planned_date"]).where("enrolment_id", "=", oscar.id).orderBy("planned_date").execute();
    expect(followUps.map((f) => f.status)).toEqual(["held", "planned"]);
    expect(followUps[1]!.planned_date > TODAY).toBe(true);
    const contacts = await t.deps.db.selectFrom("network_contacts").select("kind").where("person_id", "=", oscar.person_id).execute();
    expect(contacts.map((c) => c.kind).sort()).toEqual(["authority", "family"]);

    const amira = await enrolmentOf("Amira", "Hassan");
    const amirasPlan = await getPlan(await as("leila.haddad@kalmar.example"), amira.id);
    expect(amirasPlan.versions).toHaveLength(2);
    expect(amirasPlan.acceptance.state).toBe("outdated");
    const ella = await enrolmentOf("Ella", "Johansson");
    expect((await getPlan(await as("sara.nilsson@kalmar.example"), ella.id)).acceptance.state).toBe("current");
    const mohamed = await enrolmentOf("Mohamed", "Abdi");
    expect(await t.deps.db.selectFrom("work_placements").select("kind").where("enrolment_id", "=", mohamed.id).execute()).toEqual([{ kind: "internship" }]);
  });

  it("leaves the participants other specs rely on untouched", async () => {
    const tables = ["plans", "wheel_readings", "journal_notes", "follow_ups", "exits", "network_contacts", "work_placements", "passive_phases"] as const;
    for (const [first, last] of [
      ["Viktor", "Andersson"],
      ["Linnea", "Karlsson"],
      ["Wilma", "Persson"],
      ["Hugo", "Gustafsson"],
      ["Maja", "Larsson"],
      ["Noah", "Jönsson"],
      ["Saga", "Petersson"],
    ] as const) {
      const e = await enrolmentOf(first, last);
      expect(e.ended_on, `${first} is active`).toBeNull();
      for (const table of tables) {
        const row = await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).where("person_id", "=", e.person_id).executeTakeFirstOrThrow();
        expect(Number(row.n), `${first}: ${table}`).toBe(0);
      }
    }
  });

  it("has travel money: this year's budget and bus tickets for today's participants, one entered twice and voided", async () => {
    const view = await getTravelYear(await as("maria.bergstrom@kalmar.example"), await krus(), TODAY.slice(0, 4));
    expect(view.budget?.amount).toBe(1_200_000);
    const kept = view.disbursements.filter((d) => !d.voided);
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(view.disbursements.filter((d) => d.voided)).toHaveLength(1);
    // Exact öre: 650 kr tickets, 124 kr and 62,50 kr.
    expect(view.balance.disbursed).toBe(kept.reduce((sum, d) => sum + d.amount, 0));
    expect(kept.map((d) => d.amount)).toContain(6_250);
    expect(view.balance.balance).toBe(1_200_000 - view.balance.disbursed);
  });

  it("has the term's schedule with registers taken, and two participants drifting into absence followed up", async () => {
    const programId = await krus();
    const series = await t.deps.db.selectFrom("activity_series").select(["title", "kind"]).where("program_id", "=", programId).orderBy("title").execute();
    expect(series.map((s) => s.title)).toEqual(["Friskvård", "Förgruppen", "Gruppen"]);
    const venue = await t.deps.db.selectFrom("venues").select(["name", "accessibility"]).where("program_id", "=", programId).executeTakeFirstOrThrow();
    expect(Object.keys(venue.accessibility)).toHaveLength(11);
    // The sessions held before the last two group days have their registers (those two are still to take);
    // the group's mornings have their topics.
    const sessions = await t.deps.db.selectFrom("activity_sessions").select(["id", "date", "topic", "kind"]).where("program_id", "=", programId).execute();
    expect(sessions.length).toBeGreaterThan(30);
    expect(sessions.every((s) => s.date < "2026-11-30")).toBe(true);
    expect(sessions.map((s) => s.date)).toContain("2026-11-26");
    expect(sessions.filter((s) => s.kind === "groupSession").every((s) => s.topic !== null)).toBe(true);
    const marks = await t.deps.db.selectFrom("attendance").select(["status"]).execute();
    const share = (status: string) => marks.filter((m) => m.status === status).length / marks.length;
    expect(share("present")).toBeGreaterThan(0.7);
    expect(share("late")).toBeGreaterThan(0.03);
    // Only Mohamed and Liam have absence follow-ups: Mohamed's still to do (on his coordinator's caseload),
    // Liam's with the new agreement recorded.
    const followUps = await t.deps.db
      .selectFrom("absence_followups as f")
      .innerJoin("people as p", "p.id", "f.person_id")
      .select(["p.first_name", "f.rule", "f.outcome"])
      .orderBy("p.first_name")
      .orderBy("f.rule")
      .execute();
    expect(followUps).toEqual([
      { first_name: "Liam", rule: "low_rate", outcome: "new_agreement" },
      { first_name: "Mohamed", rule: "consecutive_unexcused", outcome: null },
    ]);
    // The breakfast rota: planned through the term so far and the coming weeks, with one swap.
    const duties = await t.deps.db.selectFrom("breakfast_duties").select(["date", "person_id"]).where("program_id", "=", programId).execute();
    expect(duties.some((d) => d.date > TODAY)).toBe(true);
    expect(duties.some((d) => d.date < TODAY)).toBe(true);
    expect(await t.deps.db.selectFrom("breakfast_swaps").select("id").execute()).toHaveLength(1);
    const mohamed = await enrolmentOf("Mohamed", "Abdi");
    const coordinatorEmail = await t.deps.db.selectFrom("users").select("email").where("id", "=", mohamed.coordinator_id).executeTakeFirstOrThrow();
    const caseload = await viewCaseload(await as(coordinatorEmail.email));
    expect(caseload.rows.find((r) => r.enrolmentId === mohamed.id)!.flags.find((f) => f.kind === "absent")).toMatchObject({ state: "overdue", rule: "consecutive_unexcused" });
  });

  it("has participant surveys: the national and KRUS questionnaires published, mostly anonymous answers that feed the goals, two exit surveys to hand out", async () => {
    const programId = await krus();
    const coordinator = await as("sara.nilsson@kalmar.example");
    const view = await surveysOverview(coordinator, programId);
    expect(view.questionnaires.map((q) => [q.name, q.national, q.current?.version])).toEqual([
      ["Nationella indikatorer – avslutade deltagare", true, 1],
      ["Nationella indikatorer – pågående deltagare", true, 1],
      ["KRUS egna frågor", false, 1],
    ]);
    expect(view.toHandOut.filter((h) => h.audience === "exit")).toHaveLength(2);
    const responses = await t.deps.db.selectFrom("survey_responses").select(["anonymous", "person_id", "handout_id", "channel"]).where("program_id", "=", programId).execute();
    expect(responses.length).toBeGreaterThan(20);
    const anonymous = responses.filter((r) => r.anonymous);
    expect(anonymous.length).toBeGreaterThan(responses.length * 0.75);
    expect(anonymous.every((r) => r.person_id === null && r.handout_id === null)).toBe(true);
    expect(responses.filter((r) => r.channel === "paper").length).toBeGreaterThan(0);
    const goals = await goalsDashboard(await as("maria.bergstrom@kalmar.example"), programId, Number(TODAY.slice(0, 4)));
    for (const kind of ["support_influence", "more_ready"] as const) {
      const figure = goals.figures.find((f) => f.kind === kind)!;
      expect(figure.value, kind).not.toBeNull();
      expect(figure.value!, kind).toBeGreaterThan(50);
      expect(figure.value!, kind).toBeLessThan(100);
    }
    const results = await surveyResults(coordinator, programId, {});
    expect(results.versions.some((v) => v.national)).toBe(true);
  });
});

// The story is dated relative to the day it is loaded: on a day whose first study-visit Tuesday falls in an
// odd week (and in a week when the clocks change) it must still be told in order. The order does not depend
// on the database, so the embedded one is enough.
describe("demo data loaded on another day", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("pglite");
    t.clock.set(new Date("2027-03-29T08:00:00Z"));
    expect(await loadDemoData(t.deps)).not.toBeNull();
  }, 120_000);
  afterAll(() => t.close());

  it("writes its audit log in time order", async () => {
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
    const events = await t.deps.db.selectFrom("audit_events").select(["seq", "action", "occurred_at"]).orderBy("seq").execute();
    const backwards = events.filter((e, i) => i > 0 && e.occurred_at < events[i - 1]!.occurred_at).map((e) => `${e.seq} ${e.action} ${e.occurred_at.toISOString()}`);
    expect(backwards).toEqual([]);
  });
});
