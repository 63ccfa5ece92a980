import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { orgUnits } from "./org";
import { users } from "./users";
import { GENDERS, GERMAN_LEVELS, QUALIFICATION_LEVELS, RESIDENCE_STATUSES } from "./values";

export const gender = pgEnum("gender", GENDERS);
export const residenceStatus = pgEnum("residence_status", RESIDENCE_STATUSES);
export const germanLevel = pgEnum("german_level", GERMAN_LEVELS);
export const qualificationLevel = pgEnum("qualification_level", QUALIFICATION_LEVELS);

/** The admin-maintained catalogue of reference occupations (KldB 2010 code where known). */
export const occupations = pgTable(
  "occupations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    nameDe: text("name_de").notNull(),
    nameEn: text("name_en").notNull(),
    kldbCode: text("kldb_code"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("occupations_name_en_idx").on(t.nameEn)],
);

/**
 * A client (the "case"): a pseudonymous statistical record, plus personal data
 * only while a consent is on record. `ref` is generated, never derived from the name.
 */
export const clients = pgTable(
  "clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ref: text("ref").notNull(),
    contactPointId: uuid("contact_point_id")
      .notNull()
      .references(() => orgUnits.id),
    gender: gender("gender").notNull().default("not_stated"),
    birthYear: integer("birth_year"),
    qualificationCountry: text("qualification_country"),
    citizenship: text("citizenship"),
    residenceStatus: residenceStatus("residence_status").notNull().default("not_stated"),
    inGermanySince: integer("in_germany_since"),
    germanLevel: germanLevel("german_level"),
    qualificationLevel: qualificationLevel("qualification_level"),
    occupationId: uuid("occupation_id").references(() => occupations.id),
    regulatedProfession: boolean("regulated_profession"),
    fullName: text("full_name"),
    phone: text("phone"),
    email: text("email"),
    notes: text("notes"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("clients_ref_idx").on(t.ref),
    index("clients_contact_point_idx").on(t.contactPointId),
    index("clients_full_name_idx").on(t.fullName),
    check("clients_country_codes", sql`coalesce(${t.qualificationCountry}, 'XX') ~ '^[A-Z]{2}$' and coalesce(${t.citizenship}, 'XX') ~ '^[A-Z]{2}$'`),
  ],
);

/**
 * The admin-maintained list of what a consent can be for, each with the version of the consent
 * text the person signs: an adviser chooses one, never types a purpose (free text could hold
 * personal data, and a consent's record outlives an erasure as the proof it was given).
 */
export const consentPurposes = pgTable(
  "consent_purposes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    nameDe: text("name_de").notNull(),
    nameEn: text("name_en").notNull(),
    textVersion: text("text_version").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("consent_purposes_name_de_version_idx").on(t.nameDe, t.textVersion)],
);

/**
 * Consent to keep personal data: who gave it, when, for which purpose of the list, and the
 * version of the text (copied from the purpose when recorded); withdrawal ends it.
 */
export const consents = pgTable(
  "consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    givenOn: date("given_on").notNull(),
    purposeId: uuid("purpose_id")
      .notNull()
      .references(() => consentPurposes.id),
    textVersion: text("text_version").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnBy: uuid("withdrawn_by").references(() => users.id),
  },
  (t) => [index("consents_client_idx").on(t.clientId)],
);

/** Follow-up reminders an adviser sets on a case. */
export const reminders = pgTable(
  "reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    adviserId: uuid("adviser_id")
      .notNull()
      .references(() => users.id),
    dueOn: date("due_on").notNull(),
    note: text("note").notNull(),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("reminders_adviser_due_idx").on(t.adviserId, t.dueOn), index("reminders_client_idx").on(t.clientId)],
);

export const ERASURE_REASONS = ["withdrawal", "retention"] as const;
export const erasureReason = pgEnum("erasure_reason", ERASURE_REASONS);

/**
 * Each erasure of a client's personal data: when, why and by whom. A withdrawal names the
 * user who recorded it; the retention rule names the period and the last contact it counted
 * from. Holds no personal data, so it stays with the statistical record.
 */
export const erasures = pgTable(
  "erasures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    reason: erasureReason("reason").notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    retentionYears: integer("retention_years"),
    lastContactOn: date("last_contact_on"),
  },
  (t) => [
    index("erasures_client_idx").on(t.clientId),
    check(
      "erasures_reason_fields",
      sql`(${t.reason} = 'withdrawal' and ${t.actorId} is not null) or (${t.reason} = 'retention' and ${t.retentionYears} is not null and ${t.lastContactOn} is not null)`,
    ),
  ],
);

/**
 * One row per erasure of a client's personal data (withdrawal or retention) that the disk may
 * still hold: the erased values stay in old row versions and index entries until the tables are
 * rewritten. The daily housekeeping rewrites them when this table has rows, then empties it.
 */
export const erasuresToPurge = pgTable("erasures_to_purge", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  erasedAt: timestamp("erased_at", { withTimezone: true }).notNull().defaultNow(),
  /** The erasing transaction (its xid8): no rewrite removes the old row versions while a transaction older than it runs. */
  erasedIn: bigint("erased_in", { mode: "number" })
    .notNull()
    .default(sql`(pg_current_xact_id()::text)::bigint`),
});

export type Client = typeof clients.$inferSelect;
export type Occupation = typeof occupations.$inferSelect;
export type Erasure = typeof erasures.$inferSelect;
export type ConsentPurpose = typeof consentPurposes.$inferSelect;
