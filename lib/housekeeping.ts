import { lt, sql } from "drizzle-orm";
import type { Pool } from "pg";
import { databaseKind, getPool, type Db } from "@/db/client";
import { idempotencyKeys, loginFailures, refusalCounts, userSessions } from "@/db/schema";
import { audit } from "@/lib/audit";
import { THROTTLE } from "@/lib/auth/throttle";
import { purgeErasedData, type PurgeRun } from "@/lib/clients/purge";
import { readEnv } from "@/lib/env";
import { IDEMPOTENCY_WINDOW_DAYS } from "@/lib/idempotency";

/** Anonymous refusals are counted per day for this long: enough to see a pattern, not a history. */
export const REFUSAL_COUNT_DAYS = 90;

/** A sign-in's row is kept this long after its last use or its end, to look into a problem with it. */
export const ENDED_SESSION_DAYS = 1;

// One instance at a time does the work; the others find the lock taken and skip the run.
const LOCK = "lotse.housekeeping";

export interface HousekeepingRun {
  deleted: { loginFailures: number; idempotencyKeys: number; userSessions: number; refusalCounts: number; auditLog: number };
  /** Audit entries before this moment were due for removal. */
  auditBefore: string;
  auditRetentionYears: number;
  /** The erased personal data removed from the disk (lib/clients/purge.ts); null when another instance was at it. */
  purge: PurgeRun | null;
}

/**
 * Removes what has served its purpose: login failures outside the throttling window,
 * idempotency keys past theirs, sessions a day after they were last used or ended, refusal
 * counts after 90 days, and audit entries past the audit retention (through
 * `lotse_prune_audit`, the one way out of the append-only trail, migration 0006). All in one
 * transaction, timed by the database's clock; a run that removed anything is itself an audit
 * entry. Then, if personal data was erased since the last run, the tables that held it are
 * rewritten so that the erased values leave the disk (`pool` is the one behind `db`), and that
 * is an audit entry too (`housekeeping.purge`). Returns null when another instance holds the lock.
 */
export async function runHousekeeping(db: Db, auditRetentionYears = readEnv().auditRetentionYears, pool?: Pool): Promise<HousekeepingRun | null> {
  const run = await removeExpired(db, auditRetentionYears);
  if (!run) return null;
  // PGlite is one session, so no older transaction can be running; and its one connection must not wait.
  const purge = await purgeErasedData(pool ?? (await getPool()), databaseKind() === "pglite" ? { waitMs: 0 } : {});
  if (purge && (purge.erasures || purge.waiting)) {
    await db.transaction((tx) => audit(tx, { actor: null, action: "housekeeping.purge", outcome: "ok", details: { by: "system", ...purge } }));
  }
  return { ...run, purge };
}

async function removeExpired(db: Db, auditRetentionYears: number): Promise<Omit<HousekeepingRun, "purge"> | null> {
  return db.transaction(async (tx) => {
    const [{ locked }] = (await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext(${LOCK})) as locked`)).rows as { locked: boolean }[];
    if (!locked) return null;
    const count = (result: { rowCount: number | null }) => result.rowCount ?? 0;
    const loginFailuresDeleted = count(await tx.delete(loginFailures).where(lt(loginFailures.at, sql`now() - make_interval(mins => ${THROTTLE.windowMinutes})`)));
    const keysDeleted = count(await tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, sql`now() - make_interval(days => ${IDEMPOTENCY_WINDOW_DAYS})`)));
    // greatest() ignores a null end: an open session counts from its last use (idle after 30 minutes).
    const sessionsDeleted = count(
      await tx.delete(userSessions).where(lt(sql`greatest(${userSessions.lastSeenAt}, ${userSessions.endedAt})`, sql`now() - make_interval(days => ${ENDED_SESSION_DAYS})`)),
    );
    const countsDeleted = count(await tx.delete(refusalCounts).where(lt(refusalCounts.day, sql`(now() at time zone 'Europe/Berlin')::date - ${REFUSAL_COUNT_DAYS}::int`)));
    const [pruned] = (
      await tx.execute(sql`
        select lotse_prune_audit(before)::text as removed, before
        from (select now() - make_interval(years => ${auditRetentionYears}) as before) limit_`)
    ).rows as { removed: string; before: Date | string }[];
    const run = {
      deleted: {
        loginFailures: loginFailuresDeleted,
        idempotencyKeys: keysDeleted,
        userSessions: sessionsDeleted,
        refusalCounts: countsDeleted,
        auditLog: Number(pruned.removed),
      },
      auditBefore: new Date(pruned.before).toISOString(),
      auditRetentionYears,
    };
    if (Object.values(run.deleted).some((n) => n > 0)) {
      await audit(tx, { actor: null, action: "housekeeping.run", outcome: "ok", details: { by: "system", ...run } });
    }
    return run;
  });
}
