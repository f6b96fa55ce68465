import type { SubmissionResult } from "@conform-to/react";
import { Table, Tag } from "@navikt/ds-react";
import type { WorkScope } from "../../../domain/work.ts";
import { WORK_SCOPES } from "../../../domain/work.ts";
import type { WorkView } from "../../../services/work.ts";
import { DataTable } from "../DataTable.tsx";
import { MultilineText } from "../requests/RequestStatus.tsx";
import { useT } from "../../lib/i18n.ts";
import { EndWorkForm } from "./WorkForms.tsx";

/** The Supported Employment measures: one row per measure, one column per scope (what counts as work). */
export function WorkMeasuresTable({ measures }: { measures: WorkView["measures"] }) {
  const t = useT();
  const none = t("work.measures.none");
  const rows: { key: string; label: string; value: (scope: WorkScope) => string }[] = [
    { key: "days", label: t("work.measures.daysToFirst"), value: (s) => (measures[s].daysToFirst === null ? none : t.number(measures[s].daysToFirst!)) },
    { key: "first", label: t("work.measures.firstStart"), value: (s) => (measures[s].firstStart ? t.date(measures[s].firstStart!) : none) },
    { key: "hours", label: t("work.measures.hoursNow"), value: (s) => t.number(measures[s].hoursPerWeekNow) },
    { key: "weeks", label: t("work.measures.weeksWorked"), value: (s) => t.number(measures[s].weeksWorked) },
  ];
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t("work.measures.caption")}>
      <Table size="small" data-testid="work-measures">
        <caption className="visually-hidden">{t("work.measures.caption")}</caption>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">{t("work.measures.measure")}</Table.HeaderCell>
            {WORK_SCOPES.map((s) => (
              <Table.HeaderCell key={s} scope="col">
                {t(`work.scope.${s}`)}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((r) => (
            <Table.Row key={r.key}>
              <Table.HeaderCell scope="row">{r.label}</Table.HeaderCell>
              {WORK_SCOPES.map((s) => (
                <Table.DataCell key={s}>{r.value(s)}</Table.DataCell>
              ))}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

/** The placements and jobs, newest first; those still going (or ending later) can be ended. */
export function WorkTable({
  work,
  endResult,
}: {
  work: WorkView;
  endResult: (placementId: string) => SubmissionResult<string[]> | null;
}) {
  const t = useT();
  return (
    <DataTable
      caption={t("work.list.caption")}
      columns={[t("work.col.employer"), t("work.col.kind"), t("work.col.start"), t("work.col.end"), t("work.col.hours"), t("work.col.status"), work.canManage ? t("work.col.actions") : null]}
      size="small"
      testId="work-placements"
    >
      {work.placements.map((p) => {
        const status = p.upcoming ? "upcoming" : p.ongoing ? "ongoing" : "ended";
        return (
          <Table.Row key={p.id} data-testid="work-row">
            <Table.HeaderCell scope="row">
              {p.employer}
              {p.note ? (
                <div style={{ fontWeight: "normal" }}>
                  <MultilineText text={p.note} empty="" />
                </div>
              ) : null}
            </Table.HeaderCell>
            <Table.DataCell>{t(`work.kind.${p.kind}`)}</Table.DataCell>
            <Table.DataCell style={{ whiteSpace: "nowrap" }}>{t.date(p.startDate)}</Table.DataCell>
            <Table.DataCell style={{ whiteSpace: "nowrap" }}>{p.endDate ? t.date(p.endDate) : t("work.noEnd")}</Table.DataCell>
            <Table.DataCell>{t.number(p.hoursPerWeek)}</Table.DataCell>
            <Table.DataCell>
              <Tag variant={status === "ongoing" ? "success" : "neutral"} size="xsmall">
                {t(`work.status.${status}`)}
              </Tag>
            </Table.DataCell>
            {work.canManage ? (
              <Table.DataCell>{p.canEnd ? <EndWorkForm placementId={p.id} employer={p.employer} today={work.today} lastResult={endResult(p.id)} /> : null}</Table.DataCell>
            ) : null}
          </Table.Row>
        );
      })}
    </DataTable>
  );
}
