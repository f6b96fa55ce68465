// Starts Spelplan. `node src/main.ts` runs the built server (npm start builds it first);
// `node src/main.ts --dev` runs it from source through Vite, with hot reload of the pages.
import { existsSync } from "node:fs";
import type * as ServerApp from "./server/app.ts";

if (process.argv.includes("--dev")) {
  const { createServer, isRunnableDevEnvironment } = await import("vite");
  const vite = await createServer({ server: { middlewareMode: true }, appType: "custom" });
  const ssr = vite.environments.ssr;
  if (!ssr || !isRunnableDevEnvironment(ssr)) throw new Error("Vite's SSR environment cannot run modules");
  const app = (await ssr.runner.import("/src/server/app.ts")) as typeof ServerApp;
  await app.startServer({ mode: "development", before: vite.middlewares });
} else {
  const entry = new URL("../build/server/index.js", import.meta.url);
  if (!existsSync(entry)) {
    console.error("Spelplan has not been built yet: run `npm start` (it builds first) or `npm run build`.");
    process.exit(1);
  }
  const app = (await import(entry.href)) as typeof ServerApp;
  await app.startServer({ mode: "production" });
}
