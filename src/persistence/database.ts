import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect, PostgresDialect, sql } from "kysely";
import { Migrator } from "kysely/migration";
import pg from "pg";
import lockfile from "proper-lockfile";
import { migrationProvider } from "./migrations/index.ts";
import type { DB } from "./schema.ts";

export type DatabaseKind = "embedded" | "postgres";

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  /**
   * dataDir null: in memory (tests). `from`: start from a copy of a dumped data directory (a database
   * already migrated once, so each test database does not run every migration again).
   */
  | { kind: "embedded"; dataDir: string | null; from?: Blob };

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Throws when the database does not answer within the timeout. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
  /** Embedded only: the whole data directory as a tar file (to start other databases from). */
  dump?: () => Promise<Blob>;
}

/** Another process holds the embedded data directory. */
export class DataDirLockedError extends Error {
  readonly dataDir: string;
  constructor(dataDir: string) {
    super(
      `The data directory ${dataDir} is in use by another Spelplan process (the server, or the command-line tool). ` +
        `Stop that process first. The embedded database can only be opened by one process at a time.`,
    );
    this.name = "DataDirLockedError";
    this.dataDir = dataDir;
  }
}

const DATE_OID = 1082;
const INT8_OID = 20;
// SQL dates stay "YYYY-MM-DD" strings (no time zone shifts); bigint stays a string as in node-postgres.
const keepText = (value: string) => value;

export function embeddedPaths(dataDir: string) {
  return {
    database: path.join(dataDir, "db"),
    lock: path.join(dataDir, "spelplan.lock"),
  };
}

export async function openDatabase(
  target: DatabaseTarget,
  options: { onLockCompromised?: (error: Error) => void } = {},
): Promise<Database> {
  if (target.kind === "postgres") return openPostgres(target.url);
  return openEmbedded(target.dataDir, options.onLockCompromised, target.from);
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === DATE_OID ? keepText : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on("error", () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: "postgres",
    ping: (timeoutMs = 2_000) => withTimeout(sql`select 1`.execute(db).then(() => undefined), timeoutMs),
    close: () => db.destroy(),
  };
}

async function openEmbedded(
  dataDir: string | null,
  onLockCompromised?: (error: Error) => void,
  from?: Blob,
): Promise<Database> {
  let releaseLock: (() => Promise<void>) | null = null;
  let pgliteDir: string | undefined;
  if (dataDir !== null) {
    const paths = embeddedPaths(dataDir);
    mkdirSync(paths.database, { recursive: true });
    try {
      releaseLock = await lockfile.lock(dataDir, {
        lockfilePath: paths.lock,
        realpath: false,
        stale: 30_000,
        update: 5_000,
        retries: 0,
        onCompromised: (error) => {
          if (onLockCompromised) onLockCompromised(error);
          else throw error;
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw new DataDirLockedError(dataDir);
      throw error;
    }
    pgliteDir = paths.database;
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(pgliteDir ? { dataDir: pgliteDir } : {}),
      ...(from ? { loadDataDir: from } : {}),
      parsers: { [DATE_OID]: keepText, [INT8_OID]: keepText },
    });
  } catch (error) {
    await releaseLock?.();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  let closed = false;
  return {
    db,
    kind: "embedded",
    dump: () => pglite.dumpDataDir("none"),
    ping: async (timeoutMs = 2_000) => {
      if (closed || pglite.closed) throw new Error("The embedded database is closed");
      await withTimeout(sql`select 1`.execute(db).then(() => undefined), timeoutMs);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await db.destroy();
      } finally {
        await releaseLock?.();
      }
    },
  };
}

/** Runs every migration that has not run yet. Returns the names of those applied now. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
