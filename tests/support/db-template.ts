import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateToLatest, openDatabase } from "../../src/persistence/database.ts";

// Global set-up of the integration tests: every migration runs once, here, and each test database
// starts as a copy of the result (a dumped PGlite data directory; a PostgreSQL template database).
// Migrating from scratch is still tested: by the start-up of the server and the command-line tool's
// tests, and by the migration test that takes the schema down and puts it back.

declare module "vitest" {
  export interface ProvidedContext {
    /** A tar file of a migrated PGlite data directory. */
    pgliteTemplate: string;
    /** A migrated PostgreSQL database to copy (CREATE DATABASE ... TEMPLATE), when TEST_DATABASE_URL is set. */
    postgresTemplate: string | null;
  }
}

export default async function setup(project: TestProject) {
  const embedded = await openDatabase({ kind: "embedded", dataDir: null });
  await migrateToLatest(embedded.db);
  const dump = await embedded.dump!();
  await embedded.close();
  const file = path.join(tmpdir(), `spelplan-template-${process.pid}-${randomBytes(4).toString("hex")}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);

  const adminUrl = process.env.TEST_DATABASE_URL;
  let template: string | null = null;
  if (adminUrl) {
    template = `spelplan_template_${randomBytes(6).toString("hex")}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
    const url = new URL(adminUrl);
    url.pathname = `/${template}`;
    const database = await openDatabase({ kind: "postgres", url: url.toString() });
    await migrateToLatest(database.db);
    await database.close();
  }
  project.provide("postgresTemplate", template);

  return async () => {
    rmSync(file, { force: true });
    if (adminUrl && template) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  };
}

export async function adminQuery(adminUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
