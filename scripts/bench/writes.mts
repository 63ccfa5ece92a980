/**
 * The write path against the framework's floor (docs/quality.md P4): advice sessions created
 * through `POST /api/v1/advice-sessions` with an adviser's API token, each with its own
 * idempotency key, beside `GET /api/health` in the same run.
 *
 * The database is made fresh each run on the PostgreSQL server of DATABASE_URL
 * (lotse_bench_writes): the app migrates it at start-up; one region, subproject and contact
 * point, one adviser with a token and CLIENTS clients (made through the API) are all it holds,
 * so preparing takes seconds. The sessions are spread over the clients: a create locks its
 * client (lib/figures/ledger.ts), and one person's sessions logged 32 at a time is not what the
 * bench asks about.
 *
 * Sequential: creates and health checks alternate, one at a time, so both feel the same moments
 * of a machine shared with other work. In flight: `inFlight` requests at once, a burst of health
 * checks, then of creates, twice over; the rate is requests over the bursts' wall time. Every
 * answer but 201 (200 for health) is an error. Afterwards every acknowledged create must be in
 * the database with its first history version, its idempotency key holding its answer, its
 * audit entry and its ledger deltas.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import pg from "pg";
import { hashToken } from "@/lib/api/tokens";
import { freshDatabase } from "./fresh-database.mjs";
import { summarise, type Timings } from "./measure.mjs";
import { startServer } from "./server.mjs";

const DATABASE = "lotse_bench_writes";
const CLIENTS = 64;
const SESSIONS = "/api/v1/advice-sessions";
/** The marks (docs/quality.md P4). */
export const WRITE_TARGETS = { sequentialP50: 3, throughput: 0.5, concurrentP95: 3 } as const;

export interface WritesResult {
  at: string;
  database: string;
  requests: number;
  inFlight: number;
  /** os.loadavg() before and after: the machine's other work. */
  loadAverage: { before: number[]; after: number[] };
  sequential: { create: Timings; health: Timings };
  concurrent: { create: Timings & { perSecond: number }; health: Timings & { perSecond: number } };
  ratios: { sequentialP50: number; throughput: number; concurrentP95: number };
  errors: number;
  errorSamples: string[];
  acknowledged: number;
  /** Acknowledged creates lacking a row (record, history, key with answer, audit entry or ledger delta), by what is missing. */
  missing: Record<string, number>;
  verdict: { sequentialP50: boolean; throughput: boolean; concurrentP95: boolean; errors: boolean; present: boolean; pass: boolean };
}

interface World {
  url: string;
  token: string;
  contactPointId: string;
  clientIds: string[];
}

const berlinToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());

/** The org tree, the adviser and their token, written as the admin pages would (only the token's hash is kept). */
async function adviserWithToken(db: pg.Client): Promise<{ token: string; contactPointId: string }> {
  const one = async (text: string, values: unknown[] = []) => (await db.query(text, values)).rows[0] as { id: string };
  const network = (await db.query(`select id from org_units where level = 'network'`)).rows[0] ?? (await one(`insert into org_units (level, name, active_from) values ('network', 'Netzwerk IQ', '2019-01-01') returning id`));
  const region = await one(`insert into org_units (level, parent_id, name, active_from) values ('region', $1, 'Bench-Region', '2019-01-01') returning id`, [network.id]);
  await db.query(`update org_units set region_id = id where id = $1`, [region.id]);
  const subproject = await one(
    `insert into org_units (level, parent_id, region_id, name, provider, priority_area, active_from) values ('subproject', $1, $1, 'Bench-Beratung', 'Träger', 'advice', '2019-01-01') returning id`,
    [region.id],
  );
  const contactPoint = await one(
    `insert into org_units (level, parent_id, region_id, name, town, contact_point_kind, active_from) values ('contact_point', $1, $2, 'Bench-Anlaufstelle', 'Musterstadt', 'permanent', '2019-01-01') returning id`,
    [subproject.id, region.id],
  );
  const user = await one(`insert into users (email, name, role, password_hash) values ('bench-writes@lotse.example', 'Bench Adviser', 'adviser', '!') returning id`);
  await db.query(`insert into user_units (user_id, unit_id) values ($1, $2)`, [user.id, contactPoint.id]);
  const token = `lotse_${randomBytes(32).toString("base64url")}`;
  await db.query(`insert into api_tokens (user_id, name, token_hash, created_by) values ($1, 'bench', $2, $1)`, [user.id, hashToken(token)]);
  return { token, contactPointId: contactPoint.id };
}

