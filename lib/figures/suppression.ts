/**
 * Protection of small cells (README, "Protection of small cells"): which cells of a table are
 * withheld so that none of them can be worked out from the rest. Pure: a table of counts and how
 * they add up in, the withheld cells out; every output (JSON, page, CSV, XLSX, print) shows the
 * same table, so all of them withhold the same cells.
 *
 * A table has rows (the groups of a breakdown, and usually a total row) and columns (figures).
 * Down a column the group rows make the total row: exactly, or for distinct people counted per
 * region only as `part ≤ total ≤ Σ parts` (a person can count in two regions). Across a row some
 * figures are the sum of others (the three advice types make the initial sessions).
 *
 * Primary suppression withholds every protectable 1 or 2. Then, for each withheld cell, we look
 * for ways its value could move while every shown value, every sum and non-negativity stay as
 * they are: a rectangle of withheld cells (+d, −d, −d, +d through a row and a column relation),
 * or a pair where the cell has only one relation, or the cell alone where it has none. Moving
 * along such patterns one after another, as far as each goes, passes only through tables
 * consistent with what is shown; the cell is safe when it can go at least 3 in all, up plus
 * down, so the interval an attacker can compute is at least that wide. Where a cell is not yet safe, the cheapest rectangle (fewest new cells, then
 * the smallest values) that makes it safe is withheld as well, and every cell is checked again
 * until nothing changes.
 */

export const SMALL = (value: number) => value === 1 || value === 2;
/** How wide the interval of values consistent with what is shown must be for a withheld cell. */
export const MIN_WIDTH = 3;

export interface RowSum {
  sum: string;
  parts: string[];
}

export interface SuppressionTable {
  /** The group rows. */
  rows: string[];
  /** The row that the group rows add up to (down every column); null when there is none. */
  total: string | null;
  columns: string[];
  /** Columns whose groups may overlap (distinct people per region): part ≤ total ≤ Σ parts. */
  overlapping?: string[];
  /** Figures that are the sum of others in the same row. */
  rowSums: RowSum[];
  value(row: string, column: string): number;
  /** Whether a row may be withheld at all (the network's totals are always shown). */
  protectable(row: string): boolean;
}

export const cellId = (row: string, column: string) => `${row}\u0000${column}`;

interface Cell {
  row: string;
  column: string;
}

type Direction = Map<string, number>;

/** The table's values as moved so far, with each overlapping column's sum and largest group kept up to date. */
interface Values {
  value(id: string): number;
  columnSum(column: string): number;
  /** At least the largest group's value in the column (moves only raise it). */
  columnMax(column: string): number;
  move(p: Direction, d: number): void;
}

/** The cells withheld in the table (ids from `cellId`), the primary ones and those that protect them. */
export function withheldCells(table: SuppressionTable): Set<string> {
  const ctx = context(table);
  const withheld = new Set<string>();
  for (const row of ctx.allRows) {
    if (!table.protectable(row)) continue;
    for (const column of table.columns) if (SMALL(table.value(row, column))) withheld.add(cellId(row, column));
  }
  // A cell once shown safe stays safe: withholding more only widens what an attacker must allow.
  const safe = new Set<string>();
  // Cells nothing could widen, with how many cells were withheld then (more may help later).
  const stuck = new Map<string, number>();
  for (let changed = true; changed;) {
    changed = false;
    for (const id of [...withheld].sort()) {
      if (safe.has(id) || stuck.get(id) === withheld.size) continue;
      const cell = ctx.cellOf(id);
      const within = ctx.patterns(cell, (c) => withheld.has(c));
      const up = reach(ctx, within, 1);
      const down = reach(ctx, within, -1);
      if (up.distance + down.distance >= MIN_WIDTH) {
        safe.add(id);
        continue;
      }
      const best = cheapest(ctx, ctx.patterns(cell), withheld, up, down);
      if (!best) {
        // Nothing more can be withheld around this cell (only the network's exact totals are left).
        stuck.set(id, withheld.size);
        continue;
      }
      for (const c of best) withheld.add(c);
      changed = true;
    }
  }
  return withheld;
}

