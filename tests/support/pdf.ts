import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { expect } from "vitest";

// Reading the PDFs Spelplan renders, as pdf.js (a reader) sees them: the text, the tagged structure, the
// document info and the bookmarks.

type StructNode = { role?: string; children?: StructNode[] };
const rolesOf = (node: StructNode | null | undefined): string[] => (node ? [...(node.role ? [node.role] : []), ...(node.children ?? []).flatMap(rolesOf)] : []);

export interface ReadPdf {
  numPages: number;
  /** Each page's text: items joined by a space, or by a line break where one ends a line. */
  pages: string[];
  /** The roles in the pages' structure trees (H1, P, Table, TH ...), in order. */
  roles: string[];
  /** The info dictionary (Title, Creator ...). */
  info: Record<string, unknown>;
  /** The bookmarks' titles. */
  outline: string[];
}

export async function readPdf(pdf: Buffer): Promise<ReadPdf> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  const pages: string[] = [];
  const roles: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    pages.push((await page.getTextContent()).items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : " ") : "")).join(""));
    roles.push(...rolesOf((await page.getStructTree()) as StructNode));
  }
  const info = (await doc.getMetadata()).info as Record<string, unknown>;
  const outline = ((await doc.getOutline()) ?? []).map((entry) => entry.title);
  await task.destroy();
  return { numPages: doc.numPages, pages, roles, info, outline };
}

/** The text of a PDF, page after page (pages joined by a line break), no-break spaces (in amounts) as plain ones. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await readPdf(pdf)).pages.join("\n").replace(/\u00a0/g, " ");
}

/**
 * The PDF is a tagged PDF 1.7 in `lang` with `title`, its fonts embedded (never the standard Helvetica), page
 * numbers ("Sida 1 av n") and the structure of a report (headings, paragraphs, a data table); what pdf.js read.
 */
export async function expectTaggedReport(pdf: Buffer, expected: { lang: string; title: string }): Promise<ReadPdf> {
  const raw = pdf.toString("latin1");
  expect(raw.slice(0, 8)).toBe("%PDF-1.7");
  expect(raw).toContain(`/Lang (${expected.lang})`);
  expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
  expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
  expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  const read = await readPdf(pdf);
  expect(read.info.Title).toBe(expected.title);
  expect(read.pages[0]).toContain(`Sida 1 av ${read.numPages}`);
  for (const role of ["H1", "H2", "P", "Table", "TR", "TH", "TD"]) expect(read.roles).toContain(role);
  return read;
}
