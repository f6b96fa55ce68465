import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { type Locale, translator } from "../i18n/index.ts";

// The minutes of a collaboration-team meeting as a tagged, accessible PDF (PDF 1.7, pdfkit).
//
// Two steps: minutesLayout() turns the input into the blocks that will be drawn (every text the
// reader will see, and nothing else), and renderMinutesPdf() draws exactly those blocks. The
// renderer never looks at the items itself, so a hidden item's name, referrer or texts cannot
// reach the PDF: tests check minutesLines(), the flat text of the same layout.
//
// Structure tree: Document > H1, Table (TR > TH + TD) for the facts, Sect > H2 + L (LI > Lbl +
// LBody) for attendance, and one Sect per item > H2, P (fields and answers), H3 + P (longer texts).
// Footers (printed-for line and page numbers) are pagination artifacts.

// ---------------------------------------------------------------------------------------------
// Input

export interface MinutesLabels {
  title: string; // e.g. "Protokoll från samverkansteamets möte"
  program: string; // "Program"
  date: string; // "Datum"
  time: string; // "Tid"
  location: string; // "Plats"
  attendance: string; // "Närvarande"
  absent: string; // "Frånvarande"
  items: string; // "Ärenden"
  request: string; // "Intresseförfrågan"
  consultation: string; // "Konsultation"
  referrer: string; // "Remittent"
  questions: [string, string, string]; // the three questions, asked exactly as given
  yes: string;
  no: string;
  notAnswered: string;
  decision: string; // "Beslut"
  recommendation: string; // "Rekommendation"
  reason: string; // "Skäl"
  advice: string; // "Råd"
  hidden: string; // e.g. "Uppgifterna visas inte för dig (samtycket omfattar inte din myndighet)."
  generated: string; // e.g. "Utskrivet {time} för {name}" — {time} and {name} are filled in here
  page: string; // e.g. "Sida {page} av {pages}"
}

export interface MinutesItem {
  number: number;
  kind: "request" | "consultation";
  /** The person's name, or a consultation's anonymous summary ("Kvinna 19–24 år"). Null when hidden. */
  title: string | null;
  referrer: string | null; // "Anders Lund, Försäkringskassan"
  answers: [boolean | null, boolean | null, boolean | null] | null; // the three questions (requests)
  decision: string | null; // already translated: "Erbjuds plats" / "Inte redo" / "Skjuts upp"
  recommendation: string | null;
  reason: string | null;
  advice: string | null; // consultations
  hidden: boolean; // true: show only the number, the kind and labels.hidden
}

export interface MinutesDocument {
  lang: "sv-SE" | "nb-NO" | "en-GB";
  labels: MinutesLabels;
  programName: string;
  date: string; // already formatted for display
  time: string; // "13:00–15:00"
  location: string | null;
  present: { name: string; authority: string }[];
  absent: { name: string; authority: string }[];
  items: MinutesItem[];
  generatedAt: Date;
  generatedFor: string; // the reader's name
}

export interface RenderMinutesOptions {
  /** Compress content streams (default true). Tests turn it off to read the page content. */
  compress?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Layout: what will be drawn

export interface MinutesField {
  label: string;
  value: string;
}

export type MinutesBlock =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  /** Label/value rows (a two-column table with row headers). */
  | { kind: "facts"; rows: MinutesField[] }
  | { kind: "list"; items: string[] }
  /** "Beslut: Erbjuds plats" on one line (wraps if long). */
  | { kind: "field"; label: string; value: string }
  /** A question and its answer on one line. */
  | { kind: "answer"; question: string; answer: string }
  | { kind: "paragraph"; text: string; muted?: boolean }
  /** A section (tagged Sect) with a heading as its first block; listed in the PDF's bookmarks. */
  | { kind: "section"; blocks: MinutesBlock[] };

export interface MinutesLayout {
  lang: MinutesDocument["lang"];
  /** The document title (info dictionary, window title). */
  title: string;
  blocks: MinutesBlock[];
  /** The printed-for line in every page's footer. */
  generated: string;
  /** The page-number template for the footer, "Sida {page} av {pages}". */
  pageTemplate: string;
}

const LOCALE: Record<MinutesDocument["lang"], Locale> = { "sv-SE": "sv", "nb-NO": "nb", "en-GB": "en" };

/** Fills {name} placeholders; a function replacement, so "$" in a name stays as it is. */
function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in params ? String(params[key]) : match));
}

