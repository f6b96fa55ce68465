import { BodyShort, Heading, Link as AkselLink, Table, Tag, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import type { ConsentView } from "../../../services/consents.ts";
import type { RequestListItem } from "../../../services/requests.ts";
import { useT } from "../../lib/i18n.ts";
import { LinkButton } from "../LinkButton.tsx";
import { RequestStatusTag } from "./RequestStatus.tsx";

function consentTagVariant(status: ConsentView["status"]): "success" | "warning" | "neutral" {
  if (status === "given") return "success";
  if (status === "withdrawn" || status === "expired") return "warning";
  return "neutral";
}

function FileLink({ consent }: { consent: ConsentView }) {
  const t = useT();
  if (!consent.file) return null;
  // A download, not a page: a plain link (React Router would try to render it).
  return (
    <AkselLink href={`/consents/${consent.id}/file`}>
      {t("requests.personPage.file")}
      <span className="visually-hidden">
        {" "}
        {t("requests.personPage.fileOf", { date: t.date(consent.givenOn) })}
      </span>
    </AkselLink>
  );
}

/** The person's consents: the newest in full, earlier ones in a table. */
export function PersonConsentSection({ personId, consents, canWithdraw }: { personId: string; consents: ConsentView[]; canWithdraw: boolean }) {
  const t = useT();
  const [current, ...earlier] = consents;
  return (
    <section aria-labelledby="person-consent">
      <Heading level="2" size="medium" id="person-consent" spacing>
        {t("requests.personPage.consentHeading")}
      </Heading>
      <VStack gap="space-16">
        {current ? (
          <dl className="details-list">
            <dt>{t("requests.consent.status")}</dt>
            <dd>
              <Tag variant={consentTagVariant(current.status)} size="small">
                {t(`consentStatus.${current.status}`)}
              </Tag>
              {current.endedAt ? ` ${t("requests.personPage.endedOn", { date: t.date(new Date(current.endedAt)) })}` : ""}
            </dd>
            <dt>{t("requests.consent.authorities")}</dt>
            <dd>{current.authorities.map((a) => a.name).join(", ")}</dd>
            <dt>{t("requests.consent.givenOn")}</dt>
            <dd>{t.date(current.givenOn)}</dd>
            <dt>{t("requests.consent.validUntil")}</dt>
            <dd>{t.date(current.validUntil)}</dd>
            <dt>{t("requests.consent.purpose")}</dt>
            <dd>{current.purpose}</dd>
            <dt>{t("requests.personPage.method")}</dt>
            <dd>
              {t(`consentMethod.${current.method}`)}
              {current.file ? (
                <>
                  {" – "}
                  <FileLink consent={current} />
                </>
              ) : null}
            </dd>
            <dt>{t("requests.personPage.recordedBy")}</dt>
            <dd>{t("requests.personPage.recordedByValue", { name: current.recordedBy, date: t.date(new Date(current.recordedAt)) })}</dd>
            {current.endNote ? (
              <>
                <dt>{t("requests.personPage.endNote")}</dt>
                <dd>{current.endNote}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <BodyShort>{t("requests.personPage.noConsent")}</BodyShort>
        )}
        {canWithdraw ? (
          <div>
            <LinkButton to={`/people/${personId}/consent`} variant="secondary">
              {t("requests.personPage.withdrawLink")}
            </LinkButton>
          </div>
        ) : null}
        {earlier.length > 0 ? (
          <div className="table-scroll">
            <Table size="small">
              <caption>
                <Heading level="3" size="small" as="span">
                  {t("requests.personPage.historyCaption")}
                </Heading>
              </caption>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t("requests.consent.givenOn")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("requests.consent.validUntil")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("requests.consent.status")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("requests.consent.authorities")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("requests.personPage.method")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("requests.personPage.recordedBy")}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {earlier.map((c) => (
                  <Table.Row key={c.id}>
                    <Table.DataCell>{t.date(c.givenOn)}</Table.DataCell>
                    <Table.DataCell>{t.date(c.validUntil)}</Table.DataCell>
                    <Table.DataCell>
                      {t(`consentStatus.${c.status}`)}
                      {c.endedAt ? ` ${t("requests.personPage.endedOn", { date: t.date(new Date(c.endedAt)) })}` : ""}
                      {c.endNote ? ` (${c.endNote})` : ""}
                    </Table.DataCell>
                    <Table.DataCell>{c.authorities.map((a) => a.name).join(", ")}</Table.DataCell>
                    <Table.DataCell>
                      {t(`consentMethod.${c.method}`)}
                      {c.file ? (
                        <>
                          {" – "}
                          <FileLink consent={c} />
                        </>
                      ) : null}
                    </Table.DataCell>
                    <Table.DataCell>{c.recordedBy}</Table.DataCell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        ) : null}
      </VStack>
    </section>
  );
}

/** The person's interest requests that the reader may follow, and a way to write a new one. */
export function PersonRequestsSection({ personId, requests, canCreate }: { personId: string; requests: RequestListItem[]; canCreate: boolean }) {
  const t = useT();
  return (
    <section aria-labelledby="person-requests">
      <Heading level="2" size="medium" id="person-requests" spacing>
        {t("requests.personPage.requestsHeading")}
      </Heading>
      <VStack gap="space-16">
        {requests.length === 0 ? (
          <BodyShort>{t("requests.personPage.noRequests")}</BodyShort>
        ) : (
          <div className="table-scroll">
            <Table size="small">
              <caption className="visually-hidden">{t("requests.personPage.requestsCaption")}</caption>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t("requests.personPage.request")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("requests.list.status")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("requests.list.author")}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t("requests.list.updated")}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {requests.map((r) => (
                  <Table.Row key={r.id}>
                    <Table.DataCell>
                      <AkselLink as={Link} to={`/requests/${r.id}`}>
                        {t("requests.personPage.requestTo", { program: r.programName })}
                      </AkselLink>
                    </Table.DataCell>
                    <Table.DataCell>
                      <RequestStatusTag t={t} request={r} />
                    </Table.DataCell>
                    <Table.DataCell>
                      {r.authorName} ({r.authorityName})
                    </Table.DataCell>
                    <Table.DataCell>{t.date(new Date(r.updatedAt))}</Table.DataCell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
        {canCreate ? (
          <div>
            <LinkButton to={`/requests/new?personId=${personId}`} variant="secondary">
              {t("requests.personPage.newRequest")}
            </LinkButton>
          </div>
        ) : null}
      </VStack>
    </section>
  );
}
