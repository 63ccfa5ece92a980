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
 * or a pair where the cell has only one relation, or the cell alone where it has none. The cell
 * is safe when the farthest such move up plus the farthest move down is at least 3: the set of
 * tables consistent with what is shown is convex, so the interval an attacker can compute is at
 * least that wide. Where a cell is not yet safe, the cheapest rectangle (fewest new cells, then
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

/** The cells withheld in the table (ids from `cellId`), the primary ones and those that protect them. */
export function withheldCells(table: SuppressionTable): Set<string> {
  const ctx = context(table);
  const withheld = new Set<string>();
  for (const row of ctx.allRows) {
    if (!table.protectable(row)) continue;
    for (const column of table.columns) if (SMALL(table.value(row, column))) withheld.add(cellId(row, column));
  }
  const hopeless = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of [...withheld].sort()) {
      if (hopeless.has(id)) continue;
      const cell = ctx.cellOf(id);
      const patterns = ctx.patterns(cell);
      const reach = { up: 0, down: 0 };
      for (const p of patterns) if ([...p.keys()].every((c) => withheld.has(c))) widen(reach, ctx.steps(p));
      if (reach.up + reach.down >= MIN_WIDTH) continue;
      const best = cheapest(ctx, patterns, withheld, reach);
      if (!best) {
        // Nothing more can be withheld around this cell (only the network's exact totals are left).
        hopeless.add(id);
        continue;
      }
      for (const c of best) withheld.add(c);
      changed = true;
    }
  }
  return withheld;
}

function widen(reach: { up: number; down: number }, steps: { up: number; down: number }) {
  reach.up = Math.max(reach.up, steps.up);
  reach.down = Math.max(reach.down, steps.down);
}

/** The pattern whose new cells make the cell safe at the least loss; failing that, the one that widens it most. */
function cheapest(ctx: Context, patterns: Direction[], withheld: Set<string>, reach: { up: number; down: number }): string[] | null {
  let best: { cells: string[]; safe: boolean; width: number; loss: number } | null = null;
  for (const p of patterns) {
    const added = [...p.keys()].filter((c) => !withheld.has(c));
    if (!added.length || !added.every((c) => ctx.protectable(c))) continue;
    const steps = ctx.steps(p);
    const width = Math.max(reach.up, steps.up) + Math.max(reach.down, steps.down);
    if (width <= reach.up + reach.down) continue;
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
  patterns(cell: Cell): Direction[];
  steps(p: Direction): { up: number; down: number };
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
  const columnSum = new Map(table.columns.map((k) => [k, table.rows.reduce((s, r) => s + table.value(r, k), 0)]));

  /** +1 or −1 so that a move keeps every sum: totals move with their parts, parts against each other. */
  const rowSign = (row: string) => (row === table.total ? -1 : 1);

  function patterns(cell: Cell): Direction[] {
    const s = sumOf.get(cell.column);
    const otherColumns = s ? [s.sum, ...s.parts].filter((k) => k !== cell.column) : [];
    // Overlapping columns only bound their cells by inequalities: a cell may move alone, or with another row.
    const exactDown = columnRelated && !overlapping.has(cell.column);
    const otherRows = columnRelated ? allRows.filter((r) => r !== cell.row) : [];
    const colSign = (k: string) => (s && k === s.sum ? -1 : 1);
    const result: Direction[] = [];
    const make = (entries: [Cell, number][]) => {
      const base = entries[0][1];
      result.push(new Map(entries.map(([c, sign]) => [cellId(c.row, c.column), sign * base])));
    };
    if (s && columnRelated) {
      for (const r of otherRows)
        for (const k of otherColumns)
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

  /** How far the table can move along a pattern (and against it) with every value staying ≥ 0 and overlapping columns consistent. */
  function steps(p: Direction): { up: number; down: number } {
    let up = Infinity;
    let down = Infinity;
    const limit = (slack: number, rate: number) => {
      // A constraint rate·d ≤ slack, for d up (d ≥ 0) and down (−d).
      if (rate > 0) up = Math.min(up, slack / rate);
      if (rate < 0) down = Math.min(down, slack / -rate);
    };
    for (const [id, sign] of p) limit(valueOf(id), -sign);
    for (const column of new Set([...p.keys()].map((id) => cells.get(id)!.column))) {
      if (!overlapping.has(column) || !table.total) continue;
      const moveOf = (row: string) => p.get(cellId(row, column)) ?? 0;
      const total = table.value(table.total, column);
      const totalMove = moveOf(table.total);
      // total ≤ Σ parts
      limit(columnSum.get(column)! - total, totalMove - table.rows.reduce((s, r) => s + moveOf(r), 0));
      // every part ≤ total
      for (const r of table.rows) if (moveOf(r) || totalMove) limit(total - table.value(r, column), moveOf(r) - totalMove);
    }
    return { up, down };
  }

  return {
    allRows,
    cellOf: (id) => cells.get(id)!,
    valueOf,
    protectable: (id) => table.protectable(cells.get(id)!.row),
    patterns,
    steps,
  };
}
