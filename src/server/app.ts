import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { HTTPException } from "hono/http-exception";
import { createRequestHandler, RouterContextProvider } from "react-router";
import { createApi } from "../api/app.ts";
import { problem } from "../api/problems.ts";
import { isLocale, negotiateLocale, translator } from "../i18n/index.ts";
import { resolveApiToken, resolveSession } from "../services/auth.ts";
import { feedByToken } from "../services/schedule.ts";
import { webContext } from "../web/context.ts";
import { LOCALE_COOKIE, readCookie, sessionCookieName } from "./cookies.ts";
import { csrfProtection, isHttps, securityHeaders } from "./security.ts";
import type { AppEnv, AuthState, Runtime } from "./types.ts";
import { loggedPath } from "./logged-path.ts";

export type { Runtime } from "./types.ts";
export { startServer } from "./runtime.ts";

/** The largest request body accepted (forms and JSON; file uploads will get their own limit). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** File uploads by signed-in users: the largest file (10 MB) with room for the form around it. */
export const MAX_UPLOAD_BYTES = 11 * 1024 * 1024;

export interface AppOptions {
  /** Serve the built browser assets (production). In development Vite serves them. */
  serveAssets: boolean;
  mode: "production" | "development";
}

/**
 * The one HTTP application: /healthz, the JSON API under /api, and every other request handed to
 * React Router (server-rendered pages, loaders and actions).
 */
