import { Alert, BodyLong, BodyShort, Heading, Table, Tag, VStack } from "@navikt/ds-react";
import { listOutbox } from "../../../services/outbox.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/outbox";

const LIMIT = 200;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "outbox.title");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { web, ctx } = requireUser(context, request);
  const mails = await orResponse(listOutbox(ctx, LIMIT));
  return { mails, limited: mails.length === LIMIT, mailServer: web.config.smtpUrl !== null };
}

export default function OutboxPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { mails, limited, mailServer } = loaderData;
  return (
    <VStack gap="space-24">
      <div>
        <BackLink to="/admin">{t("admin.title")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("outbox.title")}
        </Heading>
        <BodyLong spacing>{t("outbox.intro")}</BodyLong>
        <Alert variant={mailServer ? "info" : "warning"} size="small">
          {mailServer ? t("outbox.server") : t("outbox.noServer")}
        </Alert>
      </div>
      {mails.length === 0 ? (
        <BodyShort>{t("outbox.none")}</BodyShort>
      ) : (
        <section aria-labelledby="outbox-mails">
          <Heading level="2" size="medium" id="outbox-mails" spacing>
            {t("outbox.caption")}
          </Heading>
          <div className="table-scroll">
            <Table size="small" aria-labelledby="outbox-mails">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t("outbox.subject")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("outbox.to")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("outbox.created")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("outbox.status")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("outbox.attempts")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("outbox.lastError")}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {mails.map((m) => (
                  <Table.Row key={m.id} data-testid="outbox-mail">
                    <Table.HeaderCell scope="row" style={{ fontWeight: "normal", minWidth: "16rem" }}>
                      <details>
                        <summary style={{ cursor: "pointer" }}>
                          {m.subject}
                          <span className="visually-hidden"> ({t("outbox.showBody")})</span>
                        </summary>
                        <pre style={{ whiteSpace: "pre-wrap", fontFamily: "inherit", margin: "0.5rem 0 0" }}>{m.body}</pre>
                      </details>
                    </Table.HeaderCell>
                    <Table.DataCell>{m.to}</Table.DataCell>
                    <Table.DataCell style={{ whiteSpace: "nowrap" }}>{t.dateTime(new Date(m.createdAt))}</Table.DataCell>
                    <Table.DataCell style={{ whiteSpace: "nowrap" }}>
                      {m.sentAt ? (
                        <Tag variant="success" size="xsmall">
                          {t("outbox.sent", { time: t.dateTime(new Date(m.sentAt)) })}
                        </Tag>
                      ) : (
                        <Tag variant={m.lastError ? "error" : "neutral"} size="xsmall">
                          {t("outbox.waiting")}
                        </Tag>
                      )}
                    </Table.DataCell>
                    <Table.DataCell>{t.number(m.attempts)}</Table.DataCell>
                    <Table.DataCell>{m.lastError ?? t("outbox.noError")}</Table.DataCell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
          {limited ? (
            <BodyShort size="small" textColor="subtle">
              {t("outbox.limit", { count: t.number(LIMIT) })}
            </BodyShort>
          ) : null}
        </section>
      )}
    </VStack>
  );
}
