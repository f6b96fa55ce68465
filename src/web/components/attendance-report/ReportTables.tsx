import { BodyShort, Table } from "@navikt/ds-react";
import type { ReportDay } from "../../../domain/attendance.ts";
import type { ReportTotals } from "../../../services/attendance-report.ts";
import { weekdayOf } from "../../../domain/calendar.ts";
import { durationText, monthTitle } from "../../../i18n/messages/attendance-report.ts";
import { DataTable } from "../DataTable.tsx";
import { useT } from "../../lib/i18n.ts";

// The monthly attendance report's tables: what the report is about (program, participant, period, paying
// authority), the days (scheduled against attended, with excused, unexcused and unrecorded time, and the
// day's sessions in words) with the month's totals, and the month's rate.

const timeCell = { textAlign: "right", whiteSpace: "nowrap" } as const;

/** The month's totals as the tables show them (the service's, or a sign-off's snapshot of them). */
export type ReportTotalsLike = Omit<ReportTotals, "excusedSessions">;

export function FactsTable({ rows }: { rows: { label: string; value: string; detail?: string | null }[] }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <Table size="small" data-testid="attendance-report-facts">
        <caption className="visually-hidden">{t("attendanceReport.facts.caption")}</caption>
        <Table.Body>
          {rows.map((row) => (
            <Table.Row key={row.label}>
              <Table.HeaderCell scope="row">{row.label}</Table.HeaderCell>
              <Table.DataCell>
                {row.value}
                {row.detail ? (
                  <BodyShort as="span" size="small" textColor="subtle">
                    {" "}
                    ({row.detail})
                  </BodyShort>
                ) : null}
              </Table.DataCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

export function DayTable({ month, days, totals, titles }: { month: string; days: ReportDay[]; totals: ReportTotalsLike; titles: Record<string, string> }) {
  const t = useT();
  const d = (minutes: number) => durationText(t, minutes);
  return (
    <DataTable
      caption={t("attendanceReport.days.caption", { month: monthTitle(t, month) })}
      columns={[
        t("attendanceReport.col.date"),
        t("attendanceReport.col.sessions"),
        t("attendanceReport.col.scheduled"),
        t("attendanceReport.col.attended"),
        t("attendanceReport.col.excused"),
        t("attendanceReport.col.unexcused"),
        t("attendanceReport.col.unrecorded"),
      ]}
      size="small"
      testId="attendance-report-days"
    >
      {days.map((day) => (
        <Table.Row key={day.date} data-testid="attendance-report-day" data-date={day.date}>
          <Table.HeaderCell scope="row" style={{ whiteSpace: "nowrap" }}>
            {`${t(`schedule.weekdayShort.${weekdayOf(day.date)}`)} ${t.date(day.date)}`}
          </Table.HeaderCell>
          <Table.DataCell>
            <ul style={{ margin: 0, paddingLeft: 0, listStyle: "none" }}>
              {day.sessions.map((s) => (
                <li key={s.sessionId}>
                  <BodyShort size="small">
                    {`${s.start}–${s.end} ${titles[s.sessionId] ?? ""}: `}
                    {t(`attendanceReport.status.${s.status ?? "unrecorded"}`)}
                    {s.status === "late" && s.minutesLate > 0 ? ` (${t("attendanceReport.late", { minutes: s.minutesLate })})` : ""}
                  </BodyShort>
                </li>
              ))}
            </ul>
          </Table.DataCell>
          <Table.DataCell style={timeCell}>{d(day.scheduledMinutes)}</Table.DataCell>
          <Table.DataCell style={timeCell}>{d(day.attendedMinutes)}</Table.DataCell>
          <Table.DataCell style={timeCell}>{d(day.excusedMinutes)}</Table.DataCell>
          <Table.DataCell style={timeCell}>{d(day.unexcusedMinutes)}</Table.DataCell>
          <Table.DataCell style={timeCell}>{d(day.unrecordedMinutes)}</Table.DataCell>
        </Table.Row>
      ))}
      <Table.Row data-testid="attendance-report-total">
        <Table.HeaderCell scope="row">{t("attendanceReport.total")}</Table.HeaderCell>
        <Table.DataCell />
        <Table.DataCell style={timeCell}>
          <strong>{d(totals.scheduledMinutes)}</strong>
        </Table.DataCell>
        <Table.DataCell style={timeCell}>
          <strong>{d(totals.attendedMinutes)}</strong>
        </Table.DataCell>
        <Table.DataCell style={timeCell}>
          <strong>{d(totals.excusedMinutes)}</strong>
        </Table.DataCell>
        <Table.DataCell style={timeCell}>
          <strong>{d(totals.unexcusedMinutes)}</strong>
        </Table.DataCell>
        <Table.DataCell style={timeCell}>
          <strong>{d(totals.unrecordedMinutes)}</strong>
        </Table.DataCell>
      </Table.Row>
    </DataTable>
  );
}

export function SummaryTable({ month, totals }: { month: string; totals: ReportTotalsLike }) {
  const t = useT();
  const counted = totals.attendedSessions + totals.unexcusedSessions;
  return (
    <>
      <div className="table-scroll">
        <Table size="small" data-testid="attendance-report-summary">
          <caption className="visually-hidden">{t("attendanceReport.summary.caption", { month: monthTitle(t, month) })}</caption>
          <Table.Body>
            <Table.Row>
              <Table.HeaderCell scope="row">{t("attendanceReport.summary.rate")}</Table.HeaderCell>
              <Table.DataCell>
                {totals.percent === null
                  ? t("attendanceReport.summary.noRate")
                  : t("attendanceReport.summary.rateValue", { percent: totals.percent, attended: totals.attendedSessions, counted })}
              </Table.DataCell>
            </Table.Row>
            <Table.Row>
              <Table.HeaderCell scope="row">{t("attendanceReport.summary.sessions")}</Table.HeaderCell>
              <Table.DataCell>{totals.sessions}</Table.DataCell>
            </Table.Row>
            <Table.Row>
              <Table.HeaderCell scope="row">{t("attendanceReport.summary.unrecordedSessions")}</Table.HeaderCell>
              <Table.DataCell>{totals.unrecordedSessions}</Table.DataCell>
            </Table.Row>
          </Table.Body>
        </Table>
      </div>
      <BodyShort size="small" textColor="subtle" style={{ marginTop: "0.5rem" }}>
        {t("attendanceReport.summary.rateHelp")}
      </BodyShort>
    </>
  );
}
