import { Heading, Link as AkselLink, Table, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import { GOAL_KINDS } from "../../../domain/goals.ts";
import type { DurationView, Guarded, ProgramFiguresView } from "../../../domain/program-figures.ts";
import type { Translator } from "../../../i18n/index.ts";
import type { GoalBreakdown, GoalFigure } from "../../../services/goals.ts";
import { useT } from "../../lib/i18n.ts";
import { monthText } from "../attendance/AttendanceTables.tsx";
import { DataTable } from "../DataTable.tsx";
import { cellText, figureText } from "./GoalViews.tsx";

// The dashboard's other figures: occupancy (table and a server-drawn SVG with the same numbers), waiting and
// pre-group times, attendance, the life-area wheel, time in program, days to the first job; the year's
// participants broken down by sex, age band, referring authority and income source; the goals in earlier years.

function guarded<T>(t: Translator, g: Guarded<T>, show: (value: T) => string): string {
  return "shown" in g ? show(g.shown) : t("goals.figure.fewerThan5");
}

const days = (t: Translator, n: number | null) => (n === null ? "–" : t("figures.days", { n: t.number(n) }));

function durationRow(t: Translator, key: "waiting" | "preGroup" | "timeInProgram" | "daysToFirstJob", m: DurationView) {
  return (
    <Table.Row key={key} data-measure={key}>
      <Table.HeaderCell scope="row">{t(`figures.${key}`)}</Table.HeaderCell>
      <Table.DataCell>{guarded(t, m.n, (n) => t.number(n))}</Table.DataCell>
      <Table.DataCell>{guarded(t, m.stats, (s) => days(t, s.median))}</Table.DataCell>
      <Table.DataCell>{guarded(t, m.stats, (s) => (s.mean === null ? "–" : t("figures.days", { n: t.number(s.mean) })))}</Table.DataCell>
      <Table.DataCell>{guarded(t, m.stats, (s) => (s.min === null ? "–" : `${days(t, s.min)} – ${days(t, s.max)}`))}</Table.DataCell>
    </Table.Row>
  );
}

export function GoalMeasures({ measures, year }: { measures: ProgramFiguresView; year: number }) {
  const t = useT();
  const wheel = measures.wheel;
  return (
    <section aria-labelledby="figures-heading">
      <Heading level="2" size="medium" id="figures-heading" spacing>
        {t("figures.heading")}
      </Heading>
      <VStack gap="space-24">
        <DataTable caption={t("figures.durations.caption", { year })} testId="figure-durations" columns={[t("figures.col.measure"), t("figures.col.n"), t("figures.col.median"), t("figures.col.mean"), t("figures.col.range")]}>
          {durationRow(t, "waiting", measures.waiting)}
          {durationRow(t, "preGroup", measures.preGroup)}
          {durationRow(t, "timeInProgram", measures.timeInProgram)}
          {durationRow(t, "daysToFirstJob", measures.daysToFirstJob)}
        </DataTable>
        <DataTable caption={t("figures.group.caption", { year })} testId="figure-group" columns={[t("figures.col.measure"), t("figures.col.value")]}>
          <Table.Row data-measure="occupancy">
            <Table.HeaderCell scope="row">{t("figures.occupancy")}</Table.HeaderCell>
            <Table.DataCell>{measures.occupancyPercent === null ? "–" : `${measures.occupancyPercent} %`}</Table.DataCell>
          </Table.Row>
          <Table.Row data-measure="attendance">
            <Table.HeaderCell scope="row">{t("figures.attendance")}</Table.HeaderCell>
            <Table.DataCell>
              {guarded(t, measures.attendance, (a) => (a.percent === null ? "–" : t("figures.attendanceValue", { percent: a.percent, attended: t.number(a.attended), counted: t.number(a.counted) })))}
            </Table.DataCell>
          </Table.Row>
          <Table.Row data-measure="wheel">
            <Table.HeaderCell scope="row">{t("figures.wheel")}</Table.HeaderCell>
            <Table.DataCell>
              {guarded(t, wheel, (w) =>
                w.meanChange === null
                  ? t("figures.wheelNone")
                  : `${t("figures.wheelValue", { change: (w.meanChange > 0 ? "+" : "") + t.number(w.meanChange), n: t.number(w.participants) })}${"shown" in w.split ? ` ${t("figures.wheelSplit", { improved: w.split.shown.improved, same: w.split.shown.same, lower: w.split.shown.lower })}` : ""}`,
              )}
            </Table.DataCell>
          </Table.Row>
        </DataTable>
        <p className="navds-body-short navds-body-short--small">{t("figures.explained")}</p>
        <OccupancyChart measures={measures} year={year} />
      </VStack>
    </section>
  );
}

const W = 640;
const H = 200;
const LEFT = 40;

/** Occupancy month by month: bars against 100 % of the places; a suppressed month is drawn as nothing. */
function OccupancyChart({ measures, year }: { measures: ProgramFiguresView; year: number }) {
  const t = useT();
  const months = measures.occupancy;
  const top = Math.max(100, ...months.map((m) => ("shown" in m.percent && m.percent.shown !== null ? m.percent.shown : 0)));
  const slot = (W - LEFT - 10) / Math.max(months.length, 1);
  const y = (p: number) => H - 30 - ((H - 50) * p) / top;
  return (
    <VStack gap="space-8">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby="occupancy-title occupancy-desc" style={{ maxWidth: `${W}px` }}>
        <title id="occupancy-title">{t("figures.occupancyChart.title", { year })}</title>
        <desc id="occupancy-desc">{t("figures.occupancyChart.desc")}</desc>
        <line x1={LEFT} x2={W - 10} y1={y(100)} y2={y(100)} stroke="#262626" strokeDasharray="4 3" />
        <text x={LEFT - 4} y={y(100) + 4} textAnchor="end" fontSize="11" fill="currentColor">
          100 %
        </text>
        {months.map((m, i) => {
          const value = "shown" in m.percent ? m.percent.shown : null;
          const x = LEFT + i * slot + slot * 0.15;
          return (
            <g key={m.month}>
              {value !== null ? <rect x={x} y={y(value)} width={slot * 0.7} height={H - 30 - y(value)} fill="#0067c5" /> : null}
              <text x={x + slot * 0.35} y={H - 14} textAnchor="middle" fontSize="11" fill="currentColor">
                {m.month.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable caption={t("figures.occupancyChart.caption", { year })} size="small" testId="figure-occupancy" columns={[t("goals.trend.month"), t("figures.occupancy")]}>
        {months.map((m) => (
          <Table.Row key={m.month}>
            <Table.HeaderCell scope="row">{monthText(t, m.month)}</Table.HeaderCell>
            <Table.DataCell>{guarded(t, m.percent, (p) => (p === null ? "–" : `${p} %`))}</Table.DataCell>
          </Table.Row>
        ))}
      </DataTable>
    </VStack>
  );
}

function valueText(t: Translator, dimension: GoalBreakdown["dimension"], value: string): string {
  switch (dimension) {
    case "sex":
      return t(`sex.${value}`);
    case "age_band":
      return t(`ageBand.${value}`);
    case "referring_authority":
      return t(`authorityKind.${value}`);
    case "income_source":
      return t(`incomeSource.${value}`);
  }
}

/** The year's participants by each dimension; for the program's staff each row opens the list behind it. */
export function GoalBreakdowns({ breakdowns, year, listHref }: { breakdowns: readonly GoalBreakdown[]; year: number; listHref: ((dimension: string, value: string) => string) | null }) {
  const t = useT();
  return (
    <section aria-labelledby="breakdowns-heading">
      <Heading level="2" size="medium" id="breakdowns-heading" spacing>
        {t("figures.breakdowns.heading", { year })}
      </Heading>
      <div className="breakdown-grid">
        {breakdowns.map((b) => (
          <DataTable key={b.dimension} caption={t(`figures.breakdowns.${b.dimension}`)} size="small" testId={`breakdown-${b.dimension}`} columns={[t(`figures.breakdowns.${b.dimension}`), t("figures.col.participants")]}>
            {b.rows.map((r) => (
              <Table.Row key={r.value}>
                <Table.HeaderCell scope="row">{valueText(t, b.dimension, r.value)}</Table.HeaderCell>
                <Table.DataCell>
                  {listHref && "shown" in r.count && r.count.shown > 0 ? (
                    <AkselLink as={Link} to={listHref(b.dimension, r.value)}>
                      {cellText(t, r.count)}
                      <span className="visually-hidden">: {t("figures.breakdowns.open", { value: valueText(t, b.dimension, r.value) })}</span>
                    </AkselLink>
                  ) : (
                    cellText(t, r.count)
                  )}
                </Table.DataCell>
              </Table.Row>
            ))}
            <Table.Row>
              <Table.HeaderCell scope="row">{t("figures.breakdowns.total")}</Table.HeaderCell>
              <Table.DataCell>{cellText(t, b.total)}</Table.DataCell>
            </Table.Row>
          </DataTable>
        ))}
      </div>
    </section>
  );
}

/** The goals this year and in earlier years side by side. */
export function GoalHistory({ year, figures, history }: { year: number; figures: readonly GoalFigure[]; history: readonly { year: number; figures: readonly GoalFigure[] }[] }) {
  const t = useT();
  if (history.length === 0) return null;
  const years = [{ year, figures }, ...history];
  return (
    <section aria-labelledby="history-heading">
      <Heading level="2" size="medium" id="history-heading" spacing>
        {t("figures.history.heading")}
      </Heading>
      <DataTable caption={t("figures.history.caption")} size="small" testId="goal-history" columns={[t("goals.col.goal"), ...years.map((y) => String(y.year))]}>
        {GOAL_KINDS.map((kind) => (
          <Table.Row key={kind}>
            <Table.HeaderCell scope="row">{t(`goals.kind.${kind}`)}</Table.HeaderCell>
            {years.map((y) => {
              const f = y.figures.find((x) => x.kind === kind)!;
              return <Table.DataCell key={y.year}>{figureText(t, f)}</Table.DataCell>;
            })}
          </Table.Row>
        ))}
      </DataTable>
    </section>
  );
}
