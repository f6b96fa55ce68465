import { Table } from "@navikt/ds-react";
import { type ReactNode, useId } from "react";

/**
 * A data table that scrolls sideways on a narrow screen (by keyboard too), with its caption (for screen readers) and one
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
  const captionId = useId();
  // The scrolling box is in the tab order, so it can be scrolled by keyboard on a narrow screen; a named group
  // (not a region: a landmark would repeat the section heading it sits under).
  return (
    <div className="table-scroll" role="group" aria-labelledby={captionId} tabIndex={0}>
      <Table size={size} data-testid={testId}>
        <caption className="visually-hidden" id={captionId}>
          {caption}
        </caption>
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
