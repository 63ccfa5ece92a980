/**
 * What the benchmark measures: sequential HTTP requests against the running app, and a
 * straightforward recount of the same figures from the raw tables (tests/recount/), which must
 * agree exactly.
 */
import { randomBytes } from "node:crypto";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { hashToken } from "@/lib/api/tokens";
import { differences } from "@/tests/recount/compare";
import { outsideBounds, uncheckable as uncheckableFigures, type Uncheckable } from "@/tests/recount/bounds";
import { recount as recountFigures, recountCounts as recountByGroup, type RecountGroup } from "@/tests/recount/figures";

export { differences, outsideBounds, type RecountGroup, type Uncheckable };

export interface Timings {
  p50: number;
  p95: number;
  n: number;
}

/** Nearest-rank percentile of durations in milliseconds. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const summarise = (values: number[]): Timings => ({ p50: percentile(values, 50), p95: percentile(values, 95), n: values.length });

/** A network coordinator and a fresh API token for them, written as the admin page would (only the hash is kept). */
export async function issueToken(client: pg.Client): Promise<string> {
  const email = "bench-network@lotse.example";
  const { rows } = await client.query(
    `insert into users (email, name, role, password_hash) values ($1, 'Bench Network Coordinator', 'network_coordinator', '!')
     on conflict (email) do update set active = true, role = 'network_coordinator' returning id`,
    [email],
  );
  const userId = rows[0].id as string;
  await client.query(`delete from api_tokens where user_id = $1`, [userId]);
  const token = `lotse_${randomBytes(32).toString("base64url")}`;
  await client.query(`insert into api_tokens (user_id, name, token_hash, created_by) values ($1, 'bench', $2, $1)`, [userId, hashToken(token)]);
  return token;
}

/** Sequential GETs: `warmup` unmeasured, then `n` timed from sending to the last byte of the body. */
export async function timeRequests(url: string, headers: Record<string, string>, n: number, warmup: number): Promise<{ timings: number[]; last: unknown }> {
  const timings: number[] = [];
  let last: unknown;
  for (let i = 0; i < warmup + n; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    const body = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 500)}`);
    if (i >= warmup) timings.push(ms);
    if (i === warmup + n - 1) last = JSON.parse(body);
  }
  return { timings, last };
}

type Figures = Record<string, unknown>;

/*
 * The recount is the tests' (tests/recount/): every figure from the raw tables as they stood at
 * the reference date R (the end of `asOf`'s day in Europe/Berlin, or now). The bench writes no
 * history, so the records' state at R comes from the records table alone ("table" in
 * tests/recount/as-of.ts); figures drawn from records changed after R are named by `uncheckable`
 * and, where they count records or people, bounded (tests/recount/bounds.ts).
 */
const over = (client: pg.Client) => drizzle({ client });

/** Every figure of figures.md for one period as of a reference date (null: now). */
export const recount = (client: pg.Client, from: string, to: string, asOf: string | null = null): Promise<Figures> => recountFigures(over(client), { from, to, asOf, source: "table" });

/** The count figures of figures.md per group, from the records as they stood at the reference date. */
export const recountCounts = (client: pg.Client, from: string, to: string, asOf: string | null, group: RecountGroup): Promise<Map<string, Figures>> =>
  recountByGroup(over(client), { from, to, asOf, source: "table" }, group);

/** The figures a recount as of `asOf` cannot check, each with why. Not timed: the recount's own cost is what the bench compares with. */
export const uncheckable = (client: pg.Client, from: string, to: string, asOf: string | null, keys: string[]): Promise<Map<string, Uncheckable>> =>
  uncheckableFigures(over(client), { from, to, asOf }, keys);