interface Reach {
  /** How far the cell can move (up or down) along the patterns, one after the other. */
  distance: number;
  /** The table after those moves. */
  at: Values;
}

/**
 * Moves along each pattern as far as it goes, one after the other: every point passed is a table
 * consistent with what is shown, so the distance covered is a lower bound of the cell's reach.
 */
function reach(ctx: Context, patterns: Direction[], sign: 1 | -1): Reach {
  const at = ctx.values();
  let distance = 0;
  for (const p of patterns) {
    const steps = ctx.steps(p, at);
    const d = sign > 0 ? steps.up : steps.down;
    if (d === Infinity) return { distance: Infinity, at };
    if (d <= 0) continue;
    at.move(p, sign * d);
    distance += d;
  }
  return { distance, at };
}

/** The pattern whose new cells make the cell safe at the least loss; failing that, the one that widens it most. */
function cheapest(ctx: Context, patterns: Direction[], withheld: Set<string>, up: Reach, down: Reach): string[] | null {
  let best: { cells: string[]; safe: boolean; width: number; loss: number } | null = null;
  const now = up.distance + down.distance;
  for (const p of patterns) {
    const added = [...p.keys()].filter((c) => !withheld.has(c));
    if (!added.length || !added.every((c) => ctx.protectable(c))) continue;
    const width = up.distance + ctx.steps(p, up.at).up + down.distance + ctx.steps(p, down.at).down;
    if (width <= now) continue;
    const candidate = { cells: added, safe: width >= MIN_WIDTH, width: Math.min(width, MIN_WIDTH), loss: added.reduce((s, c) => s + ctx.valueOf(c), 0) };
    if (!best || better(candidate, best)) best = candidate;
  }
  return best?.cells ?? null;
}

function better(a: { cells: string[]; safe: boolean; width: number; loss: number }, b: typeof a): boolean {
  if (a.safe !== b.safe) return a.safe;
  if (!a.safe && a.width !== b.width) return a.width > b.width;
  if (a.cells.length !== b.cells.length) return a.cells.length < b.cells.length;
  return a.loss < b.loss;
}

interface Context {
  allRows: string[];
  cellOf(id: string): Cell;
  valueOf(id: string): number;
  protectable(id: string): boolean;
  patterns(cell: Cell, only?: (id: string) => boolean): Direction[];
  values(): Values;
  steps(p: Direction, at: Values): { up: number; down: number };
}

