import { LinkButton } from "../../components/LinkButton.tsx";
import { BodyShort, Heading, HStack, Link as AkselLink, Table, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import { decide } from "../../../domain/policy.ts";
import { listFederations } from "../../../services/organisations.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/index";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "admin.title");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const federations = await orResponse(listFederations(ctx));
  return {
    federations,
    canCreateFederation: decide(ctx.actor.subject, "organisation.manage", { type: "installation" }).allowed,
  };
}

export default function AdminIndex({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <VStack gap="space-32">
      <div>
        <Heading level="1" size="large" spacing>
          {t("admin.title")}
        </Heading>
        <BodyShort>{t("admin.intro")}</BodyShort>
      </div>
      <section aria-labelledby="admin-federations">
        <HStack justify="space-between" align="end" gap="space-16" wrap>
          <Heading level="2" size="medium" id="admin-federations">
            {t("admin.federations")}
          </Heading>
          {loaderData.canCreateFederation ? (
            <LinkButton to="/admin/federations/new" variant="secondary" size="small">
              {t("admin.federation.new")}
            </LinkButton>
          ) : null}
        </HStack>
        {loaderData.federations.length === 0 ? (
          <BodyShort spacing>{t("admin.federations.none")}</BodyShort>
        ) : (
          <div className="table-scroll">
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t("admin.federation.name")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("admin.federation.country")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("admin.programs")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("admin.authorities")}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {loaderData.federations.map((f) => (
                  <Table.Row key={f.id}>
                    <Table.DataCell>
                      <AkselLink as={Link} to={`/admin/federations/${f.id}`}>
                        {f.name}
                      </AkselLink>
                    </Table.DataCell>
                    <Table.DataCell>{t(`country.${f.country}`)}</Table.DataCell>
                    <Table.DataCell>{t.number(f.programCount)}</Table.DataCell>
                    <Table.DataCell>{t.number(f.authorityCount)}</Table.DataCell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>
      <section aria-labelledby="admin-users">
        <Heading level="2" size="medium" id="admin-users" spacing>
          {t("admin.users")}
        </Heading>
        <BodyShort>
          <AkselLink as={Link} to="/admin/users">
            {t("admin.users.link")}
          </AkselLink>
        </BodyShort>
      </section>
      <section aria-labelledby="admin-outbox">
        <Heading level="2" size="medium" id="admin-outbox" spacing>
          {t("outbox.title")}
        </Heading>
        <BodyShort>
          <AkselLink as={Link} to="/admin/outbox">
            {t("admin.outbox.link")}
          </AkselLink>
        </BodyShort>
      </section>
    </VStack>
  );
}
