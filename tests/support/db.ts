import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pino from "pino";
import { describe, inject } from "vitest";
import { type Database, migrateToLatest, openDatabase } from "../../src/persistence/database.ts";
import type { Deps } from "../../src/services/context.ts";
import { adminQuery } from "./db-template.ts";

// Integration tests run against real databases, never mocks: a fresh in-memory PGlite always, and a
// fresh database on the PostgreSQL server named by TEST_DATABASE_URL when it is set (dropped afterwards).
// Both start as copies of a database migrated once by the global set-up (db-template.ts).

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
    database = await openDatabase({ kind: "embedded", dataDir: null, from: pgliteTemplate() });
  } else {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `spelplan_test_${randomBytes(6).toString("hex")}`;
    const template = inject("postgresTemplate");
    await adminQuery(adminUrl, template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ kind: "postgres", url: url.toString() });
    drop = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  // A no-op on a copy of the template; the whole schema when there is none.
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

let template: Blob | null = null;
function pgliteTemplate(): Blob | undefined {
  const file = inject("pgliteTemplate");
  if (!file) return undefined;
  template ??= new Blob([readFileSync(file)]);
  return template;
}

/** Runs a suite once per available database. */
export function describeEachDatabase(name: string, suite: (flavour: DatabaseFlavour) => void) {
  for (const flavour of flavours()) {
    describe(`${name} [${flavour}]`, () => suite(flavour));
  }
}