function answerText(labels: MinutesLabels, answer: boolean | null): string {
  if (answer === true) return labels.yes;
  if (answer === false) return labels.no;
  return labels.notAnswered;
}

function personLine(person: { name: string; authority: string }): string {
  return person.authority ? `${person.name}, ${person.authority}` : person.name;
}

function itemSection(labels: MinutesLabels, item: MinutesItem): MinutesBlock {
  const kindLabel = item.kind === "request" ? labels.request : labels.consultation;
  if (item.hidden) {
    // Only the number, the kind and the notice: nothing else of the item is read.
    return {
      kind: "section",
      blocks: [
        { kind: "heading", level: 2, text: `${item.number}. ${kindLabel}` },
        { kind: "paragraph", text: labels.hidden, muted: true },
      ],
    };
  }
  const blocks: MinutesBlock[] = [
    { kind: "heading", level: 2, text: item.title ? `${item.number}. ${kindLabel} – ${item.title}` : `${item.number}. ${kindLabel}` },
  ];
  if (item.referrer) blocks.push({ kind: "field", label: labels.referrer, value: item.referrer });
  if (item.answers) {
    item.answers.forEach((answer, index) => {
      blocks.push({ kind: "answer", question: labels.questions[index] ?? "", answer: answerText(labels, answer) });
    });
  }
  if (item.decision) blocks.push({ kind: "field", label: labels.decision, value: item.decision });
  const texts: [string, string | null][] = [
    [labels.recommendation, item.recommendation],
    [labels.reason, item.reason],
    [labels.advice, item.advice],
  ];
  for (const [label, text] of texts) {
    if (!text) continue;
    blocks.push({ kind: "heading", level: 3, text: label });
    for (const paragraph of text.split(/\n\s*\n/)) {
      const trimmed = paragraph.replace(/\s*\n\s*/g, " ").trim();
      if (trimmed) blocks.push({ kind: "paragraph", text: trimmed });
    }
  }
  return { kind: "section", blocks };
}

/** Everything the renderer will draw, in reading order. Pure. */
export function minutesLayout(doc: MinutesDocument): MinutesLayout {
  const { labels } = doc;
  const facts: MinutesField[] = [
    { label: labels.program, value: doc.programName },
    { label: labels.date, value: doc.date },
    { label: labels.time, value: doc.time },
  ];
  if (doc.location) facts.push({ label: labels.location, value: doc.location });

  const blocks: MinutesBlock[] = [
    { kind: "heading", level: 1, text: labels.title },
    { kind: "facts", rows: facts },
    {
      kind: "section",
      blocks: [
        { kind: "heading", level: 2, text: labels.attendance },
        doc.present.length > 0 ? { kind: "list", items: doc.present.map(personLine) } : { kind: "paragraph", text: "–" },
      ],
    },
  ];
  if (doc.absent.length > 0) {
    blocks.push({
      kind: "section",
      blocks: [
        { kind: "heading", level: 2, text: labels.absent },
        { kind: "list", items: doc.absent.map(personLine) },
      ],
    });
  }
  for (const item of doc.items) blocks.push(itemSection(labels, item));

  const time = translator(LOCALE[doc.lang]).dateTime(doc.generatedAt);
  return {
    lang: doc.lang,
    title: `${labels.title} – ${doc.programName}, ${doc.date}`,
    blocks,
    generated: fill(labels.generated, { time, name: doc.generatedFor }),
    pageTemplate: labels.page,
  };
}

function blockLines(block: MinutesBlock): string[] {
  switch (block.kind) {
    case "heading":
    case "paragraph":
      return [block.text];
    case "facts":
      return block.rows.map((row) => `${row.label}: ${row.value}`);
    case "list":
      return block.items.map((item) => `• ${item}`);
    case "field":
      return [`${block.label}: ${block.value}`];
    case "answer":
      return [`${block.question} ${block.answer}`];
    case "section":
      return block.blocks.flatMap(blockLines);
  }
}

/** The text lines the renderer draws (body, then the footer's printed-for line); page numbers aside. */
export function minutesLines(doc: MinutesDocument): string[] {
  const layout = minutesLayout(doc);
  return [...layout.blocks.flatMap(blockLines), layout.generated];
}

