// Small-number suppression for the aggregates that the steering group and the federation see (sv.
// röjandekontroll). Plain rules over counts of people; the pages only render what comes out of here.
//
// The rule (chosen after the practice of Statistics Sweden and Socialstyrelsen):
// - PRIMARY: every figure of 1-4 people, in a cell or in a total, is shown as "fewer than 5".
// - 0 is shown as 0. An empty cell tells nothing about any person; a zero that would reveal something
//   (e.g. "everyone in this row is a woman") can only do so together with a small neighbour, and that
//   neighbour is suppressed and protected by the secondary rule.
// - SECONDARY: in a table with row totals, column totals and a grand total, every row and every column
//   (the totals row and the totals column included, with the grand total as their total) that has exactly
//   one suppressed figure gets another one suppressed ("hidden"): the smallest other non-zero cell, or the
//   line's total when there is no such cell. Repeated until no line has exactly one. Zeros are never
//   hidden, so a hidden figure is always at least 5.
// - AUDIT: one suppressed figure per line is not the only way to undo suppression (two lines together, or
//   knowing that "fewer than 5" means 1-4 and "hidden" means at least 5, can pin a value). So the table is
//   then audited: for every suppressed figure, is there another table with the same shown figures, the
//   same labels (1-4 where "fewer than 5", at least 5 where "hidden") and all sums right, in which that
//   figure differs? The audit looks for a cycle of suppressed figures that can be shifted (see
//   hasAlternative); finding one proves the figure safe. Where none is found, one more figure next to it
//   is hidden and everything is checked again (so in doubt: more suppression, never less).
// - A single figure "n of m": see suppressFractions.
// - Limits: the audit covers the sums within ONE table and the labels. A reader who also knows the choice
//   rule ("the smallest other cell") learns that a hidden cell is at most the shown cells of its line, and
//   figures repeated across tables or pages (the same total in two tables) are not linked here: build
//   the tables a page shows from the same counts and pass shared denominators together.

export type SuppressedCell = { shown: number } | { suppressed: "fewer_than_5" } | { suppressed: "hidden" };

/** Figures of 1..SMALL_MAX people are suppressed. */
export const SMALL_MAX = 4;

export function isSmall(n: number): boolean {
  return n >= 1 && n <= SMALL_MAX;
}

function checkCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number >= 0, got ${String(n)}`);
}

/** One count on its own: 1-4 is "fewer than 5". */
export function suppressCount(n: number): SuppressedCell {
  checkCount(n, "count");
  return isSmall(n) ? { suppressed: "fewer_than_5" } : { shown: n };
}

export interface SuppressedFraction {
  numerator: SuppressedCell;
  denominator: SuppressedCell;
  /** Floored whole percent, only when both figures are shown (and the denominator is not 0). */
  percent: number | null;
}

/**
 * Several figures "n of m" over one denominator (e.g. the exits of the year with a written plan and in work
 * or studies), each shown as in a small table [n, m - n | m]:
 * - the denominator is "fewer than 5" when it is 1-4; each numerator is "fewer than 5" when it is 1-4;
 * - the complement m - n is a figure too: when it is 1-4 for a numerator that is shown (n >= 5), the
 *   denominator is hidden (m hidden and n shown: m could be any of n+1..n+4, and with several numerators
 *   always any of max(n)+1..max(n)+4, so no complement can be computed). The numerator stays shown.
 * Percentages are given only for pairs that are both shown.
 * Pass all figures that share a denominator in ONE call: shown separately they could reveal one another.
 */
export function suppressFractions(denominator: number, numerators: readonly number[]): { denominator: SuppressedCell; figures: SuppressedFraction[] } {
  checkCount(denominator, "denominator");
  numerators.forEach((n) => {
    checkCount(n, "numerator");
    if (n > denominator) throw new RangeError(`numerator ${n} is larger than the denominator ${denominator}`);
  });
  const m = denominator;
  let denominatorCell: SuppressedCell = { shown: m };
  if (isSmall(m)) denominatorCell = { suppressed: "fewer_than_5" };
  else if (numerators.some((n) => !isSmall(n) && isSmall(m - n))) denominatorCell = { suppressed: "hidden" };
  const figures = numerators.map((n): SuppressedFraction => {
    const numerator = suppressCount(n);
    const percent = "shown" in numerator && "shown" in denominatorCell && m > 0 ? Math.floor((n * 100) / m) : null;
    return { numerator, denominator: denominatorCell, percent };
  });
  return { denominator: denominatorCell, figures };
}

/** One figure "n of m" (see suppressFractions). */
export function suppressFraction(n: number, m: number): SuppressedFraction {
  return suppressFractions(m, [n]).figures[0]!;
}

export interface SuppressedTable {
  cells: SuppressedCell[][];
  rowTotals: SuppressedCell[];
  columnTotals: SuppressedCell[];
  grandTotal: SuppressedCell;
}

type State = "shown" | "fewer_than_5" | "hidden";

/**
 * The table with its margins as one (R+1) x (C+1) grid: the last column holds the row totals, the last
 * row the column totals, the corner the grand total. Every row and every column of the grid is a "line":
 * its last entry is the sum of the others.
 */
interface Grid {
  values: number[][];
  rows: number;
  columns: number;
}

type Pos = readonly [number, number];

function lines(g: Grid): Pos[][] {
  const out: Pos[][] = [];
  for (let r = 0; r <= g.rows; r++) out.push(Array.from({ length: g.columns + 1 }, (_, c) => [r, c] as const));
  for (let c = 0; c <= g.columns; c++) out.push(Array.from({ length: g.rows + 1 }, (_, r) => [r, c] as const));
  return out;
}

function toGrid(counts: readonly (readonly number[])[]): Grid {
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  if (rows === 0 || columns === 0) throw new RangeError("a table needs at least one row and one column");
  counts.forEach((row, r) => {
    if (row.length !== columns) throw new RangeError(`row ${r} has ${row.length} cells, expected ${columns}`);
    row.forEach((n, c) => checkCount(n, `cell [${r}][${c}]`));
  });
  const values = counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const totalsRow = Array.from({ length: columns + 1 }, (_, c) => values.reduce((sum, row) => sum + row[c]!, 0));
  values.push(totalsRow);
  return { values, rows, columns };
}

/** Hides one more figure of a line: the smallest shown non-zero cell before its total, else the total. */
function hideOneIn(line: readonly Pos[], g: Grid, state: State[][]): boolean {
  const candidates = line.slice(0, -1).filter(([r, c]) => state[r]![c] === "shown" && g.values[r]![c]! > 0);
  candidates.sort((a, b) => g.values[a[0]]![a[1]]! - g.values[b[0]]![b[1]]!);
  const total = line.at(-1)!;
  const pick = candidates[0] ?? (state[total[0]]![total[1]] === "shown" && g.values[total[0]]![total[1]]! > 0 ? total : undefined);
  if (!pick) return false;
  state[pick[0]]![pick[1]] = "hidden";
  return true;
}

/** Secondary suppression: until no line has exactly one suppressed figure. */
function closeLines(g: Grid, state: State[][], all: readonly Pos[][]): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of all) {
      if (line.filter(([r, c]) => state[r]![c] !== "shown").length === 1 && hideOneIn(line, g, state)) changed = true;
    }
  }
}

/** How many search steps one check may take before it counts the figure as revealed. */
export const AUDIT_STEP_LIMIT = 20_000;

/**
 * Whether the suppressed figure at `target` can take another value in some table with the same shown
 * figures and labels whose sums are right. Looks for a cycle of suppressed figures through it (alternately
 * along a row and a column of the grid with margins, as in a 2 x 2 "rectangle" and longer ones): adding d
 * to one figure and taking it away from the next along the cycle (adding, where the next is the line's
 * total) keeps every sum, so the cycle gives another table when some d != 0 keeps every figure on it within
 * its label (1-4 for "fewer than 5", at least 5 for "hidden"). Finding one proves the figure cannot be
 * worked out; not finding one within the step limit counts it as revealed (more suppression, never less).
 */
function hasAlternative(g: Grid, state: State[][], target: Pos, stepLimit = AUDIT_STEP_LIMIT): boolean {
  const R = g.rows;
  const C = g.columns;
  const suppressed = (r: number, c: number) => state[r]![c] !== "shown";
  // How an entry counts in its row's / column's equation: +1 before the total, -1 as the total.
  const inRow = (c: number) => (c === C ? -1 : 1);
  const inColumn = (r: number) => (r === R ? -1 : 1);
  // The range of d for an entry changed by sign * d.
  const range = (r: number, c: number, sign: number): [number, number] => {
    const x = g.values[r]![c]!;
    const [lo, hi] = state[r]![c] === "fewer_than_5" ? [1, SMALL_MAX] : [SMALL_MAX + 1, Infinity];
    return sign > 0 ? [lo - x, hi - x] : [x - hi, x - lo];
  };
  let steps = 0;
  const [tr, tc] = target;
  const usedRows = new Set<number>([tr]);
  const usedColumns = new Set<number>([tc]);
  const narrow = (lo: number, hi: number, [a, b]: [number, number]): [number, number] | null => {
    const [l, h] = [Math.max(lo, a), Math.min(hi, b)];
    return l > h || (l === 0 && h === 0) ? null : [l, h];
  };
  // At (r, c), changed by sign * d with d in [lo, hi]: on along row r. Reaching the target's column closes
  // the cycle (the step back up that column to the target is consistent by construction: every row and
  // column of a simple cycle is visited twice, so the signs multiply out to +1).
  const alongRow = (r: number, c: number, sign: number, lo: number, hi: number): boolean => {
    if (++steps > stepLimit) return false;
    for (let c2 = 0; c2 <= C; c2++) {
      if (c2 === c || !suppressed(r, c2) || (c2 !== tc && usedColumns.has(c2))) continue;
      const s2 = -sign * inRow(c) * inRow(c2);
      const d = narrow(lo, hi, range(r, c2, s2));
      if (d === null) continue;
      if (c2 === tc) return true;
      usedColumns.add(c2);
      const found = alongColumn(r, c2, s2, d[0], d[1]);
      usedColumns.delete(c2);
      if (found) return true;
    }
    return false;
  };
  const alongColumn = (r: number, c: number, sign: number, lo: number, hi: number): boolean => {
    if (++steps > stepLimit) return false;
    for (let r2 = 0; r2 <= R; r2++) {
      if (r2 === r || usedRows.has(r2) || !suppressed(r2, c)) continue;
      const s2 = -sign * inColumn(r) * inColumn(r2);
      const d = narrow(lo, hi, range(r2, c, s2));
      if (d === null) continue;
      usedRows.add(r2);
      const found = alongRow(r2, c, s2, d[0], d[1]);
      usedRows.delete(r2);
      if (found) return true;
    }
    return false;
  };
  const start = narrow(-Infinity, Infinity, range(tr, tc, 1));
  return start !== null && alongRow(tr, tc, 1, start[0], start[1]);
}

/** The first suppressed figure that could be worked out, or null. */
function revealed(g: Grid, state: State[][]): Pos | null {
  for (let r = 0; r <= g.rows; r++) {
    for (let c = 0; c <= g.columns; c++) {
      if (state[r]![c] !== "shown" && !hasAlternative(g, state, [r, c])) return [r, c];
    }
  }
  return null;
}

/** Hides one more figure next to a revealed one: in its row or its column, else the smallest anywhere. */
function hideNear(g: Grid, state: State[][], [r, c]: Pos): boolean {
  const row = Array.from({ length: g.columns + 1 }, (_, j) => [r, j] as const);
  const column = Array.from({ length: g.rows + 1 }, (_, i) => [i, c] as const);
  const candidates = [...row, ...column].filter(([i, j]) => state[i]![j] === "shown" && g.values[i]![j]! > 0);
  if (candidates.length === 0) {
    for (let i = 0; i <= g.rows; i++) for (let j = 0; j <= g.columns; j++) if (state[i]![j] === "shown" && g.values[i]![j]! > 0) candidates.push([i, j]);
  }
  candidates.sort((a, b) => g.values[a[0]]![a[1]]! - g.values[b[0]]![b[1]]!);
  const pick = candidates[0];
  if (!pick) return false;
  state[pick[0]]![pick[1]] = "hidden";
  return true;
}

/**
 * Suppresses a table of counts of people (rows x columns) with its row totals, column totals and grand
 * total, by the rule at the top of this file.
 */
export function suppressTable(counts: readonly (readonly number[])[]): SuppressedTable {
  const g = toGrid(counts);
  const all = lines(g);
  const state: State[][] = g.values.map((row) => row.map((n) => (isSmall(n) ? "fewer_than_5" : "shown")));
  closeLines(g, state, all);
  for (let p = revealed(g, state); p !== null; p = revealed(g, state)) {
    if (!hideNear(g, state, p)) break;
    closeLines(g, state, all);
  }
  const cell = (r: number, c: number): SuppressedCell => {
    const s = state[r]![c]!;
    return s === "shown" ? { shown: g.values[r]![c]! } : { suppressed: s };
  };
  return {
    cells: counts.map((row, r) => row.map((_, c) => cell(r, c))),
    rowTotals: counts.map((_, r) => cell(r, g.columns)),
    columnTotals: Array.from({ length: g.columns }, (_, c) => cell(g.rows, c)),
    grandTotal: cell(g.rows, g.columns),
  };
}
