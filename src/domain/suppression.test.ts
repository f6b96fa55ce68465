import { describe, expect, it } from "vitest";
import { type SuppressedCell, type SuppressedTable, suppressCount, suppressFraction, suppressFractions, suppressTable } from "./suppression.ts";

/** A small seeded PRNG (mulberry32): the same tables on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts 0-9 with the small ones (1-4) frequent, as in a program of 30 people split many ways. */
function randomTable(next: () => number, rows: number, columns: number, max = 9): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => (next() < 0.25 ? 0 : Math.floor(next() * (max + 1)))));
}

const F: SuppressedCell = { suppressed: "fewer_than_5" };
const H: SuppressedCell = { suppressed: "hidden" };
const S = (n: number): SuppressedCell => ({ shown: n });
const isSuppressed = (c: SuppressedCell) => !("shown" in c);

/** The table with its margins as lines: each row with its total, each column with its total, and the totals row and column. */
function linesOf(t: SuppressedTable): SuppressedCell[][] {
  const rows = t.cells.map((row, r) => [...row, t.rowTotals[r]!]);
  const totalsRow = [...t.columnTotals, t.grandTotal];
  const grid = [...rows, totalsRow];
  const columns = grid[0]!.map((_, c) => grid.map((row) => row[c]!));
  return [...grid, ...columns];
}

/** A value fits what is shown: exactly the figure, 1-4 for "fewer than 5", at least 5 for "hidden". */
function fits(cell: SuppressedCell, value: number): boolean {
  if ("shown" in cell) return cell.shown === value;
  return cell.suppressed === "fewer_than_5" ? value >= 1 && value <= 4 : value >= 5;
}

/**
 * Brute force, independent of the implementation: is there a table of non-negative counts (each at most
 * `bound`) that looks the same as `t` - the same shown figures, values that fit the labels, totals that are
 * the sums - in which the figure at `target` (row, column of the grid with margins) differs from its true
 * value? Walks cell by cell, the target's row and column last and the values nearest the true ones first.
 * Gives up after `stepLimit` steps (counted as "no": the test then fails rather than passes).
 */
