import { Alert, BodyShort, Button, Checkbox, Heading, HStack, Link as AkselLink, Select, Table, VStack } from "@navikt/ds-react";
import { Form, Link } from "react-router";
import type { RequestStatus } from "../../../domain/intake.ts";
import { hasCapability } from "../../../domain/policy.ts";
import { listRequests } from "../../../services/requests.ts";
import { LinkButton } from "../../components/LinkButton.tsx";
import { personLabel, RequestStatusTag } from "../../components/requests/RequestStatus.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/index";

const STATUSES: readonly RequestStatus[] = ["draft", "submitted", "decided", "withdrawn"];

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "requests.list.title");

function statusParam(value: string | null): RequestStatus | undefined {
  return STATUSES.find((s) => s === value);
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const status = statusParam(url.searchParams.get("status"));
  const mine = url.searchParams.get("mine") === "on";
  const items = await orResponse(listRequests(ctx, { status, mine }));
  return {
    items,
    status: status ?? "",
    mine,
    canCreate: hasCapability(ctx.actor.subject, "request.create"),
    consentWithdrawn: url.searchParams.has("consentWithdrawn"),
  };
}

export default function Requests({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { items, status, mine, canCreate } = loaderData;
  const filtered = status !== "" || mine;
  const manyPrograms = new Set(items.map((r) => r.programName)).size > 1;
  return (
    <VStack gap="space-24">
      {loaderData.consentWithdrawn ? <Alert variant="success">{t("requests.list.consentWithdrawn")}</Alert> : null}
      <HStack justify="space-between" align="end" gap="space-16" wrap>
        <div>
          <Heading level="1" size="large" spacing>
            {t("requests.list.title")}
          </Heading>
          <BodyShort>{t("requests.list.intro")}</BodyShort>
        </div>
        {canCreate ? <LinkButton to="/requests/new">{t("requests.list.new")}</LinkButton> : null}
      </HStack>
      <Form method="get" aria-label={t("requests.list.filterLabel")}>
        <HStack gap="space-16" align="end" wrap>
          <Select label={t("requests.list.statusFilter")} name="status" defaultValue={status}>
            <option value="">{t("requests.list.statusAll")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`requestStatus.${s}`)}
              </option>
            ))}
          </Select>
          {canCreate ? (
            <Checkbox name="mine" value="on" defaultChecked={mine}>
              {t("requests.list.mineFilter")}
            </Checkbox>
          ) : null}
          <Button type="submit" variant="secondary">
            {t("requests.list.filterSubmit")}
          </Button>
        </HStack>
      </Form>
      <BodyShort aria-live="polite" role="status">
        {t.plural("requests.list.count", items.length)}
      </BodyShort>
      {items.length === 0 ? (
        <BodyShort>{filtered ? t("requests.list.emptyFiltered") : t("requests.list.empty")}</BodyShort>
      ) : (
        <div className="table-scroll">
          <Table zebraStripes>
            <caption className="visually-hidden">{t("requests.list.caption")}</caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">{t("requests.list.person")}</Table.HeaderCell>
                {manyPrograms ? <Table.HeaderCell scope="col">{t("requests.list.program")}</Table.HeaderCell> : null}
                <Table.HeaderCell scope="col">{t("requests.list.status")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("requests.list.author")}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t("requests.list.updated")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {items.map((r) => (
                <Table.Row key={r.id}>
                  <Table.DataCell>
                    <AkselLink as={Link} to={`/requests/${r.id}`}>
                      {personLabel(t, { reference: r.personReference, name: r.personName })}
                    </AkselLink>
                  </Table.DataCell>
                  {manyPrograms ? <Table.DataCell>{r.programName}</Table.DataCell> : null}
                  <Table.DataCell>
                    <RequestStatusTag t={t} request={r} />
                  </Table.DataCell>
                  <Table.DataCell>
                    {r.authorName}
                    <BodyShort as="span" size="small" textColor="subtle">
                      {" "}
                      ({r.authorityName})
                    </BodyShort>
                  </Table.DataCell>
                  <Table.DataCell>{t.date(new Date(r.updatedAt))}</Table.DataCell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </VStack>
  );
}
