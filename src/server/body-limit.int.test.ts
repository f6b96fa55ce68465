import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { loadConfig } from "../config.ts";
import { createApiTokenFor } from "../services/users.ts";
import { createApp, MAX_BODY_BYTES, MAX_UPLOAD_BYTES } from "./app.ts";

// One request must not fill the memory: small bodies everywhere, room for a signed consent form (10 MB)
// only for signed-in users sending a file.

describeEachDatabase("body limits", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let app: ReturnType<typeof createApp>;
  let token: string;
  const pdf = (bytes: number) => new File([new Uint8Array(bytes)], "samtycke.pdf", { type: "application/pdf" });
  const upload = (bytes: number, auth: boolean) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ authorityIds: w.authorities.fk, purpose: "Test", givenOn: "2026-11-20", validUntil: "2027-11-20", method: "signed_form" })) form.append(k, v);
    form.append("file", pdf(bytes));
    return app.request(`http://spelplan.test/api/v1/people/${w.people.ella}/consents`, {
      method: "POST",
      body: form,
      headers: auth ? { Authorization: `Bearer ${token}` } : {},
    });
  };

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    const config = { ...loadConfig({}), database: { kind: "embedded" as const, dataDir: null } };
    app = createApp({ config, database: t.database, deps: t.deps }, { serveAssets: false, mode: "production" });
    token = (await createApiTokenFor(await w.ctx("installationAdmin"), w.users.officer.id, { name: "test" })).token;
  });
  afterAll(() => t.close());

  it("takes a signed consent form of several megabytes from a signed-in user", async () => {
    const res = await upload(3 * 1024 * 1024, true);
    expect(res.status).toBe(201);
    const stored = await t.deps.db.selectFrom("files").select("size").executeTakeFirstOrThrow();
    expect(stored.size).toBe(3 * 1024 * 1024);
  });

  it("refuses uploads beyond the limit, large uploads without sign-in, and large JSON", async () => {
    expect((await upload(MAX_UPLOAD_BYTES + 1, true)).status).toBe(413);
    expect((await upload(MAX_BODY_BYTES + 1, false)).status).toBe(413);
    const json = await app.request(`http://spelplan.test/api/v1/people`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ firstName: "x".repeat(MAX_BODY_BYTES + 1) }),
    });
    expect(json.status).toBe(413);
  });
});
