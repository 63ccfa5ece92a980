"use client";
import { createStore, del, delMany, entries, set, type UseStore } from "idb-keyval";
import { FORMS_CACHE, QUEUE_DAYS } from "./constants";
import { forgetReferences } from "./references";

/**
 * Records saved while offline, in IndexedDB, until they are sent (README, "Offline use").
 * Each entry is what the form's schema gave: ids, codes, dates and counts; a client is named by
 * id only, never by name or contact details (record kinds hold none). Kept per user: another
 * account on the same browser neither sees nor sends them.
 */
export interface QueuedRecord {
  /** The create's idempotency key: a resend after a lost answer is answered with the same record. */
  key: string;
  userId: string;
  kind: string;
  slug: string;
  values: Record<string, unknown>;
  /** When it was saved on this device (ms since 1970). */
  queuedAt: number;
  state: "waiting" | "failed";
  /** Why the server refused it: its field errors, in the language asked for. */
  fieldErrors?: Record<string, string[]>;
}

const MAX_AGE_MS = QUEUE_DAYS * 24 * 3600 * 1000;
/** Tells every panel and form on the page that the queue changed. */
export const QUEUE_CHANGED = "lotse:queue-changed";

let opened: UseStore | null = null;
const store = () => (opened ??= createStore("lotse-offline", "records"));
const idOf = (userId: string, key: string) => `${userId}:${key}`;
const changed = () => window.dispatchEvent(new Event(QUEUE_CHANGED));

export async function queuedRecords(userId: string): Promise<QueuedRecord[]> {
  const all = await entries<string, QueuedRecord>(store());
  return all
    .map(([, item]) => item)
    .filter((item) => item.userId === userId)
    .sort((a, b) => a.queuedAt - b.queuedAt);
}

/** Adds a record, or puts a corrected one back in place of the refused one (same key). */
export async function enqueue(item: Omit<QueuedRecord, "state" | "fieldErrors">): Promise<void> {
  await set(idOf(item.userId, item.key), { ...item, state: "waiting" } satisfies QueuedRecord, store());
  changed();
}

export async function markFailed(item: QueuedRecord, fieldErrors: Record<string, string[]>): Promise<void> {
  await set(idOf(item.userId, item.key), { ...item, state: "failed", fieldErrors } satisfies QueuedRecord, store());
  changed();
}

export async function removeQueued(userId: string, key: string): Promise<void> {
  await del(idOf(userId, key), store());
  changed();
}

/** Drops what waited longer than QUEUE_DAYS; returns how many, for the warning. */
export async function discardExpired(userId: string, now = Date.now()): Promise<number> {
  const old = (await queuedRecords(userId)).filter((item) => now - item.queuedAt > MAX_AGE_MS);
  if (old.length) {
    await delMany(
      old.map((item) => idOf(userId, item.key)),
      store(),
    );
    changed();
  }
  return old.length;
}

/** At sign-out: the user's queue and remembered client references, and the cached form pages (which show the adviser's units). */
export async function clearOfflineData(userId: string): Promise<void> {
  const mine = await queuedRecords(userId);
  await delMany(
    mine.map((item) => idOf(userId, item.key)),
    store(),
  );
  await forgetReferences(userId);
  if ("caches" in window) await caches.delete(FORMS_CACHE);
}
