import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { verifyAuditChain } from "../services/audit.ts";
import { loadActor } from "../services/auth.ts";
import type { ServiceContext } from "../services/context.ts";
import { personPlacement } from "../services/enrolments.ts";
import { NotFoundError } from "../services/errors.ts";
import { getMeeting, listMeetings } from "../services/meetings.ts";
import { programPlaces } from "../services/places.ts";
import { getRequest, listRequests } from "../services/requests.ts";
import { listSlots } from "../services/study-visits.ts";
import { loadDemoData } from "./seed.ts";
import { teamMeetingDates } from "./intake-story.ts";

// The demo data is what a newcomer sees first: it must load on an empty database, tell the intake story
// consistently (every request state, decided meetings, a full group and a pre-group) and keep the audit log sound.

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
    t.clock.set(new Date("2026-12-02T08:00:00Z"));
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
    expect(requests.filter((r) => r.decision === "accepted")).toHaveLength(18);
    expect(requests.filter((r) => r.decision === "not_ready")).toHaveLength(2);
    // Drafts belong to their authors.
    const officer = await as("anders.lund@forsakringskassan.example");
    expect((await listRequests(officer, { status: "draft" })).length).toBeGreaterThanOrEqual(1);

    const { past, next } = teamMeetingDates("2026-12-02");
    const meetings = await listMeetings(coordinator, programId);
    expect(meetings.past.filter((m) => m.status === "held").map((m) => m.date).sort()).toEqual([...past]);
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
});
