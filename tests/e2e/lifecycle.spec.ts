import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { start, stopStarted, waitForHealth } from "../support/processes.ts";

// The server as a process: one owner of a data directory, and a clean stop on SIGTERM and Ctrl-C.
test.describe.configure({ mode: "serial" });

test("a second process refuses the data directory, and SIGTERM or Ctrl-C stops the server cleanly", async () => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "spelplan-life-"));
  const env = { SPELPLAN_DATA_DIR: dataDir, HOST: "127.0.0.1", LOG_LEVEL: "info" };
  try {
    const first = start(["src/main.ts"], { ...env, PORT: "3391" });
    const health = await waitForHealth("http://127.0.0.1:3391/healthz");
    expect(await health.json()).toEqual({ status: "ok", database: "embedded" });
    expect(first.output()).toContain("Spelplan is running at http://localhost:3391");
    expect(first.output()).toContain("Demo logins (password for all: demo-spelplan-2026)");
    expect(first.output()).toContain("demo data loaded");

    const second = start(["src/main.ts"], { ...env, PORT: "3392" });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain("is in use by another Spelplan process");

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("stopped; database closed");

    // The data survived and the directory is free again; Ctrl-C (SIGINT) stops it the same way.
    const again = start(["src/main.ts"], { ...env, PORT: "3393" });
    await waitForHealth("http://127.0.0.1:3393/healthz");
    expect(again.output()).not.toContain("demo data loaded");
    const signIn = await fetch("http://127.0.0.1:3393/sign-in");
    expect(signIn.status).toBe(200);
    again.child.kill("SIGINT");
    expect(await again.exited).toBe(0);
  } finally {
    await stopStarted();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("in production mode no demo data is loaded", async () => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "spelplan-prod-"));
  try {
    const server = start(["src/main.ts"], { SPELPLAN_DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "3394", NODE_ENV: "production" });
    await waitForHealth("http://127.0.0.1:3394/healthz");
    expect(server.output()).not.toContain("Demo logins");
    const signIn = await fetch("http://127.0.0.1:3394/sign-in", { method: "GET" });
    expect(signIn.status).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  } finally {
    await stopStarted();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
