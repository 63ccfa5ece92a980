import type { SQL } from "drizzle-orm";
import { history } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

export type Snapshot = Record<string, unknown>;

/** Field-by-field differences between two versions, for the change log. */
export function diff(before: Snapshot, after: Snapshot): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}

export interface VersionEntry {
  subjectId: string;
  subjectType: "record" | "client";
  version: number;
  op: "create" | "update" | "delete";
  actorId: string | null;
  snapshot: Snapshot;
  before?: Snapshot;
  /** When it was written, to the microsecond; default the transaction's time. */
  at?: SQL;
}

/** Appends one version to the history, in the caller's transaction (never outside it). */
export async function recordVersion(tx: Tx, entry: VersionEntry): Promise<void> {
  await insertVersion(tx, entry);
}

/** The statement that appends one version, for a command that sends it together with its other writes. */
export function versionStatement(tx: Db | Tx, entry: VersionEntry): SQL {
  return insertVersion(tx, entry).getSQL();
}

function insertVersion(tx: Db | Tx, entry: VersionEntry) {
  return tx.insert(history).values({
    subjectId: entry.subjectId,
    subjectType: entry.subjectType,
    version: entry.version,
    op: entry.op,
    actorId: entry.actorId,
    snapshot: entry.snapshot,
    changes: entry.before ? diff(entry.before, entry.snapshot) : null,
    ...(entry.at ? { at: entry.at } : {}),
  });
}
