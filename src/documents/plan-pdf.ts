import {
  BOLD,
  COLOR,
  type CommonBlock,
  commonBlockLines,
  type PdfField,
  type PdfLang,
  type PdfStyle,
  paragraphTexts,
  printedFor,
  REGULAR,
  type RenderPdfOptions,
  renderTaggedPdf,
  type StructElement,
  TaggedRenderer,
} from "./pdf-kit.ts";

// The participant's plan (one version) as a tagged, accessible PDF (PDF 1.7, pdfkit), in plain language.
//
// As with the minutes (minutes-pdf.ts), two steps: planLayout() turns the input into the blocks that will
// be drawn (every text the reader will see, and nothing else), and renderPlanPdf() draws exactly those
// blocks. The input holds only what the reader may see (the service builds it); planLines() is the flat
// text of the same layout, for tests.
//
// Structure tree: Document > H1, P (intro), Table (TR > TH + TD) for the facts, Sect > H2 + P for the
// acceptance, Sect > H2 + P for the goal, Sect > H2 + L (LI > Lbl + LBody) for sub-goals and obstacles,
// Sect > H2 + Table (a header row of TH, then TR > TD) for the actions, Sect > H2 + P for the
// recommendations. Footers (printed-for line and page numbers) are pagination artifacts. The document
// setup, the common blocks and the footers are pdf-kit.ts's, shared with the minutes.

// ---------------------------------------------------------------------------------------------
// Input

export interface PlanPdfLabels {
  title: string; // "Din plan" / "Din plan för framtiden"
  intro: string; // what the document is, in a sentence or two
  name: string;
  program: string;
  coordinator: string;
  version: string;
  saved: string;
  acceptanceHeading: string;
  goalHeading: string;
  goalKind: string; // "Vad du siktar mot"
  noGoal: string;
  subGoalsHeading: string;
  noSubGoals: string;
  obstaclesHeading: string;
  obstacle: string; // "Hinder"
  howToOvercome: string; // "Så tar du dig förbi det"
  noObstacles: string;
  actionsHeading: string;
  actionsIntro: string;
  what: string;
  who: string;
  byWhen: string;
  status: string;
  agreed: string;
  noActions: string;
  recommendationsHeading: string;
  generated: string; // "Utskrivet {time} för {name}"
  page: string; // "Sida {page} av {pages}"
}

export interface PlanPdfAction {
  what: string;
  who: string; // already translated, with the authority's name
  byWhen: string; // already formatted, or "–"
  status: string; // already translated
  agreed: string; // "Ja" / "Nej"
}

export interface PlanPdfDocument {
  lang: PdfLang;
  labels: PlanPdfLabels;
  /** The participant's name, or their reference when the reader may not see the name. */
  personName: string;
  programName: string;
  coordinatorName: string;
  version: number;
  savedOn: string; // already formatted
  /** A plain sentence about the acceptance of this version (or that it is not accepted yet). */
  acceptance: string;
  goal: { kind: string | null; text: string };
  subGoals: string[];
  obstacles: { text: string; howToOvercome: string }[];
  actions: PlanPdfAction[];
  /** The plan for the future (at exit): the recommendations; null for an ongoing plan. */
  recommendations: string | null;
  generatedAt: Date;
  generatedFor: string;
}

export type RenderPlanOptions = RenderPdfOptions;

// ---------------------------------------------------------------------------------------------
// Layout

export type PlanField = PdfField;

export type PlanBlock =
  | CommonBlock
  /** An item with a label and a line under it, e.g. "Hinder: ..." / "Så tar du dig förbi det: ...". */
  | { kind: "pairs"; items: PlanField[][] }
  | { kind: "table"; columns: string[]; widths: number[]; rows: string[][] }
  | { kind: "section"; blocks: PlanBlock[] };

export interface PlanLayout {
  lang: PlanPdfDocument["lang"];
  title: string;
  blocks: PlanBlock[];
  generated: string;
  pageTemplate: string;
}

