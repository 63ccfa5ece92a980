import type { Pool, PoolClient } from "pg";
import type { Tx } from "@/db/client";
import { assumeAppRole } from "@/db/row-security";
import { erasuresToPurge } from "@/db/schema";

/**
 * The tables whose rows hold what an erasure removes: names, contact details and notes
 * (clients), consents, reminder notes (reminders), and the stored first answer of a client's
 * create, which a replay of its idempotency key would give (idempotency_keys), the keyed
 * pseudonym of the name (client_pseudonyms) and the links between clients (person_links).
 */
export const PERSONAL_DATA_TABLES = ["clients", "consents", "reminders", "idempotency_keys", "client_pseudonyms", "person_links"] as const;

// One instance at a time rewrites the tables; another finds the lock taken and leaves it.
const LOCK = "lotse.purge";

/**
 * The rewrite waits this long for the tables' exclusive lock (behind a running query, say) before
 * it gives up until the next run, so that a stuck session cannot hold every case page waiting behind it.
 */
const LOCK_TIMEOUT = "60s";

/** Puts an erasure on record for the next housekeeping run, in the erasure's own transaction. */
export async function noteErasure(tx: Tx): Promise<void> {
  await tx.insert(erasuresToPurge).values({});
}

export interface PurgeRun {
  /** Erasures whose old row versions were removed; 0 means nothing was rewritten. */
  erasures: number;
  /**
   * Erasures left for the next run: a transaction that began before them (a long report, a
   * backup's pg_dump) still ran, and as long as it may see the old row versions no rewrite can
   * remove them.
   */
  waiting: number;
  tables: readonly string[];
  /**
   * "done", or "refused" when the login role may not force a checkpoint (PostgreSQL: neither
   * superuser nor member of pg_checkpoint); the server's own next checkpoint then follows
   * within its checkpoint_timeout. Null when nothing was rewritten.
   */
  checkpoint: "done" | "refused" | null;
}

export interface PurgeOptions {
  /** How long to wait for older transactions to end before rewriting what is ready. */
  waitMs?: number;
  pollMs?: number;
}

/**
 * The erasures whose old row versions no transaction can see any more: older than every running
 * transaction of the server (the rewrite's own snapshot is held back by those, whichever database
 * they are in) and than the snapshot of every other session of this database that this role may see.
 */
const READY = `
  select coalesce(array_agg(e.id), '{}')::text[] as ready, count(*)::int as total from erasures_to_purge e
  where e.erased_in < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint
    and not exists (
      select 1 from pg_stat_activity a
      where a.datname = current_database() and a.pid <> pg_backend_pid() and a.backend_xmin is not null
        and age(a.backend_xmin) >= age(xid((e.erased_in::text)::xid8)))`;

/**
 * Removes erased personal data from the disk: an UPDATE or DELETE leaves the old row version in
 * its page and its index entries in place until a vacuum, and a plain VACUUM may skip the indexes
 * and leaves the bytes of removed rows in the pages' free space. So, when erasures are on
 * record, `VACUUM FULL` rewrites the personal-data tables with their indexes and TOAST into new
 * files (the old ones are emptied at once), and a checkpoint writes the new pages and lets the
 * write-ahead log that still holds the erased values be recycled.
 *
 * VACUUM cannot run in a transaction and needs the tables' owner, CHECKPOINT a superuser or
 * pg_checkpoint: this runs on a connection of its own, switched back to the login role of the
 * database (the owner: it ran the migrations). Returns null when another instance holds the lock.
 */
export async function purgeErasedData(pool: Pool, { waitMs = 5 * 60_000, pollMs = 5000 }: PurgeOptions = {}): Promise<PurgeRun | null> {
  const client = await pool.connect();
  let locked = false;
  try {
    await client.query("reset role");
    const lock = await client.query<{ locked: boolean }>("select pg_try_advisory_lock(hashtext($1)) as locked", [LOCK]);
    locked = lock.rows[0].locked;
    if (!locked) return null;
    const deadline = Date.now() + waitMs;
    let ready: string[];
    let waiting: number;
    for (;;) {
      const [pending] = (await client.query<{ ready: string[]; total: number }>(READY)).rows;
      const [{ all }] = (await client.query<{ all: number }>("select count(*)::int as all from erasures_to_purge")).rows;
      ready = pending.ready;
      waiting = all - pending.total;
      if (waiting === 0 || Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    if (ready.length === 0) return { erasures: 0, waiting, tables: [], checkpoint: null };
    await assertOwner(client);
    await client.query(`set lock_timeout = '${LOCK_TIMEOUT}'`);
    await client.query(`vacuum (full) ${PERSONAL_DATA_TABLES.join(", ")}`);
    const checkpoint = await client.query("checkpoint").then(
      () => "done" as const,
      (error: { code?: string }) => {
        if (error.code === "42501") return "refused" as const;
        throw error;
      },
    );
    // Erasures put on record meanwhile, or still seen by an older transaction, wait for the next run.
    await client.query("delete from erasures_to_purge where id = any($1::bigint[])", [ready]);
    return { erasures: ready.length, waiting, tables: PERSONAL_DATA_TABLES, checkpoint };
  } finally {
    if (locked) await client.query("select pg_advisory_unlock(hashtext($1))", [LOCK]).catch(() => undefined);
    // A connection that cannot return to the app's role and settings is closed, never reused.
    const returned = await client
      .query("reset lock_timeout")
      .then(() => assumeAppRole(client))
      .then(
        () => true,
        () => false,
      );
    client.release(!returned);
  }
}

/**
 * VACUUM skips a table its role does not own with a mere warning: a purge that removed nothing
 * must fail loudly instead.
 */
async function assertOwner(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ relname: string }>(
    "select relname from pg_class where oid = any($1::regclass[]) and not pg_has_role(current_user, relowner, 'USAGE')",
    [PERSONAL_DATA_TABLES],
  );
  if (rows.length) {
    throw new Error(`Erased data cannot be purged: the database's login role does not own ${rows.map((r) => r.relname).join(", ")} (the role that ran the migrations does).`);
  }
}
