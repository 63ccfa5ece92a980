import { createHash } from "node:crypto";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { idempotencyKeys } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { executePrepared } from "@/db/prepared";
import type { Actor } from "@/lib/auth/actor";
import { FieldError } from "@/lib/errors";

/**
 * How long a key is kept, so that a repeat still finds its record: long enough for an
 * answer lost on a bad connection to be asked for again days later. Housekeeping
 * (lib/housekeeping.ts) removes older keys; a key used again after that makes a new record.
 */
export const IDEMPOTENCY_WINDOW_DAYS = 30;

/** Answers given again to a repeated request, so that the HTTP face can say so (`Idempotent-Replayed`). */
const replays = new WeakSet<object>();

export function isReplay(value: unknown): boolean {
  return typeof value === "object" && value !== null && replays.has(value);
}

/** JSON with every object's keys sorted: the same request gives the same text, whatever the order it was sent in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * What a create asked for, as its schema parsed it (so "1988" and 1988 are the same request),
 * without the key itself.
 */
export function requestHash(input: Record<string, unknown>): string {
  const { idempotencyKey: _key, ...rest } = input;
  return createHash("sha256").update(canonical(rest)).digest("base64url");
}

/**
 * Runs `create` once per (actor, key). A repeat of the same key, even twenty at
 * once, waits for the first to commit and answers what the first answered (marked
 * with isReplay), after checking that the caller may still see what it made
 * (`existing`, which throws NotFoundError otherwise). The same key with another
 * body, or for another kind of create, is refused: it names the key.
 * PostgreSQL's unique index does the serialising: a concurrent insert of the
 * same key blocks until the first transaction ends, then sees the conflict.
 *
 * Fewer round trips, for the write path (docs/quality.md P4): `create` may send the storing of
 * its answer with its own last writes: it is given the statement for an answer (`answered`) to
 * put into one of its statements; if it does not use it, the answer is stored here afterwards.
 * And `alongside` may name a select (of exactly one row) to send in one statement with the
 * claim of the key; `create` gets its row. It is given `claimed`, a condition true once the key
 * is claimed: whatever the select locks must wait for it, so that locks are taken in the same
 * order as without it (the key first), never the other way round.
 */
export async function onceForKey<R extends { id: string }, F = never>(
  tx: Tx,
  actor: Actor,
  input: { idempotencyKey: string } & Record<string, unknown>,
  operation: string,
  create: (answered: (created: R) => SQL, first: F | undefined) => Promise<R>,
  existing: (id: string) => Promise<R>,
  alongside?: (claimed: SQL) => SQL,
): Promise<R> {
  const key = input.idempotencyKey;
  const hash = requestHash(input);
  const claim = tx
    .insert(idempotencyKeys)
    .values({ actorId: actor.userId, key, operation, requestHash: hash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  let claimed: boolean;
  let first: F | undefined;
  if (alongside) {
    const isClaimed = sql`exists (select from claimed)`;
    const { rows } = await executePrepared(tx, sql`
      with claimed as (${claim.getSQL()})
      select ${isClaimed} as "claimed", (select row_to_json(alongside) from (${alongside(isClaimed)}) as alongside) as "first"`);
    const row = rows[0] as { claimed: boolean; first: F | null };
    claimed = row.claimed;
    first = row.first ?? undefined;
  } else {
    claimed = (await claim).length > 0;
  }
  if (claimed) {
    const store = (created: R) =>
      tx
        .update(idempotencyKeys)
        .set({ resultId: created.id, response: created })
        .where(and(eq(idempotencyKeys.actorId, actor.userId), eq(idempotencyKeys.key, key)));
    let stored: R | null = null;
    const created = await create((answer) => {
      stored = answer;
      return store(answer).getSQL();
    }, first);
    // The answer stored must be the one given: a create that folded in another (or none) is stored here.
    if (stored !== created) await store(created);
    return created;
  }
  const [earlier] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.actorId, actor.userId), eq(idempotencyKeys.key, key)));
  if (!earlier || earlier.operation !== operation || !earlier.resultId) throw new FieldError("idempotencyKey", "keyReused");
  // Keys from before the hash was kept have none: their repeats are taken as the same request.
  if (earlier.requestHash !== null && earlier.requestHash !== hash) throw new FieldError("idempotencyKey", "keyReusedOtherBody");
  const current = await existing(earlier.resultId);
  // No stored answer (an older key, or one whose personal data was erased since): the record as it is now.
  const answer = (earlier.response ?? current) as R;
  replays.add(answer);
  return answer;
}

/**
 * The claim of a key with the answer already in it, for a create whose writes are one statement
 * (lib/records/create-alone.ts): no other part of that statement could update the row this one
 * inserts. It returns a row only where the key was free (a repeat waits, as in onceForKey, for
 * the first to end); the statement must then fail, and the repeat take onceForKey's path.
 */
export function claimAnswered<R extends { id: string }>(db: Db | Tx, actor: Actor, input: { idempotencyKey: string } & Record<string, unknown>, operation: string, answer: R): SQL {
  return db
    .insert(idempotencyKeys)
    .values({ actorId: actor.userId, key: input.idempotencyKey, operation, requestHash: requestHash(input), resultId: answer.id, response: answer })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key })
    .getSQL();
}

/** True where the actor has used the key already: a repeat, for onceForKey to answer. */
export function keyUsed(actor: Actor, key: string): SQL {
  return sql`exists (select from idempotency_keys k where k.actor_id = ${actor.userId}::uuid and k.key = ${key})`;
}

/** Forgets the stored answers that hold a client's personal data (erasure): a repeat then gets the client as it is. */
export async function forgetAnswersAbout(tx: Tx, creatorId: string | null, resultId: string): Promise<void> {
  if (!creatorId) return;
  // The key's actor is the client's creator: the primary key's first column finds that adviser's keys.
  await tx
    .update(idempotencyKeys)
    .set({ response: null })
    .where(and(eq(idempotencyKeys.actorId, creatorId), eq(idempotencyKeys.resultId, resultId)));
}
