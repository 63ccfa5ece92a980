/**
 * One figure down the org tree: the network, then its regional networks (and the national
 * subprojects, which belong to none), a region's subprojects, a subproject's contact points.
 * Each step is one table of the children's values beside their parent's, so the same
 * protection of small cells applies as to any breakdown.
 */
import { and, eq, isNull, lte, or, gte, type SQL } from "drizzle-orm";
import { z } from "zod";
import { orgUnits } from "@/db/schema";
import type { Tx } from "@/db/client";
import { german } from "@/lib/listing";
import { defineOperation } from "@/lib/operation";
import type { Scope } from "./counters";
import { COUNT_FIGURES } from "./definitions";
import { figureDefinition } from "./registry";
import { DISTINCT_PERSON_FIGURES } from "./definitions";
import { TOTAL_ROW } from "./protection";
import type { Cell } from "./breakdown";
import { answeredDates, checkPeriod, requireWholeMonths, queryShape, type FiguresQuery } from "./query";
import { resolveScope, type ResolvedScope } from "./scope";
import { counterRows, prepareRead, values } from "./totals";
import { cellId, withheldCells } from "./suppression";

const DRILLABLE = COUNT_FIGURES.map((f) => f.key) as [string, ...string[]];

export const drilldownQuerySchema = z
  .object({ ...queryShape, figure: z.enum(DRILLABLE) })
  .strict()
  .superRefine(checkPeriod);
export type DrilldownQuery = z.output<typeof drilldownQuerySchema>;

export interface DrilldownRow {
  /** The child's org unit: the scope of the next step down. */
  id: string;
  level: "region" | "subproject" | "contact_point";
  name: string;
  cell: Cell;
  /** Whether there is a further step below it. */
  hasChildren: boolean;
}

export interface FiguresDrilldown {
  figure: string;
  period: { from: string; to: string };
  asOf: string;
  completersAsOf: string;
  scope: ResolvedScope;
  /** The parents above the scope, from the network down, for the way back. */
  path: { id: string; name: string }[];
  total: Cell;
  rows: DrilldownRow[];
}

const LEVEL = { region: "region", subproject: "subproject", contact_point: "unit" } as const;

/** The units directly below a scope that existed at some time in the period. */
async function children(tx: Tx, scope: Scope, q: { from: string; to: string }) {
  const below: SQL | undefined =
    scope.level === "network"
      ? or(eq(orgUnits.level, "region"), and(eq(orgUnits.level, "subproject"), isNull(orgUnits.regionId)))
      : scope.level === "unit"
        ? undefined
        : eq(orgUnits.parentId, scope.id!);
  if (!below) return [];
  return tx
    .select({ id: orgUnits.id, level: orgUnits.level, name: orgUnits.name, nameEn: orgUnits.nameEn })
    .from(orgUnits)
    .where(and(below, lte(orgUnits.activeFrom, q.to), or(isNull(orgUnits.activeUntil), gte(orgUnits.activeUntil, q.from))))
    .orderBy(orgUnits.level, german(orgUnits.name), orgUnits.id);
}

async function pathTo(tx: Tx, scope: Scope, locale: string): Promise<{ id: string; name: string }[]> {
  const path: { id: string; name: string }[] = [];
  let id = scope.id;
  while (id) {
    const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, id));
    if (!unit || unit.level === "network") break;
    path.unshift({ id: unit.id, name: (locale === "en" && unit.nameEn) || unit.name });
    id = unit.parentId;
  }
  return path.slice(0, -1);
}

/**
 * The cells of one figure's column to withhold. The children are taken to add up to their parent
 * (distinct people: each ≤ parent ≤ their sum). Records kept at a subproject itself belong to no
 * contact point, so there the parent can be more than the children's sum: assuming the sum
 * holds credits a reader with more than they know, which withholds more, never less.
 */
function protectColumn(figure: string, counted: Map<string, number>, total: number, network: boolean): Set<string> {
  return withheldCells({
    rows: [...counted.keys()],
    total: TOTAL_ROW,
    columns: [figure],
    overlapping: DISTINCT_PERSON_FIGURES.includes(figure) ? [figure] : [],
    rowSums: [],
    value: (row) => (row === TOTAL_ROW ? total : counted.get(row)!),
    protectable: (row) => !(network && row === TOTAL_ROW),
  });
}

export async function buildDrilldown(tx: Tx, q: DrilldownQuery, scope: ResolvedScope, locale: string): Promise<FiguresDrilldown> {
  await prepareRead(tx);
  const figure = COUNT_FIGURES.find((f) => f.key === q.figure)!;
  const counters = [...figureDefinition(q.figure).counters];
  const query: FiguresQuery = { from: q.from, to: q.to, asOf: q.asOf, completersAsOf: q.completersAsOf };
  const valueIn = async (s: Scope) => figure.value(values(await counterRows(tx, query, s, null, counters)));
  const units = (await children(tx, scope, q)).filter((u) => u.level !== "network");
  const counted = new Map<string, number>();
  for (const unit of units) counted.set(unit.id, await valueIn({ level: LEVEL[unit.level as keyof typeof LEVEL], id: unit.id }));
  const total = await valueIn(scope);
  const withheld = protectColumn(q.figure, counted, total, scope.level === "network");
  const cell = (row: string, value: number): Cell => (withheld.has(cellId(row, q.figure)) ? { value: null, suppressed: true } : { value });
  const rows: DrilldownRow[] = units.map((unit) => ({
    id: unit.id,
    level: unit.level as DrilldownRow["level"],
    name: (locale === "en" && unit.nameEn) || unit.name,
    cell: cell(unit.id, counted.get(unit.id)!),
    hasChildren: unit.level !== "contact_point",
  }));
  return {
    figure: q.figure,
    ...answeredDates(q),
    scope,
    path: await pathTo(tx, scope, locale),
    total: cell(TOTAL_ROW, total),
    rows,
  };
}

export const figuresDrilldown = defineOperation({
  name: "figures.drilldown",
  access: "figures.view",
  audit: "none",
  input: drilldownQuerySchema,
  async run({ actor, tx, locale }, q) {
    const scope = await resolveScope(tx, actor, q.scope, locale);
    // Its rows are cells below the network like a breakdown's: single days could be differenced.
    requireWholeMonths(q, scope);
    return buildDrilldown(tx, q, scope, locale);
  },
});
