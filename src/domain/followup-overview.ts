import { flooredPercent, GOAL_DEFINITIONS, GOAL_KINDS, type GoalMeasure, type GoalResult, type Period, type ProgramGoalKind, yearPeriod } from "./goals.ts";
import { type SuppressedCell, suppressTable } from "./suppression.ts";

// The goals of several programs side by side with their total, as the steering group and the federation see
// them (issue: follow-up, "Steering group and federation"), and the quarter a steering-group report covers.
//
// Suppression across programs: for readers who see aggregates only, each goal's numerators (and, for the
// percentages, its denominators) form one column of a table with a row per program and the total as its
// grand total; suppression.ts hides every 1-4 and whatever would let one be worked out (a total minus the
// others). A program's percentage is shown only when both its numerator and denominator are; the total's
// likewise. Targets are per program; the total has no target (programs set theirs differently), so it shows
// the pooled result: the sum of numerators over the sum of denominators, not a mean of percentages.

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

/** A quarter's report covers the year from 1 January to the quarter's end (or to `today` when earlier). */
export function quarterPeriod(year: number, quarter: Quarter, today?: string): Period {
  if (!QUARTERS.includes(quarter)) throw new RangeError(`quarter must be 1-4, got ${String(quarter)}`);
  const end = `${String(year).padStart(4, "0")}-${["03-31", "06-30", "09-30", "12-31"][quarter - 1]}`;
  const whole = yearPeriod(year);
  const to = today !== undefined && today < end ? today : end;
  return { from: whole.from, to: to < whole.from ? whole.from : to };
}

/** The quarter a date falls in. */
export function quarterOf(date: string): Quarter {
  return (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter;
}

export interface OverviewCell {
  numerator: SuppressedCell;
  /** Null for counts. */
  denominator: SuppressedCell | null;
  /** The count or floored percent; null when suppressed or nothing to measure. */
  value: number | null;
}

export interface OverviewProgramRow extends OverviewCell {
  programId: string;
  target: number;
  met: boolean | null;
}

export interface OverviewGoal {
  kind: ProgramGoalKind;
  measure: GoalMeasure;
  programs: OverviewProgramRow[];
  total: OverviewCell;
}

const shownValue = (cell: SuppressedCell) => ("shown" in cell ? cell.shown : null);

/**
 * Each goal across programs, with the pooled total. `suppress`: the reader sees aggregates only (then every
 * program is suppressed, as the steering group sees every program the same way).
 */
export function overviewGoals(programs: readonly { programId: string; results: readonly GoalResult[] }[], suppress: boolean): OverviewGoal[] {
  return GOAL_KINDS.map((kind): OverviewGoal => {
    const measure = GOAL_DEFINITIONS[kind].measure;
    const results = programs.map((p) => {
      const r = p.results.find((x) => x.kind === kind);
      if (!r) throw new RangeError(`program ${p.programId} has no result for ${kind}`);
      return r;
    });
    const numerators = results.map((r) => r.numerator);
    const denominators = results.map((r) => r.denominator ?? 0);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const column = (values: number[]): { cells: SuppressedCell[]; total: SuppressedCell } => {
      if (!suppress) return { cells: values.map((v) => ({ shown: v })), total: { shown: sum(values) } };
      if (values.length === 0) return { cells: [], total: { shown: 0 } };
      const table = suppressTable(values.map((v) => [v]));
      return { cells: table.cells.map((row) => row[0]!), total: table.grandTotal };
    };
    const num = column(numerators);
    const den = measure === "percent" ? column(denominators) : null;
    const valueOf = (n: SuppressedCell, d: SuppressedCell | null, raw: number | null): number | null => {
      if (measure === "count") return shownValue(n);
      const nv = shownValue(n);
      const dv = d ? shownValue(d) : null;
      return nv === null || dv === null ? null : raw;
    };
    return {
      kind,
      measure,
      programs: programs.map((p, i) => {
        const r = results[i]!;
        const d = den ? den.cells[i]! : null;
        const value = valueOf(num.cells[i]!, d, r.value);
        return { programId: p.programId, target: r.target, numerator: num.cells[i]!, denominator: d, value, met: value === null && measure === "percent" ? null : "shown" in num.cells[i]! ? r.met : null };
      }),
      total: {
        numerator: num.total,
        denominator: den ? den.total : null,
        value: valueOf(num.total, den ? den.total : null, measure === "count" ? sum(numerators) : flooredPercent(sum(numerators), sum(denominators))),
      },
    };
  });
}
