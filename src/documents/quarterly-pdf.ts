import {
  type BlockLayout,
  REPORT_STYLE,
  type RenderPdfOptions,
  type ReportBlock,
  type ReportDocument,
  renderReportPdf,
  reportLayout,
  reportLines,
  sectionBlock,
} from "./pdf-kit.ts";

// The steering group's quarterly report as a tagged, accessible PDF 1.7: the goals of the federation's programs
// from 1 January to the quarter's end, the total across programs first, then one section per program. Every
// figure arrives formatted and already suppressed (the input holds aggregates only, never a person).
//
// Structure tree: Document > H1, P (intro), Table (facts), Sect > H2 + Table (goal, total) + P (note),
// then per program Sect > H2 + Table (goal, target, result, met).

export interface QuarterlyPdfDocument extends ReportDocument {
  totalHeading: string;
  totalColumns: string[];
  totalRows: string[][];
  totalNote: string;
  programColumns: string[];
  programs: { name: string; rows: string[][] }[];
  /** How small numbers are shown (or null when the reader sees exact figures). */
  suppressionNote: string | null;
}

export type QuarterlyLayout = BlockLayout<ReportBlock>;

/** Everything the renderer will draw, in reading order. Pure. */
export function quarterlyLayout(doc: QuarterlyPdfDocument): QuarterlyLayout {
  const notes: ReportBlock[] = [{ kind: "paragraph", text: doc.totalNote, muted: true }];
  if (doc.suppressionNote) notes.push({ kind: "paragraph", text: doc.suppressionNote, muted: true });
  return reportLayout(doc, [
    sectionBlock(doc.totalHeading, [{ kind: "table", columns: doc.totalColumns, rows: doc.totalRows }, ...notes]),
    ...doc.programs.map((p) => sectionBlock<ReportBlock>(p.name, [{ kind: "table", columns: doc.programColumns, rows: p.rows }])),
  ]);
}

/** The text lines the renderer draws (body, then the footer's printed-for line); page numbers aside. */
export function quarterlyLines(doc: QuarterlyPdfDocument): string[] {
  return reportLines(quarterlyLayout(doc));
}

/** The goal's name takes the larger share; the figures share the rest, right-aligned. */
function widths(columns: number, width: number): number[] {
  const first = width * (columns > 2 ? 0.4 : 0.55);
  const other = (width - first) / Math.max(1, columns - 1);
  return Array.from({ length: columns }, (_, i) => (i === 0 ? first : other));
}

/** Renders the report as a tagged PDF 1.7 (A4, DejaVu Sans embedded), resolved as one Buffer. */
export function renderQuarterlyPdf(doc: QuarterlyPdfDocument, options: RenderPdfOptions = {}): Promise<Buffer> {
  return renderReportPdf(() => quarterlyLayout(doc), doc.generatedAt, options, REPORT_STYLE, { widths, size: 9, pad: 3.5 });
}
