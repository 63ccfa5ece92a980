import { bigserial, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Who did what to which object, and who read whose personal data: one row per event,
 * never the personal data itself. Append-only: a trigger refuses every update, delete
 * and truncate, whoever asks (migration 0003); only `lotse_prune_audit` removes entries
 * past the retention period, for the housekeeping job (migration 0006).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** Null for events without a signed-in user (failed logins) and for the app's own jobs. */
    actorId: uuid("actor_id"),
    actorRole: text("actor_role"),
    /** The operation (e.g. "clients.get") or event (e.g. "login.failure"). */
    action: text("action").notNull(),
    /** "ok", or "denied" for a refused access. */
    outcome: text("outcome").notNull(),
    subjectId: uuid("subject_id"),
    /** Ids and keys only, for instance the fields a change touched. */
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_subject_idx").on(t.subjectId), index("audit_log_actor_idx").on(t.actorId, t.at)],
);
export type AuditEntry = typeof auditLog.$inferSelect;

/**
 * Refused calls without a signed-in user, counted instead of audited: anyone can make
 * them, so one entry each would let a stranger fill the audit trail. One row per Berlin
 * day, operation and reason (all three named by the code, never by the caller), so the
 * table stays small whatever arrives; housekeeping drops days older than 90.
 */
export const refusalCounts = pgTable(
  "refusal_counts",
  {
    day: date("day", { mode: "string" }).notNull(),
    action: text("action").notNull(),
    reason: text("reason").notNull(),
    count: integer("count").notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.day, t.action, t.reason] })],
);
export type RefusalCount = typeof refusalCounts.$inferSelect;
