import { Table } from "@navikt/ds-react";
import type { ReactNode } from "react";

/**
 * A data table that scrolls sideways on a narrow screen, with its caption (for screen readers) and one
 * header row of column headers (a null column is left out); `children` are its body's rows.
 */
export function DataTable({
  caption,
  columns,
  size,
  testId,
  children,
}: {
  caption: ReactNode;
  columns: ReactNode[];
  size?: "small" | "medium" | undefined;
  testId?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <Table size={size} data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Header>
          <Table.Row>
            {columns.map((column, index) =>
              column === null ? null : (
                <Table.HeaderCell key={index} scope="col">
                  {column}
                </Table.HeaderCell>
              ),
            )}
          </Table.Row>
        </Table.Header>
        <Table.Body>{children}</Table.Body>
      </Table>
    </div>
  );
}
