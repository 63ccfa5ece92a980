/**
 * One benchmark database per size on the server of DATABASE_URL (lotse_bench_<records>):
 * created, migrated and filled once, then reused while its marker row says it is complete and
 * made by the current generator.
 *
 * About 300 lines on purpose: the fill and its reuse rules (marker, ledger and delta hashes) must
 * be read together; the row writing itself is in dataset-rows.mts.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { closeDb, configureDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import type * as schema from "@/db/schema";
// The concrete modules: from an ES module, the CommonJS-compiled index's `export *` is not seen.
import { occupations as occupationsTable } from "@/db/schema/clients";
import { figureCompaction, targets } from "@/db/schema/figures";
import { users } from "@/db/schema/users";
import { seedOccupations, OCCUPATIONS } from "@/lib/demo/occupations";
import { seedOrgTree } from "@/lib/demo/org";
import { berlinTime, isoOf } from "@/lib/demo/demo-random";
import { TOTAL_GRAINS, compactLedger, compactionPoint, insertDeltas, startOfDayBerlin, totalsRows } from "@/lib/figures/ledger";
import { LEDGER_VERSION } from "@/lib/figures/rebuild";
import { loadNetwork, writeBatch } from "./dataset-rows.mjs";
import { databaseUrl } from "./fresh-database.mjs";
import { FIRST_DAY, LAST_DAY, NetworkGenerator, emptyBatch, expectedPerYear } from "./generate.mjs";

/** Raised whenever the generated clients and records change, so that older databases are made again. */
const GENERATOR_VERSION = 1;
/** The code that turns records into the ledger: when it changes, only the ledger is filled again. */
const LEDGER_SOURCES = ["lib/figures/contributions.ts", "lib/figures/changes.ts", "lib/figures/ledger.ts", "db/schema/figures.ts"];
/**
 * The part of it that makes the deltas themselves: when only the rest changed (how the deltas are
 * summed into figure_totals), the totals are summed again from the deltas already there.
 */
const DELTA_SOURCES = ["lib/figures/contributions.ts", "lib/figures/changes.ts"];
const MARKER = "bench_dataset";
const CREATOR_EMAIL = "bench-adviser@lotse.example";
/** Records per write transaction. */
const BATCH_RECORDS = 20_000;

export interface DatasetInfo {
  generator: number;
  /** Hash of LEDGER_SOURCES and LEDGER_VERSION when the ledger was filled. */
  ledger: string;
  /** Hash of DELTA_SOURCES (and insertDeltas) when the deltas were written. */
  deltaCode?: string;
  size: number;
  records: number;
  clients: number;
  deltas: number;
  totals: number;
  seconds: number;
  bytes: number;
}

export type BenchDb = NodePgDatabase<typeof schema>;

export const databaseName = (size: number) => `lotse_bench_${size}`;

function ledgerHash(): string {
  const hash = createHash("sha256").update(LEDGER_VERSION);
  const add = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name));
    else hash.update(path).update(readFileSync(path));
  };
  for (const path of LEDGER_SOURCES) add(path);
  return hash.digest("hex").slice(0, 16);
}

/** The deltas' own code: DELTA_SOURCES and the function that writes them (not the rest of ledger.ts). */
function deltasHash(): string {
  const hash = createHash("sha256").update(insertDeltas.toString());
  for (const path of DELTA_SOURCES) hash.update(path).update(readFileSync(path));
  return hash.digest("hex").slice(0, 16);
}

async function withClient<T>(url: string, f: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await f(client);
  } finally {
    await client.end();
  }
}

async function readMarker(url: string): Promise<DatasetInfo | null> {
  return withClient(url, async (client) => {
    const { rows } = await client.query(`select value from app_settings where key = $1`, [MARKER]).catch(() => ({ rows: [] as { value: string }[] }));
    return rows.length ? (JSON.parse(rows[0].value) as DatasetInfo) : null;
  });
}

