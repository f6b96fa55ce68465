import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

// The server bundle's entry is the Hono application (src/server/app.ts), which serves
// /healthz and /api itself and hands every other request to React Router.
export default defineConfig({
  environments: {
    ssr: {
      build: {
        rolldownOptions: { input: "./src/server/app.ts" },
      },
    },
  },
  plugins: [reactRouter()],
});
