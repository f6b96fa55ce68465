import { describe, expect, it } from "vitest";
import { expectTaggedReport } from "../../tests/support/pdf.ts";
import { type TravelPdfDocument, travelLayout, travelLines, renderTravelPdf } from "./travel-pdf.ts";

// The travel-money report as a tagged PDF: what it says (travelLines), and that it is a real tagged PDF 1.7
// with the language, a title, embedded fonts, data tables with column headers, and page numbers.

function sample(overrides: Partial<TravelPdfDocument> = {}): TravelPdfDocument {
  const months = ["Januari", "Februari", "Mars", "April", "Maj", "Juni", "Juli", "Augusti", "September", "Oktober", "November", "December"];
  return {
    lang: "sv-SE",
    title: "Reskassa 2026: KRUS",
    intro: "Utbetalningar ur reskassan per månad och per deltagare.",
    facts: [
      { label: "Budget", value: "1 000,00 kr" },
      { label: "Utbetalt", value: "99,99 kr" },
      { label: "Kvar", value: "900,01 kr" },
    ],
    monthsHeading: "Per månad",
    monthColumns: ["Månad", "Antal", "Summa"],
    months: [...months.map((m, i) => [`${m} 2026`, i === 10 ? "3" : "0", i === 10 ? "99,99 kr" : "0,00 kr"]), ["Hela året", "3", "99,99 kr"]],
    participantsHeading: "Per deltagare",
    participantColumns: ["Deltagare", "Antal", "Summa"],
    participants: Array.from({ length: 40 }, (_, i) => [i === 0 ? "Zoë Müller-Łukasiewicz" : `Deltagare ${i + 1}`, "1", "33,33 kr"]),
    noParticipants: "Inga utbetalningar det här året.",
    voided: "1 makulerad utbetalning är inte med.",
    generated: "Utskrivet {time} för {name}",
    page: "Sida {page} av {pages}",
    generatedAt: new Date("2026-11-23T14:05:00Z"),
    generatedFor: "Ingrid Ødegård",
    ...overrides,
  };
}

describe("travel-money report PDF", () => {
  it("lists the summary, every month and every participant in reading order", () => {
    const lines = travelLines(sample());
    expect(lines.slice(0, 5)).toEqual(["Reskassa 2026: KRUS", "Utbetalningar ur reskassan per månad och per deltagare.", "Budget: 1 000,00 kr", "Utbetalt: 99,99 kr", "Kvar: 900,01 kr"]);
    expect(lines).toContain("November 2026 | 3 | 99,99 kr");
    expect(lines).toContain("Hela året | 3 | 99,99 kr");
    expect(lines).toContain("Zoë Müller-Łukasiewicz | 1 | 33,33 kr");
    expect(lines.at(-2)).toBe("1 makulerad utbetalning är inte med.");
    expect(lines.at(-1)).toBe("Utskrivet 2026-11-23 15:05 för Ingrid Ødegård");
    expect(travelLines(sample({ participants: [], voided: null }))).toContain("Inga utbetalningar det här året.");
    expect(travelLayout(sample()).title).toBe("Reskassa 2026: KRUS");
  });

  it("renders a tagged PDF 1.7 with language, title, embedded font, tables and page numbers", async () => {
    const { numPages, pages, outline } = await expectTaggedReport(await renderTravelPdf(sample()), { lang: "sv-SE", title: "Reskassa 2026: KRUS" });
    expect(numPages).toBeGreaterThanOrEqual(2);
    expect(pages.join("\n")).toContain("Zoë Müller-Łukasiewicz");
    // The participants' table repeats its header row on the next page.
    const later = pages.slice(1).filter((p) => /Deltagare \d+/.test(p));
    expect(later.length).toBeGreaterThan(0);
    for (const page of later) expect(page).toContain("Antal");
    expect(outline).toEqual(["Per månad", "Per deltagare"]);
  });

  it("writes the same bytes for the same input, in the language it is given", async () => {
    expect((await renderTravelPdf(sample())).equals(await renderTravelPdf(sample()))).toBe(true);
    expect((await renderTravelPdf(sample({ lang: "nb-NO" }))).toString("latin1")).toContain("/Lang (nb-NO)");
  });
});
