import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type UserKey, type World } from "../../tests/support/world.ts";
import { loadConfig } from "../config.ts";
import { createApp } from "../server/app.ts";
import { verifyAuditChain } from "../services/audit.ts";
import { createApiTokenFor } from "../services/users.ts";
import { SCHEDULE_TAGS, ScheduleSchema, SessionPageSchema, VenueSchema } from "./group/schedule.ts";

// The schedule through the JSON API alone (and the calendar feed over plain HTTP): the same services,
// rules and audit events as the pages, errors as problem documents, responses as documented.

const SCHEDULE_PATHS = [
  "/v1/calendar-feeds",
  "/v1/programs/{id}/activity-kinds",
  "/v1/programs/{id}/activity-kinds/{key}/archive",
  "/v1/programs/{id}/calendar-feeds",
  "/v1/programs/{id}/schedule",
  "/v1/programs/{id}/series",
  "/v1/programs/{id}/sessions",
  "/v1/programs/{id}/topics",
  "/v1/programs/{id}/topics/{key}/archive",
  "/v1/programs/{id}/venues",
  "/v1/series/{id}",
  "/v1/series/{id}/exceptions",
  "/v1/series/{id}/exceptions/{originalDate}",
  "/v1/sessions/{id}",
  "/v1/sessions/{id}/cancel",
  "/v1/sessions/{id}/notes",
  "/v1/venues/{id}",
  "/v1/venues/{id}/archive",
  "/v1/venues/{id}/rooms",
  "/v1/venues/{id}/rooms/{roomId}/archive",
];

type Problem = { status: number; errors?: { field: string; code: string }[] };

function undocumented(schema: z.ZodType, value: unknown, path = "$"): string[] {
  if (value === null || value === undefined) return [];
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) return undocumented(schema.unwrap() as z.ZodType, value, path);
  if (schema instanceof z.ZodArray && Array.isArray(value)) return value.flatMap((v, i) => undocumented(schema.element as z.ZodType, v, `${path}[${i}]`));
  if (schema instanceof z.ZodObject && typeof value === "object") {
    const shape = schema.shape as Record<string, z.ZodType>;
    return Object.entries(value).flatMap(([key, v]) => (shape[key] ? undocumented(shape[key], v, `${path}.${key}`) : [`${path}.${key}`]));
  }
  return [];
}
function expectDocumented(schema: z.ZodType, value: unknown) {
  expect(schema.safeParse(value).error?.issues ?? []).toEqual([]);
  expect(undocumented(schema, value)).toEqual([]);
}

