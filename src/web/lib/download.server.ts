// A file for the reader to download (a resource route's response): a report's CSV or PDF, the minutes, the plan.
// Personal data: never kept in a shared cache.

export interface Download {
  /** The Content-Type, e.g. "application/pdf" or "text/csv; charset=utf-8". */
  type: string;
  /** The file name the browser saves it as (ASCII; the service makes it). */
  fileName: string;
  /** The Content-Language, where the file is in one language (a PDF in the reader's language). */
  language?: string;
  /** Tell the browser not to guess another type (X-Content-Type-Options: nosniff). */
  nosniff?: boolean;
}

/** The response for a download: `body` (a string goes as UTF-8) as an attachment, with its length, never cached. */
export function downloadResponse(body: string | Uint8Array, file: Download): Response {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : new Uint8Array(body);
  const headers: Record<string, string> = {
    "Content-Type": file.type,
    "Content-Disposition": `attachment; filename="${file.fileName}"`,
    "Content-Length": String(bytes.byteLength),
  };
  if (file.language) headers["Content-Language"] = file.language;
  headers["Cache-Control"] = "private, no-store";
  if (file.nosniff) headers["X-Content-Type-Options"] = "nosniff";
  return new Response(bytes, { headers });
}
