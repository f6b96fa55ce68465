import { BackLink, FederationForm } from "../../components/admin-forms.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { Alert, BodyShort, Heading, HStack, Link as AkselLink, Table, Tag, VStack } from "@navikt/ds-react";
import { Link, redirect } from "react-router";
import { ForbiddenError } from "../../../services/errors.ts";
import { canAdminister, getFederation, updateFederation } from "../../../services/organisations.ts";
import { federationInputSchema } from "../../../services/schemas/organisation.ts";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser, rethrowAsResponse } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/federation";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "admin.federation.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  // Only administrators learn which federations, authorities and programs exist.
  if (!canAdminister(ctx)) rethrowAsResponse(new ForbiddenError());
  const federation = await orResponse(getFederation(ctx, params.federationId));
  return { federation, saved: new URL(request.url).searchParams.has("saved") };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { ctx } = requireUser(context, request);
  return formAction(await request.formData(), federationInputSchema, async (value) => {
    await updateFederation(ctx, params.federationId, value);
    return redirect(`/admin/federations/${params.federationId}?saved=1`);
  });
}

export default function FederationPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const f = loaderData.federation;
  return (
    <VStack gap="space-32">
      <div>
        <BackLink to="/admin">{t("admin.title")}</BackLink>
        <Heading level="1" size="large">
          {f.name}
        </Heading>
      </div>
      {loaderData.saved ? <Alert variant="success">{t("form.saved")}</Alert> : null}

      <section aria-labelledby="federation-programs">
        <HStack justify="space-between" align="end" gap="space-16" wrap>
          <Heading level="2" size="medium" id="federation-programs">
            {t("admin.programs")}
          </Heading>
          <LinkButton to={`/admin/federations/${f.id}/programs/new`} variant="secondary" size="small">
            {t("admin.program.new")}
          </LinkButton>
        </HStack>
        {f.programs.length === 0 ? (
          <BodyShort>{t("admin.programs.none")}</BodyShort>
        ) : (
          <div className="table-scroll">
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t("admin.program.name")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("admin.program.owner")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("admin.program.groups")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("admin.program.status")}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {f.programs.map((p) => (
                  <Table.Row key={p.id}>
                    <Table.DataCell>
                      <AkselLink as={Link} to={`/admin/programs/${p.id}`}>
                        {p.name}
                      </AkselLink>
                    </Table.DataCell>
                    <Table.DataCell>{p.ownerAuthorityName}</Table.DataCell>
                    <Table.DataCell>
                      {p.groups.map((g) => t("admin.program.groupCapacity", { name: g.name, capacity: g.capacity })).join(", ")}
                    </Table.DataCell>
                    <Table.DataCell>
                      <Tag size="small" variant={p.active ? "success" : "neutral"}>
                        {p.active ? t("admin.program.active") : t("admin.program.inactive")}
                      </Tag>
                    </Table.DataCell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>

      <section aria-labelledby="federation-authorities">
        <HStack justify="space-between" align="end" gap="space-16" wrap>
          <Heading level="2" size="medium" id="federation-authorities">
            {t("admin.authorities")}
          </Heading>
          <LinkButton to={`/admin/federations/${f.id}/authorities/new`} variant="secondary" size="small">
            {t("admin.authority.new")}
          </LinkButton>
        </HStack>
        {f.authorities.length === 0 ? (
          <BodyShort>{t("admin.authorities.none")}</BodyShort>
        ) : (
          <div className="table-scroll">
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t("admin.authority.name")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("admin.authority.kind")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("admin.authority.units")}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {f.authorities.map((a) => (
                  <Table.Row key={a.id}>
                    <Table.DataCell>
                      <AkselLink as={Link} to={`/admin/authorities/${a.id}`}>
                        {a.name}
                      </AkselLink>
                    </Table.DataCell>
                    <Table.DataCell>{t(`authorityKind.${a.kind}`)}</Table.DataCell>
                    <Table.DataCell>{a.units.map((u) => u.name).join(", ") || "–"}</Table.DataCell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>

      <section aria-labelledby="federation-edit" className="form-narrow">
        <Heading level="2" size="medium" id="federation-edit" spacing>
          {t("admin.federation.edit")}
        </Heading>
        <FederationForm lastResult={actionData} defaultValue={{ name: f.name, country: f.country }} submitLabel={t("form.save")} />
      </section>
    </VStack>
  );
}
