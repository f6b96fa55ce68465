import { BodyShort, Heading, Link as AkselLink, Table, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import type { GoalListRow } from "../../../services/goals.ts";
import { breakdownFilter, goalList } from "../../../services/goals.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { DataTable } from "../../components/DataTable.tsx";
import { figureText, targetText } from "../../components/goals/GoalViews.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import { personText } from "../../lib/person-label.ts";
import type { Route } from "./+types/goals.list";

// The list behind one goal's figure: who counts in the denominator, and which of them in the numerator.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "goals.list.metaTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const search = new URL(request.url).searchParams;
  const filter = breakdownFilter(search.get("dimension"), search.get("value"));
  return { list: await orResponse(goalList(ctx, params.programId, params.year, params.kind, filter)) };
}

function Rows({ rows, caption, showCounted }: { rows: readonly GoalListRow[]; caption: string; showCounted: boolean }) {
  const t = useT();
  if (rows.length === 0) return <BodyShort>{t("goals.list.none")}</BodyShort>;
  return (
    <DataTable caption={caption} testId="goal-list" columns={[t("goals.list.who"), t("goals.list.date"), showCounted ? t("goals.list.counted") : null]}>
      {rows.map((r, i) => {
        const who = r.person ? personText(t, r.person) : t(r.what === "consultation" ? "goals.list.consultation" : "goals.list.request");
        return (
          <Table.Row key={`${r.href ?? ""}${i}`}>
            <Table.DataCell>
              {r.href ? (
                <AkselLink as={Link} to={r.href}>
                  {who}
                </AkselLink>
              ) : (
                who
              )}
            </Table.DataCell>
            <Table.DataCell>{t.date(r.date)}</Table.DataCell>
            {showCounted ? <Table.DataCell>{t(r.counted ? "goals.list.yes" : "goals.list.no")}</Table.DataCell> : null}
          </Table.Row>
        );
      })}
    </DataTable>
  );
}

function filterText(t: ReturnType<typeof useT>, filter: NonNullable<Route.ComponentProps["loaderData"]["list"]["filter"]>): string {
  const prefix = { sex: "sex", age_band: "ageBand", referring_authority: "authorityKind", income_source: "incomeSource" }[filter.dimension];
  return `${t(`figures.breakdowns.${filter.dimension}`)}: ${t(`${prefix}.${filter.value}`)}`;
}

export default function GoalListPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { list } = loaderData;
  const goal = t(`goals.kind.${list.kind}`);
  return (
    <VStack gap="space-32">
      <div>
        <BackLink to={`/programs/${list.program.id}/goals?year=${list.year}`}>{t("goals.list.back")}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("goals.list.title", { goal, year: list.year })}
        </Heading>
        <BodyShort data-testid="goal-figure">
          {figureText(t, list.figure)} · {targetText(t, list.figure)}
        </BodyShort>
        {list.filter ? <BodyShort data-testid="goal-filter">{t("figures.list.filtered", { value: filterText(t, list.filter) })}</BodyShort> : null}
      </div>
      <Rows rows={list.rows} caption={t("goals.list.caption")} showCounted={list.figure.measure === "percent"} />
      {list.pending.length > 0 ? (
        <section aria-labelledby="goal-pending">
          <Heading level="2" size="medium" id="goal-pending" spacing>
            {t("goals.list.pending")}
          </Heading>
          <Rows rows={list.pending} caption={t("goals.list.pending")} showCounted={false} />
        </section>
      ) : null}
    </VStack>
  );
}
