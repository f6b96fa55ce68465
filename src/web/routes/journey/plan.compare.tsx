import { BodyShort, Button, Heading, HStack, Link as AkselLink, Select, VStack } from "@navikt/ds-react";
import { Form, Link, redirect } from "react-router";
import { summarizeChanges } from "../../../domain/plan.ts";
import { comparePlanVersions, getPlan } from "../../../services/plans.ts";
import { changeLines, participantLabel, planPath } from "../../components/plan/labels.ts";
import { PlanComparisonView } from "../../components/plan/PlanComparisonView.tsx";
import { PlanPageHeader } from "../../components/plan/PlanHistory.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/plan.compare";

// Two versions of the plan side by side. The versions are chosen with a plain GET form (works without
// JavaScript); without a choice, the newest version is compared with the one before.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "plan.compare.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const from = url.searchParams.get("from");
  const to = url.searchParams.get("to");
  if (!from || !to) {
    const view = await orResponse(getPlan(ctx, params.enrolmentId));
    const newest = view.current?.version ?? 0;
    if (newest >= 2) throw redirect(planPath(params.enrolmentId, `/compare?from=${newest - 1}&to=${newest}`));
    return { tooFew: true as const, header: view.header };
  }
  return { tooFew: false as const, page: await orResponse(comparePlanVersions(ctx, params.enrolmentId, from, to)) };
}

export default function PlanComparePage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  if (loaderData.tooFew) {
    const { header } = loaderData;
    return (
      <VStack gap="space-24">
        <PlanPageHeader header={header} back="plan" title={t("plan.compare.title", { name: participantLabel(header) })} />
        <BodyShort>{t("plan.compare.tooFew")}</BodyShort>
      </VStack>
    );
  }
  const { page } = loaderData;
  const { header, from, to, versions, changes } = page;
  const lines = changeLines(t, summarizeChanges(changes));
  return (
    <VStack gap="space-32">
      <PlanPageHeader header={header} back="plan" title={t("plan.compare.title", { name: participantLabel(header) })}>
        <BodyShort>{t("plan.compare.intro")}</BodyShort>
      </PlanPageHeader>

      <section aria-labelledby="compare-pick">
        <Heading level="2" size="small" id="compare-pick" spacing>
          {t("plan.compare.pickHeading")}
        </Heading>
        <Form method="get">
          <HStack gap="space-16" align="end" wrap>
            <Select name="from" label={t("plan.compare.from")} defaultValue={String(from.version)}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {t("plan.compare.option", { version: v.version, date: t.date(new Date(v.createdAt)), name: v.authorName })}
                </option>
              ))}
            </Select>
            <Select name="to" label={t("plan.compare.to")} defaultValue={String(to.version)}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {t("plan.compare.option", { version: v.version, date: t.date(new Date(v.createdAt)), name: v.authorName })}
                </option>
              ))}
            </Select>
            <Button type="submit" variant="secondary">
              {t("plan.compare.submit")}
            </Button>
          </HStack>
        </Form>
      </section>

      <section aria-labelledby="compare-result">
        <Heading level="2" size="medium" id="compare-result" spacing>
          {t("plan.compare.resultHeading", { from: from.version, to: to.version })}
        </Heading>
        <VStack gap="space-24">
          <div role="status" data-testid="compare-summary">
            {changes.length === 0 ? (
              <BodyShort>{t("plan.compare.none")}</BodyShort>
            ) : (
              <>
                <BodyShort>{t.plural("plan.compare.count", changes.length)}</BodyShort>
                <ul>
                  {lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </>
            )}
            {from.stage !== to.stage ? (
              <BodyShort>
                {t("plan.compare.stage", { from: from.version, to: to.version, fromStage: t(`plan.stage.${from.stage}`).toLowerCase(), toStage: t(`plan.stage.${to.stage}`).toLowerCase() })}
              </BodyShort>
            ) : null}
          </div>
          <HStack gap="space-24">
            <AkselLink as={Link} to={planPath(header.enrolmentId, `/versions/${from.version}`)}>
              {t("plan.compare.showVersion", { version: from.version })}
            </AkselLink>
            <AkselLink as={Link} to={planPath(header.enrolmentId, `/versions/${to.version}`)}>
              {t("plan.compare.showVersion", { version: to.version })}
            </AkselLink>
          </HStack>
          <PlanComparisonView comparison={page.comparison} from={from.version} to={to.version} authorities={page.authorities} />
        </VStack>
      </section>
    </VStack>
  );
}