function context(table: SuppressionTable): Context {
  const allRows = table.total ? [...table.rows, table.total] : [...table.rows];
  const cells = new Map<string, Cell>();
  for (const row of allRows) for (const column of table.columns) cells.set(cellId(row, column), { row, column });
  const valueOf = (id: string) => {
    const c = cells.get(id)!;
    return table.value(c.row, c.column);
  };
  const overlapping = new Set(table.overlapping ?? []);
  const sums = table.rowSums.filter((s) => [s.sum, ...s.parts].every((k) => table.columns.includes(k)));
  const sumOf = new Map<string, RowSum>();
  for (const s of sums) for (const k of [s.sum, ...s.parts]) sumOf.set(k, s);
  // Down a column the rows are related when there is a total row (and more than itself to add up).
  const columnRelated = table.total !== null;

  /** +1 or −1 so that a move keeps every sum: totals move with their parts, parts against each other. */
  const rowSign = (row: string) => (row === table.total ? -1 : 1);

  /** The patterns through a cell; with `only`, just those whose cells all pass it (the withheld ones). */
  function patterns(cell: Cell, only: (id: string) => boolean = () => true): Direction[] {
    const s = sumOf.get(cell.column);
    const otherColumns = s ? [s.sum, ...s.parts].filter((k) => k !== cell.column && only(cellId(cell.row, k))) : [];
    // Overlapping columns only bound their cells by inequalities: a cell may move alone, or with another row.
    const exactDown = columnRelated && !overlapping.has(cell.column);
    const otherRows = columnRelated ? allRows.filter((r) => r !== cell.row && only(cellId(r, cell.column))) : [];
    const colSign = (k: string) => (s && k === s.sum ? -1 : 1);
    const result: Direction[] = [];
    const make = (entries: [Cell, number][]) => {
      const base = entries[0][1];
      result.push(new Map(entries.map(([c, sign]) => [cellId(c.row, c.column), sign * base])));
    };
    if (s && columnRelated) {
      for (const r of otherRows)
        for (const k of otherColumns.filter((k) => only(cellId(r, k))))
          make([
            [cell, rowSign(cell.row) * colSign(cell.column)],
            [{ row: cell.row, column: k }, -rowSign(cell.row) * colSign(k)],
            [{ row: r, column: cell.column }, -rowSign(r) * colSign(cell.column)],
            [{ row: r, column: k }, rowSign(r) * colSign(k)],
          ]);
    } else if (s) {
      for (const k of otherColumns) make([[cell, colSign(cell.column)], [{ row: cell.row, column: k }, -colSign(k)]]);
    } else if (columnRelated) {
      for (const r of otherRows) make([[cell, rowSign(cell.row)], [{ row: r, column: cell.column }, -rowSign(r)]]);
    }
    if (!s && !exactDown) result.push(new Map([[cellId(cell.row, cell.column), 1]]));
    return result;
  }

  const columnSums = new Map(table.columns.map((k) => [k, table.rows.reduce((s, r) => s + table.value(r, k), 0)]));
  const maxima = new Map(table.columns.map((k) => [k, Math.max(0, ...table.rows.map((r) => table.value(r, k)))]));

  function values(): Values {
    const moved = new Map<string, number>();
    const sumMoves = new Map<string, number>();
    const maxMoves = new Map<string, number>();
    const value = (id: string) => moved.get(id) ?? valueOf(id);
    return {
      value,
      columnSum: (k) => columnSums.get(k)! + (sumMoves.get(k) ?? 0),
      columnMax: (k) => Math.max(maxima.get(k)!, maxMoves.get(k) ?? 0),
      move(p, d) {
        for (const [id, direction] of p) {
          const next = value(id) + d * direction;
          moved.set(id, next);
          const { row, column } = cells.get(id)!;
          if (row === table.total) continue;
          sumMoves.set(column, (sumMoves.get(column) ?? 0) + d * direction);
          maxMoves.set(column, Math.max(maxMoves.get(column) ?? 0, next));
        }
      },
    };
  }

  /** How far the table (at `at`) can move along a pattern and against it, every value staying ≥ 0 and overlapping columns consistent. */
  function steps(p: Direction, at: Values): { up: number; down: number } {
    let up = Infinity;
    let down = Infinity;
    const limit = (slack: number, rate: number) => {
      // A constraint rate·d ≤ slack, for d up (d ≥ 0) and down (−d).
      if (rate > 0) up = Math.min(up, slack / rate);
      if (rate < 0) down = Math.min(down, slack / -rate);
    };
    for (const [id, sign] of p) limit(at.value(id), -sign);
    for (const column of new Set([...p.keys()].map((id) => cells.get(id)!.column))) {
      if (!overlapping.has(column) || !table.total) continue;
      const moves = [...p].filter(([id]) => cells.get(id)!.column === column).map(([id, sign]) => ({ row: cells.get(id)!.row, id, sign }));
      const total = at.value(cellId(table.total, column));
      const totalMove = moves.find((m) => m.row === table.total)?.sign ?? 0;
      const groupMoves = moves.filter((m) => m.row !== table.total);
      // total ≤ Σ groups
      limit(at.columnSum(column) - total, totalMove - groupMoves.reduce((s, m) => s + m.sign, 0));
      // every group ≤ total: those that move, and (as one bound, by the largest) those that stay
      for (const m of groupMoves) limit(total - at.value(m.id), m.sign - totalMove);
      if (totalMove) limit(total - at.columnMax(column), -totalMove);
    }
    return { up: Math.max(0, up), down: Math.max(0, down) };
  }

  return {
    allRows,
    cellOf: (id) => cells.get(id)!,
    valueOf,
    protectable: (id) => table.protectable(cells.get(id)!.row),
    patterns,
    values,
    steps,
  };
}
