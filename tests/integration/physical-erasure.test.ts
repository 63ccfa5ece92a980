import { randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { desc, eq, sql } from "drizzle-orm";
import pg, { type PoolClient } from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { closeDb, databaseKind, getDb, getPool } from "@/db/client";
import { assumeAppRole } from "@/db/row-security";
import { auditLog, erasuresToPurge } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { createReminder, withdrawConsent } from "@/lib/clients/commands";
import { databaseSettings, readEnv } from "@/lib/env";
import { purgeErasedData } from "@/lib/clients/purge";
import { runHousekeeping } from "@/lib/housekeeping";
import { execute } from "@/lib/operation";
import { PERSONAL_WITH_CONSENT, makeActor, makeClient, makeOrg } from "../helpers/factories";

/** Runs `work` on a connection of its own as the database's login role (the tables' owner). */
async function asOwner<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await (await getPool()).connect();
  try {
    await client.query("reset role");
    return await work(client);
  } finally {
    await assumeAppRole(client);
    client.release();
  }
}

/** Where the checkpoint that last completed starts replaying from: it moves with every checkpoint. */
const redoPoint = () => asOwner(async (c) => (await c.query<{ lsn: string }>("select redo_lsn::text as lsn from pg_control_checkpoint()")).rows[0].lsn);

const fileNodes = () =>
  asOwner(async (c) => (await c.query<{ node: string }>("select pg_relation_filenode(t)::text as node from unnest(array['clients', 'consents', 'reminders', 'client_pseudonyms']) t")).rows.map((r) => r.node));

/**
 * The folders holding this database's tables and indexes: PGlite's whole folder, or on
 * PostgreSQL this database's directory and the shared catalogs. The write-ahead log (pg_wal)
 * is left out: it keeps every change until its segments are recycled (README, privacy).
 */
async function dataFolders(): Promise<string[]> {
  const settings = databaseSettings(readEnv());
  if (settings.kind === "pglite") return [settings.dir];
  return asOwner(async (c) => {
    const { rows } = await c.query<{ root: string; oid: string }>(
      "select current_setting('data_directory') as root, oid::text from pg_database where datname = current_database()",
    );
    return [join(rows[0].root, "base", rows[0].oid), join(rows[0].root, "global")];
  });
}

/** Every regular file below `folders` (pg_wal left out) whose bytes contain `needle`. */
function filesHolding(folders: string[], needle: string): string[] {
  const wanted = Buffer.from(needle, "utf8");
  const found: string[] = [];
  for (const folder of folders) {
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      if (relative(folder, path).split("/").includes("pg_wal")) continue;
      if (readFileSync(path).includes(wanted)) found.push(relative(folder, path));
    }
  }
  return found;
}

