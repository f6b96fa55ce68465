import { Link as AkselLink, Table } from "@navikt/ds-react";
import { Link } from "react-router";
import type { Translator } from "../../../i18n/index.ts";
import { countText, goalMetText, goalTargetText, overviewCellText } from "../../../i18n/messages/followup.ts";
import type { GoalFigure } from "../../../services/goals.ts";
import { useT } from "../../lib/i18n.ts";
import { DataTable } from "../DataTable.tsx";

// The goals against their targets: a table with the figures behind each (the accessible truth) and a bar
// chart drawn on the server as SVG with the same numbers.

/** A suppressed count as text. */
export const cellText = countText;

export function figureText(t: Translator, f: GoalFigure): string {
  return overviewCellText(t, f.measure, f);
}

export function targetText(t: Translator, f: GoalFigure): string {
  return goalTargetText(t, f.measure, f.target);
}

export function GoalTable({ figures, year, listHref }: { figures: readonly GoalFigure[]; year: number; listHref: ((kind: string) => string) | null }) {
  const t = useT();
  return (
    <DataTable
      caption={t("goals.caption", { year })}
      testId="goals"
      columns={[t("goals.col.goal"), t("goals.col.target"), t("goals.col.figure"), t("goals.col.met"), listHref ? t("goals.col.list") : null]}
    >
      {figures.map((f) => (
        <Table.Row key={f.kind} data-goal={f.kind}>
          <Table.HeaderCell scope="row">{t(`goals.kind.${f.kind}`)}</Table.HeaderCell>
          <Table.DataCell>{targetText(t, f)}</Table.DataCell>
          <Table.DataCell data-testid="goal-figure">
            {figureText(t, f)}
            {"shown" in f.pending && f.pending.shown > 0 ? ` · ${t("goals.figure.pending", { n: f.pending.shown })}` : ""}
          </Table.DataCell>
          <Table.DataCell>{goalMetText(t, f.met)}</Table.DataCell>
          {listHref ? (
            <Table.DataCell>
              {f.kind === "support_influence" || f.kind === "more_ready" ? (
                "–"
              ) : (
                <AkselLink as={Link} to={listHref(f.kind)}>
                  {t("goals.list.link")}
                  <span className="visually-hidden">: {t(`goals.kind.${f.kind}`)}</span>
                </AkselLink>
              )}
            </Table.DataCell>
          ) : null}
        </Table.Row>
      ))}
    </DataTable>
  );
}

const ROW = 34;
const LABEL = 250;
const WIDTH = 640;
const SCALE = 1.5; // bars run to 150 % of the target

/** Each goal's result as a share of its target (100 % = the target line). Nothing is drawn for a suppressed figure. */
export function GoalChart({ figures }: { figures: readonly GoalFigure[] }) {
  const t = useT();
  const barWidth = WIDTH - LABEL - 60;
  const height = figures.length * ROW + 30;
  const targetX = LABEL + barWidth / SCALE;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby="goals-chart-title goals-chart-desc" className="goals-chart" style={{ maxWidth: `${WIDTH}px` }}>
      <title id="goals-chart-title">{t("goals.chart.title")}</title>
      <desc id="goals-chart-desc">{t("goals.chart.desc")}</desc>
      {figures.map((f, i) => {
        const y = i * ROW + 10;
        const share = f.value === null || f.target === 0 ? null : Math.min(f.value / f.target, SCALE);
        return (
          <g key={f.kind}>
            <text x={LABEL - 8} y={y + 17} textAnchor="end" fontSize="12" fill="currentColor">
              {t(`goals.kind.${f.kind}`).length > 38 ? `${t(`goals.kind.${f.kind}`).slice(0, 36)}…` : t(`goals.kind.${f.kind}`)}
            </text>
            <rect x={LABEL} y={y + 4} width={barWidth} height={18} fill="#f1f1f1" />
            {share !== null ? <rect x={LABEL} y={y + 4} width={(barWidth / SCALE) * share} height={18} fill={f.met ? "#06893a" : "#c77300"} /> : null}
            <text x={LABEL + barWidth + 6} y={y + 17} fontSize="12" fill="currentColor">
              {f.value === null ? "–" : f.measure === "percent" ? `${f.value} %` : String(f.value)}
            </text>
          </g>
        );
      })}
      <line x1={targetX} x2={targetX} y1={6} y2={height - 18} stroke="#262626" strokeDasharray="4 3" />
      <text x={targetX} y={height - 4} textAnchor="middle" fontSize="11" fill="currentColor">
        {t("goals.col.target")}
      </text>
    </svg>
  );
}