function hasOtherTable(t: SuppressedTable, counts: number[][], target: [number, number], bound: number, stepLimit = 300_000): boolean {
  const R = counts.length;
  const C = counts[0]!.length;
  const [tr, tc] = target;
  const shown = (cell: SuppressedCell): number | null => ("shown" in cell ? cell.shown : null);
  const near = ([r, c]: [number, number]) => (r === tr && c === tc ? 2 : r === tr || c === tc ? 1 : 0);
  const open: [number, number][] = [];
  counts.forEach((row, r) => row.forEach((_, c) => isSuppressed(t.cells[r]![c]!) && open.push([r, c])));
  open.sort((a, b) => near(a) - near(b));
  const grid = counts.map((row, r) => row.map((n, c) => (isSuppressed(t.cells[r]![c]!) ? -1 : n)));
  const lastInRow = (i: number) => !open.slice(i + 1).some(([r]) => r === open[i]![0]);
  const lastInColumn = (i: number) => !open.slice(i + 1).some(([, c]) => c === open[i]![1]);
  const rowSum = (r: number) => grid[r]!.reduce((a, b) => a + Math.max(b, 0), 0);
  const columnSum = (c: number) => grid.reduce((a, row) => a + Math.max(row[c]!, 0), 0);
  const valueAt = (r: number, c: number) => {
    if (r < R && c < C) return grid[r]![c]!;
    if (r < R) return rowSum(r);
    if (c < C) return columnSum(c);
    return grid.reduce((a, _, i) => a + rowSum(i), 0);
  };
  const truth = (() => {
    if (tr < R && tc < C) return counts[tr]![tc]!;
    if (tr < R) return counts[tr]!.reduce((a, b) => a + b, 0);
    if (tc < C) return counts.reduce((a, row) => a + row[tc]!, 0);
    return counts.flat().reduce((a, b) => a + b, 0);
  })();
  let steps = 0;
  const walk = (i: number): boolean => {
    if (++steps > stepLimit) return false;
    if (i === open.length) {
      const rowsFit = grid.every((_, r) => fits(t.rowTotals[r]!, rowSum(r)));
      const columnsFit = grid[0]!.every((_, c) => fits(t.columnTotals[c]!, columnSum(c)));
      return rowsFit && columnsFit && fits(t.grandTotal, valueAt(R, C)) && valueAt(tr, tc) !== truth;
    }
    const [r, c] = open[i]!;
    const rowTotal = shown(t.rowTotals[r]!);
    const columnTotal = shown(t.columnTotals[c]!);
    const forced = new Set<number>();
    if (rowTotal !== null && lastInRow(i)) forced.add(rowTotal - rowSum(r));
    if (columnTotal !== null && lastInColumn(i)) forced.add(columnTotal - columnSum(c));
    // A shown grand total fixes the last cell and bounds the others (leaving room for the rest's least values).
    const grand = shown(t.grandTotal);
    const assigned = grid.reduce((a, _, k) => a + rowSum(k), 0);
    const rest = open.slice(i + 1).reduce((a, [r2, c2]) => a + (fits(t.cells[r2]![c2]!, 1) ? 1 : 5), 0);
    if (grand !== null && i === open.length - 1) forced.add(grand - assigned);
    if (forced.size > 1) return false;
    const most = Math.min(
      bound,
      rowTotal === null ? bound : rowTotal - rowSum(r),
      columnTotal === null ? bound : columnTotal - columnSum(c),
      grand === null ? bound : grand - assigned - rest,
    );
    const options = forced.size === 1 ? [...forced] : Array.from({ length: Math.max(most + 1, 0) }, (_, v) => v).sort((a, b) => Math.abs(a - counts[r]![c]!) - Math.abs(b - counts[r]![c]!));
    for (const v of options) {
      if (!fits(t.cells[r]![c]!, v)) continue;
      grid[r]![c] = v;
      const found = walk(i + 1);
      grid[r]![c] = -1;
      if (found) return true;
    }
    return false;
  };
  return walk(0);
}

function cellAt(t: SuppressedTable, r: number, c: number): SuppressedCell {
  const R = t.cells.length;
  const C = t.cells[0]!.length;
  if (r === R) return c === C ? t.grandTotal : t.columnTotals[c]!;
  return c === C ? t.rowTotals[r]! : t.cells[r]![c]!;
}

/** Positions (r,c of the grid with margins) of suppressed figures whose value the brute force pins down. */
function pinned(t: SuppressedTable, counts: number[][]): string[] {
  const grand = counts.flat().reduce((a, b) => a + b, 0);
  // The same bound as any reader has: no count exceeds the grand total; a suppressed grand total is small or unknown.
  const bound = "shown" in t.grandTotal ? grand : grand + 13;
  const out: string[] = [];
  for (let r = 0; r <= counts.length; r++) {
    for (let c = 0; c <= counts[0]!.length; c++) {
      if (isSuppressed(cellAt(t, r, c)) && !hasOtherTable(t, counts, [r, c], bound)) out.push(`${r},${c}`);
    }
  }
  return out;
}

