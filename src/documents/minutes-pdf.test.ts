import { inflateSync } from "node:zlib";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { type MinutesDocument, type MinutesItem, minutesLayout, minutesLines, renderMinutesPdf } from "./minutes-pdf.ts";

const LONG_RECOMMENDATION = Array.from(
  { length: 14 },
  (_, i) =>
    `Teamet rekommenderar en stegvis återgång med arbetsträning hos en arbetsgivare i närområdet (steg ${i + 1}). ` +
    "Personen och handläggaren på Arbetsförmedlingen följer upp planen varannan vecka, och Försäkringskassan bedömer rätten till ersättning när underlaget är komplett. " +
    "Regionens rehabiliteringskoordinator ansvarar för kontakten med vården; kommunens socialtjänst bidrar med stöd i boendet.",
).join("\n\n");

const HIDDEN_TITLE = "Hemlig Hjördis Zzyxqvist";
const HIDDEN_REFERRER = "Qwertz Remittentsson, Hemliga myndigheten";

function item(overrides: Partial<MinutesItem>): MinutesItem {
  return {
    number: 1,
    kind: "request",
    title: null,
    referrer: null,
    answers: null,
    decision: null,
    recommendation: null,
    reason: null,
    advice: null,
    hidden: false,
    ...overrides,
  };
}

function sample(): MinutesDocument {
  return {
    lang: "sv-SE",
    labels: {
      title: "Protokoll från samverkansteamets möte",
      program: "Program",
      date: "Datum",
      time: "Tid",
      location: "Plats",
      attendance: "Närvarande",
      absent: "Frånvarande",
      items: "Ärenden",
      request: "Intresseförfrågan",
      consultation: "Konsultation",
      referrer: "Remittent",
      questions: [
        "Behöver personen samordnade insatser från flera myndigheter?",
        "Är personen motiverad att delta?",
        "Har personen gett sitt samtycke?",
      ],
      yes: "Ja",
      no: "Nej",
      notAnswered: "Inte besvarad",
      decision: "Beslut",
      recommendation: "Rekommendation",
      reason: "Skäl",
      advice: "Råd",
      hidden: "Uppgifterna visas inte för dig (samtycket omfattar inte din myndighet).",
      generated: "Utskrivet {time} för {name}",
      page: "Sida {page} av {pages}",
    },
    programName: "Steget vidare Malmö",
    date: "2026-03-12",
    time: "13:00–15:00",
    location: "Stadshuset, rum Öresund",
    present: [
      { name: "Åsa Öberg", authority: "Försäkringskassan" },
      { name: "Søren Østergaard", authority: "Arbetsförmedlingen" },
      { name: "Ayşe Yılmaz", authority: "Region Skåne" },
      { name: "Paweł Kowalski", authority: "Malmö stad" },
    ],
    absent: [{ name: "Jiří Dvořák", authority: "Malmö stad" }],
    items: [
      item({
        number: 1,
        title: "Zoë Müller-Łukasiewicz",
        referrer: "Anders Lund, Försäkringskassan",
        answers: [true, false, null],
        decision: "Erbjuds plats",
        recommendation: LONG_RECOMMENDATION,
        reason: "Behovet av samordnade insatser är tydligt och personen vill delta.",
      }),
      item({
        number: 2,
        kind: "consultation",
        title: "Kvinna 19–24 år",
        referrer: "Ğökhan Şahin, Region Skåne",
        advice: "Kontakta Arbetsförmedlingen för en kartläggning innan en intresseförfrågan görs.",
      }),
      item({
        number: 3,
        title: HIDDEN_TITLE,
        referrer: HIDDEN_REFERRER,
        answers: [true, true, true],
        decision: "Inte redo",
        recommendation: "Hemlig rekommendation Xylofonväg",
        reason: "Hemligt skäl Kvackmyr",
        hidden: true,
      }),
    ],
    generatedAt: new Date("2026-03-12T14:05:00Z"),
    generatedFor: "Ingrid Ødegård",
  };
}

/** The PDF's bytes as a string, with every Flate stream also inflated and appended. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const inflated: string[] = [];
  const streamRe = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = streamRe.exec(raw))) {
    const start = match.index + match[0].length;
    const end = raw.indexOf("endstream", start);
    try {
      inflated.push(inflateSync(pdf.subarray(start, end)).toString("latin1"));
    } catch {
      // Not a Flate stream (or already plain).
    }
  }
  return [raw, ...inflated].join("\n");
}

/** The body of indirect object `n`. */
function object(raw: string, n: string): string {
  const start = raw.indexOf(`\n${n} 0 obj\n`);
  if (start < 0) throw new Error(`object ${n} not found`);
  return raw.slice(start, raw.indexOf("endobj", start));
}

