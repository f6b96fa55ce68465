import { BodyShort, Button, Checkbox, Heading, Table, Tag, VStack } from "@navikt/ds-react";
import { Form } from "react-router";
import { areaChanges, meanScore, summariseChanges } from "../../../domain/wheel.ts";
import type { WheelAxis, WheelOverview, WheelReading } from "../../../services/wheel.ts";
import { useT } from "../../lib/i18n.ts";
import { DataTable } from "../DataTable.tsx";
import { areaLabel, readingLabel, signed, versionLabel } from "./format.ts";
import { LineSample } from "./RadarChart.tsx";

// The wheel's numbers as tables: the readings the chart shows (with the change per area), the participant's
// and coordinator's readings side by side, and the list of every reading (choosing which the chart shows).

function AreaHeader({ axis }: { axis: WheelAxis }) {
  const t = useT();
  return (
    <Table.HeaderCell scope="row">
      {areaLabel(t, axis)}
      {axis.current ? null : (
        <BodyShort as="span" size="small" textColor="subtle">
          {" "}
          {t("wheel.table.removedArea")}
        </BodyShort>
      )}
    </Table.HeaderCell>
  );
}

/** The numbers in the chart: one row per area, one column per reading, and the change from the first to the last. */
export function ChartNumbers({ axes, readings }: { axes: WheelAxis[]; readings: WheelReading[] }) {
  const t = useT();
  const first = readings[0];
  const last = readings.at(-1);
  const withChange = readings.length >= 2 && first && last;
  const keys = axes.map((a) => a.key);
  const changes = withChange ? areaChanges(keys, first.scores, last.scores) : [];
  const summary = summariseChanges(changes);
  const firstMean = first ? meanScore(first.scores, keys) : null;
  const lastMean = last ? meanScore(last.scores, keys) : null;
  const score = (value: number | undefined) => (value === undefined ? <BodyShort as="span" size="small" textColor="subtle">{t("wheel.table.notRated")}</BodyShort> : t.number(value));
  return (
    <VStack gap="space-12">
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("wheel.table.caption")}>
        <Table size="small" data-testid="wheel-numbers">
          <caption className="visually-hidden">{t("wheel.table.caption")}</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">{t("wheel.table.area")}</Table.HeaderCell>
              {readings.map((r, index) => (
                <Table.HeaderCell scope="col" key={r.id}>
                  <span style={{ display: "inline-flex", alignItems: "center", gap: "0.5rem" }}>
                    <LineSample index={index} />
                    {readingLabel(t, r)}
                  </span>
                </Table.HeaderCell>
              ))}
              {withChange ? <Table.HeaderCell scope="col">{t("wheel.table.change")}</Table.HeaderCell> : null}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {axes.map((axis, i) => (
              <Table.Row key={axis.key} data-testid="wheel-numbers-row">
                <AreaHeader axis={axis} />
                {readings.map((r) => (
                  <Table.DataCell key={r.id}>{score(r.scores[axis.key])}</Table.DataCell>
                ))}
                {withChange ? <Table.DataCell>{changes[i]!.change === null ? "–" : signed(t, changes[i]!.change!)}</Table.DataCell> : null}
              </Table.Row>
            ))}
            <Table.Row>
              <Table.HeaderCell scope="row">{t("wheel.table.mean")}</Table.HeaderCell>
              {readings.map((r) => {
                const mean = meanScore(r.scores, keys);
                return <Table.DataCell key={r.id}>{mean === null ? "–" : t.number(mean)}</Table.DataCell>;
              })}
              {withChange ? <Table.DataCell>{firstMean !== null && lastMean !== null ? signed(t, Math.round((lastMean - firstMean) * 10) / 10) : "–"}</Table.DataCell> : null}
            </Table.Row>
          </Table.Body>
        </Table>
      </div>
      {withChange ? (
        <>
          <BodyShort data-testid="wheel-change-summary">
            {t("wheel.table.summary", { from: readingLabel(t, first), to: readingLabel(t, last), improved: summary.improved, same: summary.same, lower: summary.lower })}
          </BodyShort>
          <BodyShort size="small" textColor="subtle">
            {t("wheel.table.changeHelp")}
          </BodyShort>
        </>
      ) : null}
    </VStack>
  );
}

