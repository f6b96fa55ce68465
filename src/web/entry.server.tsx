import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { renderToPipeableStream } from "react-dom/server";
import { type EntryContext, type HandleErrorFunction, isRouteErrorResponse, type RouterContextProvider, ServerRouter } from "react-router";
import type { Logger } from "pino";
import { sanitizeError } from "../logger.ts";
import { webContext } from "./context.ts";
import { NonceProvider } from "./lib/nonce.tsx";

export const streamTimeout = 5_000;

function loggerOf(context: Readonly<RouterContextProvider> | undefined): Logger | null {
  try {
    return context ? context.get(webContext).deps.logger : null;
  } catch {
    return null; // no web context (React Router failed before the request reached a route)
  }
}

/**
 * Errors in loaders, actions and rendering go to the application log (pino, with its redaction), never to
 * the console: a database error's `detail` can hold a person's data. Logged: the error sanitised, the method
 * and the path without the query string (a search for a name).
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return; // the browser went away: nothing went wrong here
  const inner = isRouteErrorResponse(error) ? (error as { error?: unknown }).error : error;
  // Responses thrown on purpose (404, 403 pages) are answers, not errors.
  if (isRouteErrorResponse(error) && inner === undefined) return;
  const logger = loggerOf(context);
  // The logger's serializer sanitises `err` (src/logger.ts).
  const entry = { err: inner, method: request.method, path: new URL(request.url).pathname };
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!logger) {
    // The last resort, still without personal data.
    console.error(JSON.stringify({ level: "error", msg: "error in a page", ...entry, err: sanitizeError(inner) }));
    return;
  }
  if (status < 500) logger.info(entry, "request refused by the router");
  else logger.error(entry, "error in a page");
};

// React Router's default Node entry, with the Content-Security-Policy nonce passed to every script.
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const nonce = loadContext.get(webContext).nonce;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough({
            final(callback) {
              clearTimeout(timeoutId);
              timeoutId = undefined;
              callback();
            },
          });
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          pipe(body);
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Before the shell is rendered, onShellError rejects and React Router's handleError logs it.
          if (shellRendered) handleError(error, { request, context: loadContext, params: {} });
        },
      },
    );
  });
}
