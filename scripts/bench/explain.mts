/**
 * Where the report's time goes: runs the engine's own figures computation on a benchmark
 * database with a query logger, then EXPLAIN ANALYZE of every statement it sent.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import type * as schema from "@/db/schema";
import { computeFigures } from "@/lib/figures/report";

export interface ExplainedQuery {
  ms: number;
  planningMs: number;
  summary: string;
  plan: string;
}

/** The engine alone, in this process: computeFigures in one transaction, `runs` times after 5 unmeasured. */
export async function timeEngine(url: string, from: string, to: string, runs: number): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const db = drizzle(client) as unknown as NodePgDatabase<typeof schema>;
    const times: number[] = [];
    for (let i = 0; i < runs + 5; i++) {
      const started = performance.now();
      await db.transaction((tx) => computeFigures(tx, { from, to }, { level: "network", id: null }, "de"));
      if (i >= 5) times.push(performance.now() - started);
    }
    return times;
  } finally {
    await client.end();
  }
}

export async function explainReport(url: string, from: string, to: string, file: string): Promise<ExplainedQuery[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sent: { query: string; params: unknown[] }[] = [];
    const db = drizzle(client, { logger: { logQuery: (query, params) => sent.push({ query, params }) } }) as unknown as NodePgDatabase<typeof schema>;
    await db.transaction((tx) => computeFigures(tx, { from, to }, { level: "network", id: null }, "de"));
    const explained: ExplainedQuery[] = [];
    for (const { query, params } of sent) {
      if (/^\s*(begin|commit|rollback)/i.test(query)) continue;
      // Twice: the first warms the cache, the second is reported.
      await client.query(`explain (analyze, buffers) ${query}`, params);
      const { rows } = await client.query(`explain (analyze, buffers) ${query}`, params);
      const plan = (rows as { "QUERY PLAN": string }[]).map((r) => r["QUERY PLAN"]).join("\n");
      const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
      const planningMs = Number(/Planning Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
      explained.push({ ms, planningMs, summary: query.replace(/\s+/g, " ").trim().slice(0, 110), plan: `${query.trim()}\n-- params: ${JSON.stringify(params)}\n${plan}` });
    }
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, explained.map((e) => e.plan).join("\n\n" + "=".repeat(100) + "\n\n"));
    return explained;
  } finally {
    await client.end();
  }
}
