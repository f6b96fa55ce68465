import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { type Locale, translator } from "../i18n/index.ts";

// What Spelplan's PDFs (the team's minutes, the participant's plan, the reports) share: the document setup (tagged
// PDF 1.7, A4, language, title, DejaVu Sans embedded, the same bytes for the same input), the blocks both
// draw (headings, a label/value table, lists, paragraphs, sections listed in the bookmarks) and the
// footers (printed-for line and page numbers, as pagination artifacts). Each document keeps its own
// layout, its own block kinds and its own sizes (PdfStyle).

// ---------------------------------------------------------------------------------------------
// Layout helpers

export type PdfLang = "sv-SE" | "nb-NO" | "en-GB";

const LOCALE: Record<PdfLang, Locale> = { "sv-SE": "sv", "nb-NO": "nb", "en-GB": "en" };

/** Fills {name} placeholders; a function replacement, so "$" in a name stays as it is. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in params ? String(params[key]) : match));
}

/** The footer's printed-for line: `template` ("Utskrivet {time} för {name}") with the time in the document's language. */
export function printedFor(lang: PdfLang, template: string, at: Date, name: string): string {
  return fill(template, { time: translator(LOCALE[lang]).dateTime(at), name });
}

/** Paragraphs of a longer text: blank lines separate them, single line breaks become spaces, empty ones go. */
export function paragraphTexts(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);
}

export interface PdfField {
  label: string;
  value: string;
}

/** The blocks every document draws the same way. */
export type HeadingBlock = { kind: "heading"; level: 1 | 2 | 3; text: string };
/** Label/value rows (a two-column table with row headers). */
export type FactsBlock = { kind: "facts"; rows: PdfField[] };
export type ListBlock = { kind: "list"; items: string[] };
export type ParagraphBlock = { kind: "paragraph"; text: string; muted?: boolean };
export type CommonBlock = HeadingBlock | FactsBlock | ListBlock | ParagraphBlock;

/** The text lines of a common block, as the renderer draws them. */
export function commonBlockLines(block: CommonBlock): string[] {
  switch (block.kind) {
    case "heading":
    case "paragraph":
      return [block.text];
    case "facts":
      return block.rows.map((row) => `${row.label}: ${row.value}`);
    case "list":
      return block.items.map((item) => `• ${item}`);
  }
}

const COMMON_KINDS: ReadonlySet<string> = new Set<CommonBlock["kind"]>(["heading", "facts", "list", "paragraph"]);

export function isCommonBlock(block: { kind: string }): block is CommonBlock {
  return COMMON_KINDS.has(block.kind);
}

/** A section (tagged Sect); a heading as its first block is listed in the PDF's bookmarks. */
export interface SectionBlock<Block> {
  kind: "section";
  blocks: Block[];
}
/** A data table: a header row (the columns), then rows of text cells. */
export type TableBlock = { kind: "table"; columns: string[]; rows: string[][] };
/** A document's own block kinds: neither the common blocks nor sections. */
export type OwnBlock<Block> = Exclude<Block, CommonBlock | { kind: "section" }>;

/** A section that starts with an H2 heading. */
export function sectionBlock<Block>(heading: string, blocks: Block[]): SectionBlock<Block | HeadingBlock> {
  return { kind: "section", blocks: [{ kind: "heading", level: 2, text: heading }, ...blocks] };
}

/** The text lines of a table, one per row (the header row first), cells joined by " | ". */
export function tableLines(block: TableBlock): string[] {
  return [block.columns.join(" | "), ...block.rows.map((row) => row.join(" | "))];
}

/** What a document's layout gives the document setup and the footers. */
export interface TaggedLayout {
  lang: PdfLang;
  /** The document title (info dictionary, window title). */
  title: string;
  /** The printed-for line in every page's footer. */
  generated: string;
  /** The page-number template for the footer, "Sida {page} av {pages}". */
  pageTemplate: string;
}

