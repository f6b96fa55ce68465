import { Alert, BodyShort, Heading, HStack, Link as AkselLink, Tag, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import { wheelOverview } from "../../../services/wheel.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { areaLabel, personName, readingLabel } from "../../components/wheel/format.ts";
import { ChartLegend, type ChartReading, RadarChart } from "../../components/wheel/RadarChart.tsx";
import { ChartNumbers, Comparisons, ReadingList } from "../../components/wheel/WheelTables.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/wheel";

// The participant's life-area wheel: the radar chart with up to three readings (the reader chooses which),
// the same numbers as a table with the change per area, the participant's and coordinator's readings side
// by side, every reading, and when the next one is due.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "wheel.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const url = new URL(request.url);
  const overview = await orResponse(wheelOverview(ctx, params.enrolmentId, url.searchParams.getAll("show")));
  return { overview, saved: url.searchParams.has("saved") };
}

const DUE_VARIANT = { later: "neutral", soon: "info", due: "warning", overdue: "error" } as const;

export default function WheelPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { overview, saved } = loaderData;
  const person = personName(t, overview.person);
  const byId = new Map(overview.readings.map((r) => [r.id, r]));
  const shown = overview.chart.map((id) => byId.get(id)!);
  const chartReadings: ChartReading[] = shown.map((r) => ({ id: r.id, label: readingLabel(t, r), scores: r.scores }));
  const axes = overview.axes.map((a) => ({ key: a.key, label: areaLabel(t, a) }));
  const description = t.plural("wheel.chart.description", shown.length, { areas: axes.length, readings: chartReadings.map((r) => r.label).join("; ") });
  const hub = `/enrolments/${overview.enrolmentId}`;
  return (
    <VStack gap="space-32">
      {saved ? <Alert variant="success">{t("wheel.saved")}</Alert> : null}
      <div>
        <BackLink to={hub}>{t("wheel.back")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("wheel.titleFor", { person })}
        </Heading>
        <BodyShort spacing>{overview.programName}</BodyShort>
        <BodyShort>{t("wheel.intro")}</BodyShort>
      </div>

      <section aria-labelledby="wheel-next">
        <Heading level="2" size="medium" id="wheel-next" spacing>
          {t("wheel.next.heading")}
        </Heading>
        <VStack gap="space-12">
          {overview.next ? (
            <HStack gap="space-8" align="center" data-testid="wheel-next">
              <BodyShort>{t("wheel.next.text", { occasion: t(`wheel.occasion.${overview.next.occasion}`), date: t.date(overview.next.date, "long") })}</BodyShort>
              <Tag variant={DUE_VARIANT[overview.next.state]} size="small">
                {t(`wheel.due.${overview.next.state}`)}
              </Tag>
            </HStack>
          ) : (
            <BodyShort data-testid="wheel-next">{t("wheel.next.none")}</BodyShort>
          )}
          <BodyShort size="small" textColor="subtle">
            {t("wheel.next.rhythm")}
          </BodyShort>
          {overview.canRecord ? (
            <div>
              <LinkButton to={`${hub}/wheel/new`}>{t("wheel.new")}</LinkButton>
            </div>
          ) : null}
        </VStack>
      </section>

      <section aria-labelledby="wheel-chart-heading">
        <Heading level="2" size="medium" id="wheel-chart-heading" spacing>
          {t("wheel.chart.heading")}
        </Heading>
        {shown.length === 0 ? (
          <BodyShort>{t("wheel.chart.empty")}</BodyShort>
        ) : (
          <VStack gap="space-16">
            {overview.tooMany ? <Alert variant="info">{t("wheel.chart.tooMany")}</Alert> : null}
            <HStack gap="space-32" align="start" wrap>
              <div style={{ flex: "1 1 28rem", minWidth: "18rem", maxWidth: "40rem" }}>
                <RadarChart id="wheel-chart" axes={axes} readings={chartReadings} title={t("wheel.chart.title", { person })} description={description} />
              </div>
              <div style={{ flex: "0 1 20rem" }}>
                <ChartLegend id="wheel-chart" readings={chartReadings} />
              </div>
            </HStack>
            {shown.map((r) => {
              const missing = overview.axes.filter((a) => !(a.key in r.scores));
              return missing.length > 0 ? (
                <BodyShort key={r.id} size="small">
                  {t("wheel.chart.missing", { reading: readingLabel(t, r), areas: missing.map((a) => areaLabel(t, a)).join(", ") })}
                </BodyShort>
              ) : null;
            })}
          </VStack>
        )}
      </section>

      {shown.length > 0 ? (
        <section aria-labelledby="wheel-numbers-heading">
          <Heading level="2" size="medium" id="wheel-numbers-heading" spacing>
            {t("wheel.table.heading")}
          </Heading>
          <ChartNumbers axes={overview.axes} readings={shown} />
        </section>
      ) : null}

      <section aria-labelledby="wheel-compare-heading">
        <Heading level="2" size="medium" id="wheel-compare-heading" spacing>
          {t("wheel.compare.heading")}
        </Heading>
        <BodyShort spacing>{t("wheel.compare.intro")}</BodyShort>
        <Comparisons overview={overview} />
      </section>

      <section aria-labelledby="wheel-list-heading">
        <Heading level="2" size="medium" id="wheel-list-heading" spacing>
          {t("wheel.list.heading")}
        </Heading>
        <ReadingList overview={overview} />
      </section>

      {overview.canAdjust ? (
        <BodyShort>
          <AkselLink as={Link} to={`/programs/${overview.programId}/wheel`}>
            {t("wheel.adjust", { program: overview.programName })}
          </AkselLink>
        </BodyShort>
      ) : null}
    </VStack>
  );
}