describe("physical erasure", () => {
  let adviser: Actor;
  beforeAll(async () => {
    const org = await makeOrg();
    adviser = await makeActor("adviser", { unitIds: [org.subproject.id] });
  });

  it("after an erasure, housekeeping leaves the erased values in no file of the database's tables and indexes", async () => {
    const folders = await dataFolders();
    // Only the test's own data would be missed if the server's folder were unreadable: then say so and fail.
    expect(() => readdirSync(folders[0]), `the test needs to read ${folders[0]} (run it as the database's owner or root)`).not.toThrow();
    const marker = `Zq${randomUUID().replace(/-/g, "")}`;
    const client = await makeClient(adviser, {
      ...PERSONAL_WITH_CONSENT,
      fullName: `Erika ${marker}`,
      email: `${marker}@test.example`,
      notes: `Notiz ${marker}`,
    });
    expect(await execute(createReminder, adviser, { clientId: client.id, dueOn: "2019-09-01", note: `Frau ${marker} anrufen` })).toMatchObject({ ok: true });
    // Two names at least, so that ANALYZE would keep them as a histogram.
    const second = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, fullName: `Erik ${marker}`, email: `erik.${marker}@test.example` });
    // As autovacuum may at any time: samples of the columns would go to the catalog pg_statistic.
    await asOwner((c) => c.query("analyze clients, consents, reminders, idempotency_keys, client_pseudonyms"));
    await asOwner((c) => c.query("checkpoint"));
    // The search finds what is there: the name in the table and its index, the reminder's note.
    expect(filesHolding(folders, marker).length).toBeGreaterThanOrEqual(3);
    // And the keyed pseudonym of the name (duplicate hints), in its table and index.
    const pseudonym = await asOwner(async (c) => (await c.query<{ p: string }>("select pseudonym as p from client_pseudonyms where client_id = $1", [client.id])).rows[0].p);
    expect(filesHolding(folders, pseudonym).length).toBeGreaterThanOrEqual(1);

    for (const { id } of [client, second]) expect(await execute(withdrawConsent, adviser, { clientId: id })).toMatchObject({ ok: true });
    const [redoBefore, nodesBefore] = [await redoPoint(), await fileNodes()];
    const run = await runHousekeeping(await getDb());
    expect(run?.purge).toEqual({ erasures: expect.any(Number), waiting: 0, tables: ["clients", "consents", "reminders", "idempotency_keys", "client_pseudonyms", "person_links"], checkpoint: "done" });
    expect(run?.purge?.erasures).toBeGreaterThanOrEqual(2);
    // Rewritten into new files, and a checkpoint forced.
    const nodesAfter = await fileNodes();
    nodesAfter.forEach((node, i) => expect(node).not.toBe(nodesBefore[i]));
    expect(await redoPoint()).not.toBe(redoBefore);
    const db = await getDb();
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "housekeeping.purge")).orderBy(desc(auditLog.id)).limit(1);
    expect(entry.details).toMatchObject({ by: "system", erasures: run?.purge?.erasures, checkpoint: "done" });

    // PGlite writes its pages at a checkpoint, the last one when it stops: stop it as the app does.
    if (databaseKind() === "pglite") await closeDb();
    expect(filesHolding(folders, marker)).toEqual([]);
    expect(filesHolding(folders, pseudonym)).toEqual([]);
    // On a shared PostgreSQL server another database's long transaction holds the rewrite back for up to 5 minutes.
  }, 420_000);

  it("rewrites nothing when nothing was erased since its last run, and takes each erasure into account once", async () => {
    const db = await getDb();
    // Erasures of earlier tests are purged first.
    await runHousekeeping(db);
    expect(await db.select().from(erasuresToPurge)).toEqual([]);
    const nodes = await fileNodes();
    const quiet = await runHousekeeping(db);
    expect(quiet?.purge).toEqual({ erasures: 0, waiting: 0, tables: [], checkpoint: null });
    expect(await fileNodes()).toEqual(nodes);

    const client = await makeClient(adviser, PERSONAL_WITH_CONSENT);
    await execute(withdrawConsent, adviser, { clientId: client.id });
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(erasuresToPurge)).toEqual([{ n: 1 }]);
    expect((await runHousekeeping(db))?.purge).toMatchObject({ erasures: 1, waiting: 0 });
    expect(await db.select().from(erasuresToPurge)).toEqual([]);
    expect(await fileNodes()).not.toEqual(nodes);
  });

  it("leaves an erasure for the next run while a transaction that may still see the old row versions runs", async () => {
    const settings = databaseSettings(readEnv());
    // PGlite is one session: no transaction can run beside the purge there.
    if (settings.kind !== "postgres") return expect(databaseKind()).toBe("pglite");
    const db = await getDb();
    await runHousekeeping(db);
    const reader = new pg.Client({ connectionString: settings.url });
    await reader.connect();
    try {
      // A report or a backup's pg_dump: its snapshot, taken before the erasure, still sees the name.
      await reader.query("begin isolation level repeatable read");
      await reader.query("select 1");
      const client = await makeClient(adviser, PERSONAL_WITH_CONSENT);
      await execute(withdrawConsent, adviser, { clientId: client.id });
      expect(await purgeErasedData(await getPool(), { waitMs: 0 })).toEqual({ erasures: 0, waiting: 1, tables: [], checkpoint: null });
      await reader.query("commit");
      expect(await purgeErasedData(await getPool(), { waitMs: 0 })).toMatchObject({ erasures: 1, waiting: 0, checkpoint: "done" });
      expect(await db.select().from(erasuresToPurge)).toEqual([]);
    } finally {
      await reader.end();
    }
  });
});
