import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { intervals, type AttackerView, type Relation } from "@/tests/helpers/intervals";
import { topOccupationsShown } from "./protection";
import { cellId, MIN_WIDTH, withheldCells, type SuppressionTable } from "./suppression";

type Values = Record<string, Record<string, number>>;

/** A table of rows (and a total row "T" unless `single`) over columns, the way the report and breakdowns build them. */
function table(values: Values, options: { columns: string[]; sums?: { sum: string; parts: string[] }[]; overlapping?: string[]; network?: boolean; single?: boolean }): SuppressionTable {
  const rows = Object.keys(values).filter((r) => r !== "T");
  return {
    rows,
    total: options.single ? null : "T",
    columns: options.columns,
    overlapping: options.overlapping,
    rowSums: options.sums ?? [],
    value: (row, column) => values[row][column],
    protectable: (row) => !(options.network && row === "T"),
  };
}

/** What a reader of the protected table knows, with the relations written out here once more. */
function attackerView(t: SuppressionTable, withheld: Set<string>): AttackerView {
  const allRows = t.total ? [...t.rows, t.total] : t.rows;
  const shown = new Map<string, number>();
  const unknown = new Map<string, number>();
  for (const r of allRows) {
    for (const c of t.columns) {
      if (withheld.has(cellId(r, c))) unknown.set(cellId(r, c), 0);
      else shown.set(cellId(r, c), t.value(r, c));
    }
  }
  const relations: Relation[] = [];
  for (const r of allRows) for (const s of t.rowSums) relations.push({ terms: [[cellId(r, s.sum), 1], ...s.parts.map((p): [string, number] => [cellId(r, p), -1])], op: "=" });
  if (t.total) {
    for (const c of t.columns) {
      const total: [string, number] = [cellId(t.total, c), 1];
      const parts = t.rows.map((r): [string, number] => [cellId(r, c), -1]);
      if (t.overlapping?.includes(c)) {
        relations.push({ terms: [total, ...parts], op: "<=" });
        for (const r of t.rows) relations.push({ terms: [[cellId(r, c), 1], [cellId(t.total, c), -1]], op: "<=" });
      } else relations.push({ terms: [total, ...parts], op: "=" });
    }
  }
  return { shown, unknown, relations };
}

async function narrowest(t: SuppressionTable, withheld: Set<string>): Promise<number> {
  const widths = [...(await intervals(attackerView(t, withheld))).values()].map((i) => i.max - i.min);
  return Math.min(Infinity, ...widths);
}

const SCHEMES = ["schemes", "course", "individual"];
const SCHEME_SUM = [{ sum: "schemes", parts: ["course", "individual"] }];

