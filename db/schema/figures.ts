import { bigint, bigserial, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * The figures ledger: every change of what a record (or a person) contributes to a counter,
 * as a +/- delta, written in the same transaction as the change. Append-only: rows are never
 * updated or deleted. `at` is when the delta takes effect (the write, or later when an outcome
 * date lies in the future), so summing the deltas with `at` <= R gives the figures as of R.
 *
 * `level` says how the row meets scopes: "record" rows carry the record's place in the org
 * tree (contact point, subproject, region; null where not applicable) and count in every
 * scope above it; person rows ("unit", "subproject", "region", "network") count a distinct
 * person in exactly the one scope named by the column of their level.
 */
export const figureDeltas = pgTable(
  "figure_deltas",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    counter: text("counter").notNull(),
    occurredOn: date("occurred_on").notNull(),
    level: text("level").notNull(),
    unitId: uuid("unit_id"),
    subprojectId: uuid("subproject_id"),
    regionId: uuid("region_id"),
    recordId: uuid("record_id"),
    clientId: uuid("client_id"),
    gender: text("gender"),
    residenceStatus: text("residence_status"),
    qualificationCountry: text("qualification_country"),
    occupationId: uuid("occupation_id"),
    n: integer("n").notNull(),
    amount: integer("amount").notNull(),
  },
  (t) => [
    index("figure_deltas_occurred_at_idx").on(t.occurredOn, t.at),
    index("figure_deltas_at_idx").on(t.at),
    // Subprojects and contact points are counted from their own rows (see lib/figures/counters.ts).
    index("figure_deltas_subproject_idx").on(t.subprojectId, t.occurredOn),
    index("figure_deltas_unit_idx").on(t.unitId, t.occurredOn),
  ],
);

/**
 * The ledger's deltas up to `figure_compaction.until`, summed per scope (the network and each
 * regional network), dimension, counter, the date the record occurred (day or month) and the
 * date the delta took effect (month or day, in Europe/Berlin): what a report reads instead of
 * the records, so its cost follows the number of groups and not of records, for any reference
 * date. "As of R" is the rows that took effect in months before R's month, plus those of R's
 * month's days before R's day (lib/figures/counters.ts). Three combinations are kept: occurred
 * day × effect month, occurred month × effect month, occurred month × effect day. Derived,
 * rebuilt from the ledger at will. Subprojects and contact points have too few records to need it.
 */
export const figureTotals = pgTable(
  "figure_totals",
  {
    scopeId: uuid("scope_id").notNull(),
    dim: text("dim").notNull(),
    /** Of the occurred date: "day" rows, and "month" rows (dated the 1st) that sum a month's days so that a year reads 12 rows, not 365. */
    grain: text("grain").notNull(),
    /** Of the effect date: "year" (dated 1 January), "month" (dated the 1st) or "day". */
    effectGrain: text("effect_grain").notNull(),
    occurredOn: date("occurred_on").notNull(),
    /** When the summed deltas took effect, as a date in Europe/Berlin (the 1st for month rows). */
    effectOn: date("effect_on").notNull(),
    counter: text("counter").notNull(),
    dimValue: text("dim_value").notNull(),
    n: bigint("n", { mode: "number" }).notNull(),
    amount: bigint("amount", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scopeId, t.dim, t.grain, t.effectGrain, t.occurredOn, t.effectOn, t.counter, t.dimValue] })],
);

/** How far the ledger has been summed into `figure_totals` (one row). */
export const figureCompaction = pgTable("figure_compaction", {
  id: integer("id").primaryKey().default(1),
  until: timestamp("until", { withTimezone: true }).notNull(),
});

/** The network's targets, e.g. initial advice sessions over a funding round. */
export const targets = pgTable("targets", {
  key: text("key").primaryKey(),
  fromOn: date("from_on").notNull(),
  toOn: date("to_on").notNull(),
  value: integer("value").notNull(),
  version: integer("version").notNull().default(1),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
