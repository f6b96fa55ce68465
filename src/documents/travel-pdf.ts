import { type BlockLayout, REPORT_STYLE, type RenderPdfOptions, type ReportBlock, type ReportDocument, renderReportPdf, reportLayout, reportLines, sectionBlock } from "./pdf-kit.ts";

// The year's travel-money report (sv. reskassa) as a tagged, accessible PDF 1.7, like the plan and the
// minutes: travelLayout() gives every text the reader will see as blocks, renderTravelPdf() draws exactly
// those. Amounts arrive formatted (exact, from whole öre/øre); the input holds only what the reader may see.
//
// Structure tree: Document > H1, P (intro), Table (TR > TH + TD) for the summary, Sect > H2 + Table (a header
// row of TH scope Column, then TR > TD) per month, Sect > H2 + Table per participant, P for the voided ones.

/** The facts: budget, paid out, left. */
export interface TravelPdfDocument extends ReportDocument {
  monthsHeading: string;
  monthColumns: string[];
  months: string[][];
  participantsHeading: string;
  participantColumns: string[];
  participants: string[][];
  noParticipants: string;
  /** How many voided disbursements the report leaves out, or null. */
  voided: string | null;
}

export type TravelBlock = ReportBlock;

export type TravelLayout = BlockLayout<TravelBlock>;

/** Everything the renderer will draw, in reading order. Pure. */
export function travelLayout(doc: TravelPdfDocument): TravelLayout {
  const blocks: TravelBlock[] = [
    sectionBlock(doc.monthsHeading, [{ kind: "table", columns: doc.monthColumns, rows: doc.months }]),
    sectionBlock(doc.participantsHeading, [
      doc.participants.length > 0 ? { kind: "table", columns: doc.participantColumns, rows: doc.participants } : { kind: "paragraph", text: doc.noParticipants, muted: true },
    ]),
  ];
  if (doc.voided) blocks.push({ kind: "paragraph", text: doc.voided, muted: true });
  return reportLayout(doc, blocks);
}

/** The text lines the renderer draws (body, then the footer's printed-for line); page numbers aside. */
export function travelLines(doc: TravelPdfDocument): string[] {
  return reportLines(travelLayout(doc));
}

/** The first column takes what is left; the others (counts, amounts) are right-aligned. */
function tableWidths(columns: number, width: number): number[] {
  const others = columns - 1;
  const otherWidth = Math.min(110, (width * 0.5) / Math.max(1, others));
  return Array.from({ length: columns }, (_, i) => (i === 0 ? width - otherWidth * others : otherWidth));
}

/** Renders the report as a tagged PDF 1.7 (A4, DejaVu Sans embedded), resolved as one Buffer. */
export function renderTravelPdf(doc: TravelPdfDocument, options: RenderPdfOptions = {}): Promise<Buffer> {
  return renderReportPdf(() => travelLayout(doc), doc.generatedAt, options, REPORT_STYLE, { widths: tableWidths, size: 10, pad: 4 });
}
