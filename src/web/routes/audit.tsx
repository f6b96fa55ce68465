import { BodyShort, Button, Heading, HStack, Link as AkselLink, Table, TextField, VStack } from "@navikt/ds-react";
import { Form, Link } from "react-router";
import { assertMayReviewAuditLog, searchAuditLogPage } from "../../services/audit.ts";
import { ValidationError } from "../../services/errors.ts";
import { orResponse, requireUser, rethrowAsResponse } from "../lib/guards.server.ts";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/meta.ts";
import type { Route } from "./+types/audit";

const PAGE_SIZE = 50;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  // Refused before anything is read, whatever the filters say.
  try {
    assertMayReviewAuditLog(ctx);
  } catch (error) {
    rethrowAsResponse(error);
  }
  const url = new URL(request.url);
  const filters = {
    person: url.searchParams.get("person")?.trim() ?? "",
    user: url.searchParams.get("user")?.trim() ?? "",
    from: url.searchParams.get("from")?.trim() ?? "",
    to: url.searchParams.get("to")?.trim() ?? "",
  };
  const before = Number.parseInt(url.searchParams.get("before") ?? "", 10);
  const beforeSeq = Number.isSafeInteger(before) && before > 0 ? before : null;
  try {
    const page = await orResponse(
      searchAuditLogPage(ctx, {
        personReference: filters.person || undefined,
        actorEmail: filters.user || undefined,
        fromDate: filters.from || undefined,
        toDate: filters.to || undefined,
        beforeSeq: beforeSeq ?? undefined,
        limit: PAGE_SIZE,
      }),
    );
    return { filters, errors: {} as Record<string, string>, entries: page.entries, olderBeforeSeq: page.olderBeforeSeq, paged: beforeSeq !== null };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [field, messages[0]!]));
    return { filters, errors, entries: [], olderBeforeSeq: null, paged: false };
  }
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { filters, errors, entries, olderBeforeSeq, paged } = loaderData;
  const link = (before: number | null) => {
    const params = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ""));
    if (before !== null) params.set("before", String(before));
    const query = params.toString();
    return query ? `/audit?${query}` : "/audit";
  };
  return (
    <VStack gap="space-24">
      <div>
        <Heading level="1" size="large" spacing>
          {t("audit.title")}
        </Heading>
        <BodyShort>{t("audit.intro")}</BodyShort>
      </div>
      <Form method="get" role="search">
        <HStack gap="space-16" align="end" wrap>
          <TextField label={t("audit.person")} description={t("audit.personHelp")} name="person" defaultValue={filters.person} htmlSize={12} />
          <TextField label={t("audit.user")} description={t("audit.userHelp")} name="user" type="email" defaultValue={filters.user} />
          <TextField label={t("audit.from")} description={t("audit.dateHelp")} name="from" htmlSize={12} defaultValue={filters.from} error={errors.from ? t(errors.from) : undefined} />
          <TextField label={t("audit.to")} description={t("audit.dateHelp")} name="to" htmlSize={12} defaultValue={filters.to} error={errors.to ? t(errors.to) : undefined} />
          <Button type="submit">{t("audit.search")}</Button>
        </HStack>
      </Form>
      <BodyShort role="status">
        {paged ? t.plural("audit.countOlder", entries.length) : t.plural("audit.count", entries.length)}
        {olderBeforeSeq !== null ? ` ${t("audit.moreExist")}` : ""}
      </BodyShort>
      {entries.length > 0 ? (
        <div className="table-scroll">
          <Table size="small">
            <caption className="visually-hidden">{t("audit.tableCaption")}</caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("audit.time")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("audit.who")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("audit.role")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("audit.what")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("audit.personColumn")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("audit.from_address")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {entries.map((e) => (
                <Table.Row key={e.seq}>
                  <Table.DataCell>{t.dateTime(new Date(e.occurredAt))}</Table.DataCell>
                  <Table.DataCell>{e.actorName ?? (e.actorRole === "operator" ? t("audit.operator") : "–")}</Table.DataCell>
                  <Table.DataCell>{e.actorRole && e.actorRole !== "operator" ? t(`role.${e.actorRole}`) : "–"}</Table.DataCell>
                  <Table.DataCell>{t(`auditAction.${e.action}`)}</Table.DataCell>
                  <Table.DataCell>{e.personReference ?? "–"}</Table.DataCell>
                  <Table.DataCell>{e.ip ?? "–"}</Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      ) : null}
      {olderBeforeSeq !== null || paged ? (
        <nav aria-label={t("audit.paging")}>
          <HStack gap="space-24" align="center">
            {paged ? (
              <AkselLink as={Link} to={link(null)}>
                {t("audit.newest")}
              </AkselLink>
            ) : null}
            {olderBeforeSeq !== null ? (
              <AkselLink as={Link} to={link(olderBeforeSeq)}>
                {t("audit.older")}
              </AkselLink>
            ) : null}
          </HStack>
        </nav>
      ) : null}
    </VStack>
  );
}