/** The participant's and the coordinator's readings of the same occasion, side by side. */
export function Comparisons({ overview }: { overview: WheelOverview }) {
  const t = useT();
  const byId = new Map(overview.readings.map((r) => [r.id, r]));
  if (overview.comparisons.length === 0) return <BodyShort>{t("wheel.compare.none")}</BodyShort>;
  return (
    <VStack gap="space-32">
      {overview.comparisons.map((c, n) => {
        const participant = byId.get(c.participantId)!;
        const coordinator = byId.get(c.coordinatorId)!;
        const captionId = `wheel-compare-${n}`;
        return (
          <VStack gap="space-8" key={c.participantId} data-testid="wheel-comparison">
            <Heading level="3" size="xsmall" id={captionId}>
              {t("wheel.compare.caption", { occasion: t(`wheel.occasion.${participant.occasion}`), participantDate: t.date(participant.date), coordinatorDate: t.date(coordinator.date) })}
            </Heading>
            <BodyShort>{c.differing > 0 ? t.plural("wheel.compare.differing", c.differing) : t("wheel.compare.noDifference")}</BodyShort>
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
              <Table size="small" aria-labelledby={captionId}>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell scope="col">{t("wheel.table.area")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t("wheel.ratedBy.participant")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t("wheel.ratedBy.coordinator")}</Table.HeaderCell>
                    <Table.HeaderCell scope="col">{t("wheel.compare.difference")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {overview.axes.map((axis, i) => {
                    const area = c.areas[i]!;
                    if (area.from === null && area.to === null) return null;
                    return (
                      <Table.Row key={axis.key}>
                        <AreaHeader axis={axis} />
                        <Table.DataCell>{area.from === null ? t("wheel.table.notRated") : t.number(area.from)}</Table.DataCell>
                        <Table.DataCell>{area.to === null ? t("wheel.table.notRated") : t.number(area.to)}</Table.DataCell>
                        <Table.DataCell>
                          {area.change === null ? "–" : t.number(Math.abs(area.change))}
                          {area.differs ? (
                            <>
                              {" "}
                              <Tag variant="warning" size="xsmall">
                                {t("wheel.compare.differs")}
                              </Tag>
                            </>
                          ) : null}
                        </Table.DataCell>
                      </Table.Row>
                    );
                  })}
                </Table.Body>
              </Table>
            </div>
            {[participant, coordinator]
              .filter((r) => r.note)
              .map((r) => (
                <BodyShort key={r.id}>{t("wheel.compare.note", { ratedBy: t(`wheel.by.${r.ratedBy}`), note: r.note })}</BodyShort>
              ))}
          </VStack>
        );
      })}
    </VStack>
  );
}

/** Every reading, the latest first, with a box to choose it for the chart (a plain GET form). */
export function ReadingList({ overview }: { overview: WheelOverview }) {
  const t = useT();
  const keys = overview.axes.map((a) => a.key);
  const shown = new Set(overview.chart);
  if (overview.readings.length === 0) return <BodyShort>{t("wheel.list.none")}</BodyShort>;
  return (
    <Form method="get">
      <VStack gap="space-16">
        <BodyShort id="wheel-choose-help">{t("wheel.chart.chooseHelp")}</BodyShort>
        <DataTable
          caption={t("wheel.list.caption")}
          columns={[t("wheel.list.show"), t("wheel.list.date"), t("wheel.list.occasion"), t("wheel.list.ratedBy"), t("wheel.list.mean"), t("wheel.list.version"), t("wheel.list.recordedBy"), t("wheel.list.note")]}
          size="small"
          testId="wheel-readings"
        >
          {overview.readings.map((r) => {
            const mean = meanScore(r.scores, keys);
            return (
              <Table.Row key={r.id} data-testid="wheel-reading-row">
                <Table.DataCell>
                  <Checkbox name="show" value={r.id} defaultChecked={shown.has(r.id)} hideLabel size="small" aria-describedby="wheel-choose-help">
                    {t("wheel.chart.chooseLabel", { reading: readingLabel(t, r) })}
                  </Checkbox>
                </Table.DataCell>
                <Table.DataCell style={{ whiteSpace: "nowrap" }}>{t.date(r.date)}</Table.DataCell>
                <Table.DataCell>{t(`wheel.occasion.${r.occasion}`)}</Table.DataCell>
                <Table.DataCell>{t(`wheel.ratedBy.${r.ratedBy}`)}</Table.DataCell>
                <Table.DataCell>{mean === null ? "–" : t.number(mean)}</Table.DataCell>
                <Table.DataCell>{versionLabel(t, r)}</Table.DataCell>
                <Table.DataCell>{r.recordedByName}</Table.DataCell>
                <Table.DataCell style={{ whiteSpace: "pre-line" }}>{r.note || "–"}</Table.DataCell>
              </Table.Row>
            );
          })}
        </DataTable>
        <div>
          <Button type="submit" variant="secondary" size="small">
            {t("wheel.chart.choose")}
          </Button>
        </div>
      </VStack>
    </Form>
  );
}
