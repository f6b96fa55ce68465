import { BodyShort, Link as AkselLink, Table, Tag } from "@navikt/ds-react";
import { Link } from "react-router";
import type { AttendanceBand, AttendanceRate } from "../../../domain/attendance.ts";
import type { Translator } from "../../../i18n/index.ts";
import type { GroupAttendanceRow, HistorySession, PeriodRate } from "../../../services/attendance.ts";
import { useT } from "../../lib/i18n.ts";
import { personText } from "../../lib/person-label.ts";
import { DataTable } from "../DataTable.tsx";

// Rates, bands and the session history. A band is said in words next to the figure (never by colour alone).

const BAND_VARIANT: Record<AttendanceBand, "success" | "warning" | "error"> = { compliant: "success", partial: "warning", not_compliant: "error" };

/** "83 % (10 of 12)", or "no sessions counted yet". */
export function rateText(t: Translator, rate: AttendanceRate): string {
  return rate.percent === null ? t("attendance.rate.none") : t("attendance.rate.value", { percent: rate.percent, attended: rate.attended, counted: rate.counted });
}

export function BandTag({ rate }: { rate: AttendanceRate }) {
  const t = useT();
  if (rate.band === null) return null;
  return (
    <Tag variant={BAND_VARIANT[rate.band]} size="small" data-testid="band">
      {t(`attendance.band.${rate.band}`)}
    </Tag>
  );
}

/** The rate with its band and the counts behind it, as a description list. */
export function RateSummary({ rate }: { rate: AttendanceRate }) {
  const t = useT();
  return (
    <dl className="details-list" data-testid="rate-summary">
      <dt>{t("attendance.rate.label")}</dt>
      <dd>
        {rateText(t, rate)} <BandTag rate={rate} />
      </dd>
      <dt>{t("attendance.status.present")}</dt>
      <dd>{rate.present}</dd>
      <dt>{t("attendance.status.late")}</dt>
      <dd>{rate.late}</dd>
      <dt>{t("attendance.status.absent_without_notice")}</dt>
      <dd>{rate.absentWithoutNotice}</dd>
      <dt>{t("attendance.status.absent_with_notice")}</dt>
      <dd>{rate.absentWithNotice}</dd>
      <dt>{t("attendance.status.sick")}</dt>
      <dd>{rate.sick}</dd>
      <dt>{t("attendance.status.none")}</dt>
      <dd>{rate.unrecorded}</dd>
    </dl>
  );
}

export function PeriodRateTable({ rows, period, caption }: { rows: readonly PeriodRate[]; period: "week" | "month"; caption: string }) {
  const t = useT();
  if (rows.length === 0) return <BodyShort>{t("attendance.history.noSessions")}</BodyShort>;
  return (
    <DataTable caption={caption} size="small" columns={[t(`attendance.period.${period}`), t("attendance.rate.label"), t("attendance.band.label")]}>
      {rows.map((r) => (
        <Table.Row key={r.period}>
          <Table.DataCell>{period === "week" ? t("attendance.period.weekOf", { date: t.date(r.period) }) : monthText(t, r.period)}</Table.DataCell>
          <Table.DataCell>{rateText(t, r.rate)}</Table.DataCell>
          <Table.DataCell>{r.rate.band ? t(`attendance.band.${r.rate.band}`) : "–"}</Table.DataCell>
        </Table.Row>
      ))}
    </DataTable>
  );
}

/** "december 2026" from "2026-12". */
export function monthText(t: Translator, month: string): string {
  return `${t(`schedule.month.${Number(month.slice(5, 7))}`)} ${month.slice(0, 4)}`;
}

export function statusText(t: Translator, s: { status: HistorySession["status"]; minutesLate: number }): string {
  if (s.status === null) return t("attendance.status.none");
  if (s.status === "late" && s.minutesLate > 0) return t("attendance.status.lateBy", { minutes: s.minutesLate });
  return t(`attendance.status.${s.status}`);
}

export function HistoryTable({ sessions, today }: { sessions: readonly HistorySession[]; today: string }) {
  const t = useT();
  if (sessions.length === 0) return <BodyShort>{t("attendance.history.noSessions")}</BodyShort>;
  return (
    <DataTable caption={t("attendance.history.sessionsCaption")} size="small" testId="history" columns={[t("attendance.history.date"), t("attendance.history.session"), t("attendance.history.status")]}>
      {sessions.map((s) => (
        <Table.Row key={s.ref}>
          <Table.DataCell>
            {t.date(s.date)} {s.start}–{s.end}
          </Table.DataCell>
          <Table.DataCell>
            <AkselLink as={Link} to={`/schedule/sessions/${encodeURIComponent(s.ref)}`}>
              {s.title}
            </AkselLink>
          </Table.DataCell>
          <Table.DataCell>{s.date > today && s.status === null ? t("attendance.history.ahead") : statusText(t, s)}</Table.DataCell>
        </Table.Row>
      ))}
    </DataTable>
  );
}

export function GroupTable({ rows }: { rows: readonly GroupAttendanceRow[] }) {
  const t = useT();
  if (rows.length === 0) return <BodyShort>{t("attendance.group.nobody")}</BodyShort>;
  return (
    <DataTable
      caption={t("attendance.group.caption")}
      size="small"
      testId="group-attendance"
      columns={[t("attendance.group.person"), t("attendance.rate.label"), t("attendance.band.label"), t("attendance.status.absent_without_notice"), t("attendance.group.followUps")]}
    >
      {rows.map((r) => (
        <Table.Row key={r.person.personId}>
          <Table.DataCell>
            {r.enrolmentId ? (
              <AkselLink as={Link} to={`/enrolments/${r.enrolmentId}/attendance`}>
                {personText(t, r.person)}
              </AkselLink>
            ) : (
              personText(t, r.person)
            )}
          </Table.DataCell>
          <Table.DataCell>{rateText(t, r.rate)}</Table.DataCell>
          <Table.DataCell>{r.rate.band ? t(`attendance.band.${r.rate.band}`) : "–"}</Table.DataCell>
          <Table.DataCell>{r.rate.absentWithoutNotice}</Table.DataCell>
          <Table.DataCell>{r.openFollowUps > 0 ? t("attendance.group.openFollowUps", { count: r.openFollowUps }) : "–"}</Table.DataCell>
        </Table.Row>
      ))}
    </DataTable>
  );
}