/** A document's layout: the setup, the footers and every block it draws, in reading order. */
export interface BlockLayout<Block> extends TaggedLayout {
  blocks: Block[];
}

/** The footer's texts as a document's input gives them. */
export interface FooterInput {
  /** "Utskrivet {time} för {name}" */
  generated: string;
  /** "Sida {page} av {pages}" */
  page: string;
  generatedAt: Date;
  generatedFor: string;
}

/** A layout of `blocks` with the printed-for line filled in. */
export function blockLayout<Block>(lang: PdfLang, title: string, blocks: Block[], footer: FooterInput): BlockLayout<Block> {
  return { lang, title, blocks, generated: printedFor(lang, footer.generated, footer.generatedAt, footer.generatedFor), pageTemplate: footer.page };
}

/**
 * The text lines a layout's renderer draws (body, then the footer's printed-for line), page numbers aside:
 * sections opened, the common blocks as commonBlockLines gives them, the document's own as `own` does.
 */
export function layoutLines<Block extends { kind: string }>(layout: BlockLayout<Block>, own: (block: OwnBlock<Block>) => string[]): string[] {
  const lines = (block: Block): string[] => {
    if (block.kind === "section") return (block as unknown as SectionBlock<Block>).blocks.flatMap(lines);
    if (isCommonBlock(block)) return commonBlockLines(block);
    return own(block as OwnBlock<Block>);
  };
  return [...layout.blocks.flatMap(lines), layout.generated];
}

// ---------------------------------------------------------------------------------------------
// Fonts: DejaVu Sans (npm package dejavu-fonts-ttf) covers the whole Latin Extended range
// (å ä ö æ ø é ü ş ğ ı ł ą ę č ř ž ő ű ...), unlike the PDF standard fonts (Latin-1 only).

const FONT_PACKAGE = "dejavu-fonts-ttf";
const FONT_FILES = { regular: "ttf/DejaVuSans.ttf", bold: "ttf/DejaVuSans-Bold.ttf" } as const;

export class PdfFontError extends Error {
  override name = "PdfFontError";
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
      throw new PdfFontError(
        `The PDF font ${specifier} was not found; the npm package "${FONT_PACKAGE}" must be installed (npm install ${FONT_PACKAGE}).`,
        { cause },
      );
    }
    if (!existsSync(path)) throw new PdfFontError(`The PDF font file ${path} is missing; reinstall the npm package "${FONT_PACKAGE}".`);
    return path;
  };
  fontPaths = { regular: resolve(FONT_FILES.regular), bold: resolve(FONT_FILES.bold) };
  return fontPaths;
}

// ---------------------------------------------------------------------------------------------
// Rendering

export type Pdf = PDFKit.PDFDocument;
export type StructElement = PDFKit.PDFStructureElement;

export const MARGIN = { top: 64, bottom: 80, left: 72, right: 72 }; // points; A4 is 595 × 842
const FOOTER_OFFSET = 44; // footer baseline area: this far above the page's bottom edge
export const COLOR = { text: "#1a1a1a", heading: "#111111", muted: "#4a4a4a", rule: "#9a9a9a", band: "#efefef" };
export const REGULAR = "SpelplanRegular";
export const BOLD = "SpelplanBold";

/** A document's sizes and spacing. */
export interface PdfStyle {
  size: { h1: number; h2: number; h3: number; body: number; footer: number };
  lineGap: number;
  /** Space above an H2 (lines of the heading's size). */
  h2SpaceAbove: number;
  /** The facts table's label column takes at most this share of the width. */
  factsLabelShare: number;
  /** Where a list item's text starts, after its bullet. */
  listIndent: number;
  /** Space after each list item. */
  listItemGap: number;
}

/**
 * Draws a document's blocks into a tagged structure tree (Document > ...) and the footers. A document's
 * renderer draws its own block kinds in `block()` and the common ones with the methods here.
 */
export abstract class TaggedRenderer<Block extends { kind: string }> {
  protected readonly pdf: Pdf;
  protected readonly style: PdfStyle;
  protected readonly left: number;
  protected readonly width: number;
  private readonly page: TaggedLayout;

