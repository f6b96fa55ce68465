import type { OverviewCell } from "../../domain/followup-overview.ts";
import type { SuppressedCell } from "../../domain/suppression.ts";
import { defineMessages } from "../define.ts";
import type { Translator } from "../index.ts";

/** A suppressed count as text: the number, "fewer than 5" or "hidden". */
export function countText(t: Translator, cell: SuppressedCell): string {
  if ("shown" in cell) return t.number(cell.shown);
  return t(cell.suppressed === "fewer_than_5" ? "goals.figure.fewerThan5" : "goals.figure.hidden");
}

/** A goal's result as text (one program's, or across programs): "12", "40 % (4 of 10)", "fewer than 5 of 12", "nothing to measure". */
export function overviewCellText(t: Translator, measure: "count" | "percent", cell: OverviewCell): string {
  if (measure === "count") return countText(t, cell.numerator);
  const m = cell.denominator!;
  if ("shown" in m && m.shown === 0) return t("goals.figure.none");
  if (cell.value === null) return t("goals.figure.fraction", { n: countText(t, cell.numerator), m: countText(t, m) });
  return t("goals.figure.percent", { percent: cell.value, n: countText(t, cell.numerator), m: countText(t, m) });
}

/** A goal's target as text: "at least 30", "at least 90 %". */
export function goalTargetText(t: Translator, measure: "count" | "percent", target: number): string {
  return t(measure === "count" ? "goals.target.count" : "goals.target.percent", { target });
}

/** Whether a goal is met, as text (null: nothing to measure). */
export function goalMetText(t: Translator, met: boolean | null): string {
  return t(met === null ? "goals.met.none" : met ? "goals.met.yes" : "goals.met.no");
}

// The steering group's and the federation's follow-up: every program's goals with their total, and the
// quarterly report.
export const followupMessages = defineMessages({
  sv: {
    "auditAction.followup.overview": "Visade förbundets uppföljning",
    "auditAction.followup.quarterlyReport": "Hämtade styrgruppens kvartalsrapport",
    "followup.metaTitle": "Uppföljning för förbundet",
    "followup.homeTitle": "Uppföljning: {federation}",
    "followup.homeDescription": "Programmens mål och utfall, och kvartalsrapporten.",
    "followup.title": "Uppföljning {federation} {year}",
    "followup.intro": "Programmens mål mot utfallet, sida vid sida, och summan för alla program. Bara sammanställda siffror: inga personer.",
    "followup.period": "Siffrorna gäller {from} – {to}.",
    "followup.quarter": "Period",
    "followup.wholeYear": "Hela året",
    "followup.quarterOption": "Till och med kvartal {quarter}",
    "followup.caption": "Målen per program {year} och summan",
    "followup.col.total": "Alla program",
    "followup.totalNote": "Summan räknas på alla programs deltagare tillsammans (inte som ett medelvärde av procentsatserna). Programmen sätter egna mål, så summan har inget mål.",
    "followup.reports.heading": "Kvartalsrapporter {year}",
    "followup.reports.none": "Inget kvartal har börjat än.",
    "followup.reports.link": "Kvartal {quarter} {year} (PDF)",
    "followup.pdf.title": "{federation}: uppföljning kvartal {quarter} {year}",
    "followup.pdf.intro": "Programmens mål mot utfallet från årets början till kvartalets slut, för styrgruppen. Rapporten innehåller bara sammanställda siffror.",
    "followup.pdf.federation": "Förbund",
    "followup.pdf.period": "Period",
    "followup.pdf.programs": "Program",
    "followup.pdf.totalHeading": "Alla program",
    "followup.pdf.generated": "Utskrivet {time} för {name}",
    "followup.pdf.page": "Sida {page} av {pages}",
  },
  nb: {
    "auditAction.followup.overview": "Viste forbundets oppfølging",
    "auditAction.followup.quarterlyReport": "Hentet styringsgruppens kvartalsrapport",
    "followup.metaTitle": "Oppfølging for forbundet",
    "followup.homeTitle": "Oppfølging: {federation}",
    "followup.homeDescription": "Programmenes mål og resultater, og kvartalsrapporten.",
    "followup.title": "Oppfølging {federation} {year}",
    "followup.intro": "Programmenes mål mot resultatet, side om side, og summen for alle programmer. Bare sammenstilte tall: ingen personer.",
    "followup.period": "Tallene gjelder {from} – {to}.",
    "followup.quarter": "Periode",
    "followup.wholeYear": "Hele året",
    "followup.quarterOption": "Til og med kvartal {quarter}",
    "followup.caption": "Målene per program {year} og summen",
    "followup.col.total": "Alle programmer",
    "followup.totalNote": "Summen regnes på alle programmenes deltakere samlet (ikke som et gjennomsnitt av prosentene). Programmene setter egne mål, så summen har ikke noe mål.",
    "followup.reports.heading": "Kvartalsrapporter {year}",
    "followup.reports.none": "Ingen kvartaler har begynt ennå.",
    "followup.reports.link": "Kvartal {quarter} {year} (PDF)",
    "followup.pdf.title": "{federation}: oppfølging kvartal {quarter} {year}",
    "followup.pdf.intro": "Programmenes mål mot resultatet fra årets begynnelse til kvartalets slutt, for styringsgruppen. Rapporten inneholder bare sammenstilte tall.",
    "followup.pdf.federation": "Forbund",
    "followup.pdf.period": "Periode",
    "followup.pdf.programs": "Programmer",
    "followup.pdf.totalHeading": "Alle programmer",
    "followup.pdf.generated": "Skrevet ut {time} for {name}",
    "followup.pdf.page": "Side {page} av {pages}",
  },
  en: {
    "auditAction.followup.overview": "Viewed the federation's follow-up",
    "auditAction.followup.quarterlyReport": "Downloaded the steering group's quarterly report",
    "followup.metaTitle": "Follow-up for the federation",
    "followup.homeTitle": "Follow-up: {federation}",
    "followup.homeDescription": "The programs' goals and results, and the quarterly report.",
    "followup.title": "Follow-up {federation} {year}",
    "followup.intro": "The programs' goals against their results, side by side, and the total for all programs. Aggregates only: no people.",
    "followup.period": "The figures cover {from} – {to}.",
    "followup.quarter": "Period",
    "followup.wholeYear": "The whole year",
    "followup.quarterOption": "Up to the end of quarter {quarter}",
    "followup.caption": "The goals per program {year} and the total",
    "followup.col.total": "All programs",
    "followup.totalNote": "The total counts all programs' participants together (not a mean of the percentages). Programs set their own goals, so the total has no target.",
    "followup.reports.heading": "Quarterly reports {year}",
    "followup.reports.none": "No quarter has begun yet.",
    "followup.reports.link": "Quarter {quarter} {year} (PDF)",
    "followup.pdf.title": "{federation}: follow-up quarter {quarter} {year}",
    "followup.pdf.intro": "The programs' goals against their results from the start of the year to the end of the quarter, for the steering group. The report holds aggregates only.",
    "followup.pdf.federation": "Federation",
    "followup.pdf.period": "Period",
    "followup.pdf.programs": "Programs",
    "followup.pdf.totalHeading": "All programs",
    "followup.pdf.generated": "Printed {time} for {name}",
    "followup.pdf.page": "Page {page} of {pages}",
  },
});
