import { beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { apiHarness, type OpenApiDoc } from "../../tests/support/api.ts";
import { describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import type { UserKey, World } from "../../tests/support/world.ts";
import { verifyAuditChain } from "../services/audit.ts";
import { ConsultationSchema, MeetingSchema } from "./intake/meetings.ts";
import { NotificationSchema } from "./intake/notifications.ts";
import { BookingSchema, EnrolmentFormSchema, PlacesSchema, StudyVisitsSchema } from "./intake/programs.ts";
import { ConsentSchema, RequestListItemSchema, RequestSchema } from "./intake/requests.ts";
import { JOURNEY_TAGS } from "./journey/shared.ts";
import { expectDocumented } from "../../tests/support/openapi.ts";

// The intake path through the JSON API alone: the same services, rules and audit events as the pages,
// errors as problem documents, and an OpenAPI document that describes what the endpoints return.

const INTAKE_PATHS = [
  "/v1/agenda-items/{id}/advice",
  "/v1/agenda-items/{id}/assessment",
  "/v1/agenda-items/{id}/move",
  "/v1/consents/{id}/file",
  "/v1/consultations",
  "/v1/consultations/{id}",
  "/v1/consultations/{id}/withdraw",
  "/v1/meetings/{id}",
  "/v1/meetings/{id}/attendance",
  "/v1/meetings/{id}/minutes",
  "/v1/notifications",
  "/v1/notifications/{id}/read",
  "/v1/people/{id}/consents",
  "/v1/people/{id}/consents/withdraw",
  "/v1/placements/{id}/end",
  "/v1/placements/{id}/enrolment",
  "/v1/placements/{id}/move-to-ordinary",
  "/v1/programs/{id}/meeting-settings",
  "/v1/programs/{id}/meetings",
  "/v1/programs/{id}/member-authorities",
  "/v1/programs/{id}/places",
  "/v1/programs/{id}/study-visits",
  "/v1/programs/{id}/study-visits/bookings",
  "/v1/programs/{id}/study-visits/schedule",
  "/v1/programs/{id}/study-visits/slots/{date}",
  "/v1/programs/{id}/team-cases",
  "/v1/requests",
  "/v1/requests/{id}",
  "/v1/requests/{id}/submit",
  "/v1/requests/{id}/withdraw",
  "/v1/study-visit-bookings/{id}",
];

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

const draft = (w: World, extra: Record<string, unknown> = {}) => ({
  incomeSource: "activity_compensation",
  activeAt: [
    { authorityId: w.authorities.fk, active: true, contactName: "Anders Lund", contactDetails: "010-123 45 67" },
    { authorityId: w.authorities.region, active: true, contactName: "Vuxenpsykiatrin" },
  ],
  situation: "Har varit sjukskriven i två år efter en depression.",
  triedBefore: "Arbetsträning via AF hösten 2025.",
  whyNotEnough: "Behövde mer stöd än en praktikplats kunde ge.",
  goals: "Börja studera på Komvux.",
  motivation: "Vill komma ut bland folk igen.",
  health: "Sover dåligt, ångest i grupp.",
  needsTravel: true,
  ...extra,
});

const consent = (authorityIds: string[], extra: Record<string, unknown> = {}) => ({
  authorityIds,
  purpose: "Bedömning av och deltagande i KRUS",
  givenOn: "2026-11-20",
  validUntil: "2028-11-20",
  method: "recorded",
  ...extra,
});

describeEachDatabase("intake JSON API", (flavour) => {
  const api = apiHarness(flavour, ["coordinator", "manager", "officer", "officerOtherProgram", "team", "steering", "volunteer", "participant"]);
  const { call, get, send, post, read, problemOf } = api;
  let t: TestDatabase;
  let w: World;

  /** A person registered by the officer, with a complete draft and a consent, submitted to the team. */
  async function submittedRequest(first: string, last: string, birthDate: string, consentFor: string[]) {
    const person = await read<{ id: string }>(await post("/v1/people", "officer", { firstName: first, lastName: last, birthDate, sex: "female" }), 201);
    const { id } = await read<{ id: string }>(await post("/v1/requests", "officer", { programId: w.programId, personId: person.id }), 201);
    await read(await send("PUT", `/v1/requests/${id}`, "officer", draft(w)), 200);
    await read(await post(`/v1/people/${person.id}/consents`, "officer", consent(consentFor, { requestId: id })), 201);
    const { meetingId } = await read<{ meetingId: string }>(await post(`/v1/requests/${id}/submit`, "officer"), 200);
    return { personId: person.id, requestId: id, meetingId };
  }

  async function agendaItemFor(meetingId: string, requestId: string, as: UserKey = "coordinator") {
    const meeting = await read<z.infer<typeof MeetingSchema>>(await get(`/v1/meetings/${meetingId}`, as), 200);
    return meeting.agenda.find((i) => i.requestId === requestId)!;
  }

  const accept = { ownOptionsTried: "yes", ableWithSupport: "yes", wantsToTakePart: "yes", outcome: "accept" };

  beforeAll(async () => {
    ({ t, w } = api);
  });

  it("lists every intake endpoint in the OpenAPI document, with request schemas from the services and problem responses", async () => {
    const doc = await read<OpenApiDoc>(await call("/openapi.json"), 200);
    const paths = Object.keys(doc.paths);
    // The journey's endpoints (their own test) carry their own tags.
    const journeyTags = new Set<string>(Object.values(JOURNEY_TAGS));
    journeyTags.add("Travel money"); // group life: travel money (src/api/group/travel.ts), tested on its own
    journeyTags.add("Schedule").add("Venues"); // group life: the schedule (src/api/group/schedule.ts), tested on its own
    journeyTags.add("Attendance reports"); // group life: the monthly attendance report (src/api/group/attendance-report.ts), tested on its own
    journeyTags.add("Breakfast rota"); // group life: the breakfast rota (src/api/group/rota.ts), tested on its own
    journeyTags.add("Attendance"); // group life: registers, rates and absence follow-up (src/api/group/attendance.ts), tested on its own
    journeyTags.add("Budget"); // budget and funding (src/api/group/budget.ts), tested on its own
    journeyTags.add("Goals"); // follow-up: a program's goals (src/api/followup/goals.ts), tested on its own
    journeyTags.add("Reports"); // national reporting: Finsam and the outcome export (src/api/followup/reports.ts), tested on its own
    journeyTags.add("Surveys"); // follow-up: participant surveys (src/api/group/surveys.ts), tested on its own
    const isJourney = (p: string) => Object.values(doc.paths[p]!).some((op) => op.tags?.some((tag) => journeyTags.has(tag)));
    expect(paths.filter((p) => p !== "/v1/people" && p !== "/v1/people/{id}" && !isJourney(p)).sort()).toEqual(INTAKE_PATHS);
    const text = JSON.stringify(doc);
    const refs = new Set([...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!));
    expect([...refs].filter((name) => !doc.components.schemas[name])).toEqual([]);
    const bodyless = new Set(["post /v1/requests/{id}/submit", "post /v1/consultations/{id}/withdraw", "post /v1/placements/{id}/move-to-ordinary", "post /v1/notifications/{id}/read"]);
    for (const path of INTAKE_PATHS) {
      for (const [method, operation] of Object.entries(doc.paths[path]!)) {
        const name = `${method} ${path}`;
        expect(operation.responses, name).toHaveProperty("401");
        const success = Object.keys(operation.responses).filter((s) => s.startsWith("2"));
        expect(success, name).toHaveLength(1);
        if (method !== "get" && !bodyless.has(name)) expect(operation.requestBody?.content["application/json"]?.schema, name).toBeDefined();
        if (operation.responses["422"]) expect(operation.responses["422"].content?.["application/problem+json"]?.schema, name).toEqual({ $ref: "#/components/schemas/ValidationProblem" });
      }
    }
    // The bodies are described by the very schemas the services validate with.
    expect(doc.components.schemas.NewInterestRequest?.required?.sort()).toEqual(["personId", "programId"]);
    expect(doc.components.schemas.AssessmentInput?.required?.sort()).toEqual(["ableWithSupport", "outcome", "ownOptionsTried", "wantsToTakePart"]);
    expect(Object.keys(doc.paths["/v1/people/{id}/consents"]!.post!.requestBody!.content).sort()).toEqual(["application/json", "multipart/form-data"]);
    expect(Object.keys(doc.paths["/v1/meetings/{id}/minutes"]!.get!.responses["200"]!.content!)).toEqual(["application/pdf"]);
  });

  it("answers 401 on every intake endpoint without valid credentials", async () => {
    const doc = await read<OpenApiDoc>(await call("/openapi.json"), 200);
    for (const path of INTAKE_PATHS) {
      for (const method of Object.keys(doc.paths[path]!)) {
        const url = path.replace("{id}", NO_SUCH_ID).replace("{date}", "2026-12-08");
        for (const headers of [{}, { Authorization: "Bearer spt_not-a-real-token" }] as Record<string, string>[]) {
          const res = await call(url, { method: method.toUpperCase(), headers });
          expect(res.status, `${method} ${path}`).toBe(401);
          expect(await res.json()).toMatchObject({ type: "/api/problems/unauthenticated" });
        }
      }
    }
  });

  it("takes a person from study visit and draft to a decision and enrolment through the API alone", async () => {
    // The program's staff set the team's cadence and the study-visit slot.
    const { planned } = await read<{ planned: number }>(
      await send("PUT", `/v1/programs/${w.programId}/meeting-settings`, "coordinator", { anchor: "2026-11-25", intervalWeeks: 3, startTime: "13:00", durationMinutes: 120, location: "Storgatan 1" }),
      200,
    );
    expect(planned).toBeGreaterThan(5);
    expect(await read(await get(`/v1/programs/${w.programId}/meeting-settings`, "team"), 200)).toEqual({
      settings: { anchor: "2026-11-25", intervalWeeks: 3, startTime: "13:00", durationMinutes: 120, location: "Storgatan 1" },
    });
    await read(await send("PUT", `/v1/programs/${w.programId}/study-visits/schedule`, "coordinator", { weekday: 2, weeks: "even", startTime: "13:00", endTime: "14:00", capacity: 6, location: "KRUS, Storgatan 1" }), 204);

    // The officer books a study visit, registers the person and starts the request from the booking.
    const visits = await read<z.infer<typeof StudyVisitsSchema>>(await get(`/v1/programs/${w.programId}/study-visits?weeks=6`, "officer"), 200);
    expectDocumented(StudyVisitsSchema, visits);
    expect(visits.slots.map((s) => s.originalDate)).toEqual(["2026-11-24", "2026-12-08", "2026-12-22"]);
    const bookingRes = await post(`/v1/programs/${w.programId}/study-visits/bookings`, "officer", { slotDate: "2026-11-24", visitorName: "N. S.", note: "Kommer med buss" });
    const booking = await read<{ id: string }>(bookingRes, 201);
    expect(bookingRes.headers.get("location")).toBe(`/api/v1/study-visit-bookings/${booking.id}`);
    const person = await read<{ id: string }>(await post("/v1/people", "officer", { firstName: "Nora", lastName: "Sandberg", birthDate: "2003-05-17", sex: "female" }), 201);
    const authorities = (await read<{ items: { id: string; name: string }[] }>(await get(`/v1/programs/${w.programId}/member-authorities`, "officer"), 200)).items;
    expect(authorities.map((a) => a.name)).toContain("Försäkringskassan");
    const created = await post("/v1/requests", "officer", { programId: w.programId, personId: person.id, bookingId: booking.id });
    const { id } = await read<{ id: string }>(created, 201);
    expect(created.headers.get("location")).toBe(`/api/v1/requests/${id}`);
    const bookingView = await read(await get(`/v1/study-visit-bookings/${booking.id}`, "officer"), 200);
    expectDocumented(BookingSchema.extend({ programId: z.uuid() }), bookingView);
    expect(bookingView).toMatchObject({ requestId: id, visitorName: "N. S.", accompanyingName: "Test officer" });

    // The draft is saved with its version, then submitted once the consent is recorded.
    let view = await read<z.infer<typeof RequestSchema>>(await get(`/v1/requests/${id}`, "officer"), 200);
    expectDocumented(RequestSchema, view);
    expect(view).toMatchObject({ status: "draft", consent: { status: "none" }, permissions: { edit: true, submit: true, recordConsent: true } });
    const saved = await read<{ version: number }>(await send("PUT", `/v1/requests/${id}`, "officer", { ...draft(w), version: view.version }), 200);
    expect(saved.version).toBe(view.version + 1);
    const noConsent = await problemOf(await post(`/v1/requests/${id}/submit`, "officer"), 422);
    expect(noConsent.errors).toEqual([]);
    expect(noConsent.formErrors).toEqual([{ code: "request.errors.consentMissing", message: expect.stringMatching(/consent/i) }]);
    const consentRes = await post(`/v1/people/${person.id}/consents`, "officer", consent([w.authorities.fk, w.authorities.af], { requestId: id }));
    await read(consentRes, 201);
    expect(consentRes.headers.get("location")).toBe(`/api/v1/people/${person.id}/consents`);
    const consents = (await read<{ items: z.infer<typeof ConsentSchema>[] }>(await get(`/v1/people/${person.id}/consents`, "officer"), 200)).items;
    expect(consents).toHaveLength(1);
    expectDocumented(ConsentSchema, consents[0]);
    expect(consents[0]).toMatchObject({ status: "given", method: "recorded", givenOn: "2026-11-20", file: null });
    const { meetingId } = await read<{ meetingId: string }>(await post(`/v1/requests/${id}/submit`, "officer"), 200);
    const meetings = await read<{ upcoming: { id: string; date: string }[] }>(await get(`/v1/programs/${w.programId}/meetings`, "team"), 200);
    expect(meetings.upcoming[0]).toMatchObject({ id: meetingId, date: "2026-11-25" });
    view = await read(await get(`/v1/requests/${id}`, "officer"), 200);
    expect(view).toMatchObject({ status: "submitted", meeting: { id: meetingId, date: "2026-11-25" }, consent: { status: "given" }, permissions: { edit: false } });
    expect(view.content?.activeAt.map((a) => a.authorityName).sort()).toEqual(["Försäkringskassan", "Region Kalmar län"]);
    expect(view.eligibility).toMatchObject({ age: 23, priority: 1, meetsAll: true });
    expect(view.submittedAt).toBe("2026-11-23T09:00:00.000Z");
    const list = (await read<{ items: z.infer<typeof RequestListItemSchema>[] }>(await get("/v1/requests?mine=true", "officer"), 200)).items;
    for (const item of list) expectDocumented(RequestListItemSchema, item);
    expect(list.map((r) => [r.id, r.personName, r.status, r.meetingDate])).toEqual([[id, "Nora Sandberg", "submitted", "2026-11-25"]]);

    // The team meets: attendance, then the decision.
    const meeting = await read<z.infer<typeof MeetingSchema>>(await get(`/v1/meetings/${meetingId}`, "team"), 200);
    expectDocumented(MeetingSchema, meeting);
    const item = meeting.agenda.find((i) => i.requestId === id)!;
    expect(item).toMatchObject({ kind: "request", hidden: false, personName: "Nora Sandberg", authority: "Försäkringskassan" });
    await read(await send("PUT", `/v1/meetings/${meetingId}/attendance`, "team", { present: [w.users.team.id] }), 204);
    expect((await read<z.infer<typeof MeetingSchema>>(await get(`/v1/meetings/${meetingId}`, "team"), 200)).attendance).toEqual([
      { userId: w.users.team.id, name: "Test team", authority: "Arbetsförmedlingen", present: true },
    ]);
    expect(await read(await post(`/v1/agenda-items/${item.id}/assessment`, "team", accept), 200)).toEqual({ outcome: "accept", place: "ordinary" });
    expect(await read(await get(`/v1/requests/${id}`, "officer"), 200)).toMatchObject({ status: "decided", decision: "accepted", place: "ordinary" });

    // The officer is told.
    const notifications = await read<{ items: z.infer<typeof NotificationSchema>[]; unread: number }>(await get("/v1/notifications", "officer"), 200);
    for (const n of notifications.items) expectDocumented(NotificationSchema, n);
    const decided = notifications.items.find((n) => n.kind === "request.decided")!;
    expect(decided).toMatchObject({ link: `/requests/${id}`, read: false, params: { program: "KRUS" } });
    expect(decided.title).toContain("KRUS");
    expect(await read(await post(`/v1/notifications/${decided.id}/read`, "officer"), 200)).toEqual({ link: `/requests/${id}` });
    const after = await read<{ items: { id: string; read: boolean }[]; unread: number }>(await get("/v1/notifications", "officer"), 200);
    expect(after.items.find((n) => n.id === decided.id)?.read).toBe(true);
    expect(after.unread).toBe(notifications.unread - 1);

    // The coordinators enrol the person with a coordinator.
    const places = await read<z.infer<typeof PlacesSchema>>(await get(`/v1/programs/${w.programId}/places`, "coordinator"), 200);
    expectDocumented(PlacesSchema, places);
    const placed = places.ordinary!.find((p) => p.personId === person.id)!;
    expect(placed).toMatchObject({ name: "Nora Sandberg", place: "ordinary", enrolled: false });
    const form = await read<z.infer<typeof EnrolmentFormSchema>>(await get(`/v1/placements/${placed.placementId}/enrolment`, "coordinator"), 200);
    expectDocumented(EnrolmentFormSchema, form);
    expect(form.coordinators).toEqual([{ userId: w.users.coordinator.id, name: "Test coordinator", caseload: 0 }]);
    expect(form.incomeSource).toBe("activity_compensation");
    const enrolment = {
      coordinatorId: w.users.coordinator.id, startDate: "2026-12-01", incomeSource: "activity_compensation", educationLevel: "upper_secondary", occupationAtStart: "job_seeking",
      firstMeetingDate: "2026-12-01", firstMeetingTime: "10:00", firstMeetingPlace: "KRUS", therapistOffered: true, therapistAccepted: "yes",
    };
    const wrongCoordinator = await problemOf(await post(`/v1/placements/${placed.placementId}/enrolment`, "coordinator", { ...enrolment, coordinatorId: w.users.officer.id }), 422);
    expect(wrongCoordinator.errors?.map((e) => e.field)).toEqual(["coordinatorId"]);
    await read(await post(`/v1/placements/${placed.placementId}/enrolment`, "coordinator", enrolment), 201);
    expect(await read(await get(`/v1/placements/${placed.placementId}/enrolment`, "coordinator"), 200)).toMatchObject({
      enrolment: { startDate: "2026-12-01", plannedEndDate: "2027-12-01", therapistOffered: true, therapistAccepted: true },
      coordinators: [{ userId: w.users.coordinator.id, caseload: 1 }],
    });
    expect(await read(await get(`/v1/requests/${id}`, "officer"), 200)).toMatchObject({ place: "enrolled" });

    // The minutes, a real PDF; the meeting is marked held.
    const minutes = await get(`/v1/meetings/${meetingId}/minutes?lang=en`, "team");
    expect(minutes.status).toBe(200);
    expect(minutes.headers.get("content-type")).toBe("application/pdf");
    expect(minutes.headers.get("content-disposition")).toMatch(/^attachment; filename="protokoll-2026-11-25\.pdf"/);
    expect(Buffer.from(await minutes.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await read(await send("PATCH", `/v1/meetings/${meetingId}`, "coordinator", { status: "held" }), 204);
    expect((await read<{ past: { id: string; status: string }[] }>(await get(`/v1/programs/${w.programId}/meetings`, "coordinator"), 200)).past[0]).toMatchObject({ id: meetingId, status: "held" });
  });

  it("records the read of a request in the audit log", async () => {
    const [request] = (await read<{ items: { id: string }[] }>(await get("/v1/requests?mine=true", "officer"), 200)).items;
    const views = () => t.deps.db.selectFrom("audit_events").selectAll().where("action", "=", "request.view").where("entity_id", "=", request!.id).orderBy("seq", "desc").execute();
    const before = await views();
    await read(await get(`/v1/requests/${request!.id}`, "team"), 200);
    const after = await views();
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({ actor_user_id: w.users.team.id, actor_role: "collaboration_team", entity_type: "interest_request", person_id: expect.any(String), program_id: w.programId });
    expect(after[0]!.details).toMatchObject({ content: true });
  });

  it("answers 403 when the caller's roles can never do it", async () => {
    const forbidden = async (res: Response) => expect(await problemOf(res, 403)).toMatchObject({ type: "/api/problems/forbidden" });
    await forbidden(await get("/v1/requests", "steering"));
    await forbidden(await get(`/v1/requests/${NO_SUCH_ID}`, "steering"));
    await forbidden(await post("/v1/requests", "volunteer", { programId: w.programId, personId: w.people.ella }));
    await forbidden(await get("/v1/consultations", "steering"));
    await forbidden(await get(`/v1/programs/${w.programId}/meetings`, "steering"));
    await forbidden(await get(`/v1/programs/${w.programId}/meetings`, "officer"));
    await forbidden(await send("PUT", `/v1/programs/${w.programId}/meeting-settings`, "team", { anchor: "2026-11-25", intervalWeeks: 3, startTime: "13:00", durationMinutes: 120 }));
    await forbidden(await get(`/v1/programs/${w.programId}/places`, "officer"));
    await forbidden(await get(`/v1/programs/${w.programId}/study-visits`, "team"));
    await forbidden(await send("PUT", `/v1/programs/${w.programId}/study-visits/slots/2026-12-22`, "officer", { action: "cancel" }));
    // The steering group sees the places as numbers only.
    expect(await read(await get(`/v1/programs/${w.programId}/places`, "steering"), 200)).toMatchObject({ ordinary: null, waitingList: null, load: { ordinaryTaken: 1 } });
  });

  it("answers 404 for what the caller may not know exists: another program's officer, unknown and malformed ids", async () => {
    const [request] = (await read<{ items: { id: string }[] }>(await get("/v1/requests?mine=true", "officer"), 200)).items;
    const notFound = async (res: Response) => expect(await problemOf(res, 404)).toMatchObject({ type: "/api/problems/not-found" });
    await notFound(await get(`/v1/requests/${request!.id}`, "officerOtherProgram"));
    await notFound(await send("PUT", `/v1/requests/${request!.id}`, "officerOtherProgram", draft(w)));
    await notFound(await post(`/v1/requests/${request!.id}/submit`, "officerOtherProgram"));
    await notFound(await post(`/v1/requests/${request!.id}/withdraw`, "officerOtherProgram", { reason: "x" }));
    expect((await read<{ items: unknown[] }>(await get("/v1/requests", "officerOtherProgram"), 200)).items).toEqual([]);
    await notFound(await get(`/v1/requests/${NO_SUCH_ID}`, "officer"));
    await notFound(await get("/v1/requests/not-a-uuid", "coordinator"));
    await notFound(await get(`/v1/people/${w.people.ella}/consents`, "officerOtherProgram"));
    await notFound(await post(`/v1/people/${w.people.ella}/consents`, "officerOtherProgram", consent([w.authorities.af])));
    await notFound(await get(`/v1/programs/${w.programId}/member-authorities`, "officerOtherProgram"));
    await notFound(await get(`/v1/meetings/${NO_SUCH_ID}`, "team"));
    await notFound(await post(`/v1/agenda-items/${NO_SUCH_ID}/assessment`, "team", accept));
    await notFound(await post(`/v1/placements/${NO_SUCH_ID}/move-to-ordinary`, "coordinator"));
    await notFound(await post(`/v1/notifications/${NO_SUCH_ID}/read`, "officer"));
    await notFound(await get(`/v1/study-visit-bookings/${NO_SUCH_ID}`, "officer"));
    await notFound(await get(`/v1/consents/${NO_SUCH_ID}/file`, "coordinator"));
  });

  it("answers 409 for a stale draft and for a second open request for the same person", async () => {
    const person = await read<{ id: string }>(await post("/v1/people", "officer", { firstName: "Oskar", lastName: "Berg", birthDate: "1990-02-02", sex: "male" }), 201);
    const { id } = await read<{ id: string }>(await post("/v1/requests", "officer", { programId: w.programId, personId: person.id }), 201);
    const { version } = await read<{ version: number }>(await get(`/v1/requests/${id}`, "officer"), 200);
    await read(await send("PUT", `/v1/requests/${id}`, "officer", { situation: "Bara början", version }), 200);
    const stale = await problemOf(await send("PUT", `/v1/requests/${id}`, "officer", { ...draft(w), version }), 409);
    expect(stale).toMatchObject({ type: "/api/problems/stale-version", code: "stale_version" });
    expect(await read(await get(`/v1/requests/${id}`, "officer"), 200)).toMatchObject({ version: version + 1, content: { situation: "Bara början", goals: "" } });
    const again = await problemOf(await post("/v1/requests", "officer", { programId: w.programId, personId: person.id }), 409);
    expect(again).toMatchObject({ type: "/api/problems/request-exists", code: "request_exists", requestId: id });
  });

  it("answers 422 with the invalid or missing fields, in the services' own terms", async () => {
    const [mine] = (await read<{ items: { id: string; status: string }[] }>(await get("/v1/requests?mine=true&status=draft", "officer"), 200)).items;
    expect(mine?.status).toBe("draft");
    const id = mine!.id;
    const invalid = await problemOf(await send("PUT", `/v1/requests/${id}`, "officer", { incomeSource: "lottery", situation: 42, needsTravel: "maybe" }), 422);
    expect(invalid.errors).toEqual(
      expect.arrayContaining([
        { field: "incomeSource", code: "errors.choose", message: expect.any(String) },
        { field: "situation", code: "errors.invalid", message: expect.any(String) },
        { field: "needsTravel", code: "errors.invalid", message: expect.any(String) },
      ]),
    );
    const incomplete = await problemOf(await post(`/v1/requests/${id}/submit`, "officer"), 422);
    expect(incomplete.errors!.map((e) => e.field).sort()).toEqual(["activeAt", "goals", "incomeSource", "motivation", "triedBefore", "whyNotEnough"]);
    expect(incomplete.errors!.find((e) => e.field === "activeAt")).toMatchObject({ code: "request.errors.activeAtRequired" });
    expect(incomplete.formErrors!.map((e) => e.code)).toEqual(["request.errors.consentMissing"]);
    const view = await read<{ person: { id: string } }>(await get(`/v1/requests/${id}`, "officer"), 200);
    const badConsent = await problemOf(await post(`/v1/people/${view.person.id}/consents`, "officer", consent([], { validUntil: "2026-01-01", method: "emailed" })), 422);
    expect(badConsent.errors!.map((e) => [e.field, e.code]).sort()).toEqual([
      ["authorityIds", "consent.errors.authorities"],
      ["method", "errors.choose"],
    ]);
    const untilBefore = await problemOf(await post(`/v1/people/${view.person.id}/consents`, "officer", consent([w.authorities.fk], { validUntil: "2026-01-01" })), 422);
    expect(untilBefore.errors).toEqual([{ field: "validUntil", code: "consent.errors.untilBeforeGiven", message: expect.any(String) }]);
    expect((await problemOf(await post(`/v1/requests/${id}/withdraw`, "officer", {}), 422)).errors?.map((e) => e.field)).toEqual(["reason"]);
    // Queries and bodies the API cannot read.
    expect((await problemOf(await get("/v1/requests?status=lost", "officer"), 422)).errors?.map((e) => e.field)).toEqual(["status"]);
    expect((await problemOf(await get(`/v1/programs/${w.programId}/study-visits?weeks=0`, "officer"), 422)).errors?.map((e) => e.field)).toEqual(["weeks"]);
    const notJson = await call(`/v1/requests/${id}`, { method: "PUT", as: "officer", headers: { "Content-Type": "application/json" }, body: "{" });
    expect(await problemOf(notJson, 400)).toMatchObject({ type: "/api/problems/invalid-json" });
    const notJsonType = await call(`/v1/requests/${id}`, { method: "PUT", as: "officer", headers: { "Content-Type": "text/plain" }, body: "situation=x" });
    expect(await problemOf(notJsonType, 415)).toMatchObject({ type: "/api/problems/unsupported-media-type" });
    expect((await problemOf(await post(`/v1/agenda-items/${NO_SUCH_ID}/move`, "coordinator", { direction: "sideways" }), 422)).errors?.map((e) => e.field)).toEqual(["direction"]);
  });

  it("shows the team only what the consent covers: a member of an authority it leaves out gets no content and cannot decide", async () => {
    // The consent covers the referring authority (FK) but not the team member's (AF).
    const { personId, requestId, meetingId } = await submittedRequest("Pia", "Lund", "1999-09-09", [w.authorities.fk]);
    const forTeam = await read<z.infer<typeof RequestSchema>>(await get(`/v1/requests/${requestId}`, "team"), 200);
    expectDocumented(RequestSchema, forTeam);
    expect(forTeam).toMatchObject({ status: "submitted", person: null, content: null, eligibility: null, consent: { authorities: [] } });
    expect(JSON.stringify(forTeam)).not.toContain("Pia");
    expect(JSON.stringify(forTeam)).not.toContain("sjukskriven");
    const item = await agendaItemFor(meetingId, requestId, "team");
    expect(item).toMatchObject({ hidden: true, personName: null, personReference: null, referrer: null, eligibility: null });
    const minutes = await get(`/v1/meetings/${meetingId}/minutes`, "team");
    expect(minutes.status).toBe(200);
    await problemOf(await get(`/v1/people/${personId}`, "team"), 404);
    expect(await problemOf(await post(`/v1/agenda-items/${item.id}/assessment`, "team", accept), 403)).toMatchObject({ type: "/api/problems/forbidden" });
    // The program's own staff see it all.
    expect(await read(await get(`/v1/requests/${requestId}`, "coordinator"), 200)).toMatchObject({ person: { name: "Pia Lund" }, content: { goals: "Börja studera på Komvux." } });
    // A new consent that covers AF too opens it for the team at once.
    t.clock.advance(60_000);
    await read(await post(`/v1/people/${personId}/consents`, "officer", consent([w.authorities.fk, w.authorities.af], { requestId })), 201);
    expect(await read(await get(`/v1/requests/${requestId}`, "team"), 200)).toMatchObject({ person: { name: "Pia Lund" }, content: { goals: "Börja studera på Komvux." } });
    expect((await read<{ items: { status: string }[] }>(await get(`/v1/people/${personId}/consents`, "officer"), 200)).items.map((c) => c.status)).toEqual(["given", "replaced"]);
  });

  it("records a signed consent form sent as multipart/form-data, and its withdrawal hides the person from the officer at once", async () => {
    const { personId, requestId } = await submittedRequest("Vera", "Ek", "2000-01-10", [w.authorities.fk, w.authorities.af]);
    const form = (withFile: boolean) => {
      const body = new FormData();
      for (const [key, value] of Object.entries(consent([w.authorities.fk, w.authorities.af], { method: "signed_form", requestId }))) {
        for (const v of Array.isArray(value) ? value : [value]) body.append(key, String(v));
      }
      if (withFile) body.append("file", new File([new TextEncoder().encode("%PDF-1.4 signed")], "samtycke vera.pdf", { type: "application/pdf" }));
      return body;
    };
    const garbled = await call(`/v1/people/${personId}/consents`, { method: "POST", as: "officer", headers: { "Content-Type": "multipart/form-data; boundary=x" }, body: "not a form" });
    expect(await problemOf(garbled, 400)).toMatchObject({ type: "/api/problems/invalid-form" });
    const missing = await problemOf(await call(`/v1/people/${personId}/consents`, { method: "POST", as: "officer", body: form(false) }), 422);
    expect(missing.errors).toEqual([{ field: "file", code: "consent.errors.fileRequired", message: expect.any(String) }]);
    t.clock.advance(60_000);
    await read(await call(`/v1/people/${personId}/consents`, { method: "POST", as: "officer", body: form(true) }), 201);
    const [latest] = (await read<{ items: z.infer<typeof ConsentSchema>[] }>(await get(`/v1/people/${personId}/consents`, "officer"), 200)).items;
    expect(latest).toMatchObject({ method: "signed_form", status: "given", file: { name: "samtycke vera.pdf", size: 15 } });
    expect(latest!.authorities.map((a) => a.name).sort()).toEqual(["Arbetsförmedlingen", "Försäkringskassan"]);
    const file = await get(`/v1/consents/${latest!.id}/file`, "coordinator");
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toContain("filename*=UTF-8''samtycke%20vera.pdf");
    expect(await file.text()).toBe("%PDF-1.4 signed");
    await problemOf(await get(`/v1/consents/${latest!.id}/file`, "officerOtherProgram"), 404);

    await read(await post(`/v1/people/${personId}/consents/withdraw`, "officer", { note: "Personen ringde och återkallade." }), 204);
    expect(await read(await get(`/v1/requests/${requestId}`, "officer"), 200)).toMatchObject({ status: "submitted", person: null, content: null, consent: { status: "withdrawn" } });
    await problemOf(await get(`/v1/people/${personId}/consents`, "officer"), 404);
    expect(await read(await get(`/v1/requests/${requestId}`, "team"), 200)).toMatchObject({ content: null });
    expect((await read<{ items: { kind: string }[] }>(await get("/v1/notifications", "coordinator"), 200)).items.map((n) => n.kind)).toContain("consent.withdrawn");
    // Nothing left to withdraw; the officer can still withdraw the request itself.
    expect((await problemOf(await post(`/v1/people/${personId}/consents/withdraw`, "coordinator"), 422)).formErrors?.map((e) => e.code)).toEqual(["consent.errors.noneToWithdraw"]);
    await read(await post(`/v1/requests/${requestId}/withdraw`, "officer", { reason: "Samtycket återkallat" }), 204);
    expect(await read(await get(`/v1/requests/${requestId}`, "officer"), 200)).toMatchObject({ status: "withdrawn" });
  });

  it("places the accepted in the pre-group when the group is full; moving and ending a place are one call each", async () => {
    await t.deps.db.updateTable("program_groups").set({ capacity: 1 }).where("program_id", "=", w.programId).where("kind", "=", "ordinary").execute();
    const { requestId, meetingId } = await submittedRequest("Ida", "Holm", "2001-04-04", [w.authorities.fk, w.authorities.af]);
    const item = await agendaItemFor(meetingId, requestId);
    const notReady = await problemOf(await post(`/v1/agenda-items/${item.id}/assessment`, "coordinator", { ...accept, outcome: "not_ready" }), 422);
    expect(notReady.errors).toEqual([{ field: "recommendation", code: "meeting.errors.recommendationRequired", message: expect.any(String) }]);
    expect(await read(await post(`/v1/agenda-items/${item.id}/assessment`, "coordinator", accept), 200)).toEqual({ outcome: "accept", place: "pre_group" });
    const again = await problemOf(await post(`/v1/agenda-items/${item.id}/assessment`, "coordinator", accept), 422);
    expect(again.formErrors?.map((e) => e.code)).toEqual(["meeting.errors.notOpen"]);

    let places = await read<z.infer<typeof PlacesSchema>>(await get(`/v1/programs/${w.programId}/places`, "coordinator"), 200);
    const waiting = places.waitingList!.find((p) => p.name === "Ida Holm")!;
    expect(waiting).toMatchObject({ place: "pre_group", priority: 1 });
    expect(places.nextInLine?.placementId).toBe(waiting.placementId);
    const full = await problemOf(await post(`/v1/placements/${waiting.placementId}/move-to-ordinary`, "coordinator"), 422);
    expect(full.formErrors?.map((e) => e.code)).toEqual(["places.errors.noFreePlace"]);
    await problemOf(await post(`/v1/placements/${waiting.placementId}/move-to-ordinary`, "team"), 403);
    // The enrolled person's place cannot be ended here; a free place lets Ida move in.
    const enrolled = places.ordinary!.find((p) => p.enrolled)!;
    expect((await problemOf(await post(`/v1/placements/${enrolled.placementId}/end`, "coordinator", { reason: "Flyttar" }), 422)).formErrors?.map((e) => e.code)).toEqual(["places.errors.enrolled"]);
    await t.deps.db.updateTable("program_groups").set({ capacity: 2 }).where("program_id", "=", w.programId).where("kind", "=", "ordinary").execute();
    await read(await post(`/v1/placements/${waiting.placementId}/move-to-ordinary`, "coordinator"), 204);
    places = await read(await get(`/v1/programs/${w.programId}/places`, "coordinator"), 200);
    expect(places.ordinary!.map((p) => p.name).sort()).toEqual(["Ida Holm", "Nora Sandberg"]);
    expect((await problemOf(await post(`/v1/placements/${waiting.placementId}/end`, "coordinator", { reason: "" }), 422)).errors?.map((e) => e.field)).toEqual(["reason"]);
    await read(await post(`/v1/placements/${waiting.placementId}/end`, "coordinator", { reason: "Tackade nej" }), 204);
    places = await read(await get(`/v1/programs/${w.programId}/places`, "coordinator"), 200);
    expect(places.ordinary!.map((p) => p.name)).toEqual(["Nora Sandberg"]);
    expect(places.freePlaces).toBe(1);
  });

  it("takes consultations to the team and returns the advice; moves agenda items; counts the team's cases", async () => {
    const bad = await problemOf(await post("/v1/consultations", "officer", { programId: w.programId, ageBand: "19_24", sex: "female", situation: "", question: "?" }), 422);
    expect(bad.errors?.map((e) => [e.field, e.code])).toEqual([["situation", "errors.required"]]);
    const res = await post("/v1/consultations", "officer", { programId: w.programId, ageBand: "19_24", sex: "female", situation: "Ung kvinna med social fobi.", question: "Är KRUS rätt, eller först psykiatrin?" });
    const { id } = await read<{ id: string }>(res, 201);
    expect(res.headers.get("location")).toBe(`/api/v1/consultations/${id}`);
    const consultation = await read<z.infer<typeof ConsultationSchema>>(await get(`/v1/consultations/${id}`, "officer"), 200);
    expectDocumented(ConsultationSchema, consultation);
    expect(consultation).toMatchObject({ status: "submitted", canWithdraw: true, mine: true });
    await problemOf(await get(`/v1/consultations/${id}`, "officerOtherProgram"), 404);
    const meetingId = (await read<{ upcoming: { id: string }[] }>(await get(`/v1/programs/${w.programId}/meetings`, "team"), 200)).upcoming[0]!.id;
    const agenda = (await read<z.infer<typeof MeetingSchema>>(await get(`/v1/meetings/${meetingId}`, "team"), 200)).agenda;
    const item = agenda.find((i) => i.consultationId === id)!;
    expect(item).toMatchObject({ kind: "consultation", hidden: false, consultation: { ageBand: "19_24", question: "Är KRUS rätt, eller först psykiatrin?" } });
    // Items can be moved up the agenda by the program's staff.
    const before = agenda.findIndex((i) => i.id === item.id);
    expect(before).toBeGreaterThan(0);
    await problemOf(await post(`/v1/agenda-items/${item.id}/move`, "team", { direction: "up" }), 403);
    await read(await post(`/v1/agenda-items/${item.id}/move`, "coordinator", { direction: "up" }), 204);
    expect((await read<z.infer<typeof MeetingSchema>>(await get(`/v1/meetings/${meetingId}`, "team"), 200)).agenda.findIndex((i) => i.id === item.id)).toBe(before - 1);
    await read(await post(`/v1/agenda-items/${item.id}/advice`, "team", { advice: "Börja med ett studiebesök; kontakta psykiatrin parallellt." }), 204);
    expect(await read(await get(`/v1/consultations/${id}`, "officer"), 200)).toMatchObject({ status: "answered", advice: "Börja med ett studiebesök; kontakta psykiatrin parallellt.", canWithdraw: false });
    expect((await read<{ items: { id: string }[] }>(await get("/v1/consultations", "team"), 200)).items.map((c) => c.id)).toContain(id);
    // An unanswered one can be taken back, once.
    const other = await read<{ id: string }>(await post("/v1/consultations", "officer", { programId: w.programId, ageBand: "30_39", sex: "male", situation: "Man med ADHD.", question: "Passar KRUS?" }), 201);
    await read(await post(`/v1/consultations/${other.id}/withdraw`, "officer"), 204);
    expect((await problemOf(await post(`/v1/consultations/${other.id}/withdraw`, "officer"), 422)).formErrors?.map((e) => e.code)).toEqual(["consultation.errors.notWithdrawable"]);
    // The team's cases this year: decisions and answered consultations at its meetings.
    const cases = await read<{ year: number; goal: number; total: number }>(await get(`/v1/programs/${w.programId}/team-cases?year=2026`, "team"), 200);
    expect(cases).toMatchObject({ year: 2026, goal: 70 });
    expect(cases.total).toBeGreaterThanOrEqual(3);
  });

  it("books, cancels and records study visits by the same rules as the pages", async () => {
    const booking = await read<{ id: string }>(await post(`/v1/programs/${w.programId}/study-visits/bookings`, "officer", { slotDate: "2026-12-08", visitorName: "K. L." }), 201);
    const noSlot = await problemOf(await post(`/v1/programs/${w.programId}/study-visits/bookings`, "officer", { slotDate: "2026-12-09", visitorName: "X" }), 422);
    expect(noSlot.errors).toEqual([{ field: "slotDate", code: "studyVisit.errors.noSuchSlot", message: expect.any(String) }]);
    // Only the program's staff record who came; whoever booked may cancel.
    await problemOf(await send("PATCH", `/v1/study-visit-bookings/${booking.id}`, "officer", { status: "attended" }), 403);
    expect((await problemOf(await send("PATCH", `/v1/study-visit-bookings/${booking.id}`, "officer", { status: "gone" }), 422)).errors?.map((e) => e.field)).toEqual(["status"]);
    await read(await send("PATCH", `/v1/study-visit-bookings/${booking.id}`, "coordinator", { status: "attended" }), 204);
    await read(await send("PATCH", `/v1/study-visit-bookings/${booking.id}`, "officer", { status: "cancelled" }), 204);
    await problemOf(await get(`/v1/study-visit-bookings/${booking.id}`, "officerOtherProgram"), 404);
    expect(await read(await get(`/v1/study-visit-bookings/${booking.id}`, "coordinator"), 200)).toMatchObject({ status: "cancelled", mine: false });
    // A holiday: the slot of 22 December is cancelled, and can no longer be booked.
    await read(await send("PUT", `/v1/programs/${w.programId}/study-visits/slots/2026-12-22`, "coordinator", { action: "cancel", note: "Jul" }), 204);
    const slot = await read<{ slot: { status: string; bookable: boolean } }>(await get(`/v1/programs/${w.programId}/study-visits/slots/2026-12-22`, "officer"), 200);
    expect(slot.slot).toMatchObject({ status: "cancelled", bookable: false });
    await problemOf(await post(`/v1/programs/${w.programId}/study-visits/bookings`, "officer", { slotDate: "2026-12-22", visitorName: "X" }), 422);
    await problemOf(await get(`/v1/programs/${w.programId}/study-visits/slots/2026-12-23`, "officer"), 404);
  });

  it("keeps the audit chain intact through all of it", async () => {
    const actions = (await t.deps.db.selectFrom("audit_events").select("action").distinct().execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["request.create", "request.update", "request.submit", "request.view", "consent.record", "consent.withdraw", "request.assess", "enrolment.create", "meeting.view", "meeting.minutes"]));
    expect((await verifyAuditChain(t.deps.db)).problems).toEqual([]);
  });
});
