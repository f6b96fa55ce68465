import { describe, expect, it } from "vitest";
import { downloadResponse } from "./download.server.ts";

describe("downloadResponse", () => {
  it("sends a CSV as UTF-8 bytes, an attachment with its length, never cached, never sniffed", async () => {
    const response = downloadResponse("Dag;Närvaro\n", { type: "text/csv; charset=utf-8", fileName: "rapport.csv", nosniff: true });
    expect(Object.fromEntries(response.headers)).toEqual({
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="rapport.csv"',
      "content-length": "13",
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    });
    expect(await response.text()).toBe("Dag;Närvaro\n");
  });

  it("sends a PDF's bytes in its language", async () => {
    const pdf = Buffer.from("%PDF-1.7\n");
    const response = downloadResponse(pdf, { type: "application/pdf", fileName: "plan.pdf", language: "nb" });
    expect(Object.fromEntries(response.headers)).toEqual({
      "content-type": "application/pdf",
      "content-disposition": 'attachment; filename="plan.pdf"',
      "content-length": "9",
      "content-language": "nb",
      "cache-control": "private, no-store",
    });
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
  });
});
