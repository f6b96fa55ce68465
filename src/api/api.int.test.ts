import { beforeAll, expect, it } from "vitest";
import { apiHarness, testApp } from "../../tests/support/api.ts";
import { signIn } from "../services/auth.ts";
import { createApiTokenFor, revokeApiToken } from "../services/users.ts";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { PASSWORD, type World } from "../../tests/support/world.ts";

describeEachDatabase("JSON API", (flavour) => {
  const api = apiHarness(flavour, ["coordinator", "officer", "officerOtherProgram", "steering", "participant"], { prefix: "" });
  const { call, post } = api;
  let t: TestDatabase;
  let w: World;

  beforeAll(() => {
    ({ t, w } = api);
  });

  it("publishes an OpenAPI 3.1 document of every endpoint", async () => {
    const res = await call("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { securitySchemes: object } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/v1/people", "/v1/people/{id}"]));
    expect(Object.keys(doc.paths["/v1/people"]!).sort()).toEqual(["get", "post"]);
    expect(doc.components.securitySchemes).toHaveProperty("bearer");
  });

  it("answers 401 with a problem document without valid credentials", async () => {
    const attempts: Record<string, string>[] = [{}, { Authorization: "Bearer spt_not-a-real-token" }, { Authorization: "Basic abc" }];
    for (const headers of attempts) {
      const res = await call("/api/v1/people", { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await res.json()).toMatchObject({ status: 401, type: "/api/problems/unauthenticated" });
    }
  });

  it("lists and searches the people the caller may see", async () => {
    const res = await call("/api/v1/people?q=ella", { as: "coordinator" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; firstName: string }[]; total: number };
    expect(body.items.map((p) => p.id)).toEqual([w.people.ella]);
    const other = (await (await call("/api/v1/people", { as: "officerOtherProgram" })).json()) as { items: { id: string }[] };
    expect(other.items.map((p) => p.id)).toEqual([w.people.otherProgramJonas]);
  });

  it("reads one person with an audit event, 404 for what the caller may not know exists, 403 for roles that never may", async () => {
    const before = await t.deps.db.selectFrom("audit_events").select("seq").where("action", "=", "person.view").execute();
    const ok = await call(`/api/v1/people/${w.people.ella}`, { as: "officer" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: w.people.ella, firstName: "Ella", idNumber: { formatted: "20010314-2386" }, permissions: { update: true } });
    const after = await t.deps.db.selectFrom("audit_events").selectAll().where("action", "=", "person.view").orderBy("seq", "desc").execute();
    expect(after.length).toBe(before.length + 1);
    expect(after[0]).toMatchObject({ actor_user_id: w.users.officer.id, person_id: w.people.ella, actor_role: "case_officer" });

    expect((await call(`/api/v1/people/${w.people.ella}`, { as: "officerOtherProgram" })).status).toBe(404);
    expect((await call(`/api/v1/people/00000000-0000-4000-8000-000000000000`, { as: "coordinator" })).status).toBe(404);
    expect((await call(`/api/v1/people/not-a-uuid`, { as: "coordinator" })).status).toBe(404);
    const forbidden = await call(`/api/v1/people/${w.people.ella}`, { as: "steering" });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ type: "/api/problems/forbidden" });
    expect((await call("/api/v1/people", { as: "steering" })).status).toBe(403);
    expect((await call(`/api/v1/people/${w.people.ella}`, { as: "participant" })).status).toBe(200);
  });

  it("registers a person with the same validation as the form: 422 lists the invalid fields", async () => {
    const res = await post("/api/v1/people", "officer", { firstName: "", lastName: "Karlsson", idNumber: "19811218-9875", sex: "female" });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as { errors: { field: string; code: string; message: string }[] };
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: "firstName", code: "errors.required", message: expect.stringMatching(/required|fill/i) },
        { field: "idNumber", code: "person.errors.idNumber.checksum", message: expect.stringMatching(/check digit/i) },
      ]),
    );
    // Wrong types and values outside the documented ones are reported by the same validation as the form's,
    // together with every other problem (the check digit too), with the form's message keys.
    const wrongType = await post("/api/v1/people", "officer", { firstName: 42, lastName: "K", idNumber: "19811218-9875", sex: "unknown", protectedIdentity: "yes", programId: "krus" });
    expect(wrongType.status).toBe(422);
    expect(wrongType.headers.get("content-type")).toBe("application/problem+json");
    const wrongTypeErrors = ((await wrongType.json()) as { errors: { field: string; code: string; message: string }[] }).errors;
    expect(wrongTypeErrors.map(({ field, code }) => ({ field, code })).sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: "firstName", code: "errors.required" },
      { field: "idNumber", code: "person.errors.idNumber.checksum" },
      { field: "programId", code: "errors.invalid" },
      { field: "protectedIdentity", code: "errors.invalid" },
      { field: "sex", code: "errors.choose" },
    ]);
    expect(wrongTypeErrors.every((e) => e.message !== e.code)).toBe(true);
    // Nothing was half-saved.
    expect(await t.deps.db.selectFrom("people").select("id").where("last_name", "=", "K").executeTakeFirst()).toBeUndefined();
    const notJson = await call("/api/v1/people", { method: "POST", as: "officer", headers: { "Content-Type": "application/json" }, body: "{" });
    expect(notJson.status).toBeGreaterThanOrEqual(400);
    expect(notJson.status).toBeLessThan(500);
  });

  it("registers a person (201, Location), then answers 409 for the same identity number", async () => {
    const input = { firstName: "Linnea", lastName: "Karlsson", idNumber: "20021119-2489", sex: "female" };
    const created = await post("/api/v1/people", "officer", input);
    expect(created.status).toBe(201);
    const person = (await created.json()) as { id: string; programId: string };
    expect(created.headers.get("location")).toBe(`/api/v1/people/${person.id}`);
    expect(person.programId).toBe(w.programId);
    const duplicate = await post("/api/v1/people", "coordinator", { ...input, firstName: "Other" });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({ type: "/api/problems/duplicate-id-number", code: "duplicate_id_number", field: "idNumber" });
    expect((await post("/api/v1/people", "steering", input)).status).toBe(403);
  });

  it("accepts the session cookie too, but refuses a cross-site state change made with it", async () => {
    const session = await signIn(t.deps, { ip: null, userAgent: null }, { email: w.users.coordinator.email, password: PASSWORD });
    const cookie = `spelplan_session=${session.token}`;
    expect((await call("/api/v1/people", { headers: { Cookie: cookie } })).status).toBe(200);
    const crossSite = await call("/api/v1/people", {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/json", Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      body: JSON.stringify({ firstName: "A", lastName: "B", sex: "male", birthDate: "2000-01-01" }),
    });
    expect(crossSite.status).toBe(403);
  });

  it("keeps personal data out of caches, refuses huge bodies, and requires the one-time password to be changed first", async () => {
    const res = await call(`/api/v1/people/${w.people.ella}`, { as: "coordinator" });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const huge = await post("/api/v1/people", "coordinator", { firstName: "x".repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.headers.get("content-type")).toBe("application/problem+json");
    await t.deps.db.updateTable("users").set({ must_change_password: true }).where("id", "=", w.users.manager.id).execute();
    const session = await signIn(t.deps, { ip: null, userAgent: null }, { email: w.users.manager.email, password: PASSWORD });
    const blocked = await call("/api/v1/people", { headers: { Cookie: `spelplan_session=${session.token}` } });
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toMatchObject({ type: "/api/problems/password-change-required" });
    await t.deps.db.updateTable("users").set({ must_change_password: false }).where("id", "=", w.users.manager.id).execute();
  });

  it("stops answering a revoked token at once (401), while the user's other tokens keep working", async () => {
    const admin = await w.ctx("installationAdmin");
    const revoked = await createApiTokenFor(admin, w.users.therapist.id, { name: "Revoked" });
    const kept = await createApiTokenFor(admin, w.users.therapist.id, { name: "Kept" });
    const withToken = (token: string) => call("/api/v1/people", { headers: { Authorization: `Bearer ${token}` } });
    expect((await withToken(revoked.token)).status).toBe(200);
    await revokeApiToken(admin, w.users.therapist.id, revoked.id);
    const refused = await withToken(revoked.token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(await refused.json()).toMatchObject({ status: 401, type: "/api/problems/unauthenticated" });
    expect((await call(`/api/v1/people/${w.people.ella}`, { headers: { Authorization: `Bearer ${revoked.token}` } })).status).toBe(401);
    expect((await withToken(kept.token)).status).toBe(200);
    const event = await t.deps.db.selectFrom("audit_events").select(["action", "actor_user_id"]).where("entity_id", "=", revoked.id).orderBy("seq", "desc").executeTakeFirstOrThrow();
    expect(event).toEqual({ action: "token.revoke", actor_user_id: w.users.installationAdmin.id });
  });

  it("answers unknown API paths with a problem document, and /healthz with the database kind", async () => {
    const res = await call("/api/v1/nothing", { as: "coordinator" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const health = await call("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: t.database.kind });
  });
});

describeEachDatabase("health check", (flavour) => {
  it("answers 503 when the database does not answer", async () => {
    const t = await createTestDatabase(flavour);
    const app = testApp(t);
    expect((await app.request("http://spelplan.test/healthz")).status).toBe(200);
    await t.close();
    const res = await app.request("http://spelplan.test/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", database: t.database.kind });
  });
});
