import { defineConfig } from "vitest/config";

// Unit tests: *.test.ts beside the code. Integration tests: *.int.test.ts, on a fresh PGlite
// database (and on PostgreSQL too when TEST_DATABASE_URL is set).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
          exclude: ["src/**/*.int.test.ts"],
          // Rendering PDFs with embedded fonts takes a second or more on a busy two-core machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "integration",
          globalSetup: ["tests/support/db-template.ts"],
          include: ["src/**/*.int.test.ts", "tests/integration/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // PGlite is CPU-heavy; two workers match the two cores of the CI machines.
          maxWorkers: 2,
          // The files share a worker's modules instead of importing the whole application again each (a third
          // of the run's time). Each file still has databases of its own; nothing here keeps state in a module.
          isolate: false,
        },
      },
    ],
  },
});
