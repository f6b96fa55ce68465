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

// The year's travel-money report (sv. reskassa) as a tagged, accessible PDF 1.7, like the plan and the
// minutes: travelLayout() gives every text the reader will see as blocks, renderTravelPdf() draws exactly
// those. Amounts arrive formatted (exact, from whole öre/øre); the input holds only what the reader may see.
//
// Structure tree: Document > H1, P (intro), Table (TR > TH + TD) for the summary, Sect > H2 + Table (a header
// row of TH scope Column, then TR > TD) per month, Sect > H2 + Table per participant, P for the voided ones.

export interface TravelPdfDocument {
  lang: PdfLang;
  title: string;
  intro: string;
  facts: PdfField[];
  monthsHeading: string;
  monthColumns: string[];
  months: string[][];
  participantsHeading: string;
  participantColumns: string[];
  participants: string[][];
  noParticipants: string;
  /** How many voided disbursements the report leaves out, or null. */
  voided: string | null;
  generated: string; // "Utskrivet {time} för {name}"
  page: string; // "Sida {page} av {pages}"
  generatedAt: Date;
  generatedFor: string;
}

export type TravelBlock = CommonBlock | { kind: "table"; columns: string[]; rows: string[][] } | { kind: "section"; blocks: TravelBlock[] };

export interface TravelLayout {
  lang: PdfLang;
  title: string;
  blocks: TravelBlock[];
  generated: string;
  pageTemplate: string;
}

/** Everything the renderer will draw, in reading order. Pure. */
export function travelLayout(doc: TravelPdfDocument): TravelLayout {
  const blocks: TravelBlock[] = [
    { kind: "heading", level: 1, text: doc.title },
    { kind: "paragraph", text: doc.intro },
    { kind: "facts", rows: doc.facts },
    { kind: "section", blocks: [{ kind: "heading", level: 2, text: doc.monthsHeading }, { kind: "table", columns: doc.monthColumns, rows: doc.months }] },
    {
      kind: "section",
      blocks: [
        { kind: "heading", level: 2, text: doc.participantsHeading },
        doc.participants.length > 0 ? { kind: "table", columns: doc.participantColumns, rows: doc.participants } : { kind: "paragraph", text: doc.noParticipants, muted: true },
      ],
    },
  ];
  if (doc.voided) blocks.push({ kind: "paragraph", text: doc.voided, muted: true });
  return { lang: doc.lang, title: doc.title, blocks, generated: printedFor(doc.lang, doc.generated, doc.generatedAt, doc.generatedFor), pageTemplate: doc.page };
}

function blockLines(block: TravelBlock): string[] {
  switch (block.kind) {
    case "table":
      return [block.columns.join(" | "), ...block.rows.map((row) => row.join(" | "))];
    case "section":
      return block.blocks.flatMap(blockLines);
    default:
      return commonBlockLines(block);
  }
}

/** The text lines the renderer draws (body, then the footer's printed-for line); page numbers aside. */
export function travelLines(doc: TravelPdfDocument): string[] {
  const layout = travelLayout(doc);
  return [...layout.blocks.flatMap(blockLines), layout.generated];
}

const STYLE: PdfStyle = {
  size: { h1: 19, h2: 13.5, h3: 11, body: 10.5, footer: 8 },
  lineGap: 2.5,
  h2SpaceAbove: 0.8,
  factsLabelShare: 0.4,
  listIndent: 14,
  listItemGap: 2,
};
const TABLE_SIZE = 10;
const CELL_PAD = 4;

class TravelRenderer extends TaggedRenderer<TravelBlock> {
  protected block(parent: StructElement, block: TravelBlock): void {
    switch (block.kind) {
      case "table":
        return this.table(parent, block);
      case "section":
        return this.section(parent, block.blocks);
      default:
        return this.common(parent, block);
    }
  }

  /** A data table: the first column takes what is left; the others (counts, amounts) are right-aligned. */
  private table(parent: StructElement, block: Extract<TravelBlock, { kind: "table" }>): void {
    const others = block.columns.length - 1;
    const otherWidth = Math.min(110, (this.width * 0.5) / Math.max(1, others));
    const widths = block.columns.map((_, i) => (i === 0 ? this.width - otherWidth * others : otherWidth));
    this.dataTable(parent, { columns: block.columns, rows: block.rows, widths }, { size: TABLE_SIZE, pad: CELL_PAD, align: (i) => (i === 0 ? "left" : "right") });
  }
}

/** Renders the report as a tagged PDF 1.7 (A4, DejaVu Sans embedded), resolved as one Buffer. */
export function renderTravelPdf(doc: TravelPdfDocument, options: RenderPdfOptions = {}): Promise<Buffer> {
  return renderTaggedPdf(
    () => travelLayout(doc),
    doc.generatedAt,
    options,
    (pdf, layout) => new TravelRenderer(pdf, layout, STYLE).render(layout.blocks),
  );
}
