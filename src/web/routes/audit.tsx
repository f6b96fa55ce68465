import { BodyShort, Button, Heading, HStack, Table, TextField, VStack } from "@navikt/ds-react";
import { Form } from "react-router";
import { isIsoDate } from "../../domain/person.ts";
import { searchAuditLog } from "../../services/audit.ts";
import { orResponse, requireUser } from "../lib/guards.server.ts";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/meta.ts";
import type { Route } from "./+types/audit";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

/** Midnight at the start of an ISO date in Swedish time (the dates people mean). */
function startOfDay(date: string): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  const offset = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Stockholm", timeZoneName: "longOffset" })
    .formatToParts(guess)
    .find((p) => p.type === "timeZoneName")?.value.match(/GMT([+-]\d{2}):(\d{2})/);
  const minutes = offset ? Number(offset[1]) * 60 + Math.sign(Number(offset[1])) * Number(offset[2]) : 0;
  return new Date(guess.getTime() - minutes * 60_000);
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const filters = {
    person: url.searchParams.get("person")?.trim() ?? "",
    user: url.searchParams.get("user")?.trim() ?? "",
    from: url.searchParams.get("from")?.trim() ?? "",
    to: url.searchParams.get("to")?.trim() ?? "",
  };
  const errors: Record<string, string> = {};
  if (filters.from && !isIsoDate(filters.from)) errors.from = "errors.date";
  if (filters.to && !isIsoDate(filters.to)) errors.to = "errors.date";
  if (!errors.from && !errors.to && filters.from && filters.to && filters.to < filters.from) errors.to = "audit.errors.toBeforeFrom";
  const entries = Object.keys(errors).length
    ? []
    : await orResponse(
        searchAuditLog(ctx, {
          personReference: filters.person || undefined,
          actorEmail: filters.user || undefined,
          from: filters.from ? startOfDay(filters.from) : undefined,
          to: filters.to ? new Date(startOfDay(filters.to).getTime() + 24 * 3600_000) : undefined,
          limit: 200,
        }),
      );
  return { filters, errors, entries };
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { filters, errors, entries } = loaderData;
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
      <BodyShort role="status">{t.plural("audit.count", entries.length)}</BodyShort>
      {entries.length > 0 ? (
        <div className="table-scroll">
          <Table size="small">
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
    </VStack>
  );
}
