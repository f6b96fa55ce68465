import { Alert, BodyShort, Heading, Link as AkselLink, List, Select, Table, VStack } from "@navikt/ds-react";

import { QUARTERS, quarterOf } from "../../../domain/followup-overview.ts";
import { goalTargetText, overviewCellText } from "../../../i18n/messages/followup.ts";
import { followUpOverview } from "../../../services/followup-overview.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { YearPicker } from "../../components/YearPicker.tsx";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/overview";

// The goals of a federation's programs side by side with their total, for a year or a quarter: what the steering
// group and the federation follow. Aggregates only (suppressed for those who may not list the people); the
// quarterly report as PDF for each quarter that has begun.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "followup.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const search = new URL(request.url).searchParams;
  return { view: await orResponse(followUpOverview(ctx, params.federationId, search.get("year") ?? "", search.get("quarter") ?? "")) };
}

export default function FollowUpOverviewPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { view } = loaderData;
  const thisYear = Number(view.today.slice(0, 4));
  const quarters = QUARTERS.filter((q) => view.year < thisYear || (view.year === thisYear && q <= quarterOf(view.today)));
  return (
    <VStack gap="space-32">
      <div>
        <Heading level="1" size="large" spacing>
          {t("followup.title", { federation: view.federation.name, year: view.year })}
        </Heading>
        <BodyShort spacing>{t("followup.intro")}</BodyShort>
        <BodyShort spacing data-testid="followup-period">
          {t("followup.period", { from: t.date(view.period.from), to: t.date(view.period.to) })}
        </BodyShort>
        {view.suppressed ? <Alert variant="info">{t("goals.suppressed")}</Alert> : null}
      </div>
      <YearPicker years={view.years} year={view.year} label={t("goals.year")} submit={t("goals.show")}>
        <Select name="quarter" label={t("followup.quarter")} defaultValue={view.quarter === null ? "" : String(view.quarter)} size="small">
          <option value="">{t("followup.wholeYear")}</option>
          {QUARTERS.map((q) => (
            <option key={q} value={q}>
              {t("followup.quarterOption", { quarter: q })}
            </option>
          ))}
        </Select>
      </YearPicker>
      <DataTable caption={t("followup.caption", { year: view.year })} testId="followup" columns={[t("goals.col.goal"), ...view.programs.map((p) => p.name), t("followup.col.total")]}>
        {view.goals.map((g) => (
          <Table.Row key={g.kind} data-goal={g.kind}>
            <Table.HeaderCell scope="row">{t(`goals.kind.${g.kind}`)}</Table.HeaderCell>
            {g.programs.map((row) => (
              <Table.DataCell key={row.programId}>
                {overviewCellText(t, g.measure, row)}
                <br />
                <span className="navds-body-short--small">{goalTargetText(t, g.measure, row.target)}</span>
              </Table.DataCell>
            ))}
            <Table.DataCell>{overviewCellText(t, g.measure, g.total)}</Table.DataCell>
          </Table.Row>
        ))}
      </DataTable>
      <BodyShort textColor="subtle">{t("followup.totalNote")}</BodyShort>
      <section aria-labelledby="followup-reports">
        <Heading level="2" size="medium" id="followup-reports" spacing>
          {t("followup.reports.heading", { year: view.year })}
        </Heading>
        {quarters.length === 0 ? (
          <BodyShort>{t("followup.reports.none")}</BodyShort>
        ) : (
          <List>
            {quarters.map((q) => (
              <List.Item key={q}>
                <AkselLink href={`/federations/${view.federation.id}/followup/${view.year}/${q}/report.pdf`} download>
                  {t("followup.reports.link", { quarter: q, year: view.year })}
                </AkselLink>
              </List.Item>
            ))}
          </List>
        )}
      </section>
    </VStack>
  );
}