describeEachDatabase("schedule JSON API", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let app: ReturnType<typeof createApp>;
  const tokens = {} as Record<UserKey, string>;

  const call = (path: string, init: RequestInit & { as?: UserKey } = {}) => {
    const headers = new Headers(init.headers);
    if (init.as) headers.set("Authorization", `Bearer ${tokens[init.as]}`);
    return app.request(`http://spelplan.test${path}`, { ...init, headers });
  };
  const send = (method: string, path: string, as: UserKey, body?: unknown) =>
    call(`/api${path}`, { method, as, ...(body === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }) });
  const read = async <T = Record<string, unknown>>(res: Response, status: number): Promise<T> => {
    const text = await res.text();
    expect({ status: res.status, body: text.slice(0, 2000) }).toMatchObject({ status });
    return (text ? JSON.parse(text) : null) as T;
  };

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    const config = { ...loadConfig({}), database: { kind: "embedded" as const, dataDir: null } };
    app = createApp({ config, database: t.database, deps: t.deps }, { serveAssets: false, mode: "production" });
    const admin = await w.ctx("installationAdmin");
    for (const user of ["coordinator", "volunteer", "officer", "officerOtherProgram"] as const) tokens[user] = (await createApiTokenFor(admin, w.users[user].id, { name: "test" })).token;
    await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01" });
  });
  afterAll(() => t.close());

  it("documents exactly the schedule's paths under its tags, each with 401 and request schemas", async () => {
    const doc = await read<{ paths: Record<string, Record<string, { tags?: string[]; requestBody?: unknown; responses: Record<string, unknown> }>> }>(await call("/api/openapi.json"), 200);
    const tags = new Set<string>(Object.values(SCHEDULE_TAGS));
    const tagged = Object.keys(doc.paths).filter((p) => Object.values(doc.paths[p]!).some((op) => op.tags?.some((tag) => tags.has(tag))));
    expect(tagged.sort()).toEqual(SCHEDULE_PATHS);
    for (const path of SCHEDULE_PATHS) {
      for (const [method, op] of Object.entries(doc.paths[path]!)) {
        expect(op.responses, `${method} ${path}`).toHaveProperty("401");
        if (["post", "put"].includes(method) && !path.endsWith("/archive")) expect(op.requestBody, `${method} ${path}`).toBeDefined();
      }
    }
  });

  it("builds a term's schedule, shows a session with its venue, and serves a feed without names or sign-in", async () => {
    const venue = await read<{ id: string }>(await send("POST", `/v1/programs/${w.programId}/venues`, "coordinator", { name: "Träffpunkten", address: "Storgatan 1", accessibility: { entrance: { status: "partly", note: "Tung dörr" } } }), 201);
    expectDocumented(VenueSchema, await read(await send("GET", `/v1/venues/${venue.id}`, "coordinator"), 200));
    const bad = await read<Problem>(await send("POST", `/v1/programs/${w.programId}/series`, "coordinator", { kind: "groupSession", title: "Gruppen", weekdays: [1, 2, 3], startTime: "12:00", endTime: "09:00", firstDate: "2027-01-04", lastDate: "2027-06-11" }), 422);
    expect(bad.errors?.map((e) => [e.field, e.code])).toEqual(expect.arrayContaining([["endTime", "schedule.errors.endBeforeStart"], ["groupKinds", "schedule.errors.whoTakesPart"]]));
    const term = { kind: "groupSession", title: "Gruppen", weekdays: [1, 2, 3], startTime: "09:00", endTime: "12:00", firstDate: "2027-01-04", lastDate: "2027-06-11", groupKinds: ["ordinary"], venueId: venue.id, leaderIds: [w.users.volunteer.id] };
    await read(await send("POST", `/v1/programs/${w.programId}/series`, "volunteer", term), 403);
    await read(await send("POST", `/v1/programs/${w.programId}/series`, "officerOtherProgram", term), 404);
    const { id: seriesId } = await read<{ id: string }>(await send("POST", `/v1/programs/${w.programId}/series`, "coordinator", term), 201);
    await read(await send("POST", `/v1/series/${seriesId}/exceptions`, "coordinator", { originalDate: "2027-01-05", kind: "cancelled", note: "Studiebesök" }), 204);

    const schedule = await read<z.infer<typeof ScheduleSchema>>(await send("GET", `/v1/programs/${w.programId}/schedule?from=2027-01-04&to=2027-01-10`, "volunteer"), 200);
    expectDocumented(ScheduleSchema, schedule);
    expect(schedule.items.map((i) => [i.date, i.status])).toEqual([
      ["2027-01-04", "scheduled"],
      ["2027-01-05", "cancelled"],
      ["2027-01-06", "skipped"],
    ]);
    expect(schedule.holidays.map((h) => h.name)).toEqual(["Trettondedag jul"]);

    const session = await read<z.infer<typeof SessionPageSchema>>(await send("GET", `/v1/sessions/${schedule.items[0]!.ref}`, "volunteer"), 200);
    expectDocumented(SessionPageSchema, session);
    expect(session.venue?.accessibility.entrance).toEqual({ status: "partly", note: "Tung dörr" });
    expect(session.participants?.map((p) => p.name)).toEqual(["Ella Johansson"]);
    await read(await send("GET", `/v1/sessions/${schedule.items[0]!.ref}`, "officerOtherProgram"), 404);

    const feed = await read<{ token: string; path: string; url: string }>(await send("POST", `/v1/programs/${w.programId}/calendar-feeds`, "volunteer", { scope: "mine" }), 201);
    expect(feed.url).toBe(`https://spelplan.test${feed.path}`);
    const res = await call(feed.path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const ics = await res.text();
    expect(ics).toContain("SUMMARY:Gruppen");
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).not.toMatch(/Ella|Johansson/);
    expect((await call("/calendar/spc_nope.ics")).status).toBe(404);
    await read(await send("POST", `/v1/programs/${w.programId}/calendar-feeds`, "volunteer", { scope: "mine" }), 201);
    expect((await call(feed.path)).status).toBe(404);
    await read(await send("POST", `/v1/venues/${venue.id}/archive`, "volunteer"), 403);
    await read(await send("POST", `/v1/venues/${venue.id}/archive`, "coordinator"), 204);
    expect((await read<{ archived: boolean }>(await send("GET", `/v1/venues/${venue.id}`, "coordinator"), 200)).archived).toBe(true);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });

  it("lists, adds and archives the program's own topics, and takes them on sessions", async () => {
    const path = `/v1/programs/${w.programId}/topics`;
    await read(await send("POST", path, "volunteer", { label: "Ekonomi" }), 403);
    await read(await send("POST", path, "officerOtherProgram", { label: "Ekonomi" }), 404);
    await read(await send("GET", path, "officer"), 404);
    const bad = await read<Problem>(await send("POST", path, "coordinator", { label: "" }), 422);
    expect(bad.errors?.map((e) => [e.field, e.code])).toEqual([["label", "errors.required"]]);
    expect(await read(await send("POST", path, "coordinator", { label: "Ekonomi" }), 201)).toEqual({ key: "ekonomi" });
    const duplicate = await read<Problem>(await send("POST", path, "coordinator", { label: "EKONOMI" }), 422);
    expect(duplicate.errors?.map((e) => [e.field, e.code])).toEqual([["label", "schedule.errors.topicExists"]]);
    const listed = await read<{ topics: { key: string; builtIn: boolean; label: string | null; archived: boolean }[]; canManage: boolean }>(await send("GET", path, "volunteer"), 200);
    expect(listed.canManage).toBe(false);
    expect(listed.topics[0]).toEqual({ key: "gamePlan", builtIn: true, label: null, archived: false });
    expect(listed.topics.at(-1)).toEqual({ key: "ekonomi", builtIn: false, label: "Ekonomi", archived: false });

    const lecture = { kind: "lecture", title: "Budget", topic: "ekonomi", date: "2027-02-01", startTime: "13:00", endTime: "14:00", groupKinds: ["ordinary"] };
    const { id } = await read<{ id: string }>(await send("POST", `/v1/programs/${w.programId}/sessions`, "coordinator", lecture), 201);
    const session = await read<z.infer<typeof SessionPageSchema>>(await send("GET", `/v1/sessions/${id}`, "volunteer"), 200);
    expectDocumented(SessionPageSchema, session);
    expect(session.topicLabel).toBe("Ekonomi");
    const schedule = await read<z.infer<typeof ScheduleSchema>>(await send("GET", `/v1/programs/${w.programId}/schedule?from=2027-02-01&to=2027-02-01`, "volunteer"), 200);
    expectDocumented(ScheduleSchema, schedule);
    expect(schedule.topicLabels).toEqual({ ekonomi: "Ekonomi" });
    const unknown = await read<Problem>(await send("PUT", `/v1/sessions/${id}/notes`, "coordinator", { topic: "nope" }), 422);
    expect(unknown.errors?.map((e) => [e.field, e.code])).toEqual([["topic", "schedule.errors.topic"]]);

    await read(await send("POST", `${path}/ekonomi/archive`, "volunteer"), 403);
    await read(await send("POST", `${path}/ekonomi/archive`, "coordinator"), 204);
    await read(await send("POST", `${path}/ekonomi/archive`, "coordinator"), 404);
    const refused = await read<Problem>(await send("POST", `/v1/programs/${w.programId}/sessions`, "coordinator", lecture), 422);
    expect(refused.errors?.map((e) => [e.field, e.code])).toEqual([["topic", "schedule.errors.topic"]]);
    expect((await read<z.infer<typeof SessionPageSchema>>(await send("GET", `/v1/sessions/${id}`, "volunteer"), 200)).topicLabel).toBe("Ekonomi");
    const actions = (await t.deps.db.selectFrom("audit_events").select("action").where("program_id", "=", w.programId).execute()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["activityTopic.add", "activityTopic.archive"]));
  });
});
