import {
  type BlockLayout,
  blockLayout,
  BlockRenderer,
  type CommonBlock,
  layoutLines,
  type OwnBlock,
  type PdfField,
  type PdfLang,
  type PdfStyle,
  paragraphTexts,
  type RenderPdfOptions,
  renderTaggedPdf,
  type SectionBlock,
  sectionBlock,
  type StructElement,
} from "./pdf-kit.ts";

// The minutes of a collaboration-team meeting as a tagged, accessible PDF (PDF 1.7, pdfkit).
//
// Two steps: minutesLayout() turns the input into the blocks that will be drawn (every text the
// reader will see, and nothing else), and renderMinutesPdf() draws exactly those blocks. The
// renderer never looks at the items itself, so a hidden item's name, referrer or texts cannot
// reach the PDF: tests check minutesLines(), the flat text of the same layout.
//
// Structure tree: Document > H1, Table (TR > TH + TD) for the facts, Sect > H2 + L (LI > Lbl +
// LBody) for attendance, and one Sect per item > H2, P (fields and answers), H3 + P (longer texts).
// Footers (printed-for line and page numbers) are pagination artifacts. The document setup, the common
// blocks and the footers are pdf-kit.ts's, shared with the plan.

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
  lang: PdfLang;
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

export type RenderMinutesOptions = RenderPdfOptions;

// ---------------------------------------------------------------------------------------------
// Layout: what will be drawn

export type MinutesField = PdfField;

export type MinutesBlock =
  /** Headings, label/value rows (a two-column table with row headers), lists and paragraphs. */
  | CommonBlock
  /** "Beslut: Erbjuds plats" on one line (wraps if long). */
  | { kind: "field"; label: string; value: string }
  /** A question and its answer on one line. */
  | { kind: "answer"; question: string; answer: string }
  /** A section (tagged Sect) with a heading as its first block; listed in the PDF's bookmarks. */
  | SectionBlock<MinutesBlock>;

export type MinutesLayout = BlockLayout<MinutesBlock>;

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
    return sectionBlock(`${item.number}. ${kindLabel}`, [{ kind: "paragraph", text: labels.hidden, muted: true }]);
  }
  const blocks: MinutesBlock[] = [];
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
    for (const paragraph of paragraphTexts(text)) blocks.push({ kind: "paragraph", text: paragraph });
  }
  return sectionBlock(item.title ? `${item.number}. ${kindLabel} – ${item.title}` : `${item.number}. ${kindLabel}`, blocks);
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
    sectionBlock(labels.attendance, [doc.present.length > 0 ? { kind: "list", items: doc.present.map(personLine) } : { kind: "paragraph", text: "–" }]),
  ];
  if (doc.absent.length > 0) blocks.push(sectionBlock(labels.absent, [{ kind: "list", items: doc.absent.map(personLine) }]));
  for (const item of doc.items) blocks.push(itemSection(labels, item));

  const { generated, page } = labels;
  return blockLayout(doc.lang, `${labels.title} – ${doc.programName}, ${doc.date}`, blocks, { generated, page, generatedAt: doc.generatedAt, generatedFor: doc.generatedFor });
}

function ownLines(block: OwnBlock<MinutesBlock>): string[] {
  switch (block.kind) {
    case "field":
      return [`${block.label}: ${block.value}`];
    case "answer":
      return [`${block.question} ${block.answer}`];
  }
}

/** The text lines the renderer draws (body, then the footer's printed-for line); page numbers aside. */
export function minutesLines(doc: MinutesDocument): string[] {
  return layoutLines(minutesLayout(doc), ownLines);
}

// ---------------------------------------------------------------------------------------------
// Rendering

const STYLE: PdfStyle = {
  size: { h1: 19, h2: 13, h3: 10.5, body: 10.5, footer: 8.5 },
  lineGap: 2.5,
  h2SpaceAbove: 0.7,
  factsLabelShare: 0.35,
  listIndent: 14,
  listItemGap: 2,
};

class MinutesRenderer extends BlockRenderer<MinutesBlock> {
  protected own(parent: StructElement, block: OwnBlock<MinutesBlock>): void {
    switch (block.kind) {
      case "field":
        this.ensureSpace(this.lineHeight(STYLE.size.body));
        this.runs(parent, `${block.label}:`, block.value, true);
        this.pdf.moveDown(0.25);
        return;
      case "answer":
        this.ensureSpace(this.lineHeight(STYLE.size.body));
        this.runs(parent, block.question, block.answer, false);
        this.pdf.moveDown(0.25);
        return;
    }
  }
}

/** Renders the minutes as a tagged PDF 1.7 (A4, DejaVu Sans embedded), resolved as one Buffer. */
export function renderMinutesPdf(doc: MinutesDocument, options: RenderMinutesOptions = {}): Promise<Buffer> {
  return renderTaggedPdf(
    () => minutesLayout(doc),
    doc.generatedAt,
    options,
    (pdf, layout) => new MinutesRenderer(pdf, layout, STYLE).render(layout.blocks),
  );
}
