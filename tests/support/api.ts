import { afterAll, beforeAll, expect } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createApp } from "../../src/server/app.ts";
import { createApiTokenFor } from "../../src/services/users.ts";
import { createTestDatabase, type DatabaseFlavour, type TestDatabase } from "./db.ts";
import { createWorld, type UserKey, type World } from "./world.ts";

// The JSON API's tests: the whole app (no assets, production mode) on a test database with the test world, an
// API token per user, and requests as one of them.

export type App = ReturnType<typeof createApp>;

/** The app on a test database, as the server runs it (embedded database settings, no assets). */
export function testApp(t: TestDatabase): App {
  const config = { ...loadConfig({}), database: { kind: "embedded" as const, dataDir: null } };
  return createApp({ config, database: t.database, deps: t.deps }, { serveAssets: false, mode: "production" });
}

/** A problem document (RFC 9457) as the API answers errors; the members a test reads. */
export type Problem = {
  type: string;
  status: number;
  detail?: string;
  errors?: { field: string; code: string; message: string }[];
  formErrors?: { code: string; message: string }[];
  code?: string;
  requestId?: string;
  /** Members of a particular problem (e.g. how many sessions are unrecorded). */
  [member: string]: unknown;
};

/** The OpenAPI document, as far as the tests read it. */
export type OpenApiDoc = {
  paths: Record<string, Record<string, { tags?: string[]; requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
};

export interface ApiHarness {
  /** The test database, the world and the app: set in beforeAll. */
  readonly t: TestDatabase;
  readonly w: World;
  readonly app: App;
  /** A request to `prefix + path`, with the user's API token when `as` is given. */
  call(path: string, init?: RequestInit & { as?: UserKey | null }): Promise<Response>;
  /** A request with `body` as JSON (none when undefined), as the user (anonymous when null). */
  send(method: string, path: string, as: UserKey | null, body?: unknown): Promise<Response>;
  get(path: string, as: UserKey): Promise<Response>;
  post(path: string, as: UserKey, body?: unknown): Promise<Response>;
  /** The response's JSON (null when empty), after checking its status (the body shows when it is not that). */
  read<T = Record<string, unknown>>(res: Response, status: number): Promise<T>;
  /** The problem document of an error response, after checking its status and content type. */
  problemOf(res: Response, status: number): Promise<Problem>;
}

/**
 * The JSON API's test harness for a suite (in describeEachDatabase): sets up the database, the world, the app
 * and an API token for each of `users` in beforeAll (registered now, so before the suite's own), and closes
 * the database in afterAll. Paths are below `prefix` ("/api"; "" for the whole site).
 */
export function apiHarness(flavour: DatabaseFlavour, users: readonly UserKey[], { prefix = "/api" } = {}): ApiHarness {
  let t: TestDatabase | undefined;
  let w: World | undefined;
  let app: App | undefined;
  const tokens = {} as Record<UserKey, string>;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("The API harness is set up in beforeAll; use it in a test or a later hook.");
    return value;
  };

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    app = testApp(t);
    const admin = await w.ctx("installationAdmin");
    for (const user of users) tokens[user] = (await createApiTokenFor(admin, w.users[user].id, { name: "test" })).token;
  });
  afterAll(() => t?.close());

  const call = async (path: string, init: RequestInit & { as?: UserKey | null } = {}): Promise<Response> => {
    const { as, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (as) headers.set("Authorization", `Bearer ${tokens[as]}`);
    return ready(app).request(`http://spelplan.test${prefix}${path}`, { ...rest, headers });
  };
  const send = (method: string, path: string, as: UserKey | null, body?: unknown) =>
    call(path, { method, as, ...(body === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }) });
  const read = async <T = Record<string, unknown>>(res: Response, status: number): Promise<T> => {
    const text = await res.text();
    expect({ status: res.status, body: text.slice(0, 2000) }).toMatchObject({ status });
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    get t() {
      return ready(t);
    },
    get w() {
      return ready(w);
    },
    get app() {
      return ready(app);
    },
    call,
    send,
    get: (path, as) => call(path, { as }),
    post: (path, as, body) => send("POST", path, as, body),
    read,
    problemOf: async (res, status) => {
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      return read<Problem>(res, status);
    },
  };
}
