import { data, redirect, type RouterContextProvider } from "react-router";
import type { ServiceContext } from "../../services/context.ts";
import { ConflictError, ForbiddenError, NotFoundError, ThrottledError, ValidationError } from "../../services/errors.ts";
import { getWeb, toServiceContext, type WebContext } from "../context.ts";

/** The page a request is for: React Router's data requests ("/people.data") mean the page "/people". */
export function pagePath(request: Request): string {
  return new URL(request.url).pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/") || "/";
}

/** The sign-in page, with the way back to the page asked for. */
export function signInPath(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("_routes");
  const returnTo = pagePath(request) + url.search;
  return returnTo === "/" ? "/sign-in" : `/sign-in?returnTo=${encodeURIComponent(returnTo)}`;
}

/** The signed-in user's service context; sends others to the sign-in page and back afterwards. */
export function requireUser(context: Readonly<RouterContextProvider>, request: Request): { web: WebContext; ctx: ServiceContext } {
  const web = getWeb(context);
  const ctx = toServiceContext(web);
  if (!ctx) throw redirect(signInPath(request));
  return { web, ctx };
}

/** Turns "not found" and "not permitted" from a service into the error page with the right status. */
export function rethrowAsResponse(error: unknown): never {
  if (error instanceof NotFoundError) throw data({ reason: "not_found" }, { status: 404 });
  if (error instanceof ForbiddenError) throw data({ reason: "forbidden" }, { status: 403 });
  throw error;
}

export async function orResponse<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    rethrowAsResponse(error);
  }
}

/**
 * Only paths on this site, so a crafted link cannot send someone elsewhere after sign-in. The value is
 * resolved the way a browser would (which ignores tabs and newlines and reads "\\" as "/") and must stay
 * on the same origin.
 */
export function safeReturnTo(value: FormDataEntryValue | string | null | undefined): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  try {
    const base = "http://spelplan.invalid";
    const url = new URL(value, base);
    if (url.origin !== base) return "/";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}

/** Whether an error is one a form shows at its fields (the rest become error pages). */
export function isFormError(error: unknown): error is ValidationError | ConflictError | ThrottledError {
  return error instanceof ValidationError || error instanceof ConflictError || error instanceof ThrottledError;
}
