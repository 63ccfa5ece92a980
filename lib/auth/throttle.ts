import { and, count, eq, gte, inArray, max, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginFailures } from "@/db/schema";

/**
 * Per account and address: a handful of guesses. Per address: enough for a shared office network.
 * Per account from anywhere: no limit (a stranger could use it to lock the owner out), only a
 * pause between attempts once many have failed, which slows a guesser with many addresses.
 */
export const THROTTLE = {
  windowMinutes: 15,
  perAccountAndAddress: 5,
  perAddress: 30,
  accountSlowAfter: 20,
  accountPauseMs: 1000,
} as const;

export interface ThrottleKeys {
  account: string;
  /** JSON, so that no typed e-mail and address can spell another pair's key. */
  pair: string;
  address: string | null;
}

export function throttleKeys(email: string, address: string | null): ThrottleKeys {
  const account = `account:${email.trim().toLowerCase()}`;
  return { account, pair: `pair:${JSON.stringify([account, address])}`, address: address ? `address:${address}` : null };
}

export type Reservation = { ok: true; rows: string[] } | { ok: false; reason: "throttled" | "slowed" };

/**
 * Decides whether an attempt may check a password and, if it may, records it as a failure
 * before the password is checked, all under advisory locks on its keys: attempts sent at once
 * queue here, so however many there are, at most the limit get through. The caller releases the
 * reservation when the password was right.
 */
export async function reserveAttempt(db: Db, keys: ThrottleKeys, now = new Date()): Promise<Reservation> {
  const all = [keys.account, keys.pair, keys.address].filter((k): k is string => k !== null);
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  return db.transaction(async (tx) => {
    // Every attempt takes its locks in the order of their numbers, so two never wait on each other crosswise
    // (PostgreSQL evaluates a volatile function in the select list after the sort).
    const list = sql.join(all.map((key) => sql`${key}`), sql`, `);
    await tx.execute(
      sql`select pg_advisory_xact_lock(h) from (select distinct hashtextextended(k, 0) as h from unnest(array[${list}]::text[]) as k) as locks order by h`,
    );
    const recent = await tx
      .select({ key: loginFailures.key, n: count(), last: max(loginFailures.at) })
      .from(loginFailures)
      .where(and(inArray(loginFailures.key, all), gte(loginFailures.at, since)))
      .groupBy(loginFailures.key);
    const of = (key: string | null) => recent.find((r) => r.key === key);
    if ((of(keys.pair)?.n ?? 0) >= THROTTLE.perAccountAndAddress) return { ok: false, reason: "throttled" } as const;
    if ((of(keys.address)?.n ?? 0) >= THROTTLE.perAddress) return { ok: false, reason: "throttled" } as const;
    const account = of(keys.account);
    if (account && account.n >= THROTTLE.accountSlowAfter && account.last && now.getTime() - account.last.getTime() < THROTTLE.accountPauseMs) {
      return { ok: false, reason: "slowed" } as const;
    }
    const rows = await tx
      .insert(loginFailures)
      .values(all.map((key) => ({ key, at: now })))
      .returning({ id: loginFailures.id });
    return { ok: true, rows: rows.map((r) => r.id) } as const;
  });
}

/** After the right password: the attempt was no failure, nor were this pair's earlier typos. */
export async function releaseReservation(db: Db, keys: ThrottleKeys, rows: string[]): Promise<void> {
  await db.delete(loginFailures).where(or(inArray(loginFailures.id, rows), eq(loginFailures.key, keys.pair)));
}
