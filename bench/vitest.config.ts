import { defineConfig } from "vitest/config";

// `npm run bench`: throughput of hot paths, measured with tinybench (never in timed unit tests).
export default defineConfig({
  test: {
    benchmark: { include: ["bench/**/*.bench.ts"] },
    hookTimeout: 120_000,
  },
});
