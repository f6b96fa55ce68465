import { BodyShort, Table } from "@navikt/ds-react";
import type { Currency, Minor } from "../../../domain/money.ts";
import { FINSAM_FIGURES, FINSAM_SEXES, type SuppressedFinsamYear } from "../../../domain/national-reporting.ts";
import type { SuppressedCell } from "../../../domain/suppression.ts";
import type { Translator } from "../../../i18n/index.ts";
import type { FinsamMoney } from "../../../services/national-reporting.ts";
import { useT } from "../../lib/i18n.ts";
import { DataTable } from "../DataTable.tsx";
import { money } from "../travel/labels.ts";

// The Finsam figures: participants by sex (new, ongoing, ended, all) as a table with a caption, and the
// budgeted participants, budget and actual costs. Suppressed figures say so in words.

const numberCell = { textAlign: "right", whiteSpace: "nowrap" } as const;

export function suppressedText(t: Translator, cell: SuppressedCell): string {
  if ("shown" in cell) return t.number(cell.shown);
  return t(cell.suppressed === "fewer_than_5" ? "goals.figure.fewerThan5" : "goals.figure.hidden");
}

export function FinsamTable({ figures, caption, testId }: { figures: SuppressedFinsamYear; caption: string; testId?: string }) {
  const t = useT();
  return (
    <DataTable caption={caption} size="small" testId={testId} columns={[t("reports.csv.sex"), ...FINSAM_FIGURES.map((f) => t(`reports.figure.${f}`))]}>
      {FINSAM_SEXES.map((s) => (
        <Table.Row key={s} data-sex={s}>
          <Table.HeaderCell scope="row">{t(`reports.sex.${s}`)}</Table.HeaderCell>
          {FINSAM_FIGURES.map((f) => (
            <Table.DataCell key={f} style={numberCell} data-figure={f}>
              {suppressedText(t, figures.bySex[s][f])}
            </Table.DataCell>
          ))}
        </Table.Row>
      ))}
      <Table.Row data-sex="total">
        <Table.HeaderCell scope="row">{t("reports.sex.total")}</Table.HeaderCell>
        {FINSAM_FIGURES.map((f) => (
          <Table.DataCell key={f} style={numberCell} data-figure={f}>
            <strong>{suppressedText(t, figures.total[f])}</strong>
          </Table.DataCell>
        ))}
      </Table.Row>
    </DataTable>
  );
}

export function FinsamMoneyTable({ caption, budgeted, budgetedDefault, money: figures, testId }: { caption: string; budgeted: number; budgetedDefault: boolean; money: FinsamMoney | null; testId?: string }) {
  const t = useT();
  const m = (minor: Minor, currency: Currency) => money(t, minor, currency);
  return (
    <>
      <DataTable caption={caption} size="small" testId={testId} columns={[t("reports.money.what"), t("reports.money.value")]}>
        <Table.Row>
          <Table.HeaderCell scope="row">{t("reports.figure.budgeted")}</Table.HeaderCell>
          <Table.DataCell style={numberCell}>
            {t.number(budgeted)}
            {budgetedDefault ? ` (${t("reports.money.defaultGoal")})` : ""}
          </Table.DataCell>
        </Table.Row>
        <Table.Row>
          <Table.HeaderCell scope="row">{t("reports.figure.budget")}</Table.HeaderCell>
          <Table.DataCell style={numberCell}>{figures ? m(figures.budget, figures.currency) : t("reports.money.notShown")}</Table.DataCell>
        </Table.Row>
        <Table.Row>
          <Table.HeaderCell scope="row">{t("reports.figure.actual")}</Table.HeaderCell>
          <Table.DataCell style={numberCell}>{figures ? m(figures.actual, figures.currency) : t("reports.money.notShown")}</Table.DataCell>
        </Table.Row>
      </DataTable>
      {figures ? null : <BodyShort textColor="subtle">{t("reports.money.noAccess")}</BodyShort>}
    </>
  );
}