/** Paragraphs of a longer text: blank lines separate them, single line breaks become spaces. */
function paragraphs(text: string): PlanBlock[] {
  return paragraphTexts(text).map((p) => ({ kind: "paragraph", text: p }));
}

function section(heading: string, blocks: PlanBlock[]): PlanBlock {
  return { kind: "section", blocks: [{ kind: "heading", level: 2, text: heading }, ...blocks] };
}

/** Everything the renderer will draw, in reading order. Pure. */
export function planLayout(doc: PlanPdfDocument): PlanLayout {
  const { labels } = doc;
  const blocks: PlanBlock[] = [
    { kind: "heading", level: 1, text: labels.title },
    { kind: "paragraph", text: labels.intro },
    {
      kind: "facts",
      rows: [
        { label: labels.name, value: doc.personName },
        { label: labels.program, value: doc.programName },
        { label: labels.coordinator, value: doc.coordinatorName },
        { label: labels.version, value: String(doc.version) },
        { label: labels.saved, value: doc.savedOn },
      ],
    },
    section(labels.acceptanceHeading, [{ kind: "paragraph", text: doc.acceptance }]),
  ];

  const goal: PlanBlock[] = [];
  if (doc.goal.kind) goal.push({ kind: "facts", rows: [{ label: labels.goalKind, value: doc.goal.kind }] });
  goal.push(...paragraphs(doc.goal.text));
  blocks.push(section(labels.goalHeading, goal.length > 0 ? goal : [{ kind: "paragraph", text: labels.noGoal, muted: true }]));

  blocks.push(
    section(labels.subGoalsHeading, doc.subGoals.length > 0 ? [{ kind: "list", items: doc.subGoals }] : [{ kind: "paragraph", text: labels.noSubGoals, muted: true }]),
  );
  blocks.push(
    section(
      labels.obstaclesHeading,
      doc.obstacles.length > 0
        ? [
            {
              kind: "pairs",
              items: doc.obstacles.map((o) => [
                { label: labels.obstacle, value: o.text },
                { label: labels.howToOvercome, value: o.howToOvercome || "–" },
              ]),
            },
          ]
        : [{ kind: "paragraph", text: labels.noObstacles, muted: true }],
    ),
  );
  blocks.push(
    section(
      labels.actionsHeading,
      doc.actions.length > 0
        ? [
            { kind: "paragraph", text: labels.actionsIntro },
            {
              kind: "table",
              columns: [labels.what, labels.who, labels.byWhen, labels.status, labels.agreed],
              widths: [0.4, 0.18, 0.14, 0.14, 0.14],
              rows: doc.actions.map((a) => [a.what, a.who, a.byWhen, a.status, a.agreed]),
            },
          ]
        : [{ kind: "paragraph", text: labels.noActions, muted: true }],
    ),
  );
  if (doc.recommendations !== null) {
    const recommendations = paragraphs(doc.recommendations);
    blocks.push(section(labels.recommendationsHeading, recommendations.length > 0 ? recommendations : [{ kind: "paragraph", text: "–", muted: true }]));
  }

  return {
    lang: doc.lang,
    title: `${labels.title} – ${doc.personName}, ${labels.version.toLowerCase()} ${doc.version}`,
    blocks,
    generated: printedFor(doc.lang, labels.generated, doc.generatedAt, doc.generatedFor),
    pageTemplate: labels.page,
  };
}

function blockLines(block: PlanBlock): string[] {
  switch (block.kind) {
    case "heading":
    case "paragraph":
    case "facts":
    case "list":
      return commonBlockLines(block);
    case "pairs":
      return block.items.flatMap((pair) => pair.map((f) => `${f.label}: ${f.value}`));
    case "table":
      return [block.columns.join(" | "), ...block.rows.map((row) => row.join(" | "))];
    case "section":
      return block.blocks.flatMap(blockLines);
  }
}

/** The text lines the renderer draws (body, then the footer's printed-for line); page numbers aside. */
export function planLines(doc: PlanPdfDocument): string[] {
  const layout = planLayout(doc);
  return [...layout.blocks.flatMap(blockLines), layout.generated];
}

