import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("configuration", () => {
  it("defaults to the embedded database in ./data, port 3000 and demo data", () => {
    const c = loadConfig({}, "/srv/spelplan");
    expect(c).toMatchObject({ port: 3000, dataDir: "/srv/spelplan/data", database: { kind: "embedded", dataDir: "/srv/spelplan/data" }, demoData: true, production: false, secureCookies: "auto" });
  });

  it("uses PostgreSQL with DATABASE_URL, and never demo data in production", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://u@db/spelplan", NODE_ENV: "production", SPELPLAN_DEMO_DATA: "true" }, "/srv");
    expect(c.database).toEqual({ kind: "postgres", url: "postgres://u@db/spelplan" });
    expect(c.demoData).toBe(false);
  });

  it("reads overrides and refuses nonsense with a clear message", () => {
    expect(loadConfig({ PORT: "8080", SPELPLAN_DATA_DIR: "var/x", SPELPLAN_SESSION_IDLE_MINUTES: "15" }, "/srv")).toMatchObject({ port: 8080, dataDir: "/srv/var/x", session: { idleMs: 900_000 } });
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT must be a whole number/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ SPELPLAN_TRUST_PROXY: "maybe" })).toThrow(/true or false/);
  });
});
