import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, sanitizeError } from "./logger.ts";

/** What PostgreSQL (and PGlite) attach to a failed statement: the row, with a person's data in it. */
function databaseError() {
  return Object.assign(new Error('null value in column "birth_date" of relation "people" violates not-null constraint'), {
    name: "DatabaseError",
    severity: "ERROR",
    code: "23502",
    detail: "Failing row contains (5d0c…, Ella, Johansson, 200103142386, null).",
    where: "SQL statement \"insert into people values ('Ella', 'Johansson')\"",
    table: "people",
    column: "birth_date",
    routine: "ExecConstraints",
    query: "insert into people (first_name) values ($1)",
    parameters: ["Ella", "Johansson", "200103142386"],
  });
}

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { logger: createLogger("info", stream), lines };
}

describe("sanitizeError", () => {
  it("keeps what helps (type, message, code, table, column, stack) and drops the row, the context and the statement", () => {
    const clean = sanitizeError(databaseError());
    expect(clean).toMatchObject({ type: "DatabaseError", code: "23502", severity: "ERROR", table: "people", column: "birth_date", routine: "ExecConstraints" });
    expect(clean.message).toContain('violates not-null constraint');
    expect(clean.stack).toContain("violates not-null constraint");
    for (const field of ["detail", "where", "query", "parameters"]) expect(clean).not.toHaveProperty(field);
    expect(JSON.stringify(clean)).not.toMatch(/Ella|Johansson|200103142386/);
  });

  it("removes values a database quotes in its message, also from the stack, but keeps constraint names", () => {
    const error = Object.assign(new Error('invalid input syntax for type date: "Ella Johansson 2001"'), { code: "22007", severity: "ERROR" });
    const clean = sanitizeError(error);
    expect(clean.message).toBe('invalid input syntax for type date: "[redacted]"');
    expect(clean.stack).not.toContain("Ella");
    const unique = sanitizeError(Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), { code: "23505", severity: "ERROR", detail: "Key (lower(email))=(ella@example.se) already exists.", constraint: "users_email_key" }));
    expect(unique).toMatchObject({ message: 'duplicate key value violates unique constraint "users_email_key"', constraint: "users_email_key" });
    expect(JSON.stringify(unique)).not.toContain("ella@example.se");
  });

  it("sanitises the causes too, and leaves out fields of unknown shape", () => {
    const wrapped = new Error("the transaction failed", { cause: databaseError() });
    Object.assign(wrapped, { row: { firstName: "Ella" }, note: "Johansson" });
    const clean = sanitizeError(wrapped);
    expect(clean.cause).toMatchObject({ type: "DatabaseError", code: "23502" });
    expect(JSON.stringify(clean)).not.toMatch(/Ella|Johansson|Failing row/);
    expect(sanitizeError("Ella Johansson")).toEqual({ type: "string", message: "[non-error value]" });
    expect(sanitizeError(null)).toEqual({ type: "object", message: "null" });
  });
});

describe("the application logger", () => {
  it("logs errors sanitised, and redacts database fields wherever they appear", () => {
    const { logger, lines } = capture();
    logger.error({ err: databaseError() }, "insert failed");
    logger.error({ failure: { detail: "Failing row contains (Ella)", cause: { detail: "Johansson" } }, where: "Ella" }, "other shape");
    logger.info({ person: { firstName: "Ella", lastName: "Johansson", idNumber: "200103142386" } }, "never like this");
    const output = lines.join("");
    expect(output).not.toMatch(/Ella|Johansson|200103142386|Failing row/);
    const first = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
    expect(first.err).toMatchObject({ type: "DatabaseError", code: "23502", table: "people" });
    expect(JSON.parse(lines[1]!)).toMatchObject({ failure: { detail: "[redacted]", cause: { detail: "[redacted]" } }, where: "[redacted]" });
  });
});