describe("protection of small cells", () => {
  it("withholds a second gender where the total and the others would give a withheld one away (Bremen by gender)", async () => {
    const t = table({ female: { n: 680 }, male: { n: 599 }, diverse: { n: 2 }, not_stated: { n: 4 }, T: { n: 1285 } }, { columns: ["n"] });
    const withheld = withheldCells(t);
    // The smallest complement is chosen: 4, not 599, 680 or the total.
    expect([...withheld].sort()).toEqual([cellId("diverse", "n"), cellId("not_stated", "n")]);
    expect(await narrowest(t, withheld)).toBeGreaterThanOrEqual(MIN_WIDTH);
  });

  it("withholds a second format beside schemes started (11 schemes, 10 individual, course withheld)", async () => {
    const t = table({ report: { schemes: 11, course: 1, individual: 10 } }, { columns: SCHEMES, sums: SCHEME_SUM, single: true });
    const withheld = withheldCells(t);
    expect([...withheld].sort()).toEqual([cellId("report", "course"), cellId("report", "individual")]);
    expect(await narrowest(t, withheld)).toBeGreaterThanOrEqual(MIN_WIDTH);
  });

  it("does not count a withheld 0 as protection where the relation's total is only 2", async () => {
    const t = table({ report: { schemes: 2, course: 2, individual: 0 } }, { columns: SCHEMES, sums: SCHEME_SUM, single: true });
    const withheld = withheldCells(t);
    // course and individual together would leave course in [0, 2]: the total goes too.
    expect(withheld.has(cellId("report", "schemes"))).toBe(true);
    expect(await narrowest(t, withheld)).toBeGreaterThanOrEqual(MIN_WIDTH);
  });

  it("keeps the network's totals exact and protects its regions among themselves", async () => {
    const t = table({ A: { n: 1 }, B: { n: 0 }, C: { n: 50 }, T: { n: 51 } }, { columns: ["n"], network: true });
    const withheld = withheldCells(t);
    expect([...withheld].sort()).toEqual([cellId("A", "n"), cellId("C", "n")]);
    expect(await narrowest(t, withheld)).toBeGreaterThanOrEqual(MIN_WIDTH);
  });

  it("protects months of a two-way table through rectangles, and treats distinct people per region as overlapping", async () => {
    const sums = [{ sum: "all", parts: ["a", "b"] }];
    const two = table({ m1: { all: 10, a: 1, b: 9, p: 5 }, m2: { all: 20, a: 12, b: 8, p: 4 }, T: { all: 30, a: 13, b: 17, p: 8 } }, { columns: ["all", "a", "b", "p"], sums, overlapping: ["p"] });
    const withheld = withheldCells(two);
    expect(withheld.size).toBe(4);
    expect(await narrowest(two, withheld)).toBeGreaterThanOrEqual(MIN_WIDTH);
  });

  it("holds for random tables: every withheld cell's interval is at least 3 wide", async () => {
    const small = fc.oneof(fc.constantFrom(0, 0, 1, 2, 3), fc.integer({ min: 0, max: 40 }));
    const row = fc.record({ a: small, b: small, c: small, p: small, single: small });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.boolean(), async (groups, overlap, network) => {
        const values: Values = {};
        groups.forEach((g, i) => (values[`g${i}`] = { ...g, all: g.a + g.b + g.c }));
        const total = (k: string) => groups.reduce((s, _g, i) => s + values[`g${i}`][k], 0);
        // Overlapping people: the total is anywhere from the largest group to their sum.
        const people = overlap ? Math.max(0, ...groups.map((g) => g.p)) + Math.floor((total("p") - Math.max(0, ...groups.map((g) => g.p))) / 2) : total("p");
        values.T = { all: total("all"), a: total("a"), b: total("b"), c: total("c"), p: people, single: total("single") };
        const columns = ["all", "a", "b", "c", "p", "single"];
        const t = table(values, { columns, sums: [{ sum: "all", parts: ["a", "b", "c"] }], overlapping: overlap ? ["p"] : [], network });
        const withheld = withheldCells(t);
        for (const r of [...t.rows, "T"]) for (const c of columns) if (t.protectable(r) && [1, 2].includes(t.value(r, c))) expect(withheld.has(cellId(r, c))).toBe(true);
        const found = await intervals(attackerView(t, withheld));
        if (!network) {
          for (const [cell, i] of found) expect(i.max - i.min, cell).toBeGreaterThanOrEqual(MIN_WIDTH);
          return;
        }
        // The network's totals stay exact: where even withholding every group cannot protect a cell, the best possible is required.
        const everything = new Set(t.rows.flatMap((r) => columns.map((c) => cellId(r, c))));
        const best = await intervals(attackerView(t, everything));
        for (const [cell, i] of found) expect(i.max - i.min, cell).toBeGreaterThanOrEqual(Math.min(MIN_WIDTH, best.get(cell)!.max - best.get(cell)!.min));
      }),
      { numRuns: 150 },
    );
  });
});

describe("the ranked occupations below the network", () => {
  const o = (nameDe: string, count: number) => ({ id: nameDe, name: nameDe, nameDe, count });

  it("lists withheld entries by name only, and only where their counts stay at least 3 wide", () => {
    const occupations = [o("Zimmerer", 2), o("Anwalt", 1), o("Koch", 5)];
    // 10 initial sessions: a withheld entry lies between 1 and 10 − 5 − 1 = 4.
    const ten = topOccupationsShown(10, false, occupations);
    expect([ten.entries.map((e) => [e.name, e.count]), ten.leftOut]).toEqual([[["Koch", 5], ["Anwalt", null], ["Zimmerer", null]], false]);
    // 9: between 1 and 3, too narrow; the withheld entries are left out.
    const nine = topOccupationsShown(9, false, occupations);
    expect([nine.entries.map((e) => [e.name, e.count]), nine.leftOut]).toEqual([[["Koch", 5]], true]);
    // Withheld initial sessions: any count in the list would bound them.
    expect(topOccupationsShown(8, true, occupations)).toEqual({ entries: [], leftOut: true });
  });
});
