import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Who did what to which object, and who read whose personal data: one row per event,
 * never the personal data itself. Append-only: a trigger refuses every update, delete
 * and truncate, whoever asks (see migration 0003).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** Null for events without a signed-in user (failed logins). */
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
