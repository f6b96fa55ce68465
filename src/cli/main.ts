// Spelplan's command-line tool for operators: `npm run cli -- <command>`. See README.md.
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { passwordProblem } from "../domain/passwords.ts";
import { createLogger } from "../logger.ts";
import { DataDirLockedError, type Database, migrateToLatest, openDatabase } from "../persistence/database.ts";
import { verifyAuditChain } from "../services/audit.ts";
import { ValidationError, NotFoundError } from "../services/errors.ts";
import { bootstrapAdministrator, createApiTokenByEmail } from "../services/users.ts";

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                                  Run the database migrations that have not run yet.
  admin create --email <e> [--name <n>]    Create an installation administrator (or make an existing
               [--password-stdin]          user one). Prints a one-time password unless one is read
                                           from standard input.
  token create --email <e> [--name <n>]    Print a new API token for the user (shown once).
  audit verify                             Check the audit log's hash chain; exit code 1 if broken.

The embedded database can be used only while the server is stopped; with DATABASE_URL (PostgreSQL)
the commands work at any time.`;

class UsageError extends Error {}

async function withDatabase<T>(run: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  let database: Database;
  try {
    database = await openDatabase(config.database);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(
        `Spelplan is running on the data directory ${error.dataDir} (or another command is).\n` +
          `Stop the server first (Ctrl-C in its terminal), then run this command again.\n` +
          `With a PostgreSQL server (DATABASE_URL) the commands work while Spelplan runs.`,
      );
      process.exit(2);
    }
    throw error;
  }
  try {
    await migrateToLatest(database.db);
    return await run(database);
  } finally {
    await database.close();
  }
}

function deps(database: Database) {
  return { db: database.db, now: () => new Date(), logger: createLogger("warn"), publicUrl: loadConfig().publicUrl };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      "password-stdin": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const command = positionals.join(" ");
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 1;
  }
  switch (command) {
    case "migrate":
      return withDatabase(async (database) => {
        console.log(`Migrations are up to date (${database.kind === "embedded" ? "embedded database" : "PostgreSQL"}).`);
        return 0;
      });
    case "admin create": {
      if (!values.email) throw new UsageError("admin create needs --email");
      let password: string | undefined;
      if (values["password-stdin"]) {
        password = await readStdin();
        const problem = passwordProblem(password, values.email);
        if (problem) throw new UsageError(`The password is not accepted (${problem.replace(/_/g, " ")}); use at least 12 characters.`);
      }
      return withDatabase(async (database) => {
        const result = await bootstrapAdministrator(deps(database), { email: values.email!, displayName: values.name, password });
        console.log(`${result.created ? "Created" : "Updated"} administrator ${values.email}.`);
        if (result.temporaryPassword) {
          console.log(`One-time password (must be changed at first sign-in): ${result.temporaryPassword}`);
        }
        return 0;
      });
    }
    case "token create": {
      if (!values.email) throw new UsageError("token create needs --email");
      return withDatabase(async (database) => {
        const { token } = await createApiTokenByEmail(deps(database), values.email!, values.name ?? "Command-line token");
        console.log(token);
        return 0;
      });
    }
    case "audit verify":
      return withDatabase(async (database) => {
        const report = await verifyAuditChain(database.db);
        if (report.ok) {
          console.log(`The audit log is intact: ${report.checked} events, last ${report.lastSeq}, head hash ${report.lastHash}.`);
          return 0;
        }
        console.error(`The audit log has been changed: ${report.problems.length} problem(s) in ${report.checked} events.`);
        for (const p of report.problems) {
          const what = { gap: "an event is missing before it", prev_hash: "does not link to the event before it", hash: "its content has been changed", head: "events are missing at the end" }[p.problem];
          console.error(`  event ${p.seq}: ${what}`);
        }
        return 1;
      });
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(1);
    }
    if (error instanceof NotFoundError) {
      console.error("No user has that e-mail address.");
      process.exit(1);
    }
    if (error instanceof ValidationError) {
      console.error(`Not accepted: ${[...error.formErrors, ...Object.entries(error.fieldErrors).map(([f, m]) => `${f}: ${m.join(", ")}`)].join("; ")}`);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  },
);
