import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { type Config, loadConfig } from "../config.ts";
import { loadDemoData } from "../demo/seed.ts";
import { createLogger } from "../logger.ts";
import { DataDirLockedError, migrateToLatest, openDatabase } from "../persistence/database.ts";
import { createApp } from "./app.ts";
import { startJobs } from "./jobs.ts";
import type { Runtime } from "./types.ts";

export interface StartOptions {
  mode: "production" | "development";
  /** Development: Vite's middleware runs first (assets, hot reload). */
  before?: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  config?: Config;
}

/**
 * Starts Spelplan: opens the database (refusing a data directory another process holds), runs the
 * migrations, loads the demo data on the first start, serves HTTP, and on SIGTERM / Ctrl-C stops
 * taking requests, lets the running ones finish and closes the database.
 */
export async function startServer(options: StartOptions): Promise<{ close: () => Promise<void>; port: number }> {
  const config = options.config ?? loadConfig();
  const logger = createLogger(config.logLevel);
  let database;
  try {
    database = await openDatabase(config.database, {
      onLockCompromised: (error) => {
        logger.fatal({ err: error }, "lost the lock on the data directory; stopping to protect the database");
        process.exit(1);
      },
    });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`\nSpelplan cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const deps = { db: database.db, now: () => new Date(), logger, publicUrl: config.publicUrl };
  const runtime: Runtime = { config, database, deps };

  let demo: Awaited<ReturnType<typeof loadDemoData>> = null;
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) logger.info({ migrations: applied }, "database migrated");
    if (config.demoData) demo = await loadDemoData(deps);
  } catch (error) {
    // Leave the data directory sound and unlocked.
    await database.close();
    throw error;
  }

  const app = createApp(runtime, { serveAssets: options.mode === "production", mode: options.mode });
  const listener = getRequestListener(app.fetch);
  const server = createServer((req, res) => {
    if (options.before) options.before(req, res, () => void listener(req, res));
    else void listener(req, res);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await database.close();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      console.error(`\nSpelplan cannot start: port ${config.port} is already in use. Set PORT to use another one.\n`);
      process.exit(1);
    }
    throw error;
  }

  const jobs = startJobs(deps, config);
  void jobs.runOnce();

  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  printWelcome(url, database.kind, demo, config.smtpUrl !== null);

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      logger.info("stopping: no new requests, finishing the running ones");
      server.close();
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), 10_000);
      await new Promise<void>((resolve) => server.once("close", () => resolve()));
      clearTimeout(force);
      await jobs.stop();
      await database.close();
      logger.info("stopped; database closed");
    })();
    return closing;
  };
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      console.error(`${signal} again: stopping at once`);
      process.exit(1);
    }
    void close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "error while stopping");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  return { close, port };
}

function printWelcome(url: string, kind: string, demo: Awaited<ReturnType<typeof loadDemoData>>, sendsMail: boolean) {
  const lines = [
    ``,
    `  Spelplan is running at ${url}`,
    `  Database: ${kind === "embedded" ? "embedded (PGlite)" : "PostgreSQL"}`,
    `  E-mail:   ${sendsMail ? "sent through SPELPLAN_SMTP_URL" : "kept on the outbox page (Administration > Outbox); set SPELPLAN_SMTP_URL to send"}`,
  ];
  if (demo) {
    lines.push(``, `  Demo logins (password for all: ${demo.password})`);
    for (const login of demo.logins) lines.push(`    ${login.role.padEnd(42)} ${login.email}`);
  }
  lines.push(``, `  Stop with Ctrl-C.`, ``);
  console.log(lines.join("\n"));
}