// ---------------------------------------------------------------------------------------------
// Fonts: DejaVu Sans (npm package dejavu-fonts-ttf) covers the whole Latin Extended range
// (å ä ö æ ø é ü ş ğ ı ł ą ę č ř ž ő ű ...), unlike the PDF standard fonts (Latin-1 only).

const FONT_PACKAGE = "dejavu-fonts-ttf";
const FONT_FILES = { regular: "ttf/DejaVuSans.ttf", bold: "ttf/DejaVuSans-Bold.ttf" } as const;

export class MinutesFontError extends Error {
  override name = "MinutesFontError";
}

let fontPaths: { regular: string; bold: string } | undefined;

function resolveFonts(): { regular: string; bold: string } {
  if (fontPaths) return fontPaths;
  const require = createRequire(import.meta.url);
  const resolve = (file: string): string => {
    const specifier = `${FONT_PACKAGE}/${file}`;
    let path: string;
    try {
      path = require.resolve(specifier);
    } catch (cause) {
      throw new MinutesFontError(
        `The PDF font ${specifier} was not found; the npm package "${FONT_PACKAGE}" must be installed (npm install ${FONT_PACKAGE}).`,
        { cause },
      );
    }
    if (!existsSync(path)) throw new MinutesFontError(`The PDF font file ${path} is missing; reinstall the npm package "${FONT_PACKAGE}".`);
    return path;
  };
  fontPaths = { regular: resolve(FONT_FILES.regular), bold: resolve(FONT_FILES.bold) };
  return fontPaths;
}

// ---------------------------------------------------------------------------------------------
// Rendering

type Pdf = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;

const MARGIN = { top: 64, bottom: 80, left: 72, right: 72 }; // points; A4 is 595 × 842
const FOOTER_OFFSET = 44; // footer baseline area: this far above the page's bottom edge
const SIZE = { h1: 19, h2: 13, h3: 10.5, body: 10.5, footer: 8.5 };
const COLOR = { text: "#1a1a1a", heading: "#111111", muted: "#4a4a4a", rule: "#9a9a9a" };
const LINE_GAP = 2.5;
const REGULAR = "MinutesRegular";
const BOLD = "MinutesBold";

class MinutesRenderer {
  private readonly pdf: Pdf;
  private readonly layout: MinutesLayout;
  private readonly left: number;
  private readonly width: number;

  constructor(pdf: Pdf, layout: MinutesLayout) {
    this.pdf = pdf;
    this.layout = layout;
    this.left = MARGIN.left;
    this.width = pdf.page.width - MARGIN.left - MARGIN.right;
  }

  render(): void {
    const root = this.pdf.struct("Document");
    this.pdf.addStructure(root);
    for (const block of this.layout.blocks) this.block(root, block);
    root.end();
    this.footers();
  }

  private get bottom(): number {
    return this.pdf.page.height - MARGIN.bottom;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  private ensureSpace(height: number): void {
    if (this.pdf.y + height > this.bottom) {
      this.pdf.addPage();
    }
  }

  private lineHeight(size: number): number {
    this.pdf.font(REGULAR).fontSize(size);
    return this.pdf.currentLineHeight(true) + LINE_GAP;
  }

  /** One tagged element whose content is drawn by `draw` (continued across page breaks by pdfkit). */
  private tagged(parent: StructElement, type: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}): void {
    parent.add(this.pdf.struct(type, options, [draw]));
  }

