import { bigserial, date, index, integer, json, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { clients } from "./clients";
import { orgUnits } from "./org";
import { users } from "./users";

export const recordKind = pgEnum("record_kind", [
  "advice_session",
  "fair_integration_session",
  "fair_integration_event",
  "job_training_scheme",
  "enrolment",
  "intercultural_activity",
  "skilled_worker_activity",
]);

/**
 * Every kind of record the network counts, in one table: the columns every
 * kind shares (unit, client, date, who, versions) plus the kind's own fields
 * in `data`, validated by the kind's zod schema. A deleted record stays with
 * `deletedAt` set: deletion is a recorded change, never a loss.
 */
export const records = pgTable(
  "records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: recordKind("kind").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    clientId: uuid("client_id").references(() => clients.id),
    /** For enrolments: the job-training scheme. */
    parentId: uuid("parent_id"),
    occurredOn: date("occurred_on").notNull(),
    data: jsonb("data").notNull().$type<Record<string, unknown>>(),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: uuid("deleted_by").references(() => users.id),
  },
  (t) => [
    index("records_kind_occurred_idx").on(t.kind, t.occurredOn),
    index("records_unit_idx").on(t.unitId),
    index("records_client_idx").on(t.clientId),
    index("records_parent_idx").on(t.parentId),
  ],
);

export const historyOp = pgEnum("history_op", ["create", "update", "delete"]);

/**
 * Every version of every record and client (statistical fields only, never
 * personal data), with who and when: the basis for figures as of a reference date.
 */
export const history = pgTable(
  "history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    subjectId: uuid("subject_id").notNull(),
    subjectType: text("subject_type").notNull(),
    version: integer("version").notNull(),
    op: historyOp("op").notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    snapshot: jsonb("snapshot").notNull().$type<Record<string, unknown>>(),
    changes: jsonb("changes").$type<Record<string, { from: unknown; to: unknown }>>(),
  },
  (t) => [index("history_subject_idx").on(t.subjectId, t.version)],
);

/** One row per create request key, so that a retried or doubled request makes exactly one record. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    actorId: uuid("actor_id")
      .notNull()
      .references(() => users.id),
    key: text("key").notNull(),
    operation: text("operation").notNull(),
    resultId: uuid("result_id"),
    /** What the first request asked for (a hash of its parsed body): a repeat must ask for the same. */
    requestHash: text("request_hash"),
    /** The first answer's body, given again to a repeat as it was (json, not jsonb: the key order stays). */
    response: json("response"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.key] })],
);

/** API tokens admins issue per user; only a hash is stored. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

export type RecordRow = typeof records.$inferSelect;
export type RecordKind = (typeof recordKind.enumValues)[number];
