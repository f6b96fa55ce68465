import { Link as AkselLink, Table } from "@navikt/ds-react";
import { Link } from "react-router";
import type { MeetingSummary } from "../../../services/meetings.ts";
import { useT } from "../../lib/i18n.ts";
import { MeetingStatusTag } from "./status.tsx";

/** Meetings as a table: date (a link to the meeting), time, place, number of items, status. */
export function MeetingTable({ meetings, labelledBy }: { meetings: MeetingSummary[]; labelledBy: string }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <Table zebraStripes aria-labelledby={labelledBy}>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">{t("meetings.table.date")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("meetings.table.time")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("meetings.table.place")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("meetings.table.items")}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t("meetings.table.status")}</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {meetings.map((m) => (
            <Table.Row key={m.id}>
              <Table.HeaderCell scope="row">
                <AkselLink as={Link} to={`/meetings/${m.id}`}>
                  {t.date(m.date, "long")}
                </AkselLink>
              </Table.HeaderCell>
              <Table.DataCell>{t("meetings.time", { start: m.startTime, end: m.endTime })}</Table.DataCell>
              <Table.DataCell>{m.location || t("meetings.noPlace")}</Table.DataCell>
              <Table.DataCell>{t.number(m.items)}</Table.DataCell>
              <Table.DataCell>
                <MeetingStatusTag t={t} status={m.status} />
              </Table.DataCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
