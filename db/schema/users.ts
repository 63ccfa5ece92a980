import { sql } from "drizzle-orm";
import { check, pgEnum, pgTable, uuid, text, boolean, integer, timestamp, primaryKey, index, uniqueIndex } from "drizzle-orm/pg-core";
import { orgUnits } from "./org";
import { ROLES } from "./values";

export const role = pgEnum("role", ROLES);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: role("role").notNull(),
    /** The regional network of a regional coordinator; null for every other role. */
    regionId: uuid("region_id").references(() => orgUnits.id),
    active: boolean("active").notNull().default(true),
    /** Raised on every change that must end open sessions (role, deactivation, password). */
    sessionVersion: integer("session_version").notNull().default(1),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_idx").on(t.email),
    check("users_region_for_regional_coordinator", sql`(${t.role} = 'regional_coordinator') = (${t.regionId} is not null)`),
  ],
);

/** Units (subprojects or contact points) an adviser works for. */
export const userUnits = pgTable(
  "user_units",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnits.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unitId] }), index("user_units_unit_idx").on(t.unitId)],
);

/**
 * One row per failed login, keyed by account and by client address, kept in the
 * database so that throttling holds across restarts and several app instances.
 */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_failures_key_at_idx").on(t.key, t.at)],
);

/** Small key/value settings the app keeps for itself (e.g. the demo mode's generated secret). */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export type User = typeof users.$inferSelect;
export type Role = (typeof role.enumValues)[number];

/**
 * One row per sign-in: when it was last used, so that a session left idle for 30 minutes
 * ends (the session cookie alone cannot know), and when it ended.
 */
export const userSessions = pgTable("user_sessions", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  endedAt: timestamp("ended_at", { withTimezone: true }),
});