  private block(parent: StructElement, block: MinutesBlock): void {
    const { pdf } = this;
    switch (block.kind) {
      case "heading":
        return this.heading(parent, block.level, block.text);
      case "facts":
        return this.facts(parent, block.rows);
      case "list":
        return this.list(parent, block.items);
      case "field":
        this.ensureSpace(this.lineHeight(SIZE.body));
        this.tagged(parent, "P", () => {
          pdf.fillColor(COLOR.text).font(BOLD).fontSize(SIZE.body).text(`${block.label}: `, this.left, pdf.y, {
            width: this.width,
            lineGap: LINE_GAP,
            continued: true,
          });
          pdf.font(REGULAR).text(`${block.value} `);
        });
        pdf.moveDown(0.25);
        return;
      case "answer":
        this.ensureSpace(this.lineHeight(SIZE.body));
        this.tagged(parent, "P", () => {
          pdf.fillColor(COLOR.text).font(REGULAR).fontSize(SIZE.body).text(`${block.question} `, this.left, pdf.y, {
            width: this.width,
            lineGap: LINE_GAP,
            continued: true,
          });
          pdf.font(BOLD).text(`${block.answer} `);
        });
        pdf.moveDown(0.25);
        return;
      case "paragraph": {
        // Keep at least two lines (or the whole paragraph) together at the foot of a page.
        pdf.font(REGULAR).fontSize(SIZE.body);
        const height = pdf.heightOfString(`${block.text} `, { width: this.width, lineGap: LINE_GAP });
        this.ensureSpace(Math.min(height, this.lineHeight(SIZE.body) * 2));
        this.tagged(parent, "P", () => {
          pdf
            .fillColor(block.muted ? COLOR.muted : COLOR.text)
            .font(REGULAR)
            .fontSize(SIZE.body)
            .text(`${block.text} `, this.left, pdf.y, { width: this.width, lineGap: LINE_GAP });
        });
        pdf.moveDown(0.5);
        return;
      }
      case "section": {
        const sect = pdf.struct("Sect");
        parent.add(sect);
        const first = block.blocks[0];
        if (first?.kind === "heading") pdf.outline.addItem(first.text);
        for (const child of block.blocks) this.block(sect, child);
        sect.end();
        return;
      }
    }
  }

  private heading(parent: StructElement, level: 1 | 2 | 3, text: string): void {
    const { pdf } = this;
    const size = level === 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3;
    pdf.font(BOLD).fontSize(size);
    const height = pdf.heightOfString(text, { width: this.width, lineGap: LINE_GAP });
    if (level > 1) {
      // Space above, and keep the heading with at least two lines of what follows.
      if (pdf.y > MARGIN.top + 1) pdf.moveDown(level === 2 ? 0.7 : 0.2);
      this.ensureSpace(height + this.lineHeight(SIZE.body) * 2.5);
    }
    this.tagged(parent, `H${level}`, () => {
      pdf.fillColor(COLOR.heading).font(BOLD).fontSize(size).text(`${text} `, this.left, pdf.y, { width: this.width, lineGap: LINE_GAP });
    });
    if (level === 1) {
      pdf.moveDown(0.3);
      pdf.markContent("Artifact", { type: "Layout" });
      pdf.moveTo(this.left, pdf.y).lineTo(this.left + this.width, pdf.y).lineWidth(0.75).strokeColor(COLOR.rule).stroke();
      pdf.endMarkedContent();
      pdf.y += 10;
    } else {
      pdf.moveDown(level === 2 ? 0.3 : 0.1);
    }
  }

  private facts(parent: StructElement, rows: MinutesField[]): void {
    const { pdf } = this;
    pdf.font(BOLD).fontSize(SIZE.body);
    const labelWidth = Math.min(
      this.width * 0.35,
      Math.max(72, ...rows.map((row) => pdf.widthOfString(row.label))) + 16,
    );
    const valueWidth = this.width - labelWidth;
    const table = pdf.struct("Table");
    parent.add(table);
    const rowHeader: PDFKit.Mixins.StructureElementOptions & { scope: "Row" } = { scope: "Row" };
    for (const row of rows) {
      pdf.font(BOLD).fontSize(SIZE.body);
      const labelHeight = pdf.heightOfString(row.label, { width: labelWidth, lineGap: LINE_GAP });
      pdf.font(REGULAR);
      const valueHeight = pdf.heightOfString(row.value, { width: valueWidth, lineGap: LINE_GAP });
      const height = Math.max(labelHeight, valueHeight);
      this.ensureSpace(height);
      const y = pdf.y;
      const tr = pdf.struct("TR");
      table.add(tr);
      this.tagged(
        tr,
        "TH",
        () => {
          pdf.fillColor(COLOR.muted).font(BOLD).fontSize(SIZE.body).text(`${row.label} `, this.left, y, { width: labelWidth, lineGap: LINE_GAP });
        },
        rowHeader,
      );
      this.tagged(tr, "TD", () => {
        pdf.fillColor(COLOR.text).font(REGULAR).fontSize(SIZE.body).text(`${row.value} `, this.left + labelWidth, y, { width: valueWidth, lineGap: LINE_GAP });
      });
      tr.end();
      pdf.x = this.left;
      pdf.y = y + height + 3;
    }
    table.end();
    pdf.moveDown(0.4);
  }

