/**
 * `npm run bench`: the figures report's latency against the quality targets P1–P3 (docs/quality.md).
 *
 *   DATABASE_URL=postgres://user@host:5432/db npm run bench [-- --records 100000,10000000] [--fresh] [--prepare]
 *
 * --fresh makes the databases again; --prepare only makes them (no build, no measurement);
 * --explain adds EXPLAIN ANALYZE of every statement the report sends, per size.
 *
 * For each size it makes (once) a database of a synthetic network on that server, starts the
 * built app on it, and measures sequentially: the network-wide figures report for one year
 * through the HTTP API, the trivial /api/health (the framework's floor), and a straightforward
 * SQL recount of the same figures, which must equal the report's exactly.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { ensureDataset, type DatasetInfo } from "./bench/dataset.mjs";
import { explainReport, timeEngine } from "./bench/explain.mjs";
import { differences, issueToken, recount, summarise, timeRequests, type Timings } from "./bench/measure.mjs";
import { ensureBuild, startServer } from "./bench/server.mjs";

const { values: args } = parseArgs({
  options: {
    records: { type: "string", default: "100000,10000000" },
    fresh: { type: "boolean", default: false },
    prepare: { type: "boolean", default: false },
    explain: { type: "boolean", default: false },
    requests: { type: "string", default: "300" },
    warmup: { type: "string", default: "30" },
    recounts: { type: "string", default: "5" },
    year: { type: "string", default: "2022" },
    json: { type: "string", default: ".data/bench-results.json" },
  },
});

const baseUrl = process.env.DATABASE_URL;
if (!baseUrl || !/^postgres(ql)?:\/\//.test(baseUrl)) {
  console.error(
    "npm run bench needs a PostgreSQL server: set DATABASE_URL, e.g.\n" +
      "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench\n" +
      "It creates its own databases there (lotse_bench_<records>) and leaves the named database alone.",
  );
  process.exit(2);
}

const sizes = [...new Set(args.records.split(",").map((s) => Number(s.replace(/[_\s]/g, ""))))].sort((a, b) => a - b);
if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 10_000)) {
  console.error(`--records: sizes of at least 10000 records, separated by commas (got "${args.records}")`);
  process.exit(2);
}
const requests = Number(args.requests);
const warmup = Number(args.warmup);
const recounts = Number(args.recounts);
const year = args.year;
const from = `${year}-01-01`;
const to = `${year}-12-31`;

const fmt = (n: number) => n.toLocaleString("en");
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const log = (scope: string) => (line: string) => console.info(`[bench ${scope}] ${line}`);

interface SizeResult {
  size: number;
  dataset: DatasetInfo;
  reused: boolean;
  figures: Timings;
  recount: Timings;
  floor: Timings;
  mismatches: string[];
}

async function measure(size: number, url: string, dataset: DatasetInfo, reused: boolean): Promise<SizeResult> {
  const say = log(fmt(size));
  const server = await startServer(url, `lotse_bench_${size}`);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const filled = (await db.query(`select exists (select 1 from figure_deltas) as filled`)).rows[0].filled as boolean;
    if (!filled) throw new Error(`the app emptied the figures ledger at start-up (see ${server.logFile}); run the bench again to fill it`);
    const token = await issueToken(db);
    say(`app on ${server.url} (log: ${server.logFile}); ${warmup} warm-up and ${requests} timed requests each`);
    const report = await timeRequests(`${server.url}/api/v1/figures?from=${from}&to=${to}`, { Authorization: `Bearer ${token}` }, requests, warmup);
    const figures = summarise(report.timings);
    say(`figures report ${from}..${to}: p50 ${ms(figures.p50)} ms, p95 ${ms(figures.p95)} ms`);
    const floor = summarise((await timeRequests(`${server.url}/api/health`, {}, requests, warmup)).timings);
    say(`/api/health: p50 ${ms(floor.p50)} ms, p95 ${ms(floor.p95)} ms`);

    let counted = await recount(db, from, to); // warm-up
    const times: number[] = [];
    for (let i = 0; i < recounts; i++) {
      const started = performance.now();
      counted = await recount(db, from, to);
      times.push(performance.now() - started);
    }
    const recountTimes = summarise(times);
    say(`SQL recount: p50 ${ms(recountTimes.p50)} ms, p95 ${ms(recountTimes.p95)} ms (${recounts} runs)`);
    const endpointFigures = (report.last as { figures: Record<string, unknown> }).figures;
    const mismatches = differences(endpointFigures, counted);
    if (mismatches.length) for (const m of mismatches) console.error(`[bench ${fmt(size)}] MISMATCH ${m}`);
    else say(`every figure of the report equals the recount (${Object.keys(counted).length} keys)`);
    return { size, dataset, reused, figures, recount: recountTimes, floor, mismatches };
  } finally {
    await db.end().catch(() => undefined);
    await server.stop();
  }
}

function table(results: SizeResult[]): string {
  const header = ["records", "figures p50", "figures p95", "recount p50", "recount p95", "floor p50", "floor p95"];
  const rows = results.map((r) => [fmt(r.dataset.records), ms(r.figures.p50), ms(r.figures.p95), ms(r.recount.p50), ms(r.recount.p95), ms(r.floor.p50), ms(r.floor.p95)]);
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n") + "\n\n(milliseconds; floor = GET /api/health)";
}

function verdicts(results: SizeResult[]) {
  const small = results[0];
  const large = results[results.length - 1];
  const p1 = large.size >= 10_000_000 ? { value: large.figures.p95, pass: large.figures.p95 <= 100 } : null;
  const p2ratio = results.length > 1 ? large.figures.p95 / small.figures.p95 : null;
  const p3ratio = large.recount.p95 / large.figures.p95;
  return {
    P1: p1 && { text: `p95 ${ms(p1.value)} ms at ${fmt(large.dataset.records)} records (target ≤ 100 ms)`, pass: p1.pass },
    P2: p2ratio === null ? null : { text: `p95 ${fmt(large.size)} / p95 ${fmt(small.size)} = ${p2ratio.toFixed(2)} (target ≤ 2)`, pass: p2ratio <= 2, ratio: p2ratio },
    P3: { text: `recount p95 / report p95 = ${p3ratio.toFixed(1)}× at ${fmt(large.dataset.records)} records (target ≥ 50×)`, pass: p3ratio >= 50 && results.every((r) => !r.mismatches.length), ratio: p3ratio },
  };
}

const results: SizeResult[] = [];
const datasets: { size: number; url: string; info: DatasetInfo; reused: boolean }[] = [];
for (const size of sizes) {
  const say = log(fmt(size));
  say(`database ${`lotse_bench_${size}`}`);
  const { url, info, reused } = await ensureDataset(baseUrl, size, { fresh: args.fresh, log: say });
  say(
    `${reused ? "reused" : "generated"}: ${fmt(info.records)} records, ${fmt(info.clients)} clients, ${fmt(info.deltas)} ledger deltas, ` +
      `${fmt(info.totals)} total rows, ${(info.bytes / 2 ** 30).toFixed(1)} GiB (generated in ${info.seconds} s)`,
  );
  datasets.push({ size, url, info, reused });
}
if (args.prepare) process.exit(0);
ensureBuild(log("app"));
for (const d of datasets) {
  results.push(await measure(d.size, d.url, d.info, d.reused));
  if (args.explain) {
    const file = `.data/bench/explain-${d.size}.txt`;
    const queries = await explainReport(d.url, from, to, file);
    const say = log(fmt(d.size));
    say(`EXPLAIN ANALYZE of the ${queries.length} statements of the report (plans in ${file}):`);
    for (const q of queries) say(`  ${ms(q.ms).padStart(7)} ms (+${ms(q.planningMs)} planning)  ${q.summary}`);
    const engine = summarise(await timeEngine(d.url, from, to, 100));
    say(`the engine alone (computeFigures in one transaction, in this process, 100 runs): p50 ${ms(engine.p50)} ms, p95 ${ms(engine.p95)} ms`);
  }
}

const v = verdicts(results);
console.info(`\nFigures report ${from}..${to}, network-wide, through GET /api/v1/figures; ${requests} sequential requests after ${warmup} warm-up; recount ${recounts} runs.\n`);
console.info(table(results));
console.info("");
for (const [id, verdict] of Object.entries(v)) console.info(verdict ? `${id}: ${verdict.pass ? "pass" : "FAIL"} — ${verdict.text}` : `${id}: not measured (needs the 100,000 and 10,000,000 sizes)`);

mkdirSync(dirname(args.json), { recursive: true });
writeFileSync(
  args.json,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      period: { from, to },
      requests,
      warmup,
      recounts,
      results: results.map((r) => ({ size: r.size, dataset: r.dataset, figures: r.figures, recount: r.recount, floor: r.floor, mismatches: r.mismatches })),
      verdicts: v,
    },
    null,
    2,
  ),
);
console.info(`\n(also written to ${args.json})`);
if (results.some((r) => r.mismatches.length)) {
  console.error("The report and the recount disagree: see MISMATCH above.");
  process.exit(1);
}
process.exit(0);