/** The app's own migrations, through its own code path (pending ones, on reuse: as an upgrade would). */
async function migrate(url: string): Promise<void> {
  configureDatabase({ kind: "postgres", url, poolSize: 2 });
  try {
    await migrateDatabase();
  } finally {
    await closeDb();
  }
}

/**
 * The database of one size, ready to benchmark: reused when complete; its ledger filled again
 * when the ledger code changed (or the app emptied it); else (or with `fresh`) made anew.
 */
export async function ensureDataset(baseUrl: string, size: number, options: { fresh: boolean; log: (line: string) => void }): Promise<{ url: string; info: DatasetInfo; reused: boolean }> {
  const name = databaseName(size);
  const url = databaseUrl(baseUrl, name);
  const exists = await withClient(baseUrl, async (c) => (await c.query(`select 1 from pg_database where datname = $1`, [name])).rowCount! > 0);
  if (exists && !options.fresh) {
    const info = await readMarker(url);
    if (info && info.generator === GENERATOR_VERSION && info.size === size) {
      await migrate(url);
      const filled = await withClient(url, async (c) => (await c.query(`select exists (select 1 from figure_deltas) as filled`)).rows[0].filled as boolean);
      if (filled && info.ledger === ledgerHash()) return { url, info, reused: true };
      if (filled && info.deltaCode === deltasHash()) {
        options.log("the ledger's totals changed (its deltas did not): summing the totals again");
        return { url, info: await resummed(url, info, options.log), reused: true };
      }
      options.log(filled ? "the ledger code changed: filling the ledger again" : "the ledger is empty: filling it again");
      return { url, info: await generate(url, size, options.log, true), reused: true };
    }
    options.log(info ? "made by another generator: making it again" : "incomplete: making it again");
  }
  await withClient(baseUrl, async (c) => {
    await c.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    await c.query(`create database ${pg.escapeIdentifier(name)}`);
  });
  await migrate(url);
  return { url, info: await generate(url, size, options.log, false), reused: false };
}

async function openDb(url: string, settings: string[]): Promise<{ db: BenchDb; client: pg.Client }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const s of settings) await client.query(s);
  return { db: drizzle(client) as unknown as BenchDb, client };
}

/**
 * Generates the network into a migrated database. With `ledgerOnly` the clients and records are
 * there already (the generator is deterministic, so it makes the same ones again) and only the
 * ledger is emptied and filled.
 */
