import { BodyShort, Heading, Link as AkselLink, Table, Tag, VStack } from "@navikt/ds-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { VersionListItem } from "../../../services/plans.ts";
import { BackLink } from "../admin-forms.tsx";
import { useT } from "../../lib/i18n.ts";
import { DataTable } from "../DataTable.tsx";
import { changeLines, type PlanHeaderLike, planPath } from "./labels.ts";

/** A plan page's top: the way back to the participant's page (or the plan), the one h1 and an optional intro. */
export function PlanPageHeader({ header, title, back = "enrolment", children }: { header: PlanHeaderLike; title: string; back?: "enrolment" | "plan"; children?: ReactNode }) {
  const t = useT();
  return (
    <div>
      {back === "plan" ? (
        <BackLink to={planPath(header.enrolmentId)}>{t("plan.backToPlan")}</BackLink>
      ) : (
        <BackLink to={`/enrolments/${header.enrolmentId}`}>{t("plan.backToEnrolment")}</BackLink>
      )}
      <Heading level="1" size="large" spacing>
        {title}
      </Heading>
      {children}
    </div>
  );
}

/** What changed in a version, one line per part of the plan. */
export function ChangeSummary({ item }: { item: Pick<VersionListItem, "version" | "summary"> }) {
  const t = useT();
  if (item.version === 1) return <>{t("plan.history.first")}</>;
  const lines = changeLines(t, item.summary);
  if (lines.length === 0) return <>–</>;
  return (
    <ul style={{ margin: 0, paddingLeft: "1.1rem" }}>
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** Every version, newest first: who saved it and when, what changed, and whether the participant accepted it. */
export function PlanHistory({ enrolmentId, versions }: { enrolmentId: string; versions: VersionListItem[] }) {
  const t = useT();
  const current = versions[0]?.version;
  return (
    <section aria-labelledby="plan-history">
      <Heading level="2" size="medium" id="plan-history" spacing>
        {t("plan.history.heading")}
      </Heading>
      <DataTable
        caption={t("plan.history.caption")}
        columns={[t("plan.history.version"), t("plan.history.when"), t("plan.history.savedBy"), t("plan.history.changes"), t("plan.history.accepted")]}
        size="small"
        testId="plan-history"
      >
        {versions.map((v) => {
          const accepted = v.acceptances[0];
          return (
            <Table.Row key={v.version}>
              <Table.HeaderCell scope="row">
                <VStack gap="space-4" align="start">
                  <AkselLink as={Link} to={planPath(enrolmentId, `/versions/${v.version}`)}>
                    {t("plan.history.versionLink", { version: v.version })}
                  </AkselLink>
                  {v.version === current ? <BodyShort size="small">{t("plan.history.current")}</BodyShort> : null}
                  {v.stage === "final" ? (
                    <Tag variant="info" size="xsmall">
                      {t("plan.stage.final")}
                    </Tag>
                  ) : null}
                </VStack>
              </Table.HeaderCell>
              <Table.DataCell style={{ whiteSpace: "nowrap" }}>{t.dateTime(new Date(v.createdAt))}</Table.DataCell>
              <Table.DataCell>{v.authorName}</Table.DataCell>
              <Table.DataCell>
                <VStack gap="space-4" align="start">
                  <ChangeSummary item={v} />
                  {v.version > 1 ? (
                    <AkselLink as={Link} to={planPath(enrolmentId, `/compare?from=${v.version - 1}&to=${v.version}`)}>
                      {t("plan.history.compareLink", { version: v.version - 1 })}
                    </AkselLink>
                  ) : null}
                </VStack>
              </Table.DataCell>
              <Table.DataCell style={{ whiteSpace: "nowrap" }}>
                {accepted ? t("plan.history.acceptedOn", { date: t.date(accepted.acceptedOn) }) : t("plan.history.notAccepted")}
              </Table.DataCell>
            </Table.Row>
          );
        })}
      </DataTable>
    </section>
  );
}
