import { Alert, BodyShort, Heading, HStack, Link as AkselLink, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import { summarizeChanges } from "../../../domain/plan.ts";
import { getPlanVersion } from "../../../services/plans.ts";
import { participantLabel, planPath } from "../../components/plan/labels.ts";
import { PlanContentView } from "../../components/plan/PlanContentView.tsx";
import { ChangeSummary, PlanPageHeader } from "../../components/plan/PlanHistory.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/plan.version";

// One version of the plan as it was saved, with what changed in it and whether it was accepted.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "plan.version.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  return orResponse(getPlanVersion(ctx, params.enrolmentId, params.version));
}

export default function PlanVersionPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { header, version, currentVersion, versionNumbers, authorities, today } = loaderData;
  const id = header.enrolmentId;
  const v = version.version;
  const older = versionNumbers.filter((n) => n < v)[0];
  const newer = versionNumbers.filter((n) => n > v).at(-1);
  return (
    <VStack gap="space-32">
      <PlanPageHeader header={header} back="plan" title={t("plan.version.title", { version: v, name: participantLabel(header) })}>
        <VStack gap="space-8">
          <BodyShort>{t("plan.version.savedBy", { time: t.dateTime(new Date(version.createdAt)), name: version.authorName })}</BodyShort>
          {version.stage === "final" ? <BodyShort>{t("plan.view.finalNotice")}</BodyShort> : null}
        </VStack>
      </PlanPageHeader>

      {v === currentVersion ? (
        <Alert variant="info" size="small">
          {t("plan.version.isCurrent")}
        </Alert>
      ) : (
        <Alert variant="warning" size="small">
          <VStack gap="space-4">
            <BodyShort>{t("plan.version.notCurrent", { current: currentVersion })}</BodyShort>
            <BodyShort>
              <AkselLink as={Link} to={planPath(id)}>
                {t("plan.version.toCurrent")}
              </AkselLink>
            </BodyShort>
          </VStack>
        </Alert>
      )}

      <section aria-labelledby="version-changes">
        <Heading level="2" size="medium" id="version-changes" spacing>
          {t("plan.version.changesHeading")}
        </Heading>
        <VStack gap="space-8" align="start">
          {v === 1 ? <BodyShort>{t("plan.version.first")}</BodyShort> : <ChangeSummary item={{ version: v, summary: summarizeChanges(version.changes) }} />}
          {older ? (
            <AkselLink as={Link} to={planPath(id, `/compare?from=${older}&to=${v}`)}>
              {t("plan.version.compareWithPrevious", { version: older })}
            </AkselLink>
          ) : null}
        </VStack>
      </section>

      <section aria-labelledby="version-acceptance">
        <Heading level="2" size="medium" id="version-acceptance" spacing>
          {t("plan.version.acceptedHeading")}
        </Heading>
        {version.acceptances.length === 0 ? (
          <BodyShort>{t("plan.version.notAccepted")}</BodyShort>
        ) : (
          <ul>
            {version.acceptances.map((a) => (
              <li key={a.id}>
                {t("plan.version.accepted", { date: t.date(a.acceptedOn, "long"), how: t(`plan.method.${a.method}`).toLowerCase() })}{" "}
                {a.note ? `${a.note}. ` : ""}
                {t("plan.version.recordedBy", { name: a.recordedBy })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <BodyShort>
        <AkselLink href={`/enrolments/${id}/plan.pdf?version=${v}`} download>
          {t("plan.version.print", { version: v })}
        </AkselLink>
      </BodyShort>

      <PlanContentView content={version.content} authorities={authorities} today={today} showRecommendations={version.stage === "final"} />

      {older || newer ? (
        <nav aria-labelledby="version-nav">
          <Heading level="2" size="small" id="version-nav" spacing>
            {t("plan.version.navHeading")}
          </Heading>
          <HStack gap="space-24">
            {older ? (
              <AkselLink as={Link} to={planPath(id, `/versions/${older}`)}>
                {t("plan.version.previous", { version: older })}
              </AkselLink>
            ) : null}
            {newer ? (
              <AkselLink as={Link} to={planPath(id, `/versions/${newer}`)}>
                {t("plan.version.next", { version: newer })}
              </AkselLink>
            ) : null}
          </HStack>
        </nav>
      ) : null}
    </VStack>
  );
}
