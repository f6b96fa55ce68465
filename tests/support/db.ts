import { randomBytes } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { describe } from "vitest";
import { type Database, migrateToLatest, openDatabase } from "../../src/persistence/database.ts";
import type { Deps } from "../../src/services/context.ts";

// Integration tests run against real databases, never mocks: a fresh in-memory PGlite always, and a
// fresh database on the PostgreSQL server named by TEST_DATABASE_URL when it is set (dropped afterwards).

export type DatabaseFlavour = "pglite" | "postgres";

export function flavours(): DatabaseFlavour[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export interface TestDatabase {
  database: Database;
  deps: Deps;
  /** Moves the test clock. */
  clock: { now: Date; advance(ms: number): void; set(date: Date): void };
  close(): Promise<void>;
}

export async function createTestDatabase(flavour: DatabaseFlavour): Promise<TestDatabase> {
  let database: Database;
  let drop: (() => Promise<void>) | null = null;
  if (flavour === "pglite") {
    database = await openDatabase({ kind: "embedded", dataDir: null });
  } else {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `spelplan_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ kind: "postgres", url: url.toString() });
    drop = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  await migrateToLatest(database.db);
  const clock = {
    now: new Date("2026-11-23T09:00:00Z"),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    set(date: Date) {
      clock.now = date;
    },
  };
  const deps: Deps = { db: database.db, now: () => clock.now, logger: pino({ level: "silent" }), publicUrl: "https://spelplan.test" };
  return {
    database,
    deps,
    clock,
    close: async () => {
      await database.close();
      await drop?.();
    },
  };
}

/** Runs a suite once per available database. */
export function describeEachDatabase(name: string, suite: (flavour: DatabaseFlavour) => void) {
  for (const flavour of flavours()) {
    describe(`${name} [${flavour}]`, () => suite(flavour));
  }
}