// ---------------------------------------------------------------------------------------------
// Rendering

// A little larger than the minutes: this is a document the participant reads.
const STYLE: PdfStyle = {
  size: { h1: 21, h2: 14, h3: 11.5, body: 11.5, footer: 8.5 },
  lineGap: 3,
  h2SpaceAbove: 0.8,
  factsLabelShare: 0.4,
  listIndent: 16,
  listItemGap: 3,
};
const SIZE = { body: STYLE.size.body, table: 10.5 };
const LINE_GAP = STYLE.lineGap;
const CELL_PAD = 4;

class PlanRenderer extends TaggedRenderer<PlanBlock> {
  protected block(parent: StructElement, block: PlanBlock): void {
    switch (block.kind) {
      case "pairs":
        return this.pairs(parent, block.items);
      case "table":
        return this.table(parent, block);
      case "section":
        return this.section(parent, block.blocks);
      default:
        return this.common(parent, block);
    }
  }

  /** Obstacles: a list whose items each hold labelled lines ("Hinder: …", "Så tar du dig förbi det: …"). */
  private pairs(parent: StructElement, items: PlanField[][]): void {
    const { pdf } = this;
    const indent = STYLE.listIndent;
    const list = pdf.struct("L");
    parent.add(list);
    items.forEach((fields, index) => {
      pdf.font(REGULAR).fontSize(SIZE.body);
      const height = fields.reduce((sum, f) => sum + pdf.heightOfString(`${f.label}: ${f.value}`, { width: this.width - indent, lineGap: LINE_GAP }) + 2, 0);
      this.ensureSpace(Math.min(height, this.lineHeight(SIZE.body) * 3));
      const y = pdf.y;
      const li = pdf.struct("LI");
      list.add(li);
      this.tagged(li, "Lbl", () => {
        pdf.fillColor(COLOR.muted).font(BOLD).fontSize(SIZE.body).text(`${index + 1}. `, this.left, y, { lineBreak: false });
      });
      const body = pdf.struct("LBody");
      li.add(body);
      pdf.y = y;
      for (const field of fields) {
        this.runs(body, `${field.label}:`, field.value, true, indent);
        pdf.y += 2;
      }
      body.end();
      li.end();
      pdf.x = this.left;
      pdf.moveDown(0.4);
    });
    list.end();
    pdf.moveDown(0.2);
  }

  /** A data table with a header row (TH, scope Column), repeated at the top of a new page. */
  private table(parent: StructElement, block: Extract<PlanBlock, { kind: "table" }>): void {
    const { pdf } = this;
    // Each column at least as wide as its longest word (so dates and headers do not break), the first
    // column (what) takes what is left.
    const longestWord = (texts: string[], font: string) => {
      pdf.font(font).fontSize(SIZE.table);
      return Math.max(0, ...texts.flatMap((t) => t.split(/\s+/)).map((w) => pdf.widthOfString(w)));
    };
    const widths = block.widths.map((w, i) =>
      i === 0 ? 0 : Math.max(w * this.width, Math.max(longestWord([block.columns[i] ?? ""], BOLD), longestWord(block.rows.map((r) => r[i] ?? ""), REGULAR)) + CELL_PAD * 2 + 1),
    );
    widths[0] = Math.max(this.width * 0.25, this.width - widths.slice(1).reduce((a, b) => a + b, 0));
    this.dataTable(parent, { columns: block.columns, rows: block.rows, widths }, { size: SIZE.table, pad: CELL_PAD, cellSuffix: " " });
  }
}

/** Renders one version of the plan as a tagged PDF 1.7 (A4, DejaVu Sans embedded), resolved as one Buffer. */
export function renderPlanPdf(doc: PlanPdfDocument, options: RenderPlanOptions = {}): Promise<Buffer> {
  return renderTaggedPdf(
    () => planLayout(doc),
    doc.generatedAt,
    options,
    (pdf, layout) => new PlanRenderer(pdf, layout, STYLE).render(layout.blocks),
  );
}
