import { Alert, BodyShort, Heading, Link as AkselLink, Table, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import { GOAL_KINDS } from "../../../domain/goals.ts";
import { goalsDashboard } from "../../../services/goals.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { monthText } from "../../components/attendance/AttendanceTables.tsx";
import { GoalBreakdowns, GoalHistory, GoalMeasures } from "../../components/goals/GoalFigures.tsx";
import { GoalChart, GoalTable } from "../../components/goals/GoalViews.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { YearPicker } from "../../components/YearPicker.tsx";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/goals";

// A program's goals for a year: each against its target with the figures behind it, a chart with the same
// numbers, the trend since January, earlier years, the group's other figures, the breakdowns of the year's
// participants, and (for the program's staff) the list behind each figure and each breakdown's row.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "goals.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const year = new URL(request.url).searchParams.get("year") ?? "";
  return { view: await orResponse(goalsDashboard(ctx, params.programId, year)), saved: new URL(request.url).searchParams.get("done") === "saved" };
}

export default function GoalsPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { view, saved } = loaderData;
  const base = `/programs/${view.program.id}/goals`;
  return (
    <VStack gap="space-32">
      {saved ? <Alert variant="success">{t("goals.edit.saved")}</Alert> : null}
      <div>
        <BackLink to={`/programs/${view.program.id}`}>{view.program.name}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("goals.title", { program: view.program.name, year: view.year })}
        </Heading>
        <BodyShort spacing>{t("goals.intro")}</BodyShort>
        {view.suppressed ? <Alert variant="info">{t("goals.suppressed")}</Alert> : null}
        {view.isDefault ? <BodyShort textColor="subtle">{t("goals.defaults")}</BodyShort> : null}
      </div>
      <YearPicker
        years={view.years}
        year={view.year}
        label={t("goals.year")}
        submit={t("goals.show")}
        after={
          view.canManage ? (
            <AkselLink as={Link} to={`${base}/${view.year}/edit`}>
              {t("goals.edit", { year: view.year })}
            </AkselLink>
          ) : null
        }
      />
      <GoalTable figures={view.figures} year={view.year} listHref={view.canList ? (kind) => `${base}/${view.year}/${kind}` : null} />
      <GoalChart figures={view.figures} />
      <GoalHistory year={view.year} figures={view.figures} history={view.history} />
      <GoalMeasures measures={view.measures} year={view.year} />
      <GoalBreakdowns
        breakdowns={view.breakdowns}
        year={view.year}
        listHref={view.canList ? (dimension, value) => `${base}/${view.year}/participants?dimension=${dimension}&value=${encodeURIComponent(value)}` : null}
      />
      {view.trend ? (
        <section aria-labelledby="goals-trend">
          <Heading level="2" size="medium" id="goals-trend" spacing>
            {t("goals.trend.heading")}
          </Heading>
          <DataTable caption={t("goals.trend.caption")} size="small" columns={[t("goals.trend.month"), ...GOAL_KINDS.map((k) => t(`goals.kind.${k}`))]}>
            {view.trend.map((m) => (
              <Table.Row key={m.month}>
                <Table.HeaderCell scope="row">{monthText(t, m.month)}</Table.HeaderCell>
                {GOAL_KINDS.map((k) => (
                  <Table.DataCell key={k}>{m.values[k] === null ? "–" : view.figures.find((f) => f.kind === k)!.measure === "percent" ? `${m.values[k]} %` : m.values[k]}</Table.DataCell>
                ))}
              </Table.Row>
            ))}
          </DataTable>
        </section>
      ) : null}
    </VStack>
  );
}
