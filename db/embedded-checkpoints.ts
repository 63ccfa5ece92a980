import type { Pool } from "pg";
import { assumeAppRole } from "./row-security";

/*
 * PGlite runs PostgreSQL as one process, without the checkpointer: it writes a checkpoint only
 * when it closes. After a crash it replays every change since it opened, which after a demo
 * seed or a day's work takes far longer than the seconds a restart may take (quality target R9, docs/quality.md).
 * So the app asks for a checkpoint whenever this much write-ahead log has piled up since the last.
 */
const WAL_BYTES_BETWEEN_CHECKPOINTS = 16 * 1024 * 1024;
const CHECK_EVERY_MS = 2000;

/** Checkpoints the embedded database when enough has been written since the last; true if it did. */
export async function checkpointIfDue(pool: Pool): Promise<boolean> {
  // The pool's one connection: the check runs between two of the app's transactions, never inside one.
  const client = await pool.connect();
  try {
    // CHECKPOINT and pg_control_checkpoint() are the superuser's, the login role of the embedded database.
    await client.query("reset role");
    const { rows } = await client.query<{ behind: number }>(
      "select pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::float8 as behind from pg_control_checkpoint()",
    );
    const due = rows[0].behind >= WAL_BYTES_BETWEEN_CHECKPOINTS;
    if (due) await client.query("checkpoint");
    return due;
  } finally {
    // A connection that cannot return to the app's role is closed, never reused.
    const returned = await assumeAppRole(client).then(() => true, () => false);
    client.release(!returned);
  }
}

/** Checks every few seconds until the returned function is called. */
export function scheduleCheckpoints(pool: Pool): () => void {
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    // While the database is away (a restart under way) there is nothing to checkpoint: the next round tries again.
    checkpointIfDue(pool)
      .catch(() => false)
      .finally(() => (checking = false));
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
