import { parse, serialize, type CookieOptions } from "hono/utils/cookie";

// Cookie names and attributes in one place. With Secure cookies the names get the __Host- prefix,
// which the browser only accepts from a secure origin, for the whole host, without a Domain.

export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-spelplan_session" : "spelplan_session";
}

export function csrfCookieName(secure: boolean): string {
  return secure ? "__Host-spelplan_csrf" : "spelplan_csrf";
}

export const LOCALE_COOKIE = "spelplan_locale";

function base(secure: boolean): CookieOptions {
  return { path: "/", httpOnly: true, sameSite: "Lax", secure };
}

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  return parse(header, name)[name];
}

/** A browser-session cookie (gone when the browser closes); the server enforces idle and absolute expiry. */
export function sessionCookie(token: string, secure: boolean): string {
  return serialize(sessionCookieName(secure), token, base(secure));
}

export function clearSessionCookie(secure: boolean): string {
  return serialize(sessionCookieName(secure), "", { ...base(secure), maxAge: 0 });
}

export function csrfCookie(token: string, secure: boolean): string {
  return serialize(csrfCookieName(secure), token, base(secure));
}

export function localeCookie(locale: string, secure: boolean): string {
  return serialize(LOCALE_COOKIE, locale, { ...base(secure), maxAge: 365 * 24 * 3600 });
}