async function post(world: World, path: string, body: object): Promise<{ status: number; body: { id?: string } & Record<string, unknown> }> {
  const response = await fetch(`${world.url}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${world.token}`, "Content-Type": "application/json", "Idempotency-Key": randomUUID() },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text: text.slice(0, 200) };
  }
  return { status: response.status, body: parsed };
}

interface Tally {
  ids: string[];
  errors: number;
  samples: string[];
}

const newTally = (): Tally => ({ ids: [], errors: 0, samples: [] });

function noteError(tally: Tally, what: string): void {
  tally.errors++;
  if (tally.samples.length < 5) tally.samples.push(what);
}

/** One create, timed from sending to the last byte of the answer; its id kept when acknowledged (201). */
async function createOnce(world: World, n: number, occurredOn: string, tally: Tally): Promise<number> {
  const started = performance.now();
  try {
    const answer = await post(world, SESSIONS, {
      unitId: world.contactPointId,
      clientId: world.clientIds[n % world.clientIds.length],
      occurredOn,
      channel: "phone",
      stage: "initial",
      adviceType: "recognition",
      nextStep: "no_further_action",
    });
    if (answer.status === 201 && typeof answer.body.id === "string") tally.ids.push(answer.body.id);
    else noteError(tally, `POST ${SESSIONS}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
  } catch (error) {
    noteError(tally, `POST ${SESSIONS}: ${String(error)}`);
  }
  return performance.now() - started;
}

async function healthOnce(world: World, tally: Tally): Promise<number> {
  const started = performance.now();
  try {
    const response = await fetch(`${world.url}/api/health`);
    await response.text();
    if (response.status !== 200) noteError(tally, `GET /api/health: ${response.status}`);
  } catch (error) {
    noteError(tally, `GET /api/health: ${String(error)}`);
  }
  return performance.now() - started;
}

/** `total` calls of `once`, `inFlight` at a time: their durations and the wall time of the whole burst. */
async function burst(total: number, inFlight: number, once: (n: number) => Promise<number>): Promise<{ times: number[]; wallMs: number }> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) times.push(await once(next++));
    }),
  );
  return { times, wallMs: performance.now() - started };
}

/** What an acknowledged create must have left, per table; the count of ids lacking it. */
async function missingRows(db: pg.Client, ids: string[]): Promise<Record<string, number>> {
  const { rows } = await db.query(
    `select
       count(*) filter (where not exists (select 1 from records r where r.id = a.id))::int as record,
       count(*) filter (where not exists (select 1 from history h where h.subject_id = a.id and h.subject_type = 'record' and h.version = 1 and h.op = 'create'))::int as history,
       count(*) filter (where not exists (select 1 from idempotency_keys k where k.result_id = a.id and k.response is not null))::int as "idempotency key",
       count(*) filter (where not exists (select 1 from audit_log l where l.subject_id = a.id and l.action = 'records.advice_session.create' and l.outcome = 'ok'))::int as audit,
       count(*) filter (where not exists (select 1 from figure_deltas d where d.record_id = a.id))::int as "ledger deltas"
     from unnest($1::uuid[]) as a(id)`,
    [ids],
  );
  return Object.fromEntries(Object.entries(rows[0] as Record<string, number>).filter(([, n]) => n > 0));
}

const perSecond = (count: number, wallMs: number) => (count * 1000) / wallMs;

export async function measureWrites(options: { databaseUrl: string; requests: number; inFlight: number; warmup: number; log: (line: string) => void }): Promise<WritesResult> {
  const { databaseUrl, requests, inFlight, warmup, log } = options;
  const { url } = await freshDatabase(databaseUrl, DATABASE);
  const server = await startServer("writes", { DATABASE_URL: url, LOTSE_DEMO: "0" });
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { token, contactPointId } = await adviserWithToken(db);
    const world: World = { url: server.url, token, contactPointId, clientIds: [] };
    for (let i = 0; i < CLIENTS; i++) {
      const answer = await post(world, "/api/v1/clients", { contactPointId, gender: i % 2 ? "female" : "male", birthYear: 1980 + (i % 20), residenceStatus: "third_country_permit" });
      if (answer.status !== 201 || typeof answer.body.id !== "string") throw new Error(`POST /api/v1/clients answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
      world.clientIds.push(answer.body.id);
    }
    const occurredOn = berlinToday();
    log(`app on ${server.url} (log: ${server.logFile}), database ${DATABASE}: 1 adviser, ${CLIENTS} clients; ${warmup} warm-up, ${requests} sequential and ${requests} × 2 in flight (${inFlight} at once) of each`);

    const tally = newTally();
    const warm = newTally();
    for (let i = 0; i < warmup; i++) {
      await healthOnce(world, warm);
      await createOnce(world, i, occurredOn, warm);
    }
    tally.ids.push(...warm.ids);
    if (warm.errors) throw new Error(`the warm-up failed: ${warm.samples.join("; ")}`);
    const before = loadavg();

    const seq = { create: [] as number[], health: [] as number[] };
    for (let i = 0; i < requests; i++) {
      seq.health.push(await healthOnce(world, tally));
      seq.create.push(await createOnce(world, i, occurredOn, tally));
    }
    const sequential = { create: summarise(seq.create), health: summarise(seq.health) };
    log(`sequential: create p50 ${sequential.create.p50.toFixed(1)} ms, p95 ${sequential.create.p95.toFixed(1)} ms; health p50 ${sequential.health.p50.toFixed(1)} ms, p95 ${sequential.health.p95.toFixed(1)} ms`);

    const par = { create: [] as number[], health: [] as number[], createMs: 0, healthMs: 0 };
    for (let round = 0; round < 2; round++) {
      const h = await burst(requests, inFlight, () => healthOnce(world, tally));
      const c = await burst(requests, inFlight, (n) => createOnce(world, n, occurredOn, tally));
      par.health.push(...h.times);
      par.create.push(...c.times);
      par.healthMs += h.wallMs;
      par.createMs += c.wallMs;
    }
    const concurrent = {
      create: { ...summarise(par.create), perSecond: perSecond(par.create.length, par.createMs) },
      health: { ...summarise(par.health), perSecond: perSecond(par.health.length, par.healthMs) },
    };
    log(
      `${inFlight} in flight: creates ${concurrent.create.perSecond.toFixed(0)}/s, p95 ${concurrent.create.p95.toFixed(0)} ms; ` +
        `health ${concurrent.health.perSecond.toFixed(0)}/s, p95 ${concurrent.health.p95.toFixed(0)} ms`,
    );
    const after = loadavg();

    const missing = await missingRows(db, tally.ids);
    const ratios = {
      sequentialP50: sequential.create.p50 / sequential.health.p50,
      throughput: concurrent.create.perSecond / concurrent.health.perSecond,
      concurrentP95: concurrent.create.p95 / concurrent.health.p95,
    };
    const verdict = {
      sequentialP50: ratios.sequentialP50 <= WRITE_TARGETS.sequentialP50,
      throughput: ratios.throughput >= WRITE_TARGETS.throughput,
      concurrentP95: ratios.concurrentP95 <= WRITE_TARGETS.concurrentP95,
      errors: tally.errors === 0,
      present: Object.keys(missing).length === 0,
    };
    return {
      at: new Date().toISOString(),
      database: DATABASE,
      requests,
      inFlight,
      loadAverage: { before, after },
      sequential,
      concurrent,
      ratios,
      errors: tally.errors,
      errorSamples: tally.samples,
      acknowledged: tally.ids.length,
      missing,
      verdict: { ...verdict, pass: Object.values(verdict).every(Boolean) },
    };
  } finally {
    await db.end().catch(() => undefined);
    await server.stop();
  }
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const mark = (ok: boolean) => (ok ? "met" : "NOT MET");

export function writesTable(r: WritesResult): string {
  const rows = [
    ["measure", "create", "health (floor)", "ratio", "target", "verdict"],
    ["---", "---", "---", "---", "---", "---"],
    ["sequential p50 (ms)", ms(r.sequential.create.p50), ms(r.sequential.health.p50), r.ratios.sequentialP50.toFixed(2), `≤ ${WRITE_TARGETS.sequentialP50}`, mark(r.verdict.sequentialP50)],
    ["sequential p95 (ms)", ms(r.sequential.create.p95), ms(r.sequential.health.p95), (r.sequential.create.p95 / r.sequential.health.p95).toFixed(2), "", ""],
    [`${r.inFlight} in flight, per second`, r.concurrent.create.perSecond.toFixed(0), r.concurrent.health.perSecond.toFixed(0), r.ratios.throughput.toFixed(2), `≥ ${WRITE_TARGETS.throughput}`, mark(r.verdict.throughput)],
    [`${r.inFlight} in flight, p95 (ms)`, ms(r.concurrent.create.p95), ms(r.concurrent.health.p95), r.ratios.concurrentP95.toFixed(2), `≤ ${WRITE_TARGETS.concurrentP95}`, mark(r.verdict.concurrentP95)],
    ["errors", String(r.errors), "", "", "0", mark(r.verdict.errors)],
    [
      "acknowledged creates present",
      `${r.acknowledged - Math.max(0, ...Object.values(r.missing))} of ${r.acknowledged}`,
      "",
      "",
      "all",
      r.verdict.present ? "met" : `NOT MET (missing: ${Object.entries(r.missing).map(([k, n]) => `${k} ${n}`).join(", ")})`,
    ],
  ];
  return rows.map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
