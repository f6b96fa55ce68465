import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { type z } from "zod";
import { apiHarness, type OpenApiDoc, type Problem } from "../../tests/support/api.ts";
import { describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import type { World } from "../../tests/support/world.ts";
import { verifyAuditChain } from "../services/audit.ts";
import { CaseloadSchema, EnrolmentOverviewSchema } from "./journey/caseload.ts";
import { ExitPageSchema, NinetyDayDueSchema } from "./journey/exits.ts";
import { FollowUpPageSchema, FollowUpsSchema } from "./journey/followups.ts";
import { JournalSchema, NoteForCorrectionSchema } from "./journey/journal.ts";
import { NetworkContactPageSchema, NetworkSchema } from "./journey/network.ts";
import { PlanComparisonSchema, PlanSchema, PlanVersionPageSchema } from "./journey/plans.ts";
import { ProgramWheelSchema, ReadingFormSchema, WheelOverviewSchema, WheelStatisticsSchema } from "./journey/wheel.ts";
import { JOURNEY_TAGS } from "./journey/shared.ts";
import { WorkSchema } from "./journey/work.ts";
import { expectDocumented } from "../../tests/support/openapi.ts";

// The participant's journey through the JSON API alone: the same services, rules and audit events as the
// pages, errors as problem documents, and an OpenAPI document that describes what the endpoints return.
// Enrolments are made in the tables (as the services' own tests do); everything after goes through the API.

const JOURNEY_PATHS = [
  "/v1/caseload",
  "/v1/enrolments/{id}",
  "/v1/enrolments/{id}/exit",
  "/v1/enrolments/{id}/follow-ups",
  "/v1/enrolments/{id}/follow-ups/{followUpId}",
  "/v1/enrolments/{id}/follow-ups/{followUpId}/cancel",
  "/v1/enrolments/{id}/follow-ups/{followUpId}/hold",
  "/v1/enrolments/{id}/journal",
  "/v1/enrolments/{id}/journal/notes",
  "/v1/enrolments/{id}/journal/notes/{noteId}",
  "/v1/enrolments/{id}/journal/notes/{noteId}/corrections",
  "/v1/enrolments/{id}/network",
  "/v1/enrolments/{id}/network/contacts",
  "/v1/enrolments/{id}/network/contacts/{contactId}",
  "/v1/enrolments/{id}/network/contacts/{contactId}/end",
  "/v1/enrolments/{id}/ninety-day",
  "/v1/enrolments/{id}/passive-phase/end",
  "/v1/enrolments/{id}/passive-phase/start",
  "/v1/enrolments/{id}/plan",
  "/v1/enrolments/{id}/plan.pdf",
  "/v1/enrolments/{id}/plan/acceptances",
  "/v1/enrolments/{id}/plan/agree",
  "/v1/enrolments/{id}/plan/compare",
  "/v1/enrolments/{id}/plan/final",
  "/v1/enrolments/{id}/plan/versions/{version}",
  "/v1/enrolments/{id}/wheel",
  "/v1/enrolments/{id}/wheel/reading-form",
  "/v1/enrolments/{id}/wheel/readings",
  "/v1/enrolments/{id}/work",
  "/v1/enrolments/{id}/work/placements",
  "/v1/enrolments/{id}/work/placements/{placementId}/end",
  "/v1/programs/{id}/ninety-day-due",
  "/v1/programs/{id}/wheel",
  "/v1/programs/{id}/wheel/areas",
  "/v1/programs/{id}/wheel/areas/{key}",
  "/v1/programs/{id}/wheel/areas/{key}/move",
  "/v1/programs/{id}/wheel/areas/{key}/remove",
  "/v1/programs/{id}/wheel/statistics",
];

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
const TODAY = new Date("2026-11-23T09:00:00Z");
const DAY = 86_400_000;

describeEachDatabase("journey JSON API", (flavour) => {
  const api = apiHarness(flavour, ["coordinator", "manager", "therapist", "officer", "officerOtherProgram", "team", "steering", "volunteer", "participant"]);
  const { call, get, send, post, read, problemOf } = api;
  let t: TestDatabase;
  let w: World;

  const fieldsOf = (p: Problem) => p.errors?.map((e) => [e.field, e.code]);

  /**
   * A participant enrolled with the coordinator: registered, referred by the FK officer with a consent that
   * covers `consentFor`, placed in the ordinary group and enrolled (in the tables, as after the intake).
   */
  async function enrolled(first: string, consentFor: string[] = [w.authorities.fk], startDate = "2026-09-01"): Promise<{ enrolmentId: string; personId: string }> {
    const db = t.deps.db;
    const person = await db
      .insertInto("people")
      .values({ program_id: w.programId, reference: `P-${randomBytes(3).toString("hex").toUpperCase()}`, first_name: first, last_name: "Journeyson", sex: "female", birth_date: "2001-05-05", preferred_language: "sv", protected_identity: false })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("person_staff")
      .values([
        { person_id: person.id, user_id: w.users.coordinator.id, relation: "coordinator" },
        { person_id: person.id, user_id: w.users.officer.id, relation: "case_officer" },
      ])
      .execute();
    const request = await db
      .insertInto("interest_requests")
      .values({ program_id: w.programId, person_id: person.id, author_id: w.users.officer.id, referring_authority_id: w.authorities.fk, status: "decided", decision: "accepted", income_source: "activity_compensation" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const consent = await db
      .insertInto("consents")
      .values({ person_id: person.id, program_id: w.programId, request_id: request.id, purpose: "KRUS", given_on: "2026-08-01", valid_until: "2028-08-01", method: "recorded", recorded_by: w.users.officer.id, recorded_at: new Date("2026-08-01T10:00:00Z") })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (consentFor.length > 0) await db.insertInto("consent_authorities").values(consentFor.map((authority_id) => ({ consent_id: consent.id, authority_id }))).execute();
    const placement = await db
      .insertInto("placements")
      .values({ program_id: w.programId, person_id: person.id, request_id: request.id, accepted_on: startDate, priority: 1, place: "ordinary", placed_at: new Date("2026-08-20T10:00:00Z") })
      .returning("id")
      .executeTakeFirstOrThrow();
    const enrolment = await db
      .insertInto("enrolments")
      .values({
        program_id: w.programId,
        person_id: person.id,
        placement_id: placement.id,
        coordinator_id: w.users.coordinator.id,
        start_date: startDate,
        planned_end_date: "2027-09-01",
        income_source: "activity_compensation",
        education_level: "upper_secondary",
        created_by: w.users.coordinator.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { enrolmentId: enrolment.id, personId: person.id };
  }

  let main: { enrolmentId: string; personId: string };
  const base = () => `/v1/enrolments/${main.enrolmentId}`;

  beforeAll(async () => {
    ({ t, w } = api);
    main = await enrolled("Mira");
  });
  beforeEach(() => t.clock.set(TODAY));

  it("lists every journey endpoint in the OpenAPI document, with request schemas from the services and problem responses", async () => {
    const doc = await read<OpenApiDoc>(await call("/openapi.json"), 200);
    const paths = Object.keys(doc.paths);
    // Exactly these paths carry the journey's tags, and nothing else in the document does.
    const journeyTags = new Set<string>(Object.values(JOURNEY_TAGS));
    const tagged = paths.filter((p) => Object.values(doc.paths[p]!).some((op) => op.tags?.some((tag) => journeyTags.has(tag))));
    expect(tagged.sort()).toEqual(JOURNEY_PATHS);
    for (const path of JOURNEY_PATHS) for (const [method, op] of Object.entries(doc.paths[path]!)) expect(op.tags?.every((tag) => journeyTags.has(tag)), `${method} ${path}`).toBe(true);
    const text = JSON.stringify(doc);
    const refs = new Set([...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!));
    expect([...refs].filter((name) => !doc.components.schemas[name])).toEqual([]);
    const bodyless = new Set(["post /v1/enrolments/{id}/network/contacts/{contactId}/end"]);
    for (const path of JOURNEY_PATHS) {
      for (const [method, operation] of Object.entries(doc.paths[path]!)) {
        const name = `${method} ${path}`;
        expect(operation.responses, name).toHaveProperty("401");
        expect(Object.keys(operation.responses).filter((s) => s.startsWith("2")), name).toHaveLength(1);
        if (method !== "get" && !bodyless.has(name)) expect(operation.requestBody?.content["application/json"]?.schema, name).toBeDefined();
        if (operation.responses["422"]) expect(operation.responses["422"].content?.["application/problem+json"]?.schema, name).toEqual({ $ref: "#/components/schemas/ValidationProblem" });
      }
    }
    // The bodies are described by the very schemas the services validate with.
    expect(doc.components.schemas.JournalNoteInput?.required?.sort()).toEqual(["body", "kind", "noteDate", "visibility"]);
    expect(doc.components.schemas.PlanAcceptanceInput?.required?.sort()).toEqual(["acceptedOn", "method", "version"]);
    expect(doc.components.schemas.ExitInput?.required).toEqual(expect.arrayContaining(["exitDate", "reason", "occupation", "incomeSource"]));
    expect(Object.keys(doc.components.schemas.WheelReadingInput?.properties ?? {}).sort()).toEqual(["instrumentId", "note", "occasion", "ratedBy", "readingDate", "scores"]);
    expect(Object.keys(doc.paths["/v1/enrolments/{id}/plan.pdf"]!.get!.responses["200"]!.content!)).toEqual(["application/pdf"]);
  });

  it("answers 401 on every journey endpoint without valid credentials", async () => {
    const doc = await read<OpenApiDoc>(await call("/openapi.json"), 200);
    for (const path of JOURNEY_PATHS) {
      for (const method of Object.keys(doc.paths[path]!)) {
        const url = path.replace(/\{[^}]+\}/g, (m) => (m === "{version}" ? "1" : m === "{key}" ? "health" : NO_SUCH_ID));
        for (const headers of [{}, { Authorization: "Bearer spt_not-a-real-token" }] as Record<string, string>[]) {
          const res = await call(url, { method: method.toUpperCase(), headers });
          expect(res.status, `${method} ${path}`).toBe(401);
          expect(await res.json()).toMatchObject({ type: "/api/problems/unauthenticated" });
        }
      }
    }
  });

  it("shows the coordinator's caseload and the participant's hub", async () => {
    const caseload = await read<z.infer<typeof CaseloadSchema>>(await get(`/v1/caseload?programId=${w.programId}&sort=name`, "coordinator"), 200);
    expectDocumented(CaseloadSchema, caseload);
    const row = caseload.rows.find((r) => r.enrolmentId === main.enrolmentId)!;
    expect(row).toMatchObject({ firstName: "Mira", stage: "active", coordinator: { id: w.users.coordinator.id } });
    expect(row.flags.map((f) => f.kind)).toContain("no_plan");
    expect(caseload.filter).toMatchObject({ coordinatorId: w.users.coordinator.id, sort: "name" });
    // The filters are those of the page: the flag filter narrows the list; the manager sees every coordinator's.
    const filtered = await read<z.infer<typeof CaseloadSchema>>(await get("/v1/caseload?flag=ninety_day", "coordinator"), 200);
    expect(filtered.rows.map((r) => r.enrolmentId)).not.toContain(main.enrolmentId);
    expect(await read(await get("/v1/caseload", "manager"), 200)).toMatchObject({ viewAll: true, filter: { coordinatorId: "all" } });

    const hub = await read<z.infer<typeof EnrolmentOverviewSchema>>(await get(base(), "coordinator"), 200);
    expectDocumented(EnrolmentOverviewSchema, hub);
    expect(hub).toMatchObject({ enrolmentId: main.enrolmentId, access: "full", person: { firstName: "Mira", canOpen: true }, stage: "active", journey: { plan: null } });
    expect(await read(await get(base(), "officer"), 200)).toMatchObject({ access: "full" });
  });

  it("saves the plan in versions, compares them, records the acceptance and prints it as a PDF", async () => {
    const plan1 = {
      baseVersion: 0,
      longTermGoal: { kind: "studies", text: "Börja på Komvux till hösten." },
      subGoals: [{ text: "Komma upp på morgonen" }],
      obstacles: [{ text: "Ångest i grupp", howToOvercome: "Börja i en liten grupp" }],
      actions: [
        { what: "Söka till Komvux", who: "participant", byWhen: "2027-03-01" },
        { what: "Kontakta AF", who: "authority", authorityId: w.authorities.af },
      ],
    };
    expect(await read(await send("PUT", `${base()}/plan`, "coordinator", plan1), 200)).toEqual({ version: 1, changed: true });
    let plan = await read<z.infer<typeof PlanSchema>>(await get(`${base()}/plan`, "coordinator"), 200);
    expectDocumented(PlanSchema, plan);
    // Sent back as read (the items with their ids), nothing changed: no new version.
    expect(await read(await send("PUT", `${base()}/plan`, "coordinator", { ...plan.current!.content, baseVersion: 1 }), 200)).toEqual({ version: 1, changed: false });
    expect(plan.current).toMatchObject({ version: 1, stage: "ongoing", content: { longTermGoal: { kind: "studies" } } });
    const [search, contact] = plan.current!.content.actions;
    expect(contact).toMatchObject({ who: "authority", authorityId: w.authorities.af, agreed: false });

    // Version 2: one action done, one sub-goal more. Saving on top of version 1 again is stale.
    const plan2 = { ...plan.current!.content, baseVersion: 1, subGoals: [...plan.current!.content.subGoals, { text: "Träna på att åka buss" }], actions: [{ ...search!, status: "done" }, contact!] };
    expect(await read(await send("PUT", `${base()}/plan`, "coordinator", plan2), 200)).toEqual({ version: 2, changed: true });
    expect(await problemOf(await send("PUT", `${base()}/plan`, "coordinator", plan2), 409)).toMatchObject({ type: "/api/problems/stale-version", code: "stale_version", currentVersion: 2 });

    const v1 = await read<z.infer<typeof PlanVersionPageSchema>>(await get(`${base()}/plan/versions/1`, "officer"), 200);
    expectDocumented(PlanVersionPageSchema, v1);
    expect(v1).toMatchObject({ version: { version: 1 }, currentVersion: 2, versionNumbers: [2, 1], canManage: false });
    await problemOf(await get(`${base()}/plan/versions/9`, "coordinator"), 404);
    const compared = await read<z.infer<typeof PlanComparisonSchema>>(await get(`${base()}/plan/compare?from=1&to=2`, "coordinator"), 200);
    expectDocumented(PlanComparisonSchema, compared);
    expect(compared.changes.map((c) => c.change).sort()).toEqual(["added", "changed"]);
    expect(compared.comparison.actions.find((a) => a.id === search!.id)).toMatchObject({ change: "changed", fields: ["status"] });
    expect(fieldsOf(await problemOf(await get(`${base()}/plan/compare?from=1`, "coordinator"), 422))).toEqual([["to", "errors.required"]]);

    // Agreeing an action is a version too; the participant accepts the newest one.
    expect(await read(await post(`${base()}/plan/agree`, "coordinator", { baseVersion: 2, actionIds: [contact!.id] }), 200)).toEqual({ version: 3, changed: true });
    expect(fieldsOf(await problemOf(await post(`${base()}/plan/acceptances`, "coordinator", { version: 3, acceptedOn: "2026-12-24", method: "signed" }), 422))).toEqual([["acceptedOn", "plans.errors.acceptedInFuture"]]);
    const accepted = await post(`${base()}/plan/acceptances`, "coordinator", { version: 3, acceptedOn: "2026-11-23", method: "in_meeting", note: "Gick igenom planen tillsammans" });
    await read(accepted, 201);
    expect(accepted.headers.get("location")).toBe(`/api/v1/enrolments/${main.enrolmentId}/plan`);
    plan = await read(await get(`${base()}/plan`, "coordinator"), 200);
    expect(plan.acceptance).toMatchObject({ state: "current", latest: { version: 3, method: "in_meeting", acceptedOn: "2026-11-23" } });
    expect(plan.current!.content.actions.find((a) => a.id === contact!.id)?.agreed).toBe(true);
    expect(plan.acceptedFinal).toBeNull();

    // The printed plan: a real PDF, in the participant's language.
    const pdf = await get(`${base()}/plan.pdf?lang=en`, "coordinator");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; filename="plan-P-[0-9A-F]+-v3\.pdf"/);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((await get(`${base()}/plan.pdf?version=1`, "officer")).headers.get("content-disposition")).toMatch(/-v1\.pdf"/);
    await problemOf(await get(`${base()}/plan.pdf?lang=de`, "coordinator"), 422);
    const prints = await t.deps.db.selectFrom("audit_events").select("details").where("action", "=", "plan.print").where("entity_id", "=", main.enrolmentId).execute();
    expect(prints.map((p) => p.details)).toEqual(expect.arrayContaining([expect.objectContaining({ version: 3, language: "sv" })]));
  });

  it("records wheel readings against the program's instrument and returns them in the overview", async () => {
    const form = await read<z.infer<typeof ReadingFormSchema>>(await get(`${base()}/wheel/reading-form`, "coordinator"), 200);
    expectDocumented(ReadingFormSchema, form);
    const keys = form.instrument.areas.map((a) => a.key);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    const scores = Object.fromEntries(keys.map((k, i) => [k, (i % 10) + 1]));
    const reading = { instrumentId: form.instrument.id, ratedBy: "participant", occasion: "start", readingDate: "2026-11-20", scores };
    const missing = await problemOf(await post(`${base()}/wheel/readings`, "coordinator", { ...reading, scores: { ...scores, [keys[0]!]: undefined } }), 422);
    expect(fieldsOf(missing)).toEqual([[`scores.${keys[0]}`, "wheel.errors.chooseScore"]]);
    const created = await post(`${base()}/wheel/readings`, "coordinator", reading);
    const { id } = await read<{ id: string }>(created, 201);
    expect(created.headers.get("location")).toBe(`/api/v1/enrolments/${main.enrolmentId}/wheel`);
    await read(await post(`${base()}/wheel/readings`, "coordinator", { ...reading, ratedBy: "coordinator", scores: Object.fromEntries(keys.map((k) => [k, 5])) }), 201);

    const overview = await read<z.infer<typeof WheelOverviewSchema>>(await get(`${base()}/wheel?show=${id}`, "officer"), 200);
    expectDocumented(WheelOverviewSchema, overview);
    expect(overview.readings).toHaveLength(2);
    expect(overview.readings.find((r) => r.id === id)).toMatchObject({ ratedBy: "participant", occasion: "start", date: "2026-11-20", scores, instrumentId: form.instrument.id });
    expect(overview.chart).toEqual([id]);
    expect(overview.comparisons).toHaveLength(1);
    expect(overview).toMatchObject({ canRecord: false, canAdjust: false });
    await problemOf(await post(`${base()}/wheel/readings`, "officer", reading), 403);

    // The program adjusts its instrument: a reading made against the old version is refused.
    const wheel = await read<z.infer<typeof ProgramWheelSchema>>(await get(`/v1/programs/${w.programId}/wheel`, "coordinator"), 200);
    expectDocumented(ProgramWheelSchema, wheel);
    expect(wheel).toMatchObject({ current: { id: form.instrument.id, origin: "default" }, defaultReadings: 2 });
    const moved = await read<{ instrumentId: string; version: number; changed: boolean; key: string }>(
      await post(`/v1/programs/${w.programId}/wheel/areas/${keys[0]}/move`, "coordinator", { instrumentId: form.instrument.id, direction: "down" }),
      200,
    );
    expect(moved).toMatchObject({ version: 1, changed: true, key: keys[0] });
    expect(await problemOf(await post(`/v1/programs/${w.programId}/wheel/areas/${keys[0]}/move`, "coordinator", { instrumentId: form.instrument.id, direction: "down" }), 409)).toMatchObject({ code: "stale_version" });
    const stale = await problemOf(await post(`${base()}/wheel/readings`, "coordinator", reading), 422);
    expect(stale.formErrors?.map((e) => e.code)).toEqual(["wheel.errors.instrumentChanged"]);
    const after = await read<z.infer<typeof ProgramWheelSchema>>(await get(`/v1/programs/${w.programId}/wheel`, "manager"), 200);
    expect(after.current.areas.map((a) => a.key).slice(0, 2)).toEqual([keys[1], keys[0]]);
    const area = after.current.areas[0]!;
    const renamed = { instrumentId: moved.instrumentId, group: area.group, label: { ...area.label, en: "Renamed" }, steps: area.steps };
    expect(await read(await send("PUT", `/v1/programs/${w.programId}/wheel/areas/${area.key}`, "coordinator", renamed), 200)).toMatchObject({ version: 2, changed: true });
    const badArea = await problemOf(await post(`/v1/programs/${w.programId}/wheel/areas`, "coordinator", { ...renamed, instrumentId: moved.instrumentId, label: { sv: "", nb: "x", en: "x" } }), 422);
    expect(fieldsOf(badArea)).toContainEqual(["label.sv", "errors.required"]);
    await problemOf(await post(`/v1/programs/${w.programId}/wheel/areas/no-such-area/remove`, "coordinator", { instrumentId: moved.instrumentId }), 409);

    // The figures: counts and means, for those who see the program's figures (the steering group too).
    const nextReading = await read<z.infer<typeof ReadingFormSchema>>(await get(`${base()}/wheel/reading-form`, "coordinator"), 200);
    await read(await post(`${base()}/wheel/readings`, "coordinator", { ...reading, instrumentId: nextReading.instrument.id, occasion: "during", readingDate: "2026-11-23", scores: Object.fromEntries(nextReading.instrument.areas.map((a) => [a.key, 10])) }), 201);
    const stats = await read<z.infer<typeof WheelStatisticsSchema>>(await get(`/v1/programs/${w.programId}/wheel/statistics`, "steering"), 200);
    expectDocumented(WheelStatisticsSchema, stats);
    expect(stats).toMatchObject({ participants: 1, improved: 1 });
    expect(await read(await get(`/v1/programs/${w.programId}/wheel/statistics?ratedBy=coordinator`, "coordinator"), 200)).toMatchObject({ participants: 0 });
    expect(fieldsOf(await problemOf(await get(`/v1/programs/${w.programId}/wheel/statistics?ratedBy=someone&from=yesterday`, "coordinator"), 422))?.map(([f]) => f).sort()).toEqual(["from", "ratedBy"]);
  });

  it("writes and corrects journal notes; the consented officer reads the shared ones, an officer without consent none", async () => {
    const note = { noteDate: "2026-11-23", kind: "individual", visibility: "shared", body: "Samtal om studier. Mira vill söka till Komvux." };
    const bad = await problemOf(await post(`${base()}/journal/notes`, "coordinator", { ...note, body: "", kind: "chat", noteDate: "2026-12-01" }), 422);
    expect(fieldsOf(bad)?.sort()).toEqual([["body", "errors.required"], ["kind", "errors.choose"]]);
    expect(fieldsOf(await problemOf(await post(`${base()}/journal/notes`, "coordinator", { ...note, noteDate: "2026-12-01" }), 422))).toEqual([["noteDate", "journal.errors.future"]]);
    const written = await post(`${base()}/journal/notes`, "coordinator", note);
    const { id } = await read<{ id: string }>(written, 201);
    expect(written.headers.get("location")).toBe(`/api/v1/enrolments/${main.enrolmentId}/journal/notes/${id}`);
    await read(await post(`${base()}/journal/notes`, "therapist", { ...note, visibility: "staff", body: "Terapisamtal." }), 201);

    const forCorrection = await read<z.infer<typeof NoteForCorrectionSchema>>(await get(`${base()}/journal/notes/${id}`, "coordinator"), 200);
    expectDocumented(NoteForCorrectionSchema, forCorrection);
    expect(forCorrection).toMatchObject({ note: { id, body: note.body }, newest: null, sharedWith: [{ name: "Test officer", authority: "Försäkringskassan" }] });
    const correction = await read<{ id: string }>(await post(`${base()}/journal/notes/${id}/corrections`, "coordinator", { ...note, body: "Samtal om studier. Mira vill söka till Komvux i vår." }), 201);
    const again = await problemOf(await post(`${base()}/journal/notes/${id}/corrections`, "coordinator", note), 422);
    expect(again.formErrors?.map((e) => e.code)).toEqual(["journal.errors.alreadyCorrected"]);
    await problemOf(await post(`${base()}/journal/notes/${NO_SUCH_ID}/corrections`, "coordinator", note), 404);

    const journal = await read<z.infer<typeof JournalSchema>>(await get(`${base()}/journal`, "coordinator"), 200);
    expectDocumented(JournalSchema, journal);
    expect(journal).toMatchObject({ scope: "all", total: 3, canWrite: true });
    expect(journal.notes.find((n) => n.id === id)).toMatchObject({ correctedBy: { id: correction.id, visible: true } });
    expect(journal.notes.find((n) => n.id === correction.id)).toMatchObject({ corrects: { id } });
    const filtered = await read<z.infer<typeof JournalSchema>>(await get(`${base()}/journal?author=${w.users.therapist.id}&from=2026-11-01`, "coordinator"), 200);
    expect(filtered.notes.map((n) => n.body)).toEqual(["Terapisamtal."]);
    expect(fieldsOf(await problemOf(await get(`${base()}/journal?from=2026-11-20&to=2026-11-01`, "coordinator"), 422))).toEqual([["to", "journal.errors.toBeforeFrom"]]);

    // The officer whom the consent covers sees the shared notes only, and may not write.
    const forOfficer = await read<z.infer<typeof JournalSchema>>(await get(`${base()}/journal`, "officer"), 200);
    expectDocumented(JournalSchema, forOfficer);
    expect(forOfficer).toMatchObject({ scope: "shared", canWrite: false });
    expect(forOfficer.notes.map((n) => n.id).sort()).toEqual([id, correction.id].sort());
    expect(JSON.stringify(forOfficer)).not.toContain("Terapisamtal");
    expect(await problemOf(await post(`${base()}/journal/notes`, "officer", note), 403)).toMatchObject({ type: "/api/problems/forbidden" });
    // A participant whose consent does not cover the officer's authority (FK): nothing, not even that it exists.
    const uncovered = await enrolled("Nils", [w.authorities.af]);
    await read(await post(`/v1/enrolments/${uncovered.enrolmentId}/journal/notes`, "coordinator", note), 201);
    expect(await problemOf(await get(`/v1/enrolments/${uncovered.enrolmentId}/journal`, "officer"), 404)).toMatchObject({ type: "/api/problems/not-found" });
    await problemOf(await get(`/v1/enrolments/${uncovered.enrolmentId}`, "officer"), 404);
  });

  it("keeps the participant's network: contacts added, changed and ended", async () => {
    const contact = { kind: "authority", authorityId: w.authorities.af, name: "Fatima Ali", role: "Arbetsförmedlare", phone: "010-486 00 00", email: "fatima.ali@af.example" };
    const bad = await problemOf(await post(`${base()}/network/contacts`, "coordinator", { ...contact, authorityId: undefined, email: "inte en adress" }), 422);
    expect(fieldsOf(bad)?.sort()).toEqual([["authorityId", "network.errors.authority"], ["email", "errors.email"]]);
    const res = await post(`${base()}/network/contacts`, "coordinator", contact);
    const { id } = await read<{ id: string }>(res, 201);
    expect(res.headers.get("location")).toBe(`/api/v1/enrolments/${main.enrolmentId}/network/contacts/${id}`);
    const family = await read<{ id: string }>(await post(`${base()}/network/contacts`, "coordinator", { kind: "family", name: "Lena Journeyson", role: "Mamma" }), 201);
    await read(await send("PUT", `${base()}/network/contacts/${id}`, "coordinator", { ...contact, role: "Handläggare" }), 204);
    const page = await read<z.infer<typeof NetworkContactPageSchema>>(await get(`${base()}/network/contacts/${id}`, "coordinator"), 200);
    expectDocumented(NetworkContactPageSchema, page);
    expect(page.contact).toMatchObject({ role: "Handläggare", organisation: "Arbetsförmedlingen", authorityName: "Arbetsförmedlingen", endedAt: null });
    await read(await post(`${base()}/network/contacts/${family.id}/end`, "coordinator"), 204);
    expect((await problemOf(await post(`${base()}/network/contacts/${family.id}/end`, "coordinator"), 422)).formErrors?.map((e) => e.code)).toEqual(["network.errors.ended"]);
    const network = await read<z.infer<typeof NetworkSchema>>(await get(`${base()}/network`, "officer"), 200);
    expectDocumented(NetworkSchema, network);
    expect(network.current.map((c) => c.id)).toEqual([id]);
    expect(network.ended.map((c) => [c.id, typeof c.endedAt])).toEqual([[family.id, "string"]]);
    expect(network.canManage).toBe(false);
    await problemOf(await post(`${base()}/network/contacts`, "officer", contact), 403);
    await problemOf(await get(`${base()}/network/contacts/${NO_SUCH_ID}`, "coordinator"), 404);
  });

  it("records work placements and jobs with the measures", async () => {
    const bad = await problemOf(await post(`${base()}/work/placements`, "coordinator", { employer: "", kind: "volunteer", startDate: "2026-11-10", endDate: "2026-11-01", hoursPerWeek: 0 }), 422);
    expect(fieldsOf(bad)?.map(([f]) => f).sort()).toEqual(["employer", "endDate", "hoursPerWeek", "kind"]);
    const { id } = await read<{ id: string }>(await post(`${base()}/work/placements`, "coordinator", { employer: "ICA Kvantum", kind: "internship", startDate: "2026-10-05", hoursPerWeek: 20 }), 201);
    await read(await post(`${base()}/work/placements`, "coordinator", { employer: "Kalmar kommun", kind: "competitive", startDate: "2026-11-16", hoursPerWeek: "25,5" }), 201);
    expect(fieldsOf(await problemOf(await post(`${base()}/work/placements/${id}/end`, "coordinator", { endDate: "2026-10-01" }), 422))).toEqual([["endDate", "work.errors.endBeforeStart"]]);
    await read(await post(`${base()}/work/placements/${id}/end`, "coordinator", { endDate: "2026-11-13" }), 204);
    const work = await read<z.infer<typeof WorkSchema>>(await get(`${base()}/work`, "officer"), 200);
    expectDocumented(WorkSchema, work);
    expect(work.placements.map((p) => [p.employer, p.endDate, p.ongoing])).toEqual([
      ["Kalmar kommun", null, true],
      ["ICA Kvantum", "2026-11-13", false],
    ]);
    expect(work.measures.competitive).toMatchObject({ firstStart: "2026-11-16", hoursPerWeekNow: 25.5, workingNow: true });
    expect(work.measures.any).toMatchObject({ firstStart: "2026-10-05" });
    await problemOf(await post(`${base()}/work/placements/${id}/end`, "officer", { endDate: "2026-11-13" }), 403);
    await problemOf(await post(`${base()}/work/placements/${NO_SUCH_ID}/end`, "coordinator", { endDate: "2026-11-13" }), 404);
  });

  it("books, documents and cancels follow-up meetings", async () => {
    const booking = { plannedDate: "2026-11-20", plannedTime: "10:00", place: "KRUS, Storgatan 1", attendees: ["participant", "coordinator", "referrer"] };
    expect(fieldsOf(await problemOf(await post(`${base()}/follow-ups`, "coordinator", { ...booking, plannedTime: undefined, attendees: ["nobody"] }), 422))?.sort()).toEqual([
      ["attendees.0", "errors.invalid"],
      ["plannedTime", "followUps.errors.time"],
    ]);
    expect(fieldsOf(await problemOf(await post(`${base()}/follow-ups`, "coordinator", { ...booking, plannedDate: "2026-08-01" }), 422))).toEqual([["plannedDate", "followUps.errors.beforeStart"]]);
    const res = await post(`${base()}/follow-ups`, "coordinator", booking);
    const { id } = await read<{ id: string }>(res, 201);
    expect(res.headers.get("location")).toBe(`/api/v1/enrolments/${main.enrolmentId}/follow-ups/${id}`);
    const later = await read<{ id: string }>(await post(`${base()}/follow-ups`, "coordinator", { ...booking, plannedDate: "2027-01-15" }), 201);
    // The officer invited is told (by reference only).
    const notified = (await read<{ items: { kind: string; title: string }[] }>(await get("/v1/notifications", "officer"), 200)).items.filter((n) => n.kind === "followUp.scheduled");
    expect(notified.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(notified)).not.toContain("Mira");

    const noOneCame = await problemOf(await post(`${base()}/follow-ups/${id}/hold`, "coordinator", { heldOn: "2026-11-20", notes: "Bra möte." }), 422);
    expect(fieldsOf(noOneCame)).toEqual([["attendees", "followUps.errors.whoCame"]]);
    await read(await post(`${base()}/follow-ups/${id}/hold`, "coordinator", { heldOn: "2026-11-20", attendees: ["participant", "coordinator"], otherAttendees: "Lena Journeyson", notes: "Bra möte. Nästa steg: Komvux." }), 204);
    expect((await problemOf(await post(`${base()}/follow-ups/${id}/hold`, "coordinator", { heldOn: "2026-11-20", attendees: ["participant"], notes: "x" }), 422)).formErrors?.map((e) => e.code)).toEqual([
      "followUps.errors.already.held",
    ]);
    const one = await read<z.infer<typeof FollowUpPageSchema>>(await get(`${base()}/follow-ups/${id}`, "officer"), 200);
    expectDocumented(FollowUpPageSchema, one);
    expect(one.followUp).toMatchObject({ status: "held", heldOn: "2026-11-20", notes: "Bra möte. Nästa steg: Komvux." });
    expect(one.followUp.attendees.map((a) => [a.kind, a.name])).toEqual([
      ["participant", ""],
      ["coordinator", "Test coordinator"],
      ["other", "Lena Journeyson"],
    ]);
    await read(await post(`${base()}/follow-ups/${later.id}/cancel`, "coordinator", { note: "Flyttas" }), 204);
    const list = await read<z.infer<typeof FollowUpsSchema>>(await get(`${base()}/follow-ups`, "coordinator"), 200);
    expectDocumented(FollowUpsSchema, list);
    expect(list.held.map((f) => f.id)).toEqual([id]);
    expect(list.cancelled.map((f) => f.id)).toEqual([later.id]);
    expect(list).toMatchObject({ coming: [], canSchedule: true, next: { date: "2027-01-15", booked: false } });
    expect(list.candidates.map((c) => c.value)).toEqual(expect.arrayContaining(["participant", "coordinator", "referrer"]));
    await problemOf(await post(`${base()}/follow-ups`, "officer", booking), 403);
    await problemOf(await get(`${base()}/follow-ups/${NO_SUCH_ID}`, "coordinator"), 404);
  });

  it("refuses an exit according to plan without an accepted final plan; records another; then the passive phase and the 90-day follow-up", async () => {
    const { enrolmentId } = await enrolled("Ola");
    const at = `/v1/enrolments/${enrolmentId}`;
    const exit = { exitDate: "2026-11-23", kind: "completed", reason: "according_to_plan", occupation: "studies", incomeSource: "none" };
    let page = await read<z.infer<typeof ExitPageSchema>>(await get(`${at}/exit`, "coordinator"), 200);
    expectDocumented(ExitPageSchema, page);
    expect(page).toMatchObject({ exit: null, finalPlan: null, ninetyDay: null, canManage: true, incomeSourceAtStart: "activity_compensation" });
    const refused = await problemOf(await post(`${at}/exit`, "coordinator", exit), 422);
    expect(fieldsOf(refused)).toEqual([["reason", "exit.errors.needsAcceptedFinalPlan"]]);
    const wrongKind = await problemOf(await post(`${at}/exit`, "coordinator", { ...exit, reason: "moved" }), 422);
    expect(fieldsOf(wrongKind)).toEqual([["reason", "exit.errors.reasonNotOfKind"]]);
    await problemOf(await post(`${at}/exit`, "officer", { ...exit, reason: "health" }), 403);
    const res = await post(`${at}/exit`, "coordinator", { ...exit, reason: "health", occupation: "sick_leave", incomeSource: "sickness_benefit", meetingDate: "2026-11-23", meetingAttendees: ["participant", "coordinator"] });
    await read(res, 201);
    expect(res.headers.get("location")).toBe(`/api/v1/enrolments/${enrolmentId}/exit`);
    page = await read(await get(`${at}/exit`, "officer"), 200);
    expectDocumented(ExitPageSchema, page);
    expect(page).toMatchObject({ exit: { exitDate: "2026-11-23", kind: "completed", reason: "health", finalPlanVersion: null }, ninetyDay: { dueOn: "2027-02-21", state: "later" }, canManage: false });
    expect((await problemOf(await post(`${at}/ninety-day`, "coordinator", { outcome: "studying", answeredOn: "2026-11-23" }), 422)).formErrors?.map((e) => e.code)).toEqual(["ninetyDay.errors.notDue"]);

    // A lighter contact after the exit.
    const passive = await read<{ id: string }>(await post(`${at}/passive-phase/start`, "coordinator", { startedOn: "2026-11-23", note: "Ringer en gång i månaden" }), 201);
    expect((await problemOf(await post(`${at}/passive-phase/start`, "coordinator", { startedOn: "2026-11-23" }), 422)).formErrors?.map((e) => e.code)).toEqual(["passive.errors.alreadyOpen"]);
    expect(fieldsOf(await problemOf(await post(`${at}/passive-phase/end`, "coordinator", { endedOn: "" }), 422))).toEqual([["endedOn", "passive.errors.endedOn"]]);
    t.clock.set(new Date(TODAY.getTime() + 30 * DAY));
    await read(await post(`${at}/passive-phase/end`, "coordinator", { endedOn: "2026-12-20" }), 204);
    page = await read(await get(`${at}/exit`, "coordinator"), 200);
    expect(page.passivePhases).toMatchObject([{ id: passive.id, startedOn: "2026-11-23", endedOn: "2026-12-20", reason: "after_exit" }]);
    expect(page.openPassivePhase).toBeNull();

    // 90 days on, the follow-up is due: listed for the program, and answered.
    t.clock.set(new Date(TODAY.getTime() + 91 * DAY));
    const due = await read<{ items: z.infer<typeof NinetyDayDueSchema>[] }>(await get(`/v1/programs/${w.programId}/ninety-day-due`, "coordinator"), 200);
    for (const item of due.items) expectDocumented(NinetyDayDueSchema, item);
    expect(due.items.find((i) => i.enrolmentId === enrolmentId)).toMatchObject({ name: "Ola Journeyson", exitDate: "2026-11-23", dueOn: "2027-02-21", state: "overdue" });
    expect(fieldsOf(await problemOf(await post(`${at}/ninety-day`, "coordinator", { outcome: "asleep", answeredOn: "2027-02-22" }), 422))).toEqual([["outcome", "ninetyDay.errors.outcome"]]);
    await read(await post(`${at}/ninety-day`, "coordinator", { outcome: "studying", answeredOn: "2027-02-22", note: "Läser på Komvux" }), 204);
    expect(await read(await get(`${at}/exit`, "coordinator"), 200)).toMatchObject({ ninetyDay: { state: "answered", outcome: "studying", answeredOn: "2027-02-22" } });
    expect((await read<{ items: { enrolmentId: string }[] }>(await get(`/v1/programs/${w.programId}/ninety-day-due`, "manager"), 200)).items.map((i) => i.enrolmentId)).not.toContain(enrolmentId);
  });

  it("accepts an exit according to plan once the final plan is accepted", async () => {
    const { enrolmentId } = await enrolled("Pia");
    const at = `/v1/enrolments/${enrolmentId}`;
    await read(await send("PUT", `${at}/plan`, "coordinator", { baseVersion: 0, longTermGoal: { kind: "work", text: "Jobba inom handeln." } }), 200);
    expect(fieldsOf(await problemOf(await post(`${at}/plan/final`, "coordinator", { baseVersion: 1, recommendations: "" }), 422))).toEqual([["recommendations", "plans.errors.recommendationsRequired"]]);
    expect(await read(await post(`${at}/plan/final`, "coordinator", { baseVersion: 1, recommendations: "Fortsätt med praktiken via AF." }), 200)).toEqual({ version: 2, changed: true });
    await read(await post(`${at}/plan/acceptances`, "coordinator", { version: 2, acceptedOn: "2026-11-23", method: "signed" }), 201);
    expect(await read(await get(`${at}/plan`, "coordinator"), 200)).toMatchObject({ current: { stage: "final", content: { recommendations: "Fortsätt med praktiken via AF." } }, acceptedFinal: { version: 2 } });
    await read(await post(`${at}/exit`, "coordinator", { exitDate: "2026-11-23", reason: "according_to_plan", occupation: "job_seeking", incomeSource: "none" }), 201);
    expect(await read(await get(`${at}/exit`, "coordinator"), 200)).toMatchObject({ exit: { kind: "completed", reason: "according_to_plan", finalPlanVersion: 2 } });
    expect((await problemOf(await post(`${at}/follow-ups`, "coordinator", { plannedDate: "2026-12-01", plannedTime: "10:00" }), 422)).formErrors?.map((e) => e.code)).toEqual(["followUps.errors.exited"]);
  });

  it("answers 403 to roles that never have a caseload or adjust a wheel, and 404 for journeys they may not see", async () => {
    const forbidden = async (res: Response) => expect(await problemOf(res, 403)).toMatchObject({ type: "/api/problems/forbidden" });
    for (const user of ["steering", "volunteer", "team", "officer", "participant"] as const) {
      await forbidden(await get("/v1/caseload", user));
      await forbidden(await get(`/v1/programs/${w.programId}/wheel`, user));
      await forbidden(await get(`/v1/programs/${w.programId}/ninety-day-due`, user));
    }
    await forbidden(await get(`/v1/caseload?coordinatorId=${w.users.manager.id}`, "coordinator"));
    await forbidden(await get(`/v1/programs/${w.programId}/wheel/statistics`, "volunteer"));
    await forbidden(await post(`/v1/programs/${w.programId}/wheel/areas/health/move`, "steering", { instrumentId: NO_SUCH_ID, direction: "up" }));
    // A participant's journey is not revealed to those who do not work with them.
    const notFound = async (res: Response) => expect(await problemOf(res, 404)).toMatchObject({ type: "/api/problems/not-found" });
    for (const user of ["steering", "volunteer", "team", "officerOtherProgram", "participant"] as const) {
      await notFound(await get(base(), user));
      await notFound(await get(`${base()}/plan`, user));
      await notFound(await get(`${base()}/journal`, user));
      await notFound(await post(`${base()}/journal/notes`, user, { noteDate: "2026-11-23", kind: "other", visibility: "staff", body: "x" }));
      await notFound(await get(`${base()}/wheel`, user));
      await notFound(await get(`${base()}/exit`, user));
    }
    await notFound(await get(`/v1/enrolments/${NO_SUCH_ID}`, "coordinator"));
    await notFound(await get("/v1/enrolments/not-a-uuid/plan", "coordinator"));
    await notFound(await get(`/v1/programs/${NO_SUCH_ID}/wheel`, "coordinator"));
  });

  it("answers 415 and 400 for bodies it cannot read, as the intake endpoints do", async () => {
    const res = await call(`${base()}/journal/notes`, { method: "POST", as: "coordinator", headers: { "Content-Type": "text/plain" }, body: "hej" });
    expect(await problemOf(res, 415)).toMatchObject({ type: "/api/problems/unsupported-media-type" });
    const garbled = await call(`${base()}/journal/notes`, { method: "POST", as: "coordinator", headers: { "Content-Type": "application/json" }, body: "{" });
    expect(await problemOf(garbled, 400)).toMatchObject({ type: "/api/problems/invalid-json" });
    const notObject = await problemOf(await post(`/v1/programs/${w.programId}/wheel/areas/health/move`, "coordinator", ["up"]), 422);
    // A body that is not an object is not merged with the path: the service refuses it as a whole.
    expect(notObject.formErrors?.map((e) => e.code)).toEqual(["errors.invalid"]);
  });

  it("records the reads in the audit log and keeps the chain intact", async () => {
    const actions = (await t.deps.db.selectFrom("audit_events").select("action").distinct().execute()).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "caseload.view", "enrolment.overview", "plan.save", "plan.view", "plan.compare", "plan.accept", "plan.print", "plan.finalize", "wheel.record", "wheel.view",
        "wheel.instrumentChange", "journal.write", "journal.correct", "journal.view", "network.add", "network.end", "work.end", "followUp.schedule", "followUp.hold",
        "followUp.cancel", "ninetyDay.answer", "ninetyDay.list", "passivePhase.start",
      ]),
    );
    expect((await verifyAuditChain(t.deps.db)).problems).toEqual([]);
  });
});
