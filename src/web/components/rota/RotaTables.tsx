import { BodyShort, Table, Tag } from "@navikt/ds-react";
import type { RotaCountView, RotaDayView } from "../../../services/rota.ts";
import { useT } from "../../lib/i18n.ts";
import { personText } from "../../lib/person-label.ts";

// The breakfast rota as tables: who has breakfast on each group day, with what needs doing, and the
// number of breakfasts per participant, so that fairness is there to see.

function DayStatus({ day, seesNames }: { day: RotaDayView; seesNames: boolean }) {
  const t = useT();
  if (day.past) return <BodyShort size="small">{t("rota.status.past")}</BodyShort>;
  if (!day.groupDay) return <Tag variant="warning" size="small">{t("rota.status.notGroupDay")}</Tag>;
  const away = day.duties.filter((d) => !d.available);
  if (seesNames && away.length) {
    return (
      <Tag variant="warning" size="small">
        {away.map((d) => t("rota.status.away", { name: personText(t, d.person) })).join(" ")}
      </Tag>
    );
  }
  if (day.shortfall > 0) {
    const key = day.availableCount === 0 ? "rota.status.nobodyAvailable" : day.onDuty > 0 ? "rota.status.awayHidden" : "rota.status.unplanned";
    return (
      <Tag variant="warning" size="small" data-testid="rota-shortfall">
        {t(key)}
      </Tag>
    );
  }
  return <BodyShort size="small">{t("rota.status.ok")}</BodyShort>;
}

export function RotaTable({ days, seesNames, from, to, today }: { days: RotaDayView[]; seesNames: boolean; from: string; to: string; today: string }) {
  const t = useT();
  return (
    <Table data-testid="rota-table">
      <caption className="visually-hidden">{t("rota.table.caption", { from: t.date(from, "long"), to: t.date(to, "long") })}</caption>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell scope="col">{t("rota.table.date")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("rota.table.onDuty")}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t("rota.table.status")}</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {days.map((day) => (
          <Table.Row key={day.date} data-testid="rota-day" data-date={day.date}>
            <Table.HeaderCell scope="row">
              {t.date(day.date, "long")}
              {day.date === today ? ` (${t("schedule.today")})` : ""}
            </Table.HeaderCell>
            <Table.DataCell>
              {seesNames
                ? day.duties.length
                  ? day.duties.map((d) => personText(t, d.person)).join(", ")
                  : t("rota.table.nobody")
                : day.onDuty > 0
                  ? t("rota.table.planned")
                  : t("rota.table.notPlanned")}
            </Table.DataCell>
            <Table.DataCell>
              <DayStatus day={day} seesNames={seesNames} />
            </Table.DataCell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

export function CountsTable({ counts }: { counts: RotaCountView[] }) {
  const t = useT();
  return (
    <Table data-testid="rota-counts" size="small">
      <caption className="visually-hidden">{t("rota.counts.caption")}</caption>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell scope="col">{t("rota.counts.person")}</Table.HeaderCell>
          <Table.HeaderCell scope="col" align="right">
            {t("rota.counts.inPeriod")}
          </Table.HeaderCell>
          <Table.HeaderCell scope="col" align="right">
            {t("rota.counts.total")}
          </Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {counts.map((c) => (
          <Table.Row key={c.person.personId}>
            <Table.HeaderCell scope="row">{personText(t, c.person)}</Table.HeaderCell>
            <Table.DataCell align="right">{c.inPeriod}</Table.DataCell>
            <Table.DataCell align="right">{c.total}</Table.DataCell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
