import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { type PlanPdfDocument, planLayout, planLines, renderPlanPdf } from "./plan-pdf.ts";

const LABELS: PlanPdfDocument["labels"] = {
  title: "Din plan",
  intro: "Det här är din plan i KRUS. Du har skrivit den tillsammans med din koordinator.",
  name: "Namn",
  program: "Program",
  coordinator: "Koordinator",
  version: "Version",
  saved: "Sparad",
  acceptanceHeading: "Har du godkänt planen?",
  goalHeading: "Ditt mål på lång sikt",
  goalKind: "Vad du siktar mot",
  noGoal: "Inget mål är skrivet ännu.",
  subGoalsHeading: "Delmål på vägen",
  noSubGoals: "Inga delmål ännu.",
  obstaclesHeading: "Hinder och hur du tar dig förbi dem",
  obstacle: "Hinder",
  howToOvercome: "Så gör du",
  noObstacles: "Inga hinder är skrivna.",
  actionsHeading: "Vad ska göras?",
  actionsIntro: "Här står vad som ska göras, vem som gör det och när.",
  what: "Vad",
  who: "Vem",
  byWhen: "Senast",
  status: "Läge",
  agreed: "Överenskommet",
  noActions: "Inga aktiviteter ännu.",
  recommendationsHeading: "Råd inför framtiden",
  generated: "Utskrivet {time} för {name}",
  page: "Sida {page} av {pages}",
};

function sample(overrides: Partial<PlanPdfDocument> = {}): PlanPdfDocument {
  return {
    lang: "sv-SE",
    labels: LABELS,
    personName: "Zoë Müller-Łukasiewicz",
    programName: "KRUS",
    coordinatorName: "Søren Østergaard",
    version: 3,
    savedOn: "20 november 2026",
    acceptance: "Du godkände den här versionen den 21 november 2026, på ett möte.",
    goal: { kind: "Studier", text: "Att börja på Komvux och sedan läsa till undersköterska.\n\nJag vill kunna försörja mig själv." },
    subGoals: ["Komma upp på morgnarna fyra dagar i veckan", "Träffa studievägledaren"],
    obstacles: [
      { text: "Jag blir orolig i stora grupper", howToOvercome: "Börja i en liten grupp och ta med en kompis" },
      { text: "Svårt att betala bussen", howToOvercome: "" },
    ],
    actions: Array.from({ length: 24 }, (_, i) => ({
      what: `Aktivitet ${i + 1}: ringa Ayşe Yılmaz på Komvux och boka ett samtal om hur studierna kan läggas upp`,
      who: i % 3 === 0 ? "Du" : i % 3 === 1 ? "Din koordinator" : "Arbetsförmedlingen",
      byWhen: "2026-12-01",
      status: i % 2 === 0 ? "Planerad" : "Pågår",
      agreed: i % 2 === 0 ? "Ja" : "Nej",
    })),
    recommendations: null,
    generatedAt: new Date("2026-11-23T14:05:00Z"),
    generatedFor: "Ingrid Ødegård",
    ...overrides,
  };
}

async function extract(pdf: Buffer) {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0 });
  const loaded = await task.promise;
  const pages: string[] = [];
  const trees: unknown[] = [];
  for (let n = 1; n <= loaded.numPages; n++) {
    const page = await loaded.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((entry) => ("str" in entry ? entry.str + (entry.hasEOL ? "\n" : "") : "")).join(""));
    trees.push(await page.getStructTree());
  }
  const metadata = await loaded.getMetadata();
  const outline = ((await loaded.getOutline()) ?? []).map((entry) => entry.title);
  await task.destroy();
  return { numPages: loaded.numPages, pages, outline, info: metadata.info as Record<string, unknown>, trees };
}

type StructNode = { role?: string; children?: StructNode[] };
function roles(node: StructNode | null | undefined): string[] {
  if (!node) return [];
  return [...(node.role ? [node.role] : []), ...(node.children ?? []).flatMap(roles)];
}

