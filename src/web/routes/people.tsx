import { LinkButton } from "../components/LinkButton.tsx";
import { BodyShort, Heading, HStack, Link as AkselLink, Search, Table, Tag, VStack } from "@navikt/ds-react";
import { Form, Link } from "react-router";
import { hasCapability } from "../../domain/policy.ts";
import { MAX_OFFSET, searchPeople } from "../../services/people.ts";
import { orResponse, requireUser } from "../lib/guards.server.ts";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/meta.ts";
import type { Route } from "./+types/people";

const PAGE_SIZE = 25;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "people.title");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim() ?? "";
  const page = Math.min(Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1), MAX_OFFSET / PAGE_SIZE);
  const result = await orResponse(searchPeople(ctx, { q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
  return { q, page, result, canCreate: hasCapability(ctx.actor.subject, "person.create") };
}

export default function People({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { q, page, result, canCreate } = loaderData;
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const pageLink = (n: number) => `/people?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
  return (
    <VStack gap="space-24">
      <HStack justify="space-between" align="end" gap="space-16" wrap>
        <Heading level="1" size="large">
          {t("people.title")}
        </Heading>
        {canCreate ? (
          <LinkButton to="/people/new">
            {t("people.new")}
          </LinkButton>
        ) : null}
      </HStack>
      <Form method="get" role="search" className="form-narrow">
        <Search label={t("people.search.label")} description={t("people.search.help")} name="q" defaultValue={q} variant="primary" hideLabel={false}>
          <Search.Button type="submit">{t("people.search.submit")}</Search.Button>
        </Search>
      </Form>
      <BodyShort aria-live="polite" role="status">
        {q ? t.plural("people.search.found", result.total, { q }) : t.plural("people.count", result.total)}
      </BodyShort>
      {result.items.length > 0 ? (
        <div className="table-scroll">
          <Table zebraStripes>
            <caption className="visually-hidden">{t("people.tableCaption")}</caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("person.name")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("person.idNumber")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("person.birthDate")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("person.program")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {result.items.map((p) => (
                <Table.Row key={p.id}>
                  <Table.DataCell>
                    <AkselLink as={Link} to={`/people/${p.id}`}>
                      {p.masked ? t("person.maskedName", { reference: p.reference }) : `${p.lastName}, ${p.firstName}`}
                    </AkselLink>
                    {p.protectedIdentity ? (
                      <>
                        {" "}
                        <Tag variant="warning" size="xsmall">
                          {t("person.protectedShort")}
                        </Tag>
                      </>
                    ) : null}
                  </Table.DataCell>
                  <Table.DataCell>{p.idNumber ? p.idNumber.formatted : <BodyShort as="span" textColor="subtle">{t("person.noIdNumber")}</BodyShort>}</Table.DataCell>
                  <Table.DataCell>{t.date(p.birthDate)}</Table.DataCell>
                  <Table.DataCell>{p.programName}</Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav aria-label={t("pagination.label")}>
          <HStack gap="space-16" align="center">
            {page > 1 ? (
              <AkselLink as={Link} to={pageLink(page - 1)}>
                {t("pagination.previous")}
              </AkselLink>
            ) : null}
            <BodyShort>{t("pagination.status", { page, pages })}</BodyShort>
            {page < pages ? (
              <AkselLink as={Link} to={pageLink(page + 1)}>
                {t("pagination.next")}
              </AkselLink>
            ) : null}
          </HStack>
        </nav>
      ) : null}
    </VStack>
  );
}
