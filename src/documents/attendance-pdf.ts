import {
  type BlockLayout,
  type PdfField,
  type PdfStyle,
  REPORT_STYLE,
  type RenderPdfOptions,
  type ReportBlock,
  type ReportDocument,
  renderReportPdf,
  reportLayout,
  reportLines,
  sectionBlock,
} from "./pdf-kit.ts";

// A participant's monthly attendance report for the authority that pays their benefit, as a tagged,
// accessible PDF 1.7 like the travel-money report: attendanceLayout() gives every text the reader will see
// as blocks, renderAttendancePdf() draws exactly those. Durations arrive formatted; the input holds only what
// the reader may see (a protected identity arrives as its reference).
//
// Structure tree: Document > H1, P (intro), Table (TR > TH + TD) for the facts, Sect > H2 + Table (a header row
// of TH scope Column, then TR > TD, the totals last) per day, Sect > H2 + Table for the rate, Sect > H2 + P for
// the sign-off.

/** The facts: program, participant, month, paying authority. */
export interface AttendancePdfDocument extends ReportDocument {
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
}

export type AttendanceBlock = ReportBlock;

export type AttendanceLayout = BlockLayout<AttendanceBlock>;

/** Everything the renderer will draw, in reading order. Pure. */
export function attendanceLayout(doc: AttendancePdfDocument): AttendanceLayout {
  const signoff: AttendanceBlock[] = [{ kind: "paragraph", text: doc.signoff }];
  if (doc.signoffNote) signoff.push({ kind: "paragraph", text: doc.signoffNote, muted: true });
  return reportLayout(doc, [
    sectionBlock(doc.daysHeading, [
      doc.days.length > 0 ? { kind: "table", columns: doc.columns, rows: [...doc.days, doc.totalRow] } : { kind: "paragraph", text: doc.noDays, muted: true },
    ]),
    sectionBlock(doc.summaryHeading, [{ kind: "facts", rows: doc.summary }]),
    sectionBlock(doc.signoffHeading, signoff),
  ]);
}

/** The text lines the renderer draws (body, then the footer's printed-for line); page numbers aside. */
export function attendanceLines(doc: AttendancePdfDocument): string[] {
  return reportLines(attendanceLayout(doc));
}

const STYLE: PdfStyle = { ...REPORT_STYLE, size: { ...REPORT_STYLE.size, h1: 18 } };

/** The days: the date takes about a fifth; the five durations share the rest, right-aligned. */
function dayWidths(columns: number, width: number): number[] {
  const first = width * 0.22;
  const other = (width - first) / Math.max(1, columns - 1);
  return Array.from({ length: columns }, (_, i) => (i === 0 ? first : other));
}

/** Renders the report as a tagged PDF 1.7 (A4, DejaVu Sans embedded), resolved as one Buffer. */
export function renderAttendancePdf(doc: AttendancePdfDocument, options: RenderPdfOptions = {}): Promise<Buffer> {
  return renderReportPdf(() => attendanceLayout(doc), doc.generatedAt, options, STYLE, { widths: dayWidths, size: 9, pad: 3.5 });
}
