import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/persistence/database.ts";
import { run } from "../support/processes.ts";

// The operators' command-line tool, run as a real process on an embedded data directory.
describe("command-line tool", { timeout: 120_000 }, () => {
  let dataDir: string;
  let env: Record<string, string>;
  const cli = (args: string[], input?: string) => run(["src/cli/main.ts", ...args], env, input);

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "spelplan-cli-"));
    env = { SPELPLAN_DATA_DIR: dataDir, DATABASE_URL: "" };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("explains itself", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("admin create --email");
    const unknown = await cli(["frobnicate"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });

  it("migrates, creates the first administrator, issues a token, and verifies the audit log", async () => {
    expect((await cli(["migrate"])).stdout).toContain("Migrations are up to date (embedded database)");

    const admin = await cli(["admin", "create", "--email", "drift@kommun.example", "--name", "Driften"]);
    expect(admin.code).toBe(0);
    expect(admin.stdout).toMatch(/One-time password \(must be changed at first sign-in\): [a-z2-9-]{19}/);

    const chosen = await cli(["admin", "create", "--email", "second@kommun.example", "--password-stdin"], "an operator's own long password\n");
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).not.toContain("One-time password");
    const weak = await cli(["admin", "create", "--email", "weak@kommun.example", "--password-stdin"], "short\n");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("not accepted");

    const token = await cli(["token", "create", "--email", "drift@kommun.example", "--name", "Rapporter"]);
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^spt_[A-Za-z0-9_-]{43}$/);
    expect((await cli(["token", "create", "--email", "nobody@kommun.example"])).stderr).toContain("No user has that e-mail address.");

    const verify = await cli(["audit", "verify"]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/The audit log is intact: 3 events, last 3, head hash [0-9a-f]{64}/);
  });

  it("refuses to touch the embedded database while another process holds it", async () => {
    const held = await openDatabase({ kind: "embedded", dataDir });
    try {
      const result = await cli(["audit", "verify"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("Spelplan is running on the data directory");
      expect(result.stderr).toContain("Stop the server first");
    } finally {
      await held.close();
    }
  });

  it("reports a tampered audit log with exit code 1", async () => {
    const db = await openDatabase({ kind: "embedded", dataDir });
    await sql`alter table audit_events disable trigger audit_events_no_update_or_delete`.execute(db.db);
    await sql`update audit_events set action = 'token.revoke' where seq = 3`.execute(db.db);
    await db.close();
    const result = await cli(["audit", "verify"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("The audit log has been changed");
    expect(result.stderr).toContain("event 3: its content has been changed");
  });
});
