import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// End-to-end tests against the built server on a fresh embedded database with the demo data.
// Chromium: CHROMIUM_PATH, else the distribution's /usr/bin/chromium, else Playwright's own browser.
const port = Number(process.env.E2E_PORT ?? 3310);
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "spelplan-e2e-"));

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "sv-SE",
    timezoneId: "Europe/Stockholm",
    // As a user who asked for less motion: the design system's transitions end at once (less to draw).
    reducedMotion: "reduce",
    // A trace records every action with DOM snapshots and screenshots: a quarter of the run's time on a
    // two-core machine. CI throws its disk away, so it keeps none; locally a failure keeps its trace.
    trace: process.env.CI ? "off" : "retain-on-failure",
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: [/journey\.spec\.ts$/, /exit\.spec\.ts$/] },
    // Journeys change the demo's shared state, so they run after the rest: the intake journey needs the
    // demo's full group; the exits that free places in it come last.
    { name: "journeys", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: /intake-journey\.spec\.ts$/, dependencies: ["chromium"] },
    { name: "leaving", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: [/participant-journey\.spec\.ts$/, /exit\.spec\.ts$/], dependencies: ["journeys"] },
  ],
  webServer: {
    // E2E_DEV=1 runs the server from source through Vite (no build needed, e.g. while working on one page).
    command: process.env.E2E_DEV ? "node src/main.ts --dev" : "node src/main.ts",
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: { PORT: String(port), SPELPLAN_DATA_DIR: dataDir, HOST: "127.0.0.1", LOG_LEVEL: "warn" },
  },
});