/** Decodes a literal PDF string "(...)": escapes, then UTF-16BE when it starts with a BOM. */
function decodePdfString(literal: string): string {
  const body = literal
    .trim()
    .replace(/^\(|\)$/g, "")
    .replace(/\\([nrtbf()\\])/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" })[c] ?? c);
  const bytes = Buffer.from(body, "latin1");
  return bytes[0] === 0xfe && bytes[1] === 0xff ? Buffer.from(bytes.subarray(2)).swap16().toString("utf16le") : body;
}

/** The document title from the trailer's Info dictionary (pdfkit writes its values as objects). */
function infoTitle(raw: string): string {
  const info = /\/Info (\d+) 0 R/.exec(raw.slice(raw.lastIndexOf("trailer")))?.[1];
  if (!info) throw new Error("no /Info in the trailer");
  const title = /\/Title (?:(\d+) 0 R|(\([\s\S]*?\)))\n/.exec(object(raw, info));
  if (!title) throw new Error("no /Title in the Info dictionary");
  return decodePdfString(title[2] ?? object(raw, title[1] ?? "").split("obj\n")[1] ?? "");
}

async function extract(pdf: Buffer) {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0 });
  const loaded = await task.promise;
  const pages: string[] = [];
  for (let n = 1; n <= loaded.numPages; n++) {
    const page = await loaded.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((entry) => ("str" in entry ? entry.str + (entry.hasEOL ? "\n" : "") : "")).join(""));
  }
  const metadata = await loaded.getMetadata();
  const outline = ((await loaded.getOutline()) ?? []).map((entry) => entry.title);
  const structTree = await (await loaded.getPage(1)).getStructTree();
  await task.destroy();
  return { numPages: loaded.numPages, pages, outline, info: metadata.info as Record<string, unknown>, structTree };
}

type StructNode = { role?: string; children?: StructNode[] };
function roles(node: StructNode | null | undefined): string[] {
  if (!node) return [];
  return [...(node.role ? [node.role] : []), ...(node.children ?? []).flatMap(roles)];
}

describe("minutesLines", () => {
  it("lists the title, facts, attendance and each item's fields in reading order", () => {
    const lines = minutesLines(sample());
    expect(lines[0]).toBe("Protokoll från samverkansteamets möte");
    expect(lines).toContain("Program: Steget vidare Malmö");
    expect(lines).toContain("Plats: Stadshuset, rum Öresund");
    expect(lines).toContain("• Søren Østergaard, Arbetsförmedlingen");
    expect(lines).toContain("• Jiří Dvořák, Malmö stad");
    expect(lines).toContain("1. Intresseförfrågan – Zoë Müller-Łukasiewicz");
    expect(lines).toContain("Remittent: Anders Lund, Försäkringskassan");
    expect(lines).toContain("Behöver personen samordnade insatser från flera myndigheter? Ja");
    expect(lines).toContain("Är personen motiverad att delta? Nej");
    expect(lines).toContain("Har personen gett sitt samtycke? Inte besvarad");
    expect(lines).toContain("Beslut: Erbjuds plats");
    expect(lines).toContain("2. Konsultation – Kvinna 19–24 år");
    expect(lines).toContain("Råd");
    expect(lines.at(-1)).toBe("Utskrivet 2026-03-12 15:05 för Ingrid Ødegård");
    expect(lines.indexOf("1. Intresseförfrågan – Zoë Müller-Łukasiewicz")).toBeLessThan(lines.indexOf("Beslut: Erbjuds plats"));
  });

  it("shows a hidden item only as its number, kind and the notice", () => {
    const lines = minutesLines(sample());
    const start = lines.indexOf("3. Intresseförfrågan");
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toBe("Uppgifterna visas inte för dig (samtycket omfattar inte din myndighet).");
    expect(lines[start + 2]).toBe(lines.at(-1)); // nothing else before the footer line
    const all = JSON.stringify(minutesLayout(sample()));
    for (const secret of [HIDDEN_TITLE, HIDDEN_REFERRER, "Xylofonväg", "Kvackmyr", "Inte redo"]) {
      expect(all).not.toContain(secret);
    }
  });

  it("leaves out an empty absent list and a missing location", () => {
    const doc = { ...sample(), absent: [], location: null };
    const lines = minutesLines(doc);
    expect(lines).not.toContain("Frånvarande");
    expect(lines.some((line) => line.startsWith("Plats"))).toBe(false);
  });

  it("keeps a $ in a name as it is when filling the printed-for line", () => {
    const lines = minutesLines({ ...sample(), generatedFor: "A$&B" });
    expect(lines.at(-1)).toBe("Utskrivet 2026-03-12 15:05 för A$&B");
  });
});

