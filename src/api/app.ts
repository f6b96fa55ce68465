import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../server/types.ts";
import { isSameOrigin } from "../server/security.ts";
import { problem, zodProblem } from "./problems.ts";
import { registerGroupRoutes } from "./group/index.ts";
import { registerIntakeRoutes } from "./intake/index.ts";
import { registerJourneyRoutes } from "./journey/index.ts";
import { registerPeopleRoutes } from "./people.ts";

/**
 * The JSON API under /api. Requests authenticate with `Authorization: Bearer <token>` or the session
 * cookie; every handler calls the same services (validation, policy, audit) as the web pages.
 */
export function createApi() {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return zodProblem(c, result.error);
    },
  });

  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API token from `npm run cli -- token create --email ...` or an administrator's page.",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "spelplan_session",
    description: "The session cookie of a signed-in browser (the name has the __Host- prefix over https).",
  });

  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Spelplan API",
      version: "1",
      description:
        "Case management for coordinated rehabilitation programs. Errors are application/problem+json (RFC 9457): " +
        "401 without valid credentials, 403 when your roles do not allow the action, 404 for records that do not exist " +
        "or that you may not know exist, 409 for conflicts (e.g. a duplicate identity number), 422 for invalid fields.",
    },
    security: [{ bearer: [] }, { session: [] }],
  });

  // Everything but the document itself needs credentials.
  api.use("/v1/*", async (c, next) => {
    const auth = c.var.auth;
    if (!auth) return problem(c, 401, "unauthenticated", "Authentication required", { detail: "Send Authorization: Bearer <token>." });
    // With the session cookie, a state-changing request must come from this site itself.
    if (auth.via === "session" && !["GET", "HEAD", "OPTIONS"].includes(c.req.method) && !isSameOrigin(c)) {
      return problem(c, 403, "cross-site", "Cross-site request refused");
    }
    // Someone signed in with a one-time password must choose their own first, here as on the pages.
    if (auth.via === "session" && auth.actor.user.mustChangePassword) {
      return problem(c, 403, "password-change-required", "Change your one-time password first", { detail: "Sign in on the web and choose a password." });
    }
    await next();
  });

  registerPeopleRoutes(api);
  registerIntakeRoutes(api);
  registerJourneyRoutes(api);
  registerGroupRoutes(api);

  return api;
}
