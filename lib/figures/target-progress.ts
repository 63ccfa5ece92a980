/** How far the network is towards its target of initial sessions, against the share of the round's time elapsed. */
import { eq } from "drizzle-orm";
import { targets } from "@/db/schema";
import type { Tx } from "@/db/client";
import { counterTotals } from "./counters";
import { INITIAL_SESSION_COUNTERS } from "./definitions";
import type { FiguresQuery } from "./query";
import { referenceOf } from "./totals";

export interface TargetProgress {
  target: number;
  from: string;
  to: string;
  reached: number;
  /** Percent of the target reached, one decimal. */
  shareReached: number;
  /** Percent of the round's time elapsed at the period's end, one decimal. */
  shareElapsed: number;
}

export async function targetProgress(tx: Tx, q: FiguresQuery): Promise<TargetProgress | null> {
  const [target] = await tx.select().from(targets).where(eq(targets.key, "initialSessions"));
  if (!target || q.to < target.fromOn) return null;
  const until = q.to < target.toOn ? q.to : target.toOn;
  const rows = await counterTotals(tx, { from: target.fromOn, to: until, ref: referenceOf(q.asOf), scope: { level: "network", id: null }, by: null, counters: INITIAL_SESSION_COUNTERS });
  const reached = rows.reduce((s, r) => s + r.n, 0);
  const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1;
  const oneDecimal = (x: number) => Math.round(x * 10) / 10;
  return {
    target: target.value,
    from: target.fromOn,
    to: target.toOn,
    reached,
    shareReached: oneDecimal((100 * reached) / target.value),
    shareElapsed: oneDecimal(Math.min(100, (100 * days(target.fromOn, until)) / days(target.fromOn, target.toOn))),
  };
}
