import { and, count, eq, gte, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginFailures } from "@/db/schema";

// Per account: a handful of guesses; per address: enough for a shared office network.
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 30 } as const;

export function throttleKeys(email: string, address: string | null) {
  return { account: `account:${email.trim().toLowerCase()}`, address: address ? `address:${address}` : null };
}

/** Whether further attempts are refused for now; counted in the database so every app instance agrees. */
export async function isThrottled(db: Db, keys: ReturnType<typeof throttleKeys>, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const failures = async (key: string) =>
    (await db.select({ n: count() }).from(loginFailures).where(and(eq(loginFailures.key, key), gte(loginFailures.at, since))))[0].n;
  if ((await failures(keys.account)) >= THROTTLE.perAccount) return true;
  return keys.address !== null && (await failures(keys.address)) >= THROTTLE.perAddress;
}

export async function recordFailure(db: Db, keys: ReturnType<typeof throttleKeys>, now = new Date()): Promise<void> {
  const rows = [keys.account, keys.address].filter((k): k is string => k !== null).map((key) => ({ key, at: now }));
  await db.insert(loginFailures).values(rows);
}

export async function clearAccountFailures(db: Db, keys: ReturnType<typeof throttleKeys>): Promise<void> {
  await db.delete(loginFailures).where(inArray(loginFailures.key, [keys.account]));
}
