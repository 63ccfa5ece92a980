import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { orgUnits } from "./org";
import { users } from "./users";

/**
 * One row per import that was carried out (lib/import): who, into which contact point, which
 * file (its SHA-256), and how many rows of each kind it added or found already there. The page
 * lists them, so an adviser who left the page finds the outcome again.
 */
export const imports = pgTable(
  "imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorId: uuid("actor_id")
      .notNull()
      .references(() => users.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    fileName: text("file_name").notNull(),
    fileHash: text("file_hash").notNull(),
    status: text("status").notNull(),
    rows: integer("rows").notNull(),
    /** Per kind: rows in the file, rows added, rows found from an earlier import. */
    counts: jsonb("counts").notNull().$type<Record<string, { rows: number; added: number; existing: number }>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("imports_actor_idx").on(t.actorId, t.createdAt)],
);

/**
 * What an import made, by a key per unit and kind: a row's key (a hash of its content and its
 * place among identical rows), or a file's own reference of a client or scheme ("ref:…"). A row
 * whose key is here is not added again, and a later file's reference finds what the first made.
 */
export const importKeys = pgTable(
  "import_keys",
  {
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    subjectId: uuid("subject_id").notNull(),
    importId: uuid("import_id").references(() => imports.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.kind, t.key] })],
);

export type ImportRow = typeof imports.$inferSelect;

/**
 * One row per import of outcomes from the monitoring (lib/import/outcomes.ts): the source the
 * file came from and its date, which the figure of successful completers names (lib/figures/
 * presentation.ts). The enrolments it changed carry their own history versions; this row is
 * only what the report quotes. Kept by unit (with the subproject and region the contact point
 * lies in) so that a report names the latest import within its own scope.
 */
export const outcomeImports = pgTable(
  "outcome_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorId: uuid("actor_id")
      .notNull()
      .references(() => users.id),
    contactPointId: uuid("contact_point_id")
      .notNull()
      .references(() => orgUnits.id),
    subprojectId: uuid("subproject_id")
      .notNull()
      .references(() => orgUnits.id),
    regionId: uuid("region_id").references(() => orgUnits.id),
    source: text("source").notNull(),
    sourceOn: date("source_on", { mode: "string" }).notNull(),
    fileName: text("file_name").notNull(),
    fileHash: text("file_hash").notNull(),
    rows: integer("rows").notNull(),
    changed: integer("changed").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("outcome_imports_source_on_idx").on(t.sourceOn)],
);
