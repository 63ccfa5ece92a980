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
import { defineOperation } from "@/lib/operation";
import type { Scope } from "./counters";
import { COUNT_FIGURES } from "./definitions";
import { figureDefinition } from "./registry";
import { checkPeriod, counterRows, prepareRead, queryShape, resolveScope, suppress, values, type Cell, type FiguresQuery, type ResolvedScope } from "./report";

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
    .orderBy(orgUnits.level, orgUnits.name);
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

export async function buildDrilldown(tx: Tx, q: DrilldownQuery, scope: ResolvedScope, locale: string): Promise<FiguresDrilldown> {
  await prepareRead(tx);
  const figure = COUNT_FIGURES.find((f) => f.key === q.figure)!;
  const counters = [...figureDefinition(q.figure).counters];
  const query: FiguresQuery = { from: q.from, to: q.to, asOf: q.asOf, completersAsOf: q.completersAsOf };
  const valueIn = async (s: Scope) => figure.value(values(await counterRows(tx, query, s, null, counters)));
  const cell = (value: number, protect: boolean): Cell => (protect && suppress(value) ? { value: null, suppressed: true } : { value });
  const rows: DrilldownRow[] = [];
  for (const unit of await children(tx, scope, q)) {
    if (unit.level === "network") continue;
    const value = await valueIn({ level: LEVEL[unit.level], id: unit.id });
    rows.push({ id: unit.id, level: unit.level, name: (locale === "en" && unit.nameEn) || unit.name, cell: cell(value, true), hasChildren: unit.level !== "contact_point" });
  }
  const now = new Date().toISOString();
  return {
    figure: q.figure,
    period: { from: q.from, to: q.to },
    asOf: q.asOf ?? now,
    completersAsOf: q.completersAsOf ?? q.asOf ?? now,
    scope,
    path: await pathTo(tx, scope, locale),
    total: cell(await valueIn(scope), scope.level !== "network"),
    rows,
  };
}

export const figuresDrilldown = defineOperation({
  name: "figures.drilldown",
  access: "figures.view",
  audit: "none",
  input: drilldownQuerySchema,
  async run({ actor, tx, locale }, q) {
    return buildDrilldown(tx, q, await resolveScope(tx, actor, q.scope, locale), locale);
  },
});