  constructor(pdf: Pdf, page: TaggedLayout, style: PdfStyle) {
    this.pdf = pdf;
    this.page = page;
    this.style = style;
    this.left = MARGIN.left;
    this.width = pdf.page.width - MARGIN.left - MARGIN.right;
  }

  render(blocks: readonly Block[]): void {
    const root = this.pdf.struct("Document");
    this.pdf.addStructure(root);
    for (const block of blocks) this.block(root, block);
    root.end();
    this.footers();
  }

  protected abstract block(parent: StructElement, block: Block): void;

  protected get bottom(): number {
    return this.pdf.page.height - MARGIN.bottom;
  }

  /** Starts a new page unless `height` points still fit on this one; true when it did. */
  protected ensureSpace(height: number): boolean {
    if (this.pdf.y + height > this.bottom) {
      this.pdf.addPage();
      return true;
    }
    return false;
  }

  protected lineHeight(size: number): number {
    this.pdf.font(REGULAR).fontSize(size);
    return this.pdf.currentLineHeight(true) + this.style.lineGap;
  }

  /** One tagged element whose content is drawn by `draw` (continued across page breaks by pdfkit). */
  protected tagged(parent: StructElement, type: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}): void {
    parent.add(this.pdf.struct(type, options, [draw]));
  }

  /** The common blocks. */
  protected common(parent: StructElement, block: CommonBlock): void {
    switch (block.kind) {
      case "heading":
        return this.heading(parent, block.level, block.text);
      case "facts":
        return this.facts(parent, block.rows);
      case "list":
        return this.list(parent, block.items);
      case "paragraph":
        return this.paragraph(parent, block.text, block.muted);
    }
  }

  /**
   * A data table with a header row (TH, scope Column) that is repeated at the top of a new page. The caller
   * decides the columns' widths; `align` sets a column's alignment, `cellSuffix` is drawn after each text.
   */
  protected dataTable(
    parent: StructElement,
    table: { columns: readonly string[]; rows: readonly (readonly string[])[]; widths: readonly number[] },
    options: { size: number; pad: number; align?: (column: number) => "left" | "right"; cellSuffix?: string },
  ): void {
    const { pdf } = this;
    const { columns, rows, widths } = table;
    const { size, pad, align, cellSuffix = "" } = options;
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const textOptions = (i: number) => ({ width: widths[i]! - pad * 2, lineGap: 1.5, ...(align ? { align: align(i) } : {}) });
    const cellHeight = (cells: readonly string[], font: string) => {
      pdf.font(font).fontSize(size);
      return Math.max(...cells.map((c, i) => pdf.heightOfString(c, { width: widths[i]! - pad * 2, lineGap: 1.5 }))) + pad * 2;
    };
    const element = pdf.struct("Table");
    parent.add(element);
    const headerHeight = cellHeight(columns, BOLD);
    const columnHeader: PDFKit.Mixins.StructureElementOptions & { scope: "Column" } = { scope: "Column" };
    const drawHeader = () => {
      const y = pdf.y;
      pdf.markContent("Artifact", { type: "Layout" });
      pdf.rect(this.left, y, this.width, headerHeight).fillColor(COLOR.band).fill();
      pdf.endMarkedContent();
      const tr = pdf.struct("TR");
      element.add(tr);
      columns.forEach((column, i) => {
        this.tagged(
          tr,
          "TH",
          () => {
            pdf.fillColor(COLOR.heading).font(BOLD).fontSize(size).text(`${column}${cellSuffix}`, xs[i]! + pad, y + pad, textOptions(i));
          },
          columnHeader,
        );
      });
      tr.end();
      pdf.y = y + headerHeight;
    };
    this.ensureSpace(headerHeight + cellHeight(rows[0] ?? [""], REGULAR));
    drawHeader();
    for (const row of rows) {
      const height = cellHeight(row, REGULAR);
      if (this.ensureSpace(height)) drawHeader();
      const y = pdf.y;
      const tr = pdf.struct("TR");
      element.add(tr);
      row.forEach((cell, i) => {
        this.tagged(tr, "TD", () => {
          pdf.fillColor(COLOR.text).font(REGULAR).fontSize(size).text(`${cell}${cellSuffix}`, xs[i]! + pad, y + pad, textOptions(i));
        });
      });
      tr.end();
      pdf.markContent("Artifact", { type: "Layout" });
      pdf.moveTo(this.left, y + height).lineTo(this.left + this.width, y + height).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
      pdf.endMarkedContent();
      pdf.x = this.left;
      pdf.y = y + height;
    }
    element.end();
    pdf.moveDown(0.6);
  }

  /** A section (tagged Sect); a heading as its first block is listed in the PDF's bookmarks. */
  protected section(parent: StructElement, blocks: readonly Block[]): void {
    const sect = this.pdf.struct("Sect");
    parent.add(sect);
    const first = blocks[0] as { kind: string; text?: string } | undefined;
    if (first?.kind === "heading" && first.text !== undefined) this.pdf.outline.addItem(first.text);
    for (const child of blocks) this.block(sect, child);
    sect.end();
  }

  /** A paragraph (P) of two runs on one line that wraps, e.g. "Beslut: " bold and its value regular. */
  protected runs(parent: StructElement, first: string, second: string, firstBold: boolean, indent = 0): void {
    const { pdf } = this;
    this.tagged(parent, "P", () => {
      pdf
        .fillColor(COLOR.text)
        .font(firstBold ? BOLD : REGULAR)
        .fontSize(this.style.size.body)
        .text(`${first} `, this.left + indent, pdf.y, {
          width: this.width - indent,
          lineGap: this.style.lineGap,
          continued: true,
        });
      pdf.font(firstBold ? REGULAR : BOLD).text(`${second} `);
    });
  }

  private paragraph(parent: StructElement, text: string, muted: boolean | undefined): void {
    const { pdf, style } = this;
    // Keep at least two lines (or the whole paragraph) together at the foot of a page.
    pdf.font(REGULAR).fontSize(style.size.body);
    const height = pdf.heightOfString(`${text} `, { width: this.width, lineGap: style.lineGap });
    this.ensureSpace(Math.min(height, this.lineHeight(style.size.body) * 2));
    this.tagged(parent, "P", () => {
      pdf
        .fillColor(muted ? COLOR.muted : COLOR.text)
        .font(REGULAR)
        .fontSize(style.size.body)
        .text(`${text} `, this.left, pdf.y, { width: this.width, lineGap: style.lineGap });
    });
    pdf.moveDown(0.5);
  }

  private heading(parent: StructElement, level: 1 | 2 | 3, text: string): void {
    const { pdf, style } = this;
    const size = level === 1 ? style.size.h1 : level === 2 ? style.size.h2 : style.size.h3;
    pdf.font(BOLD).fontSize(size);
    const height = pdf.heightOfString(text, { width: this.width, lineGap: style.lineGap });
    if (level > 1) {
      // Space above, and keep the heading with at least two lines of what follows.
      if (pdf.y > MARGIN.top + 1) pdf.moveDown(level === 2 ? style.h2SpaceAbove : 0.2);
      this.ensureSpace(height + this.lineHeight(style.size.body) * 2.5);
    }
    this.tagged(parent, `H${level}`, () => {
      pdf.fillColor(COLOR.heading).font(BOLD).fontSize(size).text(`${text} `, this.left, pdf.y, { width: this.width, lineGap: style.lineGap });
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

  private facts(parent: StructElement, rows: PdfField[]): void {
    const { pdf, style } = this;
    const { body } = style.size;
    pdf.font(BOLD).fontSize(body);
    const labelWidth = Math.min(this.width * style.factsLabelShare, Math.max(72, ...rows.map((row) => pdf.widthOfString(row.label))) + 16);
    const valueWidth = this.width - labelWidth;
    const table = pdf.struct("Table");
    parent.add(table);
    const rowHeader: PDFKit.Mixins.StructureElementOptions & { scope: "Row" } = { scope: "Row" };
    for (const row of rows) {
      pdf.font(BOLD).fontSize(body);
      const labelHeight = pdf.heightOfString(row.label, { width: labelWidth, lineGap: style.lineGap });
      pdf.font(REGULAR);
      const valueHeight = pdf.heightOfString(row.value, { width: valueWidth, lineGap: style.lineGap });
      const height = Math.max(labelHeight, valueHeight);
      this.ensureSpace(height);
      const y = pdf.y;
      const tr = pdf.struct("TR");
      table.add(tr);
      this.tagged(
        tr,
        "TH",
        () => {
          pdf.fillColor(COLOR.muted).font(BOLD).fontSize(body).text(`${row.label} `, this.left, y, { width: labelWidth, lineGap: style.lineGap });
        },
        rowHeader,
      );
      this.tagged(tr, "TD", () => {
        pdf.fillColor(COLOR.text).font(REGULAR).fontSize(body).text(`${row.value} `, this.left + labelWidth, y, { width: valueWidth, lineGap: style.lineGap });
      });
      tr.end();
      pdf.x = this.left;
      pdf.y = y + height + 3;
    }
    table.end();
    pdf.moveDown(0.4);
  }

  private list(parent: StructElement, items: string[]): void {
    const { pdf, style } = this;
    const { body } = style.size;
    const indent = style.listIndent;
    const list = pdf.struct("L");
    parent.add(list);
    for (const item of items) {
      pdf.font(REGULAR).fontSize(body);
      const height = pdf.heightOfString(item, { width: this.width - indent, lineGap: style.lineGap });
      this.ensureSpace(height);
      const y = pdf.y;
      const li = pdf.struct("LI");
      list.add(li);
      this.tagged(li, "Lbl", () => {
        pdf.fillColor(COLOR.muted).font(REGULAR).fontSize(body).text("• ", this.left + 2, y, { lineBreak: false });
      });
      this.tagged(li, "LBody", () => {
        pdf.fillColor(COLOR.text).font(REGULAR).fontSize(body).text(`${item} `, this.left + indent, y, { width: this.width - indent, lineGap: style.lineGap });
      });
      li.end();
      pdf.x = this.left;
      pdf.y = y + height + style.listItemGap;
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
      const pageLabel = fill(this.page.pageTemplate, { page: index + 1, pages: range.count });
      const y = pdf.page.height - FOOTER_OFFSET;
      pdf.markContent("Artifact", { type: "Pagination", attached: ["Bottom"] });
      pdf
        .moveTo(this.left, y - 8)
        .lineTo(this.left + this.width, y - 8)
        .lineWidth(0.5)
        .strokeColor(COLOR.rule)
        .stroke();
      pdf.fillColor(COLOR.muted).font(REGULAR).fontSize(this.style.size.footer);
      const pageWidth = pdf.widthOfString(pageLabel);
      const generated = this.fit(this.page.generated, this.width - pageWidth - 24);
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

/**
 * A renderer for a document made of the common blocks, sections and blocks of its own, which it draws in
 * `own()`.
 */
export abstract class BlockRenderer<Block extends { kind: string }> extends TaggedRenderer<Block> {
  protected block(parent: StructElement, block: Block): void {
    if (block.kind === "section") return this.section(parent, (block as unknown as SectionBlock<Block>).blocks);
    if (isCommonBlock(block)) return this.common(parent, block);
    return this.own(parent, block as OwnBlock<Block>);
  }

  protected abstract own(parent: StructElement, block: OwnBlock<Block>): void;
}

export interface RenderPdfOptions {
  /** Compress content streams (default true). Tests turn it off to read the page content. */
  compress?: boolean;
}

/**
 * Sets up a tagged PDF 1.7 (A4, DejaVu Sans embedded, the layout's language and title, dated
 * `generatedAt` so the same input gives the same bytes), lets `draw` fill it and resolves as one Buffer.
 */
export function renderTaggedPdf<L extends TaggedLayout>(
  layoutOf: () => L,
  generatedAt: Date,
  options: RenderPdfOptions,
  draw: (pdf: Pdf, layout: L) => void,
): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const fonts = resolveFonts();
      const layout = layoutOf();
      const pdf = new PDFDocument({
        size: "A4",
        margins: MARGIN,
        pdfVersion: "1.7",
        tagged: true,
        lang: layout.lang,
        displayTitle: true,
        bufferPages: true,
        compress: options.compress ?? true,
        font: fonts.regular, // never the standard Helvetica (Latin-1 only, not embedded)
        info: {
          Title: layout.title,
          Creator: "Spelplan",
          CreationDate: generatedAt,
          ModDate: generatedAt,
        },
      });
      const chunks: Buffer[] = [];
      pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
      pdf.on("end", () => resolve(Buffer.concat(chunks)));
      pdf.on("error", reject);
      pdf.registerFont(REGULAR, fonts.regular);
      pdf.registerFont(BOLD, fonts.bold);
      draw(pdf, layout);
      pdf.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Reports (travel money, attendance): the common blocks, data tables of figures and sections

export type ReportBlock = CommonBlock | TableBlock | SectionBlock<ReportBlock>;

/** The reports' sizes and spacing (travel money, attendance). */
export const REPORT_STYLE: PdfStyle = {
  size: { h1: 19, h2: 13.5, h3: 11, body: 10.5, footer: 8 },
  lineGap: 2.5,
  h2SpaceAbove: 0.8,
  factsLabelShare: 0.4,
  listIndent: 14,
  listItemGap: 2,
};

/** What a report's input has in common: a title, an intro, facts and the footer's texts. */
export interface ReportDocument extends FooterInput {
  lang: PdfLang;
  title: string;
  intro: string;
  facts: PdfField[];
}

/** A report's layout: the title (H1), the intro and the facts, then `blocks`. */
export function reportLayout(doc: ReportDocument, blocks: ReportBlock[]): BlockLayout<ReportBlock> {
  return blockLayout(doc.lang, doc.title, [{ kind: "heading", level: 1, text: doc.title }, { kind: "paragraph", text: doc.intro }, { kind: "facts", rows: doc.facts }, ...blocks], doc);
}

/** The text lines a report's renderer draws (body, then the footer's printed-for line); page numbers aside. */
export function reportLines(layout: BlockLayout<ReportBlock>): string[] {
  return layoutLines(layout, tableLines);
}

/** How a report draws its tables: the columns' widths within the text's `width`, the text size and the cells' padding. */
export interface ReportTableStyle {
  widths: (columns: number, width: number) => number[];
  size: number;
  pad: number;
}

class ReportRenderer extends BlockRenderer<ReportBlock> {
  private readonly table: ReportTableStyle;

  constructor(pdf: Pdf, page: TaggedLayout, style: PdfStyle, table: ReportTableStyle) {
    super(pdf, page, style);
    this.table = table;
  }

  /** A data table: the first column is text (left-aligned), the others are figures (right-aligned). */
  protected own(parent: StructElement, block: TableBlock): void {
    const { widths, size, pad } = this.table;
    const table = { columns: block.columns, rows: block.rows, widths: widths(block.columns.length, this.width) };
    this.dataTable(parent, table, { size, pad, align: (i) => (i === 0 ? "left" : "right") });
  }
}

/** Renders a report's layout as a tagged PDF 1.7 (see renderTaggedPdf). */
export function renderReportPdf(layoutOf: () => BlockLayout<ReportBlock>, generatedAt: Date, options: RenderPdfOptions, style: PdfStyle, table: ReportTableStyle): Promise<Buffer> {
  return renderTaggedPdf(layoutOf, generatedAt, options, (pdf, layout) => new ReportRenderer(pdf, layout, style, table).render(layout.blocks));
}
