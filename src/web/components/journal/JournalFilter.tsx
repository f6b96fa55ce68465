import { Button, Fieldset, HStack, Link as AkselLink, Select, TextField } from "@navikt/ds-react";
import { Form, Link } from "react-router";
import { JOURNAL_KINDS } from "../../../services/schemas/journal.ts";
import { useT } from "../../lib/i18n.ts";

export interface FilterValues {
  kind: string;
  author: string;
  from: string;
  to: string;
}

/**
 * The journal's filters: a plain GET form, so the filtered list has its own address and works without
 * JavaScript. A filter the service refused shows its message at its field, with what was typed.
 */
export function JournalFilter({
  action,
  values,
  authors,
  errors,
}: {
  action: string;
  values: FilterValues;
  authors: { id: string; name: string }[];
  errors: Partial<Record<keyof FilterValues, string>>;
}) {
  const t = useT();
  const filtered = Object.values(values).some((v) => v !== "");
  return (
    <Form method="get" action={action} role="search" aria-labelledby="journal-filter-legend">
      <Fieldset legend={<span id="journal-filter-legend">{t("journal.filter.legend")}</span>} size="small">
        <HStack gap="space-16" align="end" wrap>
          <Select id="filter-kind" name="kind" label={t("journal.filter.kind")} defaultValue={values.kind} error={errors.kind} size="small">
            <option value="">{t("journal.filter.any")}</option>
            {JOURNAL_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`journal.kind.${k}`)}
              </option>
            ))}
          </Select>
          <Select id="filter-author" name="author" label={t("journal.filter.author")} defaultValue={values.author} error={errors.author} size="small">
            <option value="">{t("journal.filter.any")}</option>
            {authors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
          <TextField id="filter-from" name="from" label={t("journal.filter.from")} description={t("journal.filter.dateHelp")} defaultValue={values.from} error={errors.from} htmlSize={12} size="small" autoComplete="off" />
          <TextField id="filter-to" name="to" label={t("journal.filter.to")} description={t("journal.filter.dateHelp")} defaultValue={values.to} error={errors.to} htmlSize={12} size="small" autoComplete="off" />
          <Button type="submit" variant="secondary" size="small">
            {t("journal.filter.submit")}
          </Button>
          {filtered ? (
            <AkselLink as={Link} to={action}>
              {t("journal.filter.clear")}
            </AkselLink>
          ) : null}
        </HStack>
      </Fieldset>
    </Form>
  );
}