  private list(parent: StructElement, items: string[]): void {
    const { pdf } = this;
    const indent = 14;
    const list = pdf.struct("L");
    parent.add(list);
    for (const item of items) {
      pdf.font(REGULAR).fontSize(SIZE.body);
      const height = pdf.heightOfString(item, { width: this.width - indent, lineGap: LINE_GAP });
      this.ensureSpace(height);
      const y = pdf.y;
      const li = pdf.struct("LI");
      list.add(li);
      this.tagged(li, "Lbl", () => {
        pdf.fillColor(COLOR.muted).font(REGULAR).fontSize(SIZE.body).text("• ", this.left + 2, y, { lineBreak: false });
      });
      this.tagged(li, "LBody", () => {
        pdf.fillColor(COLOR.text).font(REGULAR).fontSize(SIZE.body).text(`${item} `, this.left + indent, y, {
          width: this.width - indent,
          lineGap: LINE_GAP,
        });
      });
      li.end();
      pdf.x = this.left;
      pdf.y = y + height + 2;
    }
    list.end();
    pdf.moveDown(0.3);
  }

  /** Printed-for line and "page n of m" on every page, as pagination artifacts. */
  private footers(): void {
    const { pdf } = this;
    const range = pdf.bufferedPageRange();
    for (let index = 0; index < range.count; index++) {
      pdf.switchToPage(range.start + index);
      const pageLabel = fill(this.layout.pageTemplate, { page: index + 1, pages: range.count });
      const y = pdf.page.height - FOOTER_OFFSET;
      pdf.markContent("Artifact", { type: "Pagination", attached: ["Bottom"] });
      pdf
        .moveTo(this.left, y - 8)
        .lineTo(this.left + this.width, y - 8)
        .lineWidth(0.5)
        .strokeColor(COLOR.rule)
        .stroke();
      pdf.fillColor(COLOR.muted).font(REGULAR).fontSize(SIZE.footer);
      const pageWidth = pdf.widthOfString(pageLabel);
      const generated = this.fit(this.layout.generated, this.width - pageWidth - 24);
      // No width: a single line that never wraps or breaks the page (the footer is below the margin).
      pdf.text(generated, this.left, y, { lineBreak: false });
      pdf.text(pageLabel, this.left + this.width - pageWidth, y, { lineBreak: false });
      pdf.endMarkedContent();
    }
  }

  /** Shortens `text` with an ellipsis to fit `width` at the current font and size. */
  private fit(text: string, width: number): string {
    if (this.pdf.widthOfString(text) <= width) return text;
    let end = text.length;
    while (end > 0 && this.pdf.widthOfString(`${text.slice(0, end)}…`) > width) end--;
    return `${text.slice(0, end).trimEnd()}…`;
  }
}

/** Renders the minutes as a tagged PDF 1.7 (A4, DejaVu Sans embedded), resolved as one Buffer. */
export function renderMinutesPdf(doc: MinutesDocument, options: RenderMinutesOptions = {}): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const fonts = resolveFonts();
      const layout = minutesLayout(doc);
      const pdf = new PDFDocument({
        size: "A4",
        margins: MARGIN,
        pdfVersion: "1.7",
        tagged: true,
        lang: doc.lang,
        displayTitle: true,
        bufferPages: true,
        compress: options.compress ?? true,
        font: fonts.regular, // never the standard Helvetica (Latin-1 only, not embedded)
        info: {
          Title: layout.title,
          Creator: "Spelplan",
          CreationDate: doc.generatedAt,
          ModDate: doc.generatedAt,
        },
      });
      const chunks: Buffer[] = [];
      pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
      pdf.on("end", () => resolve(Buffer.concat(chunks)));
      pdf.on("error", reject);
      pdf.registerFont(REGULAR, fonts.regular);
      pdf.registerFont(BOLD, fonts.bold);
      new MinutesRenderer(pdf, layout).render();
      pdf.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
