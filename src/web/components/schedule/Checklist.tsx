import { Table } from "@navikt/ds-react";
import type { Checklist } from "../../../services/schedule.ts";
import { ACCESSIBILITY_ITEMS } from "../../../services/schemas/schedule.ts";
import { useT } from "../../lib/i18n.ts";
import { DataTable } from "../DataTable.tsx";

/** KRUT's accessibility checklist of a venue: every item, its status and note. */
export function ChecklistTable({ checklist, venue }: { checklist: Checklist; venue: string }) {
  const t = useT();
  return (
    <DataTable caption={t("venues.checklist.caption", { venue })} columns={[t("venues.checklist.col.item"), t("venues.checklist.col.status"), t("venues.checklist.col.note")]} size="small">
      {ACCESSIBILITY_ITEMS.map((item) => (
        <Table.Row key={item} data-testid="checklist-item" data-item={item}>
          <Table.HeaderCell scope="row">{t(`venues.checklist.item.${item}`)}</Table.HeaderCell>
          <Table.DataCell>{t(`venues.checklist.status.${checklist[item].status}`)}</Table.DataCell>
          <Table.DataCell>{checklist[item].note}</Table.DataCell>
        </Table.Row>
      ))}
    </DataTable>
  );
}
