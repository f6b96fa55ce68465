import { BodyShort, Link as AkselLink, Table } from "@navikt/ds-react";
import { Link } from "react-router";
import type { NetworkContactView } from "../../../services/network.ts";
import { DataTable } from "../DataTable.tsx";
import { MultilineText } from "../requests/RequestStatus.tsx";
import { useT } from "../../lib/i18n.ts";

/** The network's contacts as a table: current ones with a link to change or end them, ended ones with the day. */
export function NetworkTable({
  contacts,
  caption,
  enrolmentId,
  ended,
  canManage,
}: {
  contacts: NetworkContactView[];
  caption: string;
  enrolmentId: string;
  ended: boolean;
  canManage: boolean;
}) {
  const t = useT();
  return (
    <DataTable
      caption={caption}
      columns={[t("network.col.name"), t("network.col.where"), t("network.col.role"), t("network.col.reach"), t("network.col.note"), ended ? t("network.col.ended") : null, !ended && canManage ? t("network.col.actions") : null]}
      size="small"
      testId={ended ? "network-ended" : "network-current"}
    >
      {contacts.map((c) => (
        <Table.Row key={c.id}>
          <Table.HeaderCell scope="row">{c.name}</Table.HeaderCell>
          <Table.DataCell>
            <BodyShort size="small">{t(`network.kind.${c.kind}`)}</BodyShort>
            {c.organisation ? <BodyShort size="small">{c.organisation}</BodyShort> : null}
          </Table.DataCell>
          <Table.DataCell>{c.role}</Table.DataCell>
          <Table.DataCell>
            {c.phone ? (
              <BodyShort size="small">
                {t("network.phoneLabel")}: <AkselLink href={`tel:${c.phone.replace(/[^+\d]/g, "")}`}>{c.phone}</AkselLink>
              </BodyShort>
            ) : null}
            {c.email ? (
              <BodyShort size="small">
                {t("network.emailLabel")}: <AkselLink href={`mailto:${c.email}`}>{c.email}</AkselLink>
              </BodyShort>
            ) : null}
          </Table.DataCell>
          <Table.DataCell>
            <MultilineText text={c.note} empty="" />
          </Table.DataCell>
          {ended ? <Table.DataCell style={{ whiteSpace: "nowrap" }}>{c.endedAt ? t.date(new Date(c.endedAt)) : ""}</Table.DataCell> : null}
          {!ended && canManage ? (
            <Table.DataCell>
              <AkselLink as={Link} to={`/enrolments/${enrolmentId}/network/${c.id}`}>
                {t("network.edit")}
                <span className="visually-hidden"> ({c.name})</span>
              </AkselLink>
            </Table.DataCell>
          ) : null}
        </Table.Row>
      ))}
    </DataTable>
  );
}
