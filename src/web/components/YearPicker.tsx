import { Button, HStack, Select } from "@navikt/ds-react";
import type { ReactNode } from "react";
import { Form } from "react-router";

/**
 * A plain GET form that picks the year a page shows (works without JavaScript): the year, any further fields
 * (`children`, e.g. a quarter), the button, and what follows on the same line (`after`, e.g. a link).
 */
export function YearPicker({ years, year, label, submit, children, after }: { years: readonly number[]; year: number; label: string; submit: string; children?: ReactNode; after?: ReactNode }) {
  return (
    <Form method="get">
      <HStack gap="space-16" align="end">
        <Select name="year" label={label} defaultValue={String(year)} size="small">
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </Select>
        {children}
        <Button type="submit" variant="secondary" size="small">
          {submit}
        </Button>
        {after}
      </HStack>
    </Form>
  );
}