describe("single figures", () => {
  it("shows 0 and 5 or more, and 1-4 as fewer than 5", () => {
    expect([0, 1, 4, 5, 30].map(suppressCount)).toEqual([S(0), F, F, S(5), S(30)]);
    expect(() => suppressCount(-1)).toThrow(RangeError);
    expect(() => suppressCount(2.5)).toThrow(RangeError);
  });

  it("gives n of m and the percent only when neither can reveal a small group", () => {
    expect(suppressFraction(6, 20)).toEqual({ numerator: S(6), denominator: S(20), percent: 30 });
    expect(suppressFraction(9, 9)).toEqual({ numerator: S(9), denominator: S(9), percent: 100 });
    expect(suppressFraction(0, 12)).toEqual({ numerator: S(0), denominator: S(12), percent: 0 });
    expect(suppressFraction(0, 0)).toEqual({ numerator: S(0), denominator: S(0), percent: null });
    expect(suppressFraction(3, 10)).toEqual({ numerator: F, denominator: S(10), percent: null });
    expect(suppressFraction(2, 3)).toEqual({ numerator: F, denominator: F, percent: null });
    expect(suppressFraction(0, 3)).toEqual({ numerator: S(0), denominator: F, percent: null });
    // 7 of 9: the 2 who did not would follow by subtraction, so the 9 is hidden.
    expect(suppressFraction(7, 9)).toEqual({ numerator: S(7), denominator: H, percent: null });
    expect(() => suppressFraction(5, 4)).toThrow(RangeError);
  });

  it("hides a shared denominator for all its figures at once", () => {
    // exits 11: 7 with a plan (4 without), 6 in work (5 not)
    const shared = suppressFractions(11, [7, 6]);
    expect(shared.denominator).toEqual(H);
    expect(shared.figures.map((f) => f.numerator)).toEqual([S(7), S(6)]);
    expect(shared.figures.every((f) => f.percent === null)).toBe(true);
    expect(suppressFractions(20, [10, 2]).figures).toEqual([
      { numerator: S(10), denominator: S(20), percent: 50 },
      { numerator: F, denominator: S(20), percent: null },
    ]);
  });

  it("never lets a suppressed figure or a small complement be worked out (brute force over all m <= 25)", () => {
    // A reader who knows the rule: every (m', n1', n2') that gives the same output is possible.
    const outputs = new Map<string, number[][]>();
    for (let m = 0; m <= 40; m++) {
      for (let a = 0; a <= m; a++) {
        for (let b = 0; b <= m; b++) {
          const key = JSON.stringify(suppressFractions(m, [a, b]));
          outputs.set(key, [...(outputs.get(key) ?? []), [m, a, b]]);
        }
      }
    }
    let checked = 0;
    for (let m = 0; m <= 25; m++) {
      for (let a = 0; a <= m; a++) {
        for (let b = 0; b <= m; b++) {
          const out = suppressFractions(m, [a, b]);
          const alike = outputs.get(JSON.stringify(out))!;
          const distinct = (f: (x: number[]) => number) => new Set(alike.map(f)).size;
          if (isSuppressed(out.denominator)) expect(distinct((x) => x[0]!), `m of ${m},${a},${b}`).toBeGreaterThan(1);
          if (isSuppressed(out.figures[0]!.numerator)) expect(distinct((x) => x[1]!)).toBeGreaterThan(1);
          if (m - a >= 1 && m - a <= 4) expect(distinct((x) => x[0]! - x[1]!), `complement of ${a} in ${m}`).toBeGreaterThan(1);
          if (m - b >= 1 && m - b <= 4) expect(distinct((x) => x[0]! - x[2]!)).toBeGreaterThan(1);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });
});

describe("tables", () => {
  it("leaves a table without small figures as it is, zeros shown", () => {
    expect(suppressTable([[5, 0], [0, 12]])).toEqual({
      cells: [[S(5), S(0)], [S(0), S(12)]],
      rowTotals: [S(5), S(12)],
      columnTotals: [S(5), S(12)],
      grandTotal: S(17),
    });
  });

  it("suppresses 1-4 and a second figure in each line so that nothing follows by subtraction", () => {
    // women / men by two age bands
    const t = suppressTable([
      [3, 8],
      [7, 9],
    ]);
    // 3 is small; its row and column each need a second: 8 and 7, then 9 closes the rest.
    expect(t.cells).toEqual([
      [F, H],
      [H, H],
    ]);
    expect(t.rowTotals).toEqual([S(11), S(16)]);
    expect(t.columnTotals).toEqual([S(10), S(17)]);
    expect(t.grandTotal).toEqual(S(27));
  });

  it("hides a total when the line has nothing else to hide", () => {
    // row 0: 2 and a zero; the total 2 is small itself
    expect(suppressTable([[2, 0]]).rowTotals).toEqual([F]);
    // one column: the cells are their own column totals
    const single = suppressTable([[6], [2], [9]]);
    expect(single.cells.map((r) => r[0])).toEqual([H, F, S(9)]);
    expect(single.rowTotals).toEqual([H, F, S(9)]);
    expect(single.columnTotals).toEqual([S(17)]);
  });

  it("hides more when the labels and the sums would pin a figure (1 + 5 = 6)", () => {
    // Lines alone would stop at [F, H | 6], but 1-4 plus at least 5 making 6 can only be 1 + 5.
    const t = suppressTable([[1, 5]]);
    expect(pinned(t, [[1, 5]])).toEqual([]);
    expect(isSuppressed(t.rowTotals[0]!) || isSuppressed(t.grandTotal)).toBe(true);
  });

  it("refuses tables that are not tables of counts", () => {
    expect(() => suppressTable([])).toThrow(RangeError);
    expect(() => suppressTable([[1, 2], [3]])).toThrow(RangeError);
    expect(() => suppressTable([[-1]])).toThrow(RangeError);
  });

  it("property: in no line (row or column, totals included) is exactly one figure suppressed, and no 1-4 is shown", () => {
    const next = prng(20261202);
    let tables = 0;
    for (let i = 0; i < 1500; i++) {
      const rows = 1 + Math.floor(next() * 5);
      const columns = 1 + Math.floor(next() * 6);
      const counts = randomTable(next, rows, columns, next() < 0.5 ? 9 : 20);
      const t = suppressTable(counts);
      for (const line of linesOf(t)) expect(line.filter(isSuppressed).length, JSON.stringify(counts)).not.toBe(1);
      for (const line of linesOf(t)) for (const cell of line) if ("shown" in cell) expect(cell.shown === 0 || cell.shown >= 5).toBe(true);
      // Shown figures are the true ones; zeros are never hidden.
      counts.forEach((row, r) => row.forEach((n, c) => {
        const cell = t.cells[r]![c]!;
        if ("shown" in cell) expect(cell.shown).toBe(n);
        if (n === 0) expect(cell).toEqual(S(0));
        if (n >= 1 && n <= 4) expect(cell).toEqual(F);
      }));
      tables++;
    }
    expect(tables).toBe(1500);
  });

  it("brute force: no suppressed figure of a 3x3 table (0-9) is determined by the shown figures, the labels and the sums", () => {
    const next = prng(42);
    let withSuppression = 0;
    for (let i = 0; i < 400; i++) {
      const counts = randomTable(next, 3, 3);
      const t = suppressTable(counts);
      if (linesOf(t).flat().some(isSuppressed)) withSuppression++;
      expect(pinned(t, counts), JSON.stringify(counts)).toEqual([]);
    }
    expect(withSuppression).toBeGreaterThan(250);
  });

  it("brute force on hand-picked hard cases", () => {
    for (const counts of [
      [[1, 5]],
      [[4, 5]],
      [[1, 0], [0, 5]],
      [[1, 5, 0], [5, 1, 0], [0, 0, 9]],
      [[1, 1, 1], [1, 1, 1], [1, 1, 1]],
      [[9, 9, 9], [9, 1, 9], [9, 9, 9]],
      [[0, 0, 0], [0, 4, 0], [0, 0, 0]],
      [[5, 5], [5, 1]],
    ]) {
      expect(pinned(suppressTable(counts), counts), JSON.stringify(counts)).toEqual([]);
    }
  });

  it("the brute force itself finds a figure that plain primary suppression leaves open", () => {
    // Only the 3 suppressed: row total 11 - 8 = 3. The check must be able to fail.
    const naive: SuppressedTable = { cells: [[F, S(8)], [S(7), S(9)]], rowTotals: [S(11), S(16)], columnTotals: [S(10), S(17)], grandTotal: S(27) };
    expect(pinned(naive, [[3, 8], [7, 9]])).toEqual(["0,0"]);
    // Lines closed but labels pin it: 1-4 + at least 5 = 6.
    const labels: SuppressedTable = { cells: [[F, H]], rowTotals: [S(6)], columnTotals: [F, H], grandTotal: S(6) };
    expect(pinned(labels, [[1, 5]]).length).toBeGreaterThan(0);
  });
});
