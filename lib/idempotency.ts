import { and, eq } from "drizzle-orm";
import { idempotencyKeys } from "@/db/schema";
import type { Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { FieldError } from "@/lib/errors";

/**
 * How long a key is kept, so that a repeat still finds its record: long enough for an
 * answer lost on a bad connection to be asked for again days later. Housekeeping
 * (lib/housekeeping.ts) removes older keys; a key used again after that makes a new record.
 */
export const IDEMPOTENCY_WINDOW_DAYS = 30;

/**
 * Runs `create` once per (actor, key). A repeat of the same key, even twenty at
 * once, waits for the first to commit and answers with the record it made.
 * PostgreSQL's unique index does the serialising: a concurrent insert of the
 * same key blocks until the first transaction ends, then sees the conflict.
 */
export async function onceForKey<R extends { id: string }>(
  tx: Tx,
  actor: Actor,
  key: string,
  operation: string,
  create: () => Promise<R>,
  existing: (id: string) => Promise<R>,
): Promise<R> {
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ actorId: actor.userId, key, operation })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length) {
    const created = await create();
    await tx
      .update(idempotencyKeys)
      .set({ resultId: created.id })
      .where(and(eq(idempotencyKeys.actorId, actor.userId), eq(idempotencyKeys.key, key)));
    return created;
  }
  const [earlier] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.actorId, actor.userId), eq(idempotencyKeys.key, key)));
  if (!earlier || earlier.operation !== operation || !earlier.resultId) throw new FieldError("idempotencyKey", "keyReused");
  return existing(earlier.resultId);
}
