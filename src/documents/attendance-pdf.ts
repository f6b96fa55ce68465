import {
  type CommonBlock,
  commonBlockLines,
  type PdfField,
  type PdfLang,
  type PdfStyle,
  printedFor,
  type RenderPdfOptions,
  renderTaggedPdf,
  type StructElement,
  TaggedRenderer,
} from "./pdf-kit.ts";

// A participant's monthly attendance report for the authority that pays their benefit, as a tagged,
// accessible PDF 1.7 like the travel-money report: attendanceLayout() gives every text the reader will see
// as blocks, renderAttendancePdf() draws exactly those. Durations arrive formatted; the input holds only what
// the reader may see (a protected identity arrives as its reference).
//
// Structure tree: Document > H1, P (intro), Table (TR > TH + TD) for the facts, Sect > H2 + Table (a header row
// of TH scope Column, then TR > TD, the totals last) per day, Sect > H2 + Table for the rate, Sect > H2 + P for
// the sign-off.

export interface AttendancePdfDocument {
  lang: PdfLang;
  title: string;
  intro: string;
  /** Program, participant, month, paying authority. */
  facts: PdfField[];
  daysHeading: string;
  /** Date, scheduled, attended, excused, unexcused, not recorded. */
  columns: string[];
  days: string[][];
  totalRow: string[];
  noDays: string;
  summaryHeading: string;
  summary: PdfField[];
  signoffHeading: string;
  /** Who signed and when, or "not signed". */
  signoff: string;
  /** E.g. "changed since it was signed" or "1 earlier sign-off", or null. */
  signoffNote: string | null;
  generated: string; // "Utskrivet {time} för {name}"
  page: string; // "Sida {page} av {pages}"
  generatedAt: Date;
  generatedFor: string;
}

export type AttendanceBlock = CommonBlock | { kind: "days"; columns: string[]; rows: string[][] } | { kind: "section"; blocks: AttendanceBlock[] };

export interface AttendanceLayout {
  lang: PdfLang;
  title: string;
  blocks: AttendanceBlock[];
  generated: string;
  pageTemplate: string;
}

/** Everything the renderer will draw, in reading order. Pure. */
export function attendanceLayout(doc: AttendancePdfDocument): AttendanceLayout {
  const signoff: AttendanceBlock[] = [{ kind: "heading", level: 2, text: doc.signoffHeading }, { kind: "paragraph", text: doc.signoff }];
  if (doc.signoffNote) signoff.push({ kind: "paragraph", text: doc.signoffNote, muted: true });
  const blocks: AttendanceBlock[] = [
    { kind: "heading", level: 1, text: doc.title },
    { kind: "paragraph", text: doc.intro },
    { kind: "facts", rows: doc.facts },
    {
      kind: "section",
      blocks: [
        { kind: "heading", level: 2, text: doc.daysHeading },
        doc.days.length > 0 ? { kind: "days", columns: doc.columns, rows: [...doc.days, doc.totalRow] } : { kind: "paragraph", text: doc.noDays, muted: true },
      ],
    },
    { kind: "section", blocks: [{ kind: "heading", level: 2, text: doc.summaryHeading }, { kind: "facts", rows: doc.summary }] },
    { kind: "section", blocks: signoff },
  ];
  return { lang: doc.lang, title: doc.title, blocks, generated: printedFor(doc.lang, doc.generated, doc.generatedAt, doc.generatedFor), pageTemplate: doc.page };
}

function blockLines(block: AttendanceBlock): string[] {
  switch (block.kind) {
    case "days":
      return [block.columns.join(" | "), ...block.rows.map((row) => row.join(" | "))];
    case "section":
      return block.blocks.flatMap(blockLines);
    default:
      return commonBlockLines(block);
  }
}

/** The text lines the renderer draws (body, then the footer's printed-for line); page numbers aside. */
export function attendanceLines(doc: AttendancePdfDocument): string[] {
  const layout = attendanceLayout(doc);
  return [...layout.blocks.flatMap(blockLines), layout.generated];
}

const STYLE: PdfStyle = {
  size: { h1: 18, h2: 13.5, h3: 11, body: 10.5, footer: 8 },
  lineGap: 2.5,
  h2SpaceAbove: 0.8,
  factsLabelShare: 0.4,
  listIndent: 14,
  listItemGap: 2,
};
const DAYS_SIZE = 9;
const DAYS_PAD = 3.5;

class AttendanceRenderer extends TaggedRenderer<AttendanceBlock> {
  protected block(parent: StructElement, block: AttendanceBlock): void {
    switch (block.kind) {
      case "days": {
        // The date takes about a fifth; the five durations share the rest, right-aligned.
        const first = this.width * 0.22;
        const other = (this.width - first) / Math.max(1, block.columns.length - 1);
        const widths = block.columns.map((_, i) => (i === 0 ? first : other));
        return this.dataTable(parent, { columns: block.columns, rows: block.rows, widths }, { size: DAYS_SIZE, pad: DAYS_PAD, align: (i) => (i === 0 ? "left" : "right") });
      }
      case "section":
        return this.section(parent, block.blocks);
      default:
        return this.common(parent, block);
    }
  }
}

/** Renders the report as a tagged PDF 1.7 (A4, DejaVu Sans embedded), resolved as one Buffer. */
export function renderAttendancePdf(doc: AttendancePdfDocument, options: RenderPdfOptions = {}): Promise<Buffer> {
  return renderTaggedPdf(
    () => attendanceLayout(doc),
    doc.generatedAt,
    options,
    (pdf, layout) => new AttendanceRenderer(pdf, layout, STYLE).render(layout.blocks),
  );
}
