import { date, index, json, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Published figures: a report as it went out, with every breakdown of its table volume, the
 * suppression applied and the version of the definitions it was counted by. Never changed:
 * a trigger refuses every update, delete and truncate, whoever asks, and the app's role lacks
 * the privileges too (migration 0008). Holds aggregates only, no client or record ids, so an
 * erasure of personal data has nothing to remove here (docs in README, "Editions").
 */
export const editions = pgTable(
  "editions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    periodFrom: date("period_from").notNull(),
    periodTo: date("period_to").notNull(),
    /** A day (its end in Europe/Berlin) or an exact instant, as the figures engine reads it. */
    asOf: text("as_of").notNull(),
    completersAsOf: text("completers_as_of").notNull(),
    /** "network" (the only scope an edition is published for so far), or a region's id with "region". */
    scopeLevel: text("scope_level").notNull(),
    scopeId: uuid("scope_id"),
    /** The version of the figures' definitions the values were counted by. */
    definitionsVersion: text("definitions_version").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    /** The publishing user; no foreign key, as in the audit trail: nothing may cascade into an edition. */
    publishedBy: uuid("published_by").notNull(),
    /** Per language: the report, its breakdowns and the tables of its files, exactly as published. `json`, not `jsonb`: the text is kept as written, keys in their order. */
    content: json("content").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index("editions_published_at_idx").on(t.publishedAt)],
);
export type EditionRow = typeof editions.$inferSelect;
