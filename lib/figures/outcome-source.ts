/**
 * Where the outcomes behind the figure of successful completers come from: the latest import of
 * outcomes from the monitoring (lib/import/outcomes.ts) within the report's scope that the ledger
 * already knew at the completers' reference date (its edits count from then on, lib/figures/totals.ts
 * referenceOf). None: the outcomes counted are the ones advisers entered.
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { outcomeImports } from "@/db/schema";
import type { Scope } from "./counters";
import { referenceOf } from "./totals";

export interface OutcomeSource {
  source: string;
  /** The monitoring file's date (YYYY-MM-DD). */
  on: string;
}

function inScope(scope: Scope): SQL | undefined {
  if (scope.level === "network" || !scope.id) return undefined;
  if (scope.level === "region") return eq(outcomeImports.regionId, scope.id);
  if (scope.level === "subproject") return eq(outcomeImports.subprojectId, scope.id);
  return eq(outcomeImports.contactPointId, scope.id);
}

export async function latestOutcomeSource(tx: Tx, scope: Scope, completersAsOf: string): Promise<OutcomeSource | null> {
  const [latest] = await tx
    .select({ source: outcomeImports.source, on: outcomeImports.sourceOn })
    .from(outcomeImports)
    .where(and(inScope(scope), sql`${outcomeImports.createdAt} < ${referenceOf(completersAsOf).before}`))
    .orderBy(desc(outcomeImports.createdAt))
    .limit(1);
  return latest ?? null;
}
