import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userSessions } from "@/db/schema";

/** A session unused for this long ends (README, "Security and privacy": sessions end after 30 minutes without a request). */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
// Writing the last use at most once a minute keeps a busy page from writing on every request.
const TOUCH_EVERY_MS = 60 * 1000;

export async function startSession(db: Db, userId: string, now = new Date()): Promise<string> {
  const [session] = await db.insert(userSessions).values({ userId, createdAt: now, lastSeenAt: now }).returning({ id: userSessions.id });
  return session.id;
}

/**
 * Whether the session may go on at `now`: it exists, has not ended, and was used within the
 * idle timeout. A session idle for longer is ended for good.
 */
export async function touchSession(db: Db, sessionId: string | undefined, now = new Date()): Promise<boolean> {
  if (!sessionId) return false;
  const [session] = await db.select().from(userSessions).where(eq(userSessions.id, sessionId));
  if (!session || session.endedAt) return false;
  const idle = now.getTime() - session.lastSeenAt.getTime();
  if (idle > IDLE_TIMEOUT_MS) {
    await endSession(db, sessionId, now);
    return false;
  }
  if (idle > TOUCH_EVERY_MS) await db.update(userSessions).set({ lastSeenAt: now }).where(eq(userSessions.id, sessionId));
  return true;
}

export async function endSession(db: Db, sessionId: string | undefined, now = new Date()): Promise<void> {
  if (!sessionId) return;
  await db.update(userSessions).set({ endedAt: now }).where(and(eq(userSessions.id, sessionId), isNull(userSessions.endedAt)));
}