export function createApp(runtime: Runtime, options: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { config, deps } = runtime;
  const handleWeb = createRequestHandler(
    // A virtual module: the React Router Vite plugin provides it (route modules and assets manifest).
    () => import("virtual:react-router/server-build"),
    options.mode,
  );

  app.use(async (c, next) => {
    const requestId = randomUUID();
    const started = performance.now();
    c.set("runtime", runtime);
    c.set("requestId", requestId);
    c.set("logger", deps.logger.child({ requestId }));
    c.set("meta", { ip: clientIp(c.req.raw.headers, () => safeRemoteAddress(c), config.trustProxy), userAgent: c.req.header("user-agent")?.slice(0, 400) ?? null });
    c.set("secureCookies", config.secureCookies === "auto" ? isHttps(c) : config.secureCookies);
    c.set("auth", null);
    c.set("t", translator(negotiateLocale(c.req.header("accept-language"))));
    await next();
    // The path only: a query string can hold a search for a person's name.
    c.var.logger.info(
      { method: c.req.method, path: loggedPath(c.req.path), status: c.res.status, ms: Math.round(performance.now() - started), userId: c.var.auth?.actor.user.id },
      "request",
    );
  });

  app.get("/healthz", async (c) => {
    const database = runtime.database.kind;
    try {
      await runtime.database.ping();
      return c.json({ status: "ok", database });
    } catch (error) {
      c.var.logger.error({ err: error }, "health check: database does not answer");
      return c.json({ status: "unavailable", database }, 503);
    }
  });

  // A calendar feed: the secret in the URL is the credential (no sign-in), never logged (above).
  app.get("/calendar/:file", async (c) => {
    const m = /^(.+)\.ics$/.exec(c.req.param("file"));
    const ics = m ? await feedByToken(deps, m[1]!) : null;
    if (ics === null) return c.text("Not found", 404, { "cache-control": "no-store" });
    return c.body(ics, 200, { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, no-store", "referrer-policy": "no-referrer", "x-robots-tag": "noindex" });
  });

  if (options.serveAssets) {
    const root = fileURLToPath(new URL("../client/", import.meta.url));
    app.use(
      "/assets/*",
      serveStatic({ root, onFound: (_path, c) => void c.header("Cache-Control", "public, max-age=31536000, immutable") }),
    );
    app.use("/favicon.svg", serveStatic({ root }));
  }

  // Who is asking: a session cookie (pages and API) or a bearer token (API).
  app.use(async (c, next) => {
    const bearer = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
    let auth: AuthState | null = null;
    if (bearer && c.req.path.startsWith("/api/")) {
      const actor = await resolveApiToken(deps, bearer);
      if (actor) auth = { actor, sessionId: null, via: "token" };
    } else {
      const token = readCookie(c.req.header("cookie"), sessionCookieName(c.var.secureCookies));
      const resolved = token ? await resolveSession(deps, token, config.session) : null;
      if (resolved) auth = { actor: resolved.actor, sessionId: resolved.session.id, via: "session" };
    }
    c.set("auth", auth);
    const cookieLocale = readCookie(c.req.header("cookie"), LOCALE_COOKIE);
    const locale = auth ? auth.actor.user.locale : isLocale(cookieLocale) ? cookieLocale : c.var.t.locale;
    c.set("t", translator(locale));
    await next();
  });

  // Forms and JSON are small; a body limit keeps one request from filling the memory. Signed-in users
  // may upload files (a signed consent form, up to MAX_UPLOAD_BYTES) as multipart/form-data.
  const tooLarge = (max: number) => (c: Context<AppEnv>) =>
    c.req.path.startsWith("/api/")
      ? problem(c, 413, "too-large", "The request body is too large", { detail: `At most ${max} bytes.` })
      : c.text(c.var.t("errors.tooLarge"), 413);
  const smallBodies = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge(MAX_BODY_BYTES) });
  const uploads = bodyLimit({ maxSize: MAX_UPLOAD_BYTES, onError: tooLarge(MAX_UPLOAD_BYTES) });
  app.use((c, next) => {
    const multipart = /^multipart\/form-data\s*(;|$)/i.test(c.req.header("content-type") ?? "");
    return (multipart && c.var.auth ? uploads : smallBodies)(c, next);
  });

  // The API: personal data must not be cached, and the usual protective headers apply.
  app.use("/api/*", secureHeaders({ crossOriginEmbedderPolicy: false, xFrameOptions: "DENY", referrerPolicy: "no-referrer" }), async (c, next) => {
    await next();
    c.res.headers.set("Cache-Control", "no-store");
  });
  app.route("/api", createApi());
  app.all("/api/*", (c) => problem(c, 404, "not-found", "No such endpoint"));

  app.use(securityHeaders({ development: options.mode === "development" }));
  app.use(csrfProtection());
  app.all("*", async (c) => {
    const context = new RouterContextProvider();
    context.set(webContext, {
      // The request's own logger (with its request id), for the pages and the services they call.
      deps: { ...deps, logger: c.var.logger },
      config,
      databaseKind: runtime.database.kind,
      auth: c.var.auth?.via === "session" ? { actor: c.var.auth.actor, sessionId: c.var.auth.sessionId } : null,
      meta: c.var.meta,
      csrfToken: c.var.csrfToken,
      nonce: c.var.secureHeadersNonce ?? "",
      locale: c.var.t.locale,
      secureCookies: c.var.secureCookies,
    });
    const response = await handleWeb(c.req.raw, context);
    // Pages with personal data must not be kept by the browser's or a proxy's cache.
    if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
    return response;
  });

  app.onError((error, c) => {
    if (c.req.path.startsWith("/api/")) {
      // Malformed requests the framework rejects (e.g. a body that is not JSON): the caller's fault.
      if (error instanceof HTTPException && error.status < 500) {
        return problem(c, error.status as 400, "bad-request", "The request could not be read", { detail: error.message });
      }
      c.var.logger?.error({ err: error }, "unhandled error");
      return problem(c, 500, "internal", "Something went wrong on our side");
    }
    if (error instanceof HTTPException) return error.getResponse();
    c.var.logger?.error({ err: error }, "unhandled error");
    const t = c.var.t ?? translator("sv");
    return c.text(`${t("errorPage.serverError.title")}. ${t("errorPage.serverError.body")}`, 500);
  });

  return app;
}

function safeRemoteAddress(c: Parameters<typeof getConnInfo>[0]): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // requests made in-process (tests) have no socket
  }
}

/**
 * The client's address. Behind a trusted reverse proxy it is the last entry of X-Forwarded-For, the one the
 * proxy added itself; entries before it come from the client and could say anything.
 */
export function clientIp(headers: Headers, remote: () => string | null, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return remote();
}
