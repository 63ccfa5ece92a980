import { sql } from "drizzle-orm";
import { pgEnum, pgTable, uuid, text, date, timestamp, integer, index, check, uniqueIndex } from "drizzle-orm/pg-core";
import { CONTACT_POINT_KINDS, PRIORITY_AREAS } from "./values";

export const orgLevel = pgEnum("org_level", ["network", "region", "subproject", "contact_point"]);
export const priorityArea = pgEnum("priority_area", PRIORITY_AREAS);
export const contactPointKind = pgEnum("contact_point_kind", CONTACT_POINT_KINDS);

/**
 * The whole org tree in one table: network → regional network → subproject →
 * contact point (national subprojects hang directly off the network).
 * Units are never deleted: closing sets `activeUntil`, so history stays in every report.
 * `regionId` is the unit's regional network (itself for a region), kept so that
 * scope checks and reports filter by region without walking the tree.
 */
export const orgUnits = pgTable(
  "org_units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    level: orgLevel("level").notNull(),
    parentId: uuid("parent_id").references((): any => orgUnits.id),
    regionId: uuid("region_id").references((): any => orgUnits.id),
    name: text("name").notNull(),
    nameEn: text("name_en"),
    code: text("code"),
    provider: text("provider"),
    town: text("town"),
    priorityArea: priorityArea("priority_area"),
    contactPointKind: contactPointKind("contact_point_kind"),
    activeFrom: date("active_from").notNull(),
    activeUntil: date("active_until"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("org_units_parent_idx").on(t.parentId),
    index("org_units_region_idx").on(t.regionId),
    index("org_units_level_idx").on(t.level),
    uniqueIndex("org_units_one_network").on(t.level).where(sql`${t.level} = 'network'`),
    check("org_units_parent_by_level", sql`(${t.level} = 'network') = (${t.parentId} is null)`),
    check("org_units_subproject_area", sql`(${t.level} = 'subproject') = (${t.priorityArea} is not null)`),
    check("org_units_contact_point_kind", sql`(${t.level} = 'contact_point') = (${t.contactPointKind} is not null)`),
    check("org_units_active_range", sql`${t.activeUntil} is null or ${t.activeUntil} >= ${t.activeFrom}`),
  ],
);

export type OrgUnit = typeof orgUnits.$inferSelect;
export type NewOrgUnit = typeof orgUnits.$inferInsert;