describe("renderMinutesPdf", () => {
  it("renders a tagged PDF 1.7 with title, language, embedded font and 2+ pages", async () => {
    const doc = sample();
    const pdf = await renderMinutesPdf(doc);
    const text = pdfText(pdf);

    expect(pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
    expect(infoTitle(text)).toBe("Protokoll från samverkansteamets möte – Steget vidare Malmö, 2026-03-12");
    const has = (pattern: string | RegExp) => (typeof pattern === "string" ? text.includes(pattern) : pattern.test(text));
    expect(has("/Lang (sv-SE)")).toBe(true);
    expect(has(/\/MarkInfo \d+ 0 R/)).toBe(true);
    expect(has(/\/Marked true/)).toBe(true);
    expect(has(/\/StructTreeRoot \d+ 0 R/)).toBe(true);
    expect(has(/\/DisplayDocTitle true/)).toBe(true);
    expect(has(/\/FontFile2 \d+ 0 R/)).toBe(true);
    expect(has(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold/)).toBe(true);
    expect(has(/\/BaseFont \/Helvetica/)).toBe(false);
    const pages = text.match(/\/Type \/Page\b(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const tag of ["/S /Document", "/S /H1", "/S /H2", "/S /H3", "/S /P", "/S /Table", "/S /TH", "/S /L", "/S /LBody", "/S /Sect"]) {
      expect(has(tag), tag).toBe(true);
    }
  });

  it("sets the document language it is given", async () => {
    const pdf = await renderMinutesPdf({ ...sample(), lang: "nb-NO", items: [] });
    expect(pdf.toString("latin1").includes("/Lang (nb-NO)")).toBe(true);
  });

  it("writes the same bytes for the same input", async () => {
    const [a, b] = await Promise.all([renderMinutesPdf(sample()), renderMinutesPdf(sample())]);
    expect(a.equals(b)).toBe(true);
  });

  it("never draws a hidden item's fields", async () => {
    const pdf = await renderMinutesPdf(sample(), { compress: false });
    const text = pdf.toString("latin1");
    expect(text.includes("/FlateDecode")).toBe(false); // nothing compressed: the page content is plain
    const { pages, outline } = await extract(pdf);
    const all = [...pages, ...outline].join("\n");
    expect(all).toContain("3. Intresseförfrågan\nUppgifterna visas inte för dig");
    expect(outline).toContain("3. Intresseförfrågan");
    // Not as text on the pages or in the bookmarks, nor as a string anywhere in the file
    // (dictionary strings are written as ASCII or as UTF-16BE).
    for (const secret of [HIDDEN_TITLE, HIDDEN_REFERRER, "Hemlig", "Xylofonväg", "Kvackmyr", "Zzyxqvist", "Remittentsson"]) {
      expect(all.includes(secret), secret).toBe(false);
      expect(text.includes(secret), secret).toBe(false);
      expect(text.includes(Buffer.from(secret, "utf16le").swap16().toString("latin1")), secret).toBe(false);
    }
  });

  it("has text that can be extracted, with every Latin letter, page numbers and tags", async () => {
    const doc = sample();
    const pdf = await renderMinutesPdf(doc);
    const { numPages, pages, info, structTree } = await extract(pdf);
    expect(numPages).toBeGreaterThanOrEqual(2);
    expect(info.Title).toBe(minutesLayout(doc).title);
    const first = pages[0] ?? "";
    for (const expected of [
      "Protokoll från samverkansteamets möte",
      "Steget vidare Malmö",
      "Åsa Öberg, Försäkringskassan",
      "Søren Østergaard",
      "Ayşe Yılmaz",
      "Paweł Kowalski",
      "Jiří Dvořák",
      "Zoë Müller-Łukasiewicz",
      "Utskrivet 2026-03-12 15:05 för Ingrid Ødegård",
      `Sida 1 av ${numPages}`,
    ]) {
      expect(first).toContain(expected);
    }
    expect(pages.at(-1)).toContain(`Sida ${numPages} av ${numPages}`);
    expect(pages.join("\n")).toContain("Ğökhan Şahin, Region Skåne");
    const pageRoles = roles(structTree as StructNode);
    for (const role of ["H1", "H2", "H3", "P", "Table", "TR", "TH", "TD", "L", "LI", "LBody"]) {
      expect(pageRoles).toContain(role);
    }
  });
});
