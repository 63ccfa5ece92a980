/** Reading the ledger's totals for a figures query: the reference dates as ledger bounds, the rows, their sums per counter. */
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { counterTotals, type Breakdown, type CounterRow, type Reference, type Scope } from "./counters";
import type { CounterValues } from "./definitions";
import { ensureCompacted } from "./ledger";
import { totalsCounters, withPeopleCounted } from "./people";
import type { FiguresQuery } from "./query";

/** The ledger bound for a reference date: deltas strictly before it count. */
export function referenceOf(asOf: string | undefined): Reference {
  if (!asOf) return { before: sql`(clock_timestamp() + interval '1 microsecond')` };
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return { before: sql`((${asOf}::date + 1)::timestamp at time zone 'Europe/Berlin')` };
  return { before: sql`(${asOf}::timestamptz + interval '1 microsecond')` };
}

export function values(rows: CounterRow[]): CounterValues {
  const n = new Map<string, number>();
  const amount = new Map<string, number>();
  for (const r of rows) {
    n.set(r.counter, (n.get(r.counter) ?? 0) + r.n);
    amount.set(r.counter, (amount.get(r.counter) ?? 0) + r.amount);
  }
  return { n: (c) => n.get(c) ?? 0, amount: (c) => amount.get(c) ?? 0 };
}

/** All counter rows of a report or breakdown, with both reference dates applied and distinct people counted exactly. */
export async function counterRows(tx: Tx, q: FiguresQuery, scope: Scope, by: Breakdown | null, counters?: string[]): Promise<CounterRow[]> {
  const base = { from: q.from, to: q.to, scope, by };
  const ref = referenceOf(q.asOf);
  // Completers at the report's own reference date (the usual case) come with the other counters, in one read.
  const completersApart = q.completersAsOf !== undefined && q.completersAsOf !== q.asOf;
  const completersRef = completersApart ? referenceOf(q.completersAsOf) : ref;
  const totals = await counterTotals(tx, { ...base, ref, counters: completersApart ? totalsCounters(counters) : counters });
  return withPeopleCounted(tx, totals, { ...base, ref, completersRef, completersRead: !completersApart, counters });
}

/**
 * The report's queries read a few hundred rows, but the planner cannot see how few deltas lie
 * past the compaction point and estimates millions at scale; PostgreSQL's JIT then spends
 * ~27 ms per query compiling (measured by `npm run bench` at 10M records). Off for this transaction.
 */
export async function prepareRead(tx: Tx): Promise<void> {
  await ensureCompacted(tx);
  await tx.execute(sql`set local jit = off`);
}
