import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseKind, getDb, getPool, type Tx } from "@/db/client";
import { actAsOwner } from "@/db/row-security";
import { auditLog, idempotencyKeys, loginFailures, refusalCounts, userSessions } from "@/db/schema";
import { runHousekeeping } from "@/lib/housekeeping";
import { makeUser } from "../helpers/factories";

const ago = (interval: string) => sql`now() - ${interval}::interval`;
const berlinDaysAgo = (days: number) => sql`(now() at time zone 'Europe/Berlin')::date - ${days}::int`;

/** The error a statement gets, in a transaction of its own as the app runs it ("done" if none). */
async function refusal(attempt: (tx: Tx) => Promise<unknown>): Promise<string> {
  const db = await getDb();
  return db.transaction(attempt).then(
    () => "done",
    (error) => String(error.cause?.message ?? error.message),
  );
}

describe("housekeeping", () => {
  let userId: string;
  beforeAll(async () => {
    userId = (await makeUser("adviser")).id;
  });

  it("removes only what is past its window: login failures, idempotency keys, sessions, refusal counts, audit entries; and says so in one entry", async () => {
    const db = await getDb();
    const tag = randomUUID().slice(0, 8);
    // Each kind: rows just past their window, and rows just inside it.
    const failures = await db
      .insert(loginFailures)
      .values([
        { key: `account:old-${tag}@test.example`, at: ago("20 minutes") },
        { key: `account:new-${tag}@test.example`, at: ago("10 minutes") },
      ])
      .returning({ key: loginFailures.key });
    await db.insert(idempotencyKeys).values([
      { actorId: userId, key: `old-${tag}`, operation: "test", createdAt: ago("31 days") },
      { actorId: userId, key: `new-${tag}`, operation: "test", createdAt: ago("29 days") },
    ]);
    const sessions = await db
      .insert(userSessions)
      .values([
        { userId, createdAt: ago("3 days"), lastSeenAt: ago("2 days") }, // left idle, long ago
        { userId, createdAt: ago("3 days"), lastSeenAt: ago("50 hours"), endedAt: ago("49 hours") }, // signed out, long ago
        { userId, createdAt: ago("3 hours"), lastSeenAt: ago("2 hours") }, // left idle recently
        { userId, createdAt: ago("40 hours"), lastSeenAt: ago("40 hours"), endedAt: ago("20 hours") }, // ended recently
        { userId }, // in use
      ])
      .returning({ id: userSessions.id });
    await db.insert(refusalCounts).values([
      { day: berlinDaysAgo(91), action: `old-${tag}`, reason: "unauthenticated", count: 4 },
      { day: berlinDaysAgo(89), action: `new-${tag}`, reason: "unauthenticated", count: 2 },
    ]);
    // The app's role may append entries (with any time), never remove them.
    const entries = await db
      .insert(auditLog)
      .values([
        { action: `test.old-${tag}`, outcome: "ok", at: sql`now() - interval '10 years' - interval '1 day'` },
        { action: `test.new-${tag}`, outcome: "ok", at: sql`now() - interval '10 years' + interval '1 day'` },
      ])
      .returning({ id: auditLog.id });
    const [{ due }] = (await db.execute(sql`select count(*)::int as due from audit_log where at < now() - interval '10 years'`)).rows as { due: number }[];

    // LOTSE_AUDIT_RETENTION_YEARS is unset here: the default of 10 years applies.
    const run = await runHousekeeping(db);

    expect((await db.select({ key: loginFailures.key }).from(loginFailures).where(inArray(loginFailures.key, failures.map((f) => f.key)))).map((f) => f.key)).toEqual([
      `account:new-${tag}@test.example`,
    ]);
    expect((await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.actorId, userId))).map((k) => k.key)).toEqual([`new-${tag}`]);
    const left = (await db.select({ id: userSessions.id }).from(userSessions).where(eq(userSessions.userId, userId))).map((s) => s.id);
    expect(left.sort()).toEqual(sessions.slice(2).map((s) => s.id).sort());
    expect((await db.select().from(refusalCounts).where(inArray(refusalCounts.action, [`old-${tag}`, `new-${tag}`]))).map((r) => r.action)).toEqual([`new-${tag}`]);
    expect((await db.select({ id: auditLog.id }).from(auditLog).where(inArray(auditLog.id, entries.map((e) => e.id)))).map((e) => e.id)).toEqual([entries[1].id]);

    expect(run).not.toBeNull();
    expect(run!.deleted.auditLog).toBe(due);
    expect(run!.auditRetentionYears).toBe(10);
    for (const n of [run!.deleted.loginFailures, run!.deleted.idempotencyKeys, run!.deleted.refusalCounts]) expect(n).toBeGreaterThanOrEqual(1);
    expect(run!.deleted.userSessions).toBeGreaterThanOrEqual(2);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "housekeeping.run")).orderBy(desc(auditLog.id)).limit(1);
    // The purge of erased data, done after this entry, has an entry of its own (physical-erasure.test.ts).
    const { purge: _purge, ...removed } = run!;
    expect(entry).toMatchObject({ actorId: null, outcome: "ok", details: { by: "system", ...JSON.parse(JSON.stringify(removed)) } });

    // Nothing left to do: no entry.
    const again = await runHousekeeping(db);
    expect(again!.deleted).toEqual({ loginFailures: 0, idempotencyKeys: 0, userSessions: 0, refusalCounts: 0, auditLog: 0 });
    const [latest] = await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, "housekeeping.run")).orderBy(desc(auditLog.id)).limit(1);
    expect(latest.id).toBe(entry.id);
  });

  it("a shorter audit retention removes more; the entry names it", async () => {
    const db = await getDb();
    const tag = randomUUID().slice(0, 8);
    const [entry] = await db.insert(auditLog).values({ action: `test.three-${tag}`, outcome: "ok", at: ago("3 years 1 day") }).returning({ id: auditLog.id });
    const run = await runHousekeeping(db, 3);
    expect(run!.deleted.auditLog).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(auditLog).where(eq(auditLog.id, entry.id))).toEqual([]);
    const [logged] = await db.select().from(auditLog).where(eq(auditLog.action, "housekeeping.run")).orderBy(desc(auditLog.id)).limit(1);
    expect(logged.details).toMatchObject({ by: "system", auditRetentionYears: 3, deleted: { auditLog: run!.deleted.auditLog } });
  });

  it("old audit entries leave only through the job's function: a direct DELETE is refused for the app's role and the owner alike", async () => {
    const db = await getDb();
    const [old] = await db.insert(auditLog).values({ action: "test.old", outcome: "ok", at: ago("20 years") }).returning({ id: auditLog.id });
    const stillThere = async () => (await db.select().from(auditLog).where(eq(auditLog.id, old.id))).length === 1;

    expect(await refusal((tx) => tx.delete(auditLog).where(eq(auditLog.id, old.id)))).toMatch(/permission denied for table audit_log/);
    expect(await refusal(async (tx) => (await actAsOwner(tx), tx.delete(auditLog).where(eq(auditLog.id, old.id))))).toMatch(/append-only: DELETE refused/);
    expect(await refusal(async (tx) => (await actAsOwner(tx), tx.update(auditLog).set({ action: "forged" }).where(eq(auditLog.id, old.id))))).toMatch(
      /append-only: UPDATE refused/,
    );
    expect(await refusal(async (tx) => (await actAsOwner(tx), tx.execute(sql`truncate audit_log`)))).toMatch(/append-only: TRUNCATE refused/);
    // The function refuses a limit within the last year, whoever calls it ...
    expect(await refusal((tx) => tx.execute(sql`select lotse_prune_audit(now() - interval '11 months')`))).toMatch(/at least one year in the past/);
    expect(await refusal((tx) => tx.execute(sql`select lotse_prune_audit(null)`))).toMatch(/at least one year in the past/);
    expect(await stillThere()).toBe(true);
    // ... and its permission ends with it: a DELETE after it in the same transaction is refused.
    expect(
      await refusal(async (tx) => {
        await tx.execute(sql`select lotse_prune_audit(now() - interval '30 years')`);
        await actAsOwner(tx);
        await tx.delete(auditLog).where(eq(auditLog.id, old.id));
      }),
    ).toMatch(/append-only: DELETE refused/);
    expect(await stillThere()).toBe(true);
    // The app's role may call it (as the job does), within the rules.
    const [{ removed }] = (await db.execute(sql`select lotse_prune_audit(now() - interval '19 years')::int as removed`)).rows as { removed: number }[];
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await stillThere()).toBe(false);
  });

  it("runs in one app instance at a time: while another session holds its lock, a run does nothing", async () => {
    const db = await getDb();
    const key = `account:locked-${randomUUID().slice(0, 8)}@test.example`;
    await db.insert(loginFailures).values({ key, at: ago("1 hour") });
    const present = async () => (await db.select().from(loginFailures).where(and(eq(loginFailures.key, key)))).length;
    // The embedded database has one session (one app process owns it), so only PostgreSQL can
    // have a second instance; there the lock is held from another connection.
    if (databaseKind() === "postgres") {
      const other = await (await getPool()).connect();
      try {
        await other.query("select pg_advisory_lock(hashtext('lotse.housekeeping'))");
        expect(await runHousekeeping(db)).toBeNull();
        expect(await present()).toBe(1);
      } finally {
        await other.query("select pg_advisory_unlock(hashtext('lotse.housekeeping'))");
        other.release();
      }
    }
    expect(await runHousekeeping(db)).not.toBeNull();
    expect(await present()).toBe(0);
  });
});
