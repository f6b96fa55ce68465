// Errors the services raise. The web layer turns them into messages at the fields or a page;
// the API layer into RFC 9457 problem documents. Messages are i18n keys, never translated text.

/** Field path (e.g. "idNumber", "groups.0.capacity") -> message keys. */
export type FieldErrors = Record<string, string[]>;

export class ValidationError extends Error {
  readonly fieldErrors: FieldErrors;
  readonly formErrors: string[];
  constructor(fieldErrors: FieldErrors, formErrors: string[] = []) {
    super("Invalid input");
    this.name = "ValidationError";
    this.fieldErrors = fieldErrors;
    this.formErrors = formErrors;
  }
}

/** Not signed in, or the credentials are not valid. */
export class UnauthenticatedError extends Error {
  constructor() {
    super("Not signed in");
    this.name = "UnauthenticatedError";
  }
}

/** The caller may not do this at all. */
export class ForbiddenError extends Error {
  constructor(message = "Not permitted") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** The record does not exist, or the caller may not know that it exists. */
export class NotFoundError extends Error {
  readonly entity: string;
  constructor(entity: string) {
    super(`${entity} not found`);
    this.name = "NotFoundError";
    this.entity = entity;
  }
}

export type ConflictCode =
  | "duplicate_id_number"
  /** The number belongs to someone in the register whom the user may not see. */
  | "duplicate_id_number_hidden"
  | "possible_duplicate"
  | "stale_version"
  | "duplicate_email"
  /** The person already has an open request (draft or submitted) in the program. */
  | "request_exists"
  | "duplicate_name";

export class ConflictError extends Error {
  readonly code: ConflictCode;
  /** The field the conflict is about, when there is one. */
  readonly field: string | null;
  readonly details: Record<string, unknown>;
  constructor(code: ConflictCode, field: string | null = null, details: Record<string, unknown> = {}) {
    super(`Conflict: ${code}`);
    this.name = "ConflictError";
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

/** Too many failed sign-ins: try again at `retryAt`. */
export class ThrottledError extends Error {
  readonly retryAt: Date;
  readonly locked: boolean;
  constructor(retryAt: Date, locked: boolean) {
    super("Too many attempts");
    this.name = "ThrottledError";
    this.retryAt = retryAt;
    this.locked = locked;
  }
}
