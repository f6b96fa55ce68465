import { describe, expect, it } from "vitest";
import { expectTaggedReport } from "../../tests/support/pdf.ts";
import { type QuarterlyPdfDocument, quarterlyLines, renderQuarterlyPdf } from "./quarterly-pdf.ts";

// The steering group's quarterly report as a tagged PDF: what it says in reading order, and that it is a real
// tagged PDF 1.7 with the language, a title, a section per program and page numbers.

function sample(overrides: Partial<QuarterlyPdfDocument> = {}): QuarterlyPdfDocument {
  return {
    lang: "sv-SE",
    title: "Samordningsförbundet Kalmar: uppföljning kvartal 3 2026",
    intro: "Programmens mål mot utfallet från årets början till kvartalets slut.",
    facts: [
      { label: "Förbund", value: "Samordningsförbundet Kalmar" },
      { label: "Period", value: "1 januari 2026 – 30 september 2026" },
    ],
    totalHeading: "Alla program",
    totalColumns: ["Mål", "Alla program"],
    totalRows: [
      ["Deltagare under året", "36"],
      ["I arbete eller studier efter avslut", "dold"],
    ],
    totalNote: "Summan räknas på alla programs deltagare tillsammans.",
    programColumns: ["Mål", "Mål för året", "Utfall", "Uppnått"],
    programs: [
      { name: "KRUS", rows: [["Deltagare under året", "minst 30", "33", "Ja"]] },
      { name: "Vägen vidare", rows: [["Deltagare under året", "minst 30", "färre än 5", "Nej"]] },
    ],
    suppressionNote: "Färre än 5 personer visas som ”färre än 5”.",
    generated: "Utskrivet {time} för {name}",
    page: "Sida {page} av {pages}",
    generatedAt: new Date("2026-10-02T08:00:00Z"),
    generatedFor: "Lars Göransson",
    ...overrides,
  };
}

describe("quarterly report PDF", () => {
  it("gives the total first, then each program, with the notes on pooling and suppression", () => {
    const lines = quarterlyLines(sample());
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(lines[0]).toBe("Samordningsförbundet Kalmar: uppföljning kvartal 3 2026");
    expect(at("Alla program")).toBeLessThan(at("KRUS"));
    expect(at("KRUS")).toBeLessThan(at("Vägen vidare"));
    expect(lines.join("\n")).toContain("färre än 5");
    expect(lines.join("\n")).toContain("Färre än 5 personer visas");
    expect(quarterlyLines(sample({ suppressionNote: null })).join("\n")).not.toContain("Färre än 5 personer visas");
  });

  it("renders a tagged PDF 1.7 with language, title and page numbers", async () => {
    const { pages } = await expectTaggedReport(await renderQuarterlyPdf(sample()), { lang: "sv-SE", title: "Samordningsförbundet Kalmar: uppföljning kvartal 3 2026" });
    expect(pages.join("\n")).toContain("Vägen vidare");
    expect(pages.at(-1)).toContain("Sida 1 av 1");
  });
});
