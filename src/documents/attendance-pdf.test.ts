import { describe, expect, it } from "vitest";
import { expectTaggedReport } from "../../tests/support/pdf.ts";
import { type AttendancePdfDocument, attendanceLayout, attendanceLines, renderAttendancePdf } from "./attendance-pdf.ts";

// The monthly attendance report as a tagged PDF: what it says (attendanceLines), and that it is a real tagged
// PDF 1.7 with the language, a title, embedded fonts, a data table with column headers repeated on the next
// page, and page numbers.

function sample(overrides: Partial<AttendancePdfDocument> = {}): AttendancePdfDocument {
  const days = Array.from({ length: 60 }, (_, i) => [`Måndag 2026-10-${String((i % 28) + 1).padStart(2, "0")}`, "3 h", i === 0 ? "2 h 30 min" : "3 h", "0 min", "0 min", "0 min"]);
  return {
    lang: "sv-SE",
    title: "Närvarorapport Oktober 2026",
    intro: "Schemalagd tid mot närvarande tid per dag.",
    facts: [
      { label: "Program", value: "KRUS" },
      { label: "Deltagare", value: "Zoë Müller-Łukasiewicz" },
      { label: "Månad", value: "Oktober 2026" },
      { label: "Betalande myndighet", value: "Försäkringskassan" },
    ],
    daysHeading: "Per dag",
    columns: ["Dag", "Schemalagt", "Närvarande", "Giltig frånvaro", "Ogiltig frånvaro", "Inte registrerat"],
    days,
    totalRow: ["Hela månaden", "180 h", "179 h 30 min", "0 min", "0 min", "0 min"],
    noDays: "Inga schemalagda aktiviteter den här månaden.",
    summaryHeading: "Sammanfattning",
    summary: [
      { label: "Närvaro", value: "100 % (60 av 60 pass)" },
      { label: "Pass", value: "60" },
    ],
    signoffHeading: "Underskrift",
    signoff: "Underskriven av Sara Nilsson 2026-11-02 10:15.",
    signoffNote: "Ersätter 1 tidigare underskrift.",
    generated: "Utskrivet {time} för {name}",
    page: "Sida {page} av {pages}",
    generatedAt: new Date("2026-11-23T14:05:00Z"),
    generatedFor: "Ingrid Ødegård",
    ...overrides,
  };
}

describe("monthly attendance report PDF", () => {
  it("lists the facts, every day with the totals last, the rate and the sign-off in reading order", () => {
    const lines = attendanceLines(sample());
    expect(lines.slice(0, 6)).toEqual([
      "Närvarorapport Oktober 2026",
      "Schemalagd tid mot närvarande tid per dag.",
      "Program: KRUS",
      "Deltagare: Zoë Müller-Łukasiewicz",
      "Månad: Oktober 2026",
      "Betalande myndighet: Försäkringskassan",
    ]);
    expect(lines).toContain("Dag | Schemalagt | Närvarande | Giltig frånvaro | Ogiltig frånvaro | Inte registrerat");
    expect(lines).toContain("Måndag 2026-10-01 | 3 h | 2 h 30 min | 0 min | 0 min | 0 min");
    const total = lines.indexOf("Hela månaden | 180 h | 179 h 30 min | 0 min | 0 min | 0 min");
    expect(total).toBeGreaterThan(lines.lastIndexOf("Måndag 2026-10-28 | 3 h | 3 h | 0 min | 0 min | 0 min"));
    expect(lines).toContain("Närvaro: 100 % (60 av 60 pass)");
    expect(lines.slice(-4)).toEqual(["Underskrift", "Underskriven av Sara Nilsson 2026-11-02 10:15.", "Ersätter 1 tidigare underskrift.", "Utskrivet 2026-11-23 15:05 för Ingrid Ødegård"]);
    const empty = attendanceLines(sample({ days: [], signoff: "Inte underskriven.", signoffNote: null }));
    expect(empty).toContain("Inga schemalagda aktiviteter den här månaden.");
    expect(empty).not.toContain("Hela månaden | 180 h | 179 h 30 min | 0 min | 0 min | 0 min");
    expect(empty.slice(-2)).toEqual(["Inte underskriven.", "Utskrivet 2026-11-23 15:05 för Ingrid Ødegård"]);
    expect(attendanceLayout(sample()).title).toBe("Närvarorapport Oktober 2026");
  });

  it("renders a tagged PDF 1.7 with language, title, embedded font, the table and page numbers", async () => {
    const { numPages, pages, outline } = await expectTaggedReport(await renderAttendancePdf(sample()), { lang: "sv-SE", title: "Närvarorapport Oktober 2026" });
    expect(numPages).toBeGreaterThanOrEqual(2);
    expect(pages.join("\n")).toContain("Zoë Müller-Łukasiewicz");
    // The header row is repeated on the next page, and no column header is broken inside a word.
    expect(pages[1]).toContain("Schemalagt");
    expect(pages[0]).toContain("Schemalagt");
    expect(outline).toEqual(["Per dag", "Sammanfattning", "Underskrift"]);
  });

  it("writes the same bytes for the same input, in the language it is given", async () => {
    expect((await renderAttendancePdf(sample())).equals(await renderAttendancePdf(sample()))).toBe(true);
    expect((await renderAttendancePdf(sample({ lang: "en-GB" }))).toString("latin1")).toContain("/Lang (en-GB)");
  });
});
