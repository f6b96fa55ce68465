import pino, { type DestinationStream, type Logger } from "pino";

/**
 * Structured logs (JSON lines). Never log personal data: people are referred to by id only, and the
 * paths below are removed in case a value slips through.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "spelplan" },
    serializers: { err: sanitizeError, error: sanitizeError },
    redact: {
      paths: [
        "password", "*.password", "token", "*.token", "headers.cookie", "headers.authorization",
        "*.headers.cookie", "*.headers.authorization", "firstName", "lastName", "idNumber", "*.firstName", "*.lastName", "*.idNumber",
        // What a database error carries about the row or the statement (should an error be logged under another key).
        ...SENSITIVE_ERROR_FIELDS.flatMap((field) => [field, `*.${field}`, `*.cause.${field}`, `*.*.cause.${field}`]),
      ],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Fields of database errors (PostgreSQL and PGlite alike) and query builders that can hold personal data:
 * `detail` ("Failing row contains (...)", "Key (email)=(...) already exists"), `where` (the PL/pgSQL
 * context with values), the statement and its parameters.
 */
const SENSITIVE_ERROR_FIELDS = ["detail", "where", "internalQuery", "query", "parameters", "params", "values", "bindings", "sql"] as const;

/** Plain facts about an error that help and hold no data. Every other field is left out: its shape is unknown. */
const KEPT_FIELDS = ["code", "severity", "constraint", "table", "column", "schema", "dataType", "routine", "status", "statusCode", "entity"] as const;

export interface SanitizedError {
  type: string;
  message: string;
  stack?: string;
  cause?: SanitizedError | string;
  [field: string]: unknown;
}

function isDatabaseError(error: Record<string, unknown>): boolean {
  return typeof error.code === "string" && /^[0-9A-Z]{5}$/.test(error.code) && ("severity" in error || "routine" in error);
}

/**
 * An error as it may be logged: the type, the message, the stack and the plain facts (KEPT_FIELDS), without
 * what the database says about the data (`detail`, `where`, the statement's parameters...). A database's message
 * can quote the offending value (`invalid input syntax for type uuid: "..."`): quoted values are removed.
 * Causes are sanitised the same way.
 */
export function sanitizeError(error: unknown, depth = 0): SanitizedError {
  if (!(error instanceof Error) && (typeof error !== "object" || error === null)) {
    return { type: typeof error, message: typeof error === "string" ? "[non-error value]" : String(error) };
  }
  const record = error as unknown as Record<string, unknown>;
  const database = isDatabaseError(record);
  const rawMessage = typeof record.message === "string" ? record.message : "";
  const message = database ? rawMessage.replace(/: "(?:[^"\\]|\\.)*"/g, ': "[redacted]"') : rawMessage;
  const result: SanitizedError = {
    type: error instanceof Error ? error.name || error.constructor.name : "Object",
    message,
  };
  if (error instanceof Error && typeof error.stack === "string") {
    // The stack's first line repeats the message.
    result.stack = rawMessage ? error.stack.replace(rawMessage, message) : error.stack;
  }
  for (const field of KEPT_FIELDS) {
    const value = record[field];
    if (typeof value === "string" || typeof value === "number") result[field] = value;
  }
  if (record.cause !== undefined && depth < 5) result.cause = sanitizeError(record.cause, depth + 1);
  return result;
}

export type { Logger };
