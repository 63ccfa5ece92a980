import { createHash, randomUUID } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import pg from "pg";
import { closeConnection, openConnection, type DatabaseSettings } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { SEED_STEPS, seedDemo, type SeedStep } from "@/lib/demo/demo";
import { removeEmbeddedFolder } from "./embedded-folder";

/**
 * The demo network, seeded once per database kind and copied for each test that needs it (README,
 * Tests): a template database on PostgreSQL (`<test database>_demo_<key>`), a folder on PGlite.
 * The key changes with the code that makes the demo, so a stale copy is never used.
 */

const ROOT = join(import.meta.dirname, "..", "..");

/** The schema, migrations, seed and the domain code they run, the locked dependencies, and the day (the seed may look at today). */
function demoKey(): string {
  const hash = createHash("sha256").update(new Date().toISOString().slice(0, 10));
  for (const dir of ["db", "lib"]) {
    for (const file of readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" }).sort()) {
      const path = join(ROOT, dir, file);
      if (statSync(path).isFile()) hash.update(`${dir}/${file}\0`).update(readFileSync(path));
    }
  }
  hash.update(readFileSync(join(ROOT, "package-lock.json")));
  return hash.digest("hex").slice(0, 12);
}

/** Migrates the empty database at `where` and seeds the demo into it. */
async function seedInto(where: DatabaseSettings): Promise<void> {
  const started = performance.now();
  const connection = await openConnection(where);
  try {
    await migrateDatabase(connection.pool);
    const steps: SeedStep[] = [];
    if (!(await seedDemo(connection.db, (step) => steps.push(step)))) throw new Error("The demo seed found the new database seeded already.");
    // What a first start logs while it seeds (lib/startup.ts): every part, in order, once.
    if (steps.join() !== SEED_STEPS.join()) throw new Error(`The demo seed reported the steps ${steps.join(", ")}, not ${SEED_STEPS.join(", ")}.`);
  } finally {
    await closeConnection(connection);
  }
  console.info(`[demo] seeded the ${where.kind} demo template in ${Math.round(performance.now() - started)} ms`);
}

export interface DemoCopy {
  settings: DatabaseSettings;
  /** Removes the copy. */
  drop(): Promise<void>;
}

/**
 * A fresh copy of the seeded demo for the run's database kind (TEST_DATABASE_URL or PGlite),
 * named `<test database>_copy_<name>` on PostgreSQL (replacing one left from an earlier run). The demo is seeded first if
 * no run has done so yet for this code.
 */
export async function demoCopy(name: string): Promise<DemoCopy> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? postgresCopy(url, name) : pgliteCopy();
}

// --- PostgreSQL: a template database, copied with CREATE DATABASE ... TEMPLATE.

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function postgresCopy(url: string, name: string): Promise<DemoCopy> {
  const base = new URL(url).pathname.slice(1);
  const template = `${base}_demo_${demoKey()}`;
  const copy = `${base}_copy_${name}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // One run at a time makes the template; the others wait here and then find it.
    await admin.query("select pg_advisory_lock(hashtext($1))", [`lotse demo template ${base}`]);
    const exists = async (db: string) => (await admin.query("select 1 from pg_database where datname = $1", [db])).rowCount === 1;
    if (!(await exists(template))) {
      // Templates of earlier code, and a half-made one, are of no use any more.
      const stale = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${base.replace(/[\\_%]/g, "\\$&")}\\_demo\\_%`]);
      for (const { datname } of stale.rows) await admin.query(`drop database if exists ${ident(datname)} with (force)`);
      const building = `${template}_building`;
      await admin.query(`create database ${ident(building)}`);
      const target = Object.assign(new URL(url), { pathname: `/${building}` }).toString();
      await seedInto({ kind: "postgres", url: target, poolSize: 2 });
      // Published under its final name only once complete.
      await admin.query(`alter database ${ident(building)} rename to ${ident(template)}`);
    }
    await admin.query(`drop database if exists ${ident(copy)} with (force)`);
    await admin.query(`create database ${ident(copy)} template ${ident(template)}`);
  } finally {
    await admin.end();
  }
  const copyUrl = Object.assign(new URL(url), { pathname: `/${copy}` }).toString();
  return {
    settings: { kind: "postgres", url: copyUrl, poolSize: 2 },
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop database if exists ${ident(copy)} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

// --- PGlite: a folder in the temporary directory, copied file by file.

/** Files of a running embedded database that a copy must not take: its owner's lock, its socket. */
const notCopied = (path: string) => !/^(lotse-owner\.lock|\.s\.PGSQL\..*)$/.test(basename(path));

/**
 * Templates of other code, and half-made ones, last written more than an hour ago: of no use any
 * more, and some 800 MB each. A younger one may be another checkout's, being copied.
 */
function removeStaleTemplates(): void {
  const anHourAgo = Date.now() - 60 * 60 * 1000;
  for (const name of readdirSync(tmpdir())) {
    if (!/^lotse-demo-([0-9a-f]{12}|building-.+)$/.test(name)) continue;
    try {
      if (statSync(join(tmpdir(), name)).mtimeMs < anHourAgo) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another run.
    }
  }
}

async function pgliteCopy(): Promise<DemoCopy> {
  const template = join(tmpdir(), `lotse-demo-${demoKey()}`);
  if (!existsSync(template)) {
    removeStaleTemplates();
    const building = mkdtempSync(join(tmpdir(), "lotse-demo-building-"));
    try {
      await seedInto({ kind: "pglite", dir: join(building, "pglite") });
    } catch (error) {
      rmSync(building, { recursive: true, force: true });
      throw error;
    }
    try {
      // Published under its final name only once complete; a run that got there first wins.
      renameSync(building, template);
    } catch (error) {
      if (!existsSync(template)) throw error;
      rmSync(building, { recursive: true, force: true });
    }
  }
  const into = join(tmpdir(), `lotse-demo-copy-${randomUUID()}`);
  mkdirSync(into);
  const dir = join(into, "pglite");
  cpSync(join(template, "pglite"), dir, { recursive: true, filter: notCopied });
  return { settings: { kind: "pglite", dir }, drop: () => removeEmbeddedFolder(into, dir) };
}
