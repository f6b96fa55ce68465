import type { SubmissionResult } from "@conform-to/react";
import { Alert, BodyShort, Link as AkselLink, Table } from "@navikt/ds-react";
import type { BudgetBalance, Currency, MonthTotal } from "../../../domain/money.ts";
import { DataTable } from "../DataTable.tsx";
import { useT } from "../../lib/i18n.ts";
import { VoidForm } from "./TravelForms.tsx";
import { money, type TravelPersonLike, travelPersonLabel } from "./labels.ts";

// The travel-money page's tables: the balance against the budget, the year's disbursements (voided ones
// struck out, with the reason), and the report's sums per month and per participant.

const amountCell = { textAlign: "right", whiteSpace: "nowrap" } as const;

/** Budget, disbursed and what is left (or by how much it is overspent, said in words, not only in colour). */
export function BalanceTable({ balance, budgetSet, currency, year }: { balance: BudgetBalance; budgetSet: boolean; currency: Currency; year: number }) {
  const t = useT();
  return (
    <>
      {!budgetSet ? (
        <Alert variant="info" size="small">
          {t("travel.balance.noBudget", { year })}
        </Alert>
      ) : null}
      {budgetSet && balance.overspent ? (
        <Alert variant="warning" size="small">
          {t("travel.balance.overspent", { amount: money(t, -balance.balance, currency) })}
        </Alert>
      ) : null}
      <div className="table-scroll">
        <Table size="small" data-testid="travel-balance">
          <caption className="visually-hidden">{t("travel.balance.caption")}</caption>
          <Table.Body>
            <Table.Row>
              <Table.HeaderCell scope="row">{t("travel.balance.budget")}</Table.HeaderCell>
              <Table.DataCell style={amountCell}>{budgetSet ? money(t, balance.budget, currency) : t("travel.balance.notSet")}</Table.DataCell>
            </Table.Row>
            <Table.Row>
              <Table.HeaderCell scope="row">{t("travel.balance.disbursed")}</Table.HeaderCell>
              <Table.DataCell style={amountCell}>{money(t, balance.disbursed, currency)}</Table.DataCell>
            </Table.Row>
            <Table.Row>
              <Table.HeaderCell scope="row">{balance.overspent ? t("travel.balance.overspentBy") : t("travel.balance.left")}</Table.HeaderCell>
              <Table.DataCell style={amountCell}>
                <strong>{money(t, balance.overspent ? -balance.balance : balance.balance, currency)}</strong>
              </Table.DataCell>
            </Table.Row>
          </Table.Body>
        </Table>
      </div>
    </>
  );
}

export interface DisbursementRow {
  id: string;
  person: TravelPersonLike;
  date: string;
  amount: number;
  currency: Currency;
  purpose: string;
  paidBy: string;
  receipt: { name: string } | null;
  recordedBy: string;
  voided: { at: Date; by: string; reason: string } | null;
}

export function DisbursementTable({
  programId,
  rows,
  voidResult,
}: {
  programId: string;
  rows: DisbursementRow[];
  voidResult: (disbursementId: string) => SubmissionResult<string[]> | null;
}) {
  const t = useT();
  return (
    <DataTable
      caption={t("travel.list.caption")}
      columns={[t("travel.col.date"), t("travel.col.person"), t("travel.col.amount"), t("travel.col.purpose"), t("travel.col.paidBy"), t("travel.col.receipt"), t("travel.col.status")]}
      size="small"
      testId="travel-disbursements"
    >
      {rows.map((d) => {
        const person = travelPersonLabel(t, d.person);
        const label = `${t.date(d.date)}, ${person}, ${money(t, d.amount, d.currency)}`;
        return (
          <Table.Row key={d.id} data-testid="travel-row">
            <Table.DataCell style={{ whiteSpace: "nowrap" }}>{t.date(d.date)}</Table.DataCell>
            <Table.HeaderCell scope="row">{person}</Table.HeaderCell>
            <Table.DataCell style={amountCell}>{d.voided ? <s>{money(t, d.amount, d.currency)}</s> : money(t, d.amount, d.currency)}</Table.DataCell>
            <Table.DataCell>{d.purpose}</Table.DataCell>
            <Table.DataCell>{d.paidBy}</Table.DataCell>
            <Table.DataCell>
              {d.receipt ? (
                <AkselLink href={`/programs/${programId}/travel-receipts/${d.id}`} download>
                  {t("travel.receipt.download")}
                  <span className="visually-hidden"> ({label})</span>
                </AkselLink>
              ) : (
                <BodyShort size="small" textColor="subtle">
                  {t("travel.receipt.none")}
                </BodyShort>
              )}
            </Table.DataCell>
            <Table.DataCell>
              {d.voided ? (
                <BodyShort size="small">
                  <strong>{t("travel.status.voided")}</strong>
                  <br />
                  {t("travel.status.voidedBy", { name: d.voided.by, date: t.date(d.voided.at), reason: d.voided.reason })}
                </BodyShort>
              ) : (
                <>
                  <BodyShort size="small">{t("travel.status.recorded", { name: d.recordedBy })}</BodyShort>
                  <VoidForm disbursementId={d.id} label={label} lastResult={voidResult(d.id)} />
                </>
              )}
            </Table.DataCell>
          </Table.Row>
        );
      })}
    </DataTable>
  );
}

export function MonthTable({ months, count, disbursed, currency, year }: { months: MonthTotal[]; count: number; disbursed: number; currency: Currency; year: number }) {
  const t = useT();
  return (
    <DataTable caption={t("travel.report.monthsCaption")} columns={[t("travel.report.col.month"), t("travel.report.col.count"), t("travel.report.col.total")]} size="small" testId="travel-months">
      {months.map((m) => (
        <Table.Row key={m.month}>
          <Table.HeaderCell scope="row">{`${t(`travel.month.${Number(m.month.slice(5, 7))}`)} ${year}`}</Table.HeaderCell>
          <Table.DataCell style={amountCell}>{m.count}</Table.DataCell>
          <Table.DataCell style={amountCell}>{money(t, m.total, currency)}</Table.DataCell>
        </Table.Row>
      ))}
      <Table.Row>
        <Table.HeaderCell scope="row">{t("travel.report.sum")}</Table.HeaderCell>
        <Table.DataCell style={amountCell}>
          <strong>{count}</strong>
        </Table.DataCell>
        <Table.DataCell style={amountCell}>
          <strong>{money(t, disbursed, currency)}</strong>
        </Table.DataCell>
      </Table.Row>
    </DataTable>
  );
}

export function ParticipantTable({ participants, currency }: { participants: (TravelPersonLike & { total: number; count: number })[]; currency: Currency }) {
  const t = useT();
  return (
    <DataTable
      caption={t("travel.report.participantsCaption")}
      columns={[t("travel.report.col.participant"), t("travel.report.col.count"), t("travel.report.col.total")]}
      size="small"
      testId="travel-participants"
    >
      {participants.map((p) => (
        <Table.Row key={p.personId}>
          <Table.HeaderCell scope="row">{travelPersonLabel(t, p)}</Table.HeaderCell>
          <Table.DataCell style={amountCell}>{p.count}</Table.DataCell>
          <Table.DataCell style={amountCell}>{money(t, p.total, currency)}</Table.DataCell>
        </Table.Row>
      ))}
    </DataTable>
  );
}
