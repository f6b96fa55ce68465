import { BodyShort, Heading } from "@navikt/ds-react";
import { LABEL_LINE_HEIGHT, radarGeometry, type WheelScores } from "../../../domain/wheel.ts";
import { useT } from "../../lib/i18n.ts";

// The radar chart, drawn on the server as SVG from the domain's geometry. Up to three readings are told
// apart without colour: a solid line with round points, a dashed one with square points, a dotted one with
// triangles, named in a legend beside the chart. Every colour has at least 3:1 contrast against white
// (lines and points) and text at least 4.5:1. The same numbers are always in a table beside the chart.

export interface ChartReading {
  id: string;
  label: string;
  scores: WheelScores;
}

export const READING_STYLES = [
  { color: "#0056b4", dash: undefined, marker: "circle" },
  { color: "#b33c00", dash: "10 6", marker: "square" },
  { color: "#23262a", dash: "1 7", marker: "triangle" },
] as const;

const GRID = "#8a9099";
const TEXT = "#23262a";
const SUBTLE_TEXT = "#4a5058";

function Marker({ index, x, y }: { index: number; x: number; y: number }) {
  const style = READING_STYLES[index]!;
  if (style.marker === "circle") return <circle cx={x} cy={y} r={6} fill={style.color} />;
  if (style.marker === "square") return <rect x={x - 5} y={y - 5} width={10} height={10} fill="#ffffff" stroke={style.color} strokeWidth={2.5} />;
  return <polygon points={`${x},${y - 7} ${x + 6.5},${y + 5} ${x - 6.5},${y + 5}`} fill={style.color} />;
}

/** A short sample of a reading's line and point, for the legend. */
export function LineSample({ index }: { index: number }) {
  const style = READING_STYLES[index]!;
  return (
    <svg width={56} height={18} viewBox="0 0 56 18" aria-hidden="true" focusable="false" style={{ flex: "none" }}>
      <line x1={2} y1={9} x2={54} y2={9} stroke={style.color} strokeWidth={3} strokeDasharray={style.dash} strokeLinecap={style.dash === "1 7" ? "round" : "butt"} />
      <Marker index={index} x={28} y={9} />
    </svg>
  );
}

export function RadarChart({
  id,
  axes,
  readings,
  title,
  description,
}: {
  id: string;
  axes: { key: string; label: string }[];
  readings: ChartReading[];
  title: string;
  description: string;
}) {
  const t = useT();
  const g = radarGeometry({ axes, readings: readings.map((r) => r.scores) });
  return (
    <div className="wheel-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        viewBox={`0 0 ${g.width} ${g.height}`}
        width="100%"
        style={{ maxWidth: g.width, height: "auto", display: "block" }}
        data-testid="wheel-chart"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <g>
          {g.rings.map((ring) => (
            <polygon key={ring.value} points={ring.polygon} fill="none" stroke={GRID} strokeWidth={1} data-ring={ring.value} />
          ))}
          {g.axes.map((axis) => (
            <line key={axis.key} x1={g.center.x} y1={g.center.y} x2={axis.end.x} y2={axis.end.y} stroke={GRID} strokeWidth={1} />
          ))}
          {g.ringLabels.map((label) => (
            <text key={label.value} x={label.x} y={label.y} fontSize={12} fill={SUBTLE_TEXT}>
              {t.number(label.value)}
            </text>
          ))}
        </g>
        {g.readings.map((reading, index) => {
          const style = READING_STYLES[index]!;
          return (
            <g key={readings[index]!.id} data-testid="wheel-reading" data-reading={readings[index]!.id}>
              {reading.points.length >= 2 ? (
                <polygon
                  points={reading.polygon}
                  fill={style.color}
                  fillOpacity={0.08}
                  stroke={style.color}
                  strokeWidth={3}
                  strokeDasharray={style.dash}
                  strokeLinecap={style.dash === "1 7" ? "round" : "butt"}
                  strokeLinejoin="round"
                  data-testid="wheel-polygon"
                />
              ) : null}
              {reading.points.map((p) => (
                <Marker key={p.key} index={index} x={p.x} y={p.y} />
              ))}
            </g>
          );
        })}
        <g>
          {g.axes.map((axis) => (
            <text key={axis.key} x={axis.label.x} y={axis.label.y} textAnchor={axis.label.anchor} fontSize={14} fill={TEXT}>
              {axis.label.lines.map((line, i) => (
                <tspan key={i} x={axis.label.x} dy={i === 0 ? 0 : LABEL_LINE_HEIGHT}>
                  {line}
                </tspan>
              ))}
            </text>
          ))}
        </g>
      </svg>
    </div>
  );
}

/** The legend: which line is which reading, in words and with a sample of each line. */
export function ChartLegend({ id, readings }: { id: string; readings: ChartReading[] }) {
  const t = useT();
  return (
    <div>
      <Heading level="3" size="xsmall" id={`${id}-legend`} spacing>
        {t("wheel.chart.legend")}
      </Heading>
      <ul aria-labelledby={`${id}-legend`} style={{ listStyle: "none", padding: 0, margin: 0, display: "grid", gap: "0.5rem" }}>
        {readings.map((r, index) => (
          <li key={r.id} style={{ display: "flex", alignItems: "center", gap: "0.75rem" }} data-testid="wheel-legend-item">
            <LineSample index={index} />
            <BodyShort as="span">{t("wheel.chart.legendItem", { reading: r.label, line: t(`wheel.chart.line.${index}`) })}</BodyShort>
          </li>
        ))}
      </ul>
    </div>
  );
}
