import { randomBytes } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders, NONCE } from "hono/secure-headers";
import { safeEqual } from "../services/crypto.ts";
import { csrfCookie, csrfCookieName, readCookie } from "./cookies.ts";
import type { AppEnv } from "./types.ts";

/** The origin the browser sees: from the request, or from the proxy's headers when trusted. */
export function publicOrigin(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  if (c.var.runtime.config.trustProxy) {
    const proto = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim();
    const host = c.req.header("x-forwarded-host")?.split(",")[0]?.trim();
    return `${proto || url.protocol.replace(":", "")}://${host || url.host}`;
  }
  return url.origin;
}

export function isHttps(c: Context<AppEnv>): boolean {
  return publicOrigin(c).startsWith("https:");
}

/**
 * A cross-site request is refused before anything else looks at it. Browsers say where a request
 * comes from in Sec-Fetch-Site (all current ones) or Origin; requests with neither (not from a browser)
 * pass this check and must still carry the token.
 */
export function isSameOrigin(c: Context<AppEnv>): boolean {
  const site = c.req.header("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = c.req.header("origin");
  if (!origin || origin === "null") return origin === undefined;
  return origin === publicOrigin(c);
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const CSRF_FIELD = "_csrf";

/**
 * Double-submit token for the web pages: a random token in an HttpOnly cookie, repeated in a hidden
 * field of every form. A cross-site page can neither read the cookie nor guess the token. Together with
 * the origin check and SameSite=Lax cookies this protects every state-changing request.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const secure = c.var.secureCookies;
    const cookieToken = readCookie(c.req.header("cookie"), csrfCookieName(secure));
    if (UNSAFE.has(c.req.method)) {
      if (!isSameOrigin(c)) return forbidden(c, "cross_site");
      const type = c.req.header("content-type") ?? "";
      let submitted: string | null = c.req.header("x-csrf-token") ?? null;
      if (!submitted && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))) {
        const form = await c.req.raw.clone().formData().catch(() => null);
        const value = form?.get(CSRF_FIELD);
        submitted = typeof value === "string" ? value : null;
      }
      if (!cookieToken || !submitted || !safeEqual(cookieToken, submitted)) return forbidden(c, "token");
      c.set("csrfToken", cookieToken);
    } else if (cookieToken && /^[A-Za-z0-9_-]{43}$/.test(cookieToken)) {
      c.set("csrfToken", cookieToken);
    } else {
      const token = randomBytes(32).toString("base64url");
      c.set("csrfToken", token);
      await next();
      c.res = withHeader(c.res, "Set-Cookie", csrfCookie(token, secure));
      return;
    }
    await next();
  };
}

/** Appends a header to a response, copying it first if its headers are immutable. */
export function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.append(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.append(name, value);
    return copy;
  }
}

function forbidden(c: Context<AppEnv>, reason: "cross_site" | "token") {
  c.var.logger.warn({ reason, method: c.req.method, path: c.req.path }, "request refused by CSRF protection");
  const t = c.var.t;
  return c.html(
    `<!doctype html><html lang="${t.locale}"><head><meta charset="utf-8"><title>${t("csrf.title")}</title></head>` +
      `<body><main><h1>${t("csrf.title")}</h1><p>${t("csrf.body")}</p><p><a href="/">${t("csrf.back")}</a></p></main></body></html>`,
    403,
  );
}

/**
 * Security headers with a strict Content-Security-Policy: scripts only with this response's nonce
 * (and what they load), nothing inline otherwise, no framing, no plugins, forms only to this site.
 */
export function securityHeaders(options: { development: boolean }): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: [NONCE, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])],
      // Style sheets only from this site; style attributes are allowed because the design system sets
      // its spacing through CSS custom properties in them (they cannot run code).
      styleSrc: ["'self'", ...(options.development ? ["'unsafe-inline'"] : [])],
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", ...(options.development ? ["ws:"] : [])],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: "same-origin",
    crossOriginEmbedderPolicy: false,
    xFrameOptions: "DENY",
    strictTransportSecurity: "max-age=31536000; includeSubDomains",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  });
}