describe("planLines", () => {
  it("lists the title, the facts, the acceptance and every part of the plan in reading order", () => {
    const lines = planLines(sample());
    expect(lines[0]).toBe("Din plan");
    expect(lines).toContain("Namn: Zoë Müller-Łukasiewicz");
    expect(lines).toContain("Version: 3");
    expect(lines).toContain("Du godkände den här versionen den 21 november 2026, på ett möte.");
    expect(lines).toContain("Vad du siktar mot: Studier");
    expect(lines).toContain("Jag vill kunna försörja mig själv.");
    expect(lines).toContain("• Träffa studievägledaren");
    expect(lines).toContain("Hinder: Jag blir orolig i stora grupper");
    expect(lines).toContain("Så gör du: Börja i en liten grupp och ta med en kompis");
    expect(lines).toContain("Så gör du: –");
    expect(lines).toContain("Vad | Vem | Senast | Läge | Överenskommet");
    expect(lines.at(-1)).toBe("Utskrivet 2026-11-23 15:05 för Ingrid Ødegård");
    const order = ["Har du godkänt planen?", "Ditt mål på lång sikt", "Delmål på vägen", "Hinder och hur du tar dig förbi dem", "Vad ska göras?"].map((h) => lines.indexOf(h));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(lines).not.toContain("Råd inför framtiden");
  });

  it("says plainly when a part is empty, and shows the recommendations of a plan for the future", () => {
    const lines = planLines(sample({ goal: { kind: null, text: "" }, subGoals: [], obstacles: [], actions: [], recommendations: "Fortsätt hos AF.\n\nHör av dig till KRUS om du vill." }));
    expect(lines).toContain("Inget mål är skrivet ännu.");
    expect(lines).toContain("Inga delmål ännu.");
    expect(lines).toContain("Inga hinder är skrivna.");
    expect(lines).toContain("Inga aktiviteter ännu.");
    expect(lines).toContain("Råd inför framtiden");
    expect(lines).toContain("Hör av dig till KRUS om du vill.");
  });

  it("has a title with the person and the version", () => {
    expect(planLayout(sample()).title).toBe("Din plan – Zoë Müller-Łukasiewicz, version 3");
  });
});

describe("renderPlanPdf", () => {
  it("renders a tagged PDF 1.7 with language, title, embedded font, tables and page numbers", async () => {
    const doc = sample();
    const pdf = await renderPlanPdf(doc);
    const raw = pdf.toString("latin1");
    expect(raw.slice(0, 8)).toBe("%PDF-1.7");
    expect(raw).toContain("/Lang (sv-SE)");
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);

    const { numPages, pages, outline, info, trees } = await extract(pdf);
    expect(numPages).toBeGreaterThanOrEqual(2);
    expect(info.Title).toBe(planLayout(doc).title);
    expect(pages[0]).toContain("Din plan");
    expect(pages[0]).toContain("Zoë Müller-Łukasiewicz");
    expect(pages[0]).toContain("Søren Østergaard");
    expect(pages[0]).toContain(`Sida 1 av ${numPages}`);
    expect(pages[0]).toContain("Utskrivet 2026-11-23 15:05 för Ingrid Ødegård");
    expect(pages.at(-1)).toContain(`Sida ${numPages} av ${numPages}`);
    const all = pages.join("\n");
    expect(all).toContain("Ayşe Yılmaz");
    expect(all).toContain("Aktivitet 24");
    // The table's header row is repeated on the next page.
    expect(pages.filter((p) => p.includes("Överenskommet")).length).toBeGreaterThanOrEqual(2);
    expect(outline).toEqual(["Har du godkänt planen?", "Ditt mål på lång sikt", "Delmål på vägen", "Hinder och hur du tar dig förbi dem", "Vad ska göras?"]);
    const pageRoles = trees.flatMap((tree) => roles(tree as StructNode));
    for (const role of ["H1", "H2", "P", "Table", "TR", "TH", "TD", "L", "LI", "Lbl", "LBody"]) expect(pageRoles).toContain(role);
  });

  it("sets the language it is given", async () => {
    const pdf = await renderPlanPdf(sample({ lang: "nb-NO", actions: [] }));
    expect(pdf.toString("latin1")).toContain("/Lang (nb-NO)");
  });

  it("writes the same bytes for the same input", async () => {
    const [a, b] = await Promise.all([renderPlanPdf(sample()), renderPlanPdf(sample())]);
    expect(a.equals(b)).toBe(true);
  });

  it("draws only what it is given: a reference instead of a name stays a reference", async () => {
    const pdf = await renderPlanPdf(sample({ personName: "P-7K3M9Q", actions: [] }), { compress: false });
    const { pages, info } = await extract(pdf);
    expect(pages.join("\n")).toContain("P-7K3M9Q");
    expect(pages.join("\n")).not.toContain("Zoë");
    expect(String(info.Title)).toContain("P-7K3M9Q");
  });
});