async function generate(url: string, size: number, log: (line: string) => void, ledgerOnly: boolean): Promise<DatasetInfo> {
  const started = performance.now();
  const ledger = ledgerHash();
  // The bench connects as a superuser: its bulk writes skip the per-row foreign-key triggers
  // (the generator makes only valid references) and do not wait for each commit's flush.
  const writer = await openDb(url, ["set synchronous_commit = off", "set session_replication_role = replica"]);
  // Compaction runs beside the writes on a second connection. Sorting instead of hashing the
  // groups hands the upsert its rows in primary-key order: half the time for this bulk catch-up.
  const compactor = await openDb(url, ["set synchronous_commit = off", "set work_mem = '256MB'", "set enable_hashagg = off"]);
  try {
    const creator = await writer.db.transaction(async (tx) => {
      if (ledgerOnly) {
        await tx.execute(sql`truncate figure_deltas, figure_totals`);
        await tx.update(figureCompaction).set({ until: sql`'-infinity'` });
        // Should this be cut short, the next run fills the ledger again (and keeps the records).
        await tx.execute(sql`update app_settings set value = jsonb_set(value::jsonb, '{ledger}', '""')::text where key = ${MARKER}`);
        const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, CREATOR_EMAIL));
        return user.id;
      }
      await seedOrgTree(tx);
      await seedOccupations(tx);
      const [user] = await tx.insert(users).values({ email: CREATOR_EMAIL, name: "Bench Adviser", role: "adviser", passwordHash: "!" }).returning({ id: users.id });
      return user.id;
    });
    const { regions, places } = await loadNetwork(writer.db);
    const occupationRows = await writer.db.select({ id: occupationsTable.id, nameEn: occupationsTable.nameEn }).from(occupationsTable);
    const occupations = occupationRows.map((o) => {
      const seed = OCCUPATIONS.find((s) => s.nameEn === o.nameEn)!;
      return { id: o.id, nameEn: o.nameEn, regulated: seed.regulated, level: seed.level };
    });
    const years = (LAST_DAY - FIRST_DAY + 1) / 365.25;
    const scale = size / (expectedPerYear() * years);
    // The funding round 2019–2022 and its target for initial sessions (200,000 at the 2019 scale).
    if (!ledgerOnly) await writer.db.insert(targets).values({ key: "initialSessions", fromOn: "2019-01-01", toOn: "2022-12-31", value: Math.max(1_000, Math.round(200_000 * scale)) });

    const generator = new NetworkGenerator({ scale, regions, occupations, places });
    let batch = emptyBatch();
    let written = { records: 0, clients: 0, deltas: 0 };
    let writing: Promise<void> = Promise.resolve();
    let compacting: Promise<void> = Promise.resolve();
    let compactedTo = "-";
    const flush = async () => {
      await writing;
      const b = batch;
      batch = emptyBatch();
      written = { records: written.records + b.records.length, clients: written.clients + b.clients.length, deltas: written.deltas + b.deltas.length };
      writing = writeBatch(writer.db, b, creator, ledgerOnly);
    };
    let lastReport = performance.now();
    for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
      if (isoOf(day).endsWith("-01") && day > FIRST_DAY) {
        // Everything generated from here on takes effect on or after this day: the ledger before it is final.
        await flush();
        await writing;
        // Compactions run one after the other beside the writes, each as soon as its month is written.
        const until = berlinTime(day, 0);
        compacting = compacting.then(async () => {
          await compactor.db.transaction((tx) => compactLedger(tx, until));
          compactedTo = isoOf(day).slice(0, 7);
        });
        compacting.catch(() => undefined); // awaited (and so reported) at the end
        if (performance.now() - lastReport > 10_000 || isoOf(day).endsWith("-01-01")) {
          lastReport = performance.now();
          const pct = ((100 * (day - FIRST_DAY)) / (LAST_DAY - FIRST_DAY + 1)).toFixed(0);
          log(`${isoOf(day).slice(0, 7)}  ${pct.padStart(3)}%  ${written.records.toLocaleString("en")} records, ${written.clients.toLocaleString("en")} clients, ${written.deltas.toLocaleString("en")} ledger deltas, compacted up to ${compactedTo}  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
        }
      }
      generator.day(day, batch);
      if (batch.records.length >= BATCH_RECORDS) await flush();
    }
    await flush();
    await writing;
    await compacting;
    log(`written: ${written.records.toLocaleString("en")} records, ${written.clients.toLocaleString("en")} clients, ${written.deltas.toLocaleString("en")} ledger deltas (${((performance.now() - started) / 1000).toFixed(0)} s); compacting and analysing …`);
    await compactor.db.transaction((tx) => compactLedger(tx, compactionPoint()));
    await writer.client.query("vacuum (analyze) clients, records, figure_deltas, figure_totals, org_units, occupations");
    await writer.client.query("checkpoint");

    const count = async (table: string) => Number((await writer.client.query(`select count(*)::bigint as n from ${table}`)).rows[0].n);
    // The ledger is complete as the app would have built it: tell its start-up not to rebuild it
    // from the history (which the bench does not write).
    await writer.client.query(
      `insert into app_settings (key, value) values ('figures_ledger_version', $1) on conflict (key) do update set value = excluded.value`,
      [LEDGER_VERSION],
    );
    const info: DatasetInfo = {
      generator: GENERATOR_VERSION,
      ledger,
      deltaCode: deltasHash(),
      size,
      records: await count("records"),
      clients: await count("clients"),
      deltas: await count("figure_deltas"),
      totals: await count("figure_totals"),
      seconds: Math.round((performance.now() - started) / 1000),
      bytes: Number((await writer.client.query(`select pg_database_size(current_database())::bigint as n`)).rows[0].n),
    };
    // Written last: a run cut short leaves no marker, and the next run makes the database again.
    await writer.client.query(`insert into app_settings (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value`, [MARKER, JSON.stringify(info)]);
    return info;
  } finally {
    await writer.client.end().catch(() => undefined);
    await compactor.client.end().catch(() => undefined);
  }
}

/**
 * Empties figure_totals and sums them again from the deltas already in the ledger (which the
 * same code would write again), up to today's compaction point: the engine's own rows
 * (`totalsRows`), year by year of effect, inserted without the primary key, which is built
 * afterwards. A bulk shortcut with the same result as `compactLedger`, whose upserts into a
 * table of tens of millions of rows would take far longer; the rows of different years of
 * effect never share a key, so none is lost. (The generator itself compacts month by month.)
 */
async function resummed(url: string, info: DatasetInfo, log: (line: string) => void): Promise<DatasetInfo> {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const { db, client } = await openDb(url, ["set synchronous_commit = off", "set work_mem = '512MB'", "set maintenance_work_mem = '1GB'"]);
  try {
    const end = compactionPoint();
    const firstYear = Number((await client.query(`select extract(year from min(at) at time zone 'Europe/Berlin')::int as y from figure_deltas`)).rows[0].y);
    // One transaction: cut short, it leaves the old totals and their primary key as they were.
    await db.transaction(async (tx) => {
      const [pk] = (await tx.execute(sql`select conname, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'figure_totals'::regclass and contype = 'p'`)).rows as { conname: string; def: string }[];
      await tx.execute(sql`update app_settings set value = jsonb_set(value::jsonb, '{ledger}', '""')::text where key = ${MARKER}`);
      await tx.execute(sql`truncate figure_totals`);
      await tx.execute(sql.raw(`alter table figure_totals drop constraint ${pg.escapeIdentifier(pk.conname)}`));
      let from = sql`'-infinity'::timestamptz`;
      for (let y = firstYear + 1; ; y++) {
        const until = new Date(Math.min(startOfDayBerlin(`${y}-01-01`).getTime(), end.getTime()));
        for (const grain of TOTAL_GRAINS) {
          await tx.execute(sql`
            insert into figure_totals (scope_id, dim, grain, effect_grain, occurred_on, effect_on, counter, dim_value, n, amount)
            ${totalsRows(grain, from, sql`${until}`)}`);
        }
        log(`totals summed up to ${until.toISOString().slice(0, 10)} (${elapsed()})`);
        if (until.getTime() >= end.getTime()) break;
        from = sql`${until}`;
      }
      await tx.execute(sql.raw(`alter table figure_totals add constraint ${pg.escapeIdentifier(pk.conname)} ${pk.def}`));
      await tx.update(figureCompaction).set({ until: end });
    });
    await client.query("vacuum (analyze) figure_totals");
    log(`primary key built, analysed (${elapsed()})`);
    await client.query(
      `insert into app_settings (key, value) values ('figures_ledger_version', $1) on conflict (key) do update set value = excluded.value`,
      [LEDGER_VERSION],
    );
    const totals = Number((await client.query(`select count(*)::bigint as n from figure_totals`)).rows[0].n);
    const bytes = Number((await client.query(`select pg_database_size(current_database())::bigint as n`)).rows[0].n);
    const next: DatasetInfo = { ...info, ledger: ledgerHash(), deltaCode: deltasHash(), totals, bytes };
    await client.query(`insert into app_settings (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value`, [MARKER, JSON.stringify(next)]);
    log(`totals summed again: ${totals.toLocaleString("en")} rows in ${elapsed()}`);
    return next;
  } finally {
    await client.end().catch(() => undefined);
  }
}
