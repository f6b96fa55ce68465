import { Writable } from "node:stream";
import { RouterContextProvider, UNSAFE_ErrorResponseImpl as ErrorResponseImpl } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { createLogger } from "../logger.ts";
import { handleError } from "./entry.server.tsx";
import { type WebContext, webContext } from "./context.ts";

function setup() {
  const lines: string[] = [];
  const logger = createLogger("info", new Writable({ write: (chunk: Buffer, _e, callback) => (lines.push(chunk.toString()), callback()) }));
  const context = new RouterContextProvider();
  context.set(webContext, { deps: { logger } } as unknown as WebContext);
  return { lines, context };
}

describe("handleError (errors in loaders, actions and rendering)", () => {
  it("logs through the application logger, sanitised, with the path but not the query string", () => {
    const { lines, context } = setup();
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const error = Object.assign(new Error('new row for relation "people" violates check constraint "people_check"'), {
      code: "23514",
      severity: "ERROR",
      detail: "Failing row contains (Ella, Johansson, 200103142386).",
      where: "Ella",
    });
    handleError(error, { request: new Request("http://spelplan.test/people/new?q=Johansson", { method: "POST" }), context, params: {} });
    expect(consoleError).not.toHaveBeenCalled();
    consoleError.mockRestore();
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 50, method: "POST", path: "/people/new", err: { code: "23514", type: "Error" } });
    expect(lines[0]).not.toMatch(/Ella|Johansson|200103142386|q=/);
  });

  it("skips aborted requests and the answers thrown on purpose (404, 403); refusals with an error behind them are notes", () => {
    const { lines, context } = setup();
    const controller = new AbortController();
    controller.abort();
    handleError(new Error("aborted"), { request: new Request("http://spelplan.test/people", { signal: controller.signal }), context, params: {} });
    // A loader's `throw data(..., { status: 403 })` reaches handleError as an error response without an error.
    handleError(new ErrorResponseImpl(403, "Forbidden", { reason: "forbidden" }), { request: new Request("http://spelplan.test/admin"), context, params: {} });
    expect(lines).toEqual([]);
    handleError(new ErrorResponseImpl(405, "Method Not Allowed", null, false), { request: new Request("http://spelplan.test/people?q=Ella", { method: "PUT" }), context, params: {} });
    expect(lines).toHaveLength(0);
    const withError = Object.assign(new ErrorResponseImpl(404, "Not Found", "x", true), { error: new Error("No route matches URL") });
    handleError(withError, { request: new Request("http://spelplan.test/nowhere?q=Ella"), context, params: {} });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, path: "/nowhere", err: { message: "No route matches URL" } });
    expect(lines[0]).not.toContain("Ella");
  });
});
