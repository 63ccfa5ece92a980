import { sql, type SQL } from "drizzle-orm";
import { auditLog, refusalCounts } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";

/**
 * What an operation leaves in the audit trail: every change, and every read that shows a
 * client's personal data. Reads of statistics, the org tree and records (which hold no
 * personal data) leave nothing but their refusals. Only signed-in users leave entries
 * (lib/operation.ts): what anyone can do without an account cannot be allowed to fill
 * the trail, so refusals without a user are only counted (`countRefusal`).
 */
export type AuditKind = "change" | "personalRead" | "none";

export interface AuditEvent {
  actor: Pick<Actor, "userId" | "role"> | null;
  action: string;
  outcome: "ok" | "denied";
  subjectId?: string | null;
  details?: Record<string, unknown> | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The object an operation acted on: the id in its answer, else the id it was asked about. */
export function subjectOf(input: unknown, value: unknown): string | null {
  for (const source of [value, input]) {
    if (!source || typeof source !== "object") continue;
    const record = source as Record<string, unknown>;
    const nested = record.client && typeof record.client === "object" ? (record.client as Record<string, unknown>).id : undefined;
    for (const candidate of [record.id, nested, record.clientId]) if (typeof candidate === "string" && UUID.test(candidate)) return candidate;
  }
  return null;
}

function entry(db: Db | Tx, event: AuditEvent) {
  return db.insert(auditLog).values({
    actorId: event.actor?.userId ?? null,
    actorRole: event.actor?.role ?? null,
    action: event.action,
    outcome: event.outcome,
    subjectId: event.subjectId ?? null,
    details: event.details ?? null,
  });
}

/** Appends one entry, in the caller's transaction when there is one, so that it stands or falls with the change. */
export async function audit(db: Db | Tx, event: AuditEvent): Promise<void> {
  await entry(db, event);
}

/** The statement that appends one entry, for a command that sends it together with its own writes (lib/operation.ts). */
export function auditStatement(tx: Db | Tx, event: AuditEvent): SQL {
  return entry(tx, event).getSQL();
}

/**
 * Counts one refused call without a signed-in user: one row per Berlin day, operation and
 * reason, so a flood of them grows a number, not the table.
 */
export async function countRefusal(db: Db | Tx, action: string, reason: string): Promise<void> {
  await db
    .insert(refusalCounts)
    .values({ day: sql`(now() at time zone 'Europe/Berlin')::date`, action, reason, count: 1 })
    .onConflictDoUpdate({ target: [refusalCounts.day, refusalCounts.action, refusalCounts.reason], set: { count: sql`${refusalCounts.count} + 1` } });
}
