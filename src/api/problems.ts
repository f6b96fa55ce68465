import type { Context } from "hono";
import type { ZodError } from "zod";
import { translator } from "../i18n/index.ts";
import { ConflictError, ForbiddenError, NotFoundError, ThrottledError, UnauthenticatedError, ValidationError } from "../services/errors.ts";

// Errors as RFC 9457 problem documents (application/problem+json). `code` is the stable,
// machine-readable message key; `message` its English text.

const en = translator("en");

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export function problem(
  c: Context,
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500,
  type: string,
  title: string,
  extra: Record<string, unknown> = {},
) {
  return c.body(JSON.stringify({ type: `/api/problems/${type}`, title, status, ...extra }), status, {
    "Content-Type": "application/problem+json",
    ...(status === 401 ? { "WWW-Authenticate": 'Bearer realm="spelplan"' } : {}),
  });
}

export function validationProblem(c: Context, fieldErrors: Record<string, string[]>, formErrors: string[] = []) {
  const errors: FieldProblem[] = Object.entries(fieldErrors).flatMap(([field, codes]) =>
    codes.map((code) => ({ field, code, message: en(code) })),
  );
  return problem(c, 422, "validation", "The request has invalid fields", {
    detail: formErrors.map((code) => en(code)).join(" ") || "See errors for each field.",
    errors,
    // What concerns the request as a whole (e.g. "no valid consent"), as stable codes.
    formErrors: formErrors.map((code) => ({ code, message: en(code) })),
  });
}

/** Zod issues from the API's own request schemas, in the same terms as the services' messages. */
export function zodProblem(c: Context, error: ZodError) {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || "body";
    const code = issue.code === "invalid_type" && issue.input === undefined ? "errors.required" : "errors.invalid";
    (fieldErrors[field] ??= []).push(code);
  }
  return validationProblem(c, fieldErrors);
}

/** Maps what a service throws to a problem response; anything else is rethrown (500). */
export function serviceProblem(c: Context, error: unknown) {
  if (error instanceof ValidationError) return validationProblem(c, error.fieldErrors, error.formErrors);
  if (error instanceof UnauthenticatedError) return problem(c, 401, "unauthenticated", "Authentication required");
  if (error instanceof ForbiddenError) return problem(c, 403, "forbidden", "Not permitted", { detail: "Your roles do not allow this." });
  if (error instanceof NotFoundError) return problem(c, 404, "not-found", "Not found", { detail: `No ${error.entity} with that id that you may see.` });
  if (error instanceof ThrottledError) return problem(c, 429, "throttled", "Too many attempts", { retryAt: error.retryAt.toISOString() });
  if (error instanceof ConflictError) {
    const titles: Record<string, string> = {
      duplicate_id_number: "A person with this identity number is already registered in the program",
      duplicate_id_number_hidden: "The program already has a person with this identity number, whom you may not see; contact the program's staff",
      possible_duplicate: "A person with the same name and birth date is already registered; send confirmNotDuplicate: true if this is another person",
      stale_version: "The record was changed by someone else; fetch it again",
      duplicate_email: "The e-mail address is already in use",
      duplicate_name: "The name is already in use",
    };
    return problem(c, 409, error.code.replace(/_/g, "-"), titles[error.code] ?? "Conflict", {
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      ...error.details,
    });
  }
  throw error;
}
