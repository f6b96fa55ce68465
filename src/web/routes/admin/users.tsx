import { BackLink } from "../../components/admin-forms.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { BodyShort, Heading, HStack, Link as AkselLink, Search, Table, Tag, VStack } from "@navikt/ds-react";
import { Form, Link } from "react-router";
import { listUsers } from "../../../services/users.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/users";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "admin.users");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const q = new URL(request.url).searchParams.get("q")?.trim() ?? "";
  return { q, users: await orResponse(listUsers(ctx, { q })) };
}

export default function Users({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <VStack gap="space-24">
      <div>
        <BackLink to="/admin">{t("admin.title")}</BackLink>
        <HStack justify="space-between" align="end" gap="space-16" wrap>
          <Heading level="1" size="large">
            {t("admin.users")}
          </Heading>
          <LinkButton to="/admin/users/new">
            {t("admin.user.new")}
          </LinkButton>
        </HStack>
      </div>
      <Form method="get" role="search" className="form-narrow">
        <Search label={t("admin.users.search")} name="q" defaultValue={loaderData.q} variant="primary" hideLabel={false}>
          <Search.Button type="submit">{t("people.search.submit")}</Search.Button>
        </Search>
      </Form>
      <BodyShort role="status">{t.plural("admin.users.count", loaderData.users.length)}</BodyShort>
      <div className="table-scroll">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">{t("admin.user.name")}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t("admin.user.email")}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t("admin.user.roles")}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t("admin.user.status")}</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {loaderData.users.map((u) => (
              <Table.Row key={u.id}>
                <Table.DataCell>
                  <AkselLink as={Link} to={`/admin/users/${u.id}`}>
                    {u.displayName}
                  </AkselLink>
                </Table.DataCell>
                <Table.DataCell>{u.email}</Table.DataCell>
                <Table.DataCell>{u.roles.map((r) => t(`role.${r}`)).join(", ") || "–"}</Table.DataCell>
                <Table.DataCell>
                  <Tag size="small" variant={u.active ? "success" : "neutral"}>
                    {u.active ? t("admin.user.active") : t("admin.user.deactivated")}
                  </Tag>
                </Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </VStack>
  );
}
