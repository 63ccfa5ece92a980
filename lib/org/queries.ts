import { and, asc, count, eq, gte, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { orgUnits, type OrgUnit } from "@/db/schema";
import type { Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { german, matchesWords } from "@/lib/listing";
import { defineOperation } from "@/lib/operation";
import { todayInBerlin } from "@/lib/validation";
import { contactPointQuerySchema, listQuerySchema, subprojectQuerySchema, unitQuerySchema, visibleUnitsQuerySchema } from "./schemas";
import { assertUnitInScope } from "./scope";

/** Units active on a day: opened on or before it, not closed before it. */
export function activeOn(day: string): SQL {
  return and(lte(orgUnits.activeFrom, day), or(isNull(orgUnits.activeUntil), gte(orgUnits.activeUntil, day)))!;
}

/** Units counted on a day: active subprojects and contact points by kind. */
export interface UnitCounts {
  subprojects: number;
  contactPointsPermanent: number;
  contactPointsMobile: number;
}

export interface RegionSummary extends UnitCounts {
  id: string;
  code: string | null;
  name: string;
  nameEn: string | null;
  activeUntil: string | null;
}

async function regionSummaries(tx: Tx, day: string, regionId: string | null): Promise<RegionSummary[]> {
  const counted = sql<number>`count(*) filter (where ${activeOn(day)})::int`;
  const rows = await tx
    .select({
      regionId: orgUnits.regionId,
      level: orgUnits.level,
      kind: orgUnits.contactPointKind,
      n: counted,
    })
    .from(orgUnits)
    .where(and(sql`${orgUnits.level} in ('subproject', 'contact_point')`, regionId ? eq(orgUnits.regionId, regionId) : undefined))
    .groupBy(orgUnits.regionId, orgUnits.level, orgUnits.contactPointKind);
  const regions = await tx
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.level, "region"), regionId ? eq(orgUnits.id, regionId) : undefined))
    .orderBy(german(orgUnits.name));
  return regions.map((r) => {
    const count = (level: string, kind: string | null) =>
      rows.filter((x) => x.regionId === r.id && x.level === level && (kind === null || x.kind === kind)).reduce((s, x) => s + x.n, 0);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      nameEn: r.nameEn,
      activeUntil: r.activeUntil,
      subprojects: count("subproject", null),
      contactPointsPermanent: count("contact_point", "permanent"),
      contactPointsMobile: count("contact_point", "mobile"),
    };
  });
}

export const listRegions = defineOperation({
  name: "org.listRegions",
  access: "org.view",
  audit: "none",
  input: listQuerySchema,
  async run({ actor, tx }, { at }) {
    const day = at ?? todayInBerlin();
    if (actor.role === "regional_coordinator") return regionSummaries(tx, day, actor.regionId);
    return regionSummaries(tx, day, null);
  },
});

export interface UnitDetail {
  unit: OrgUnit;
  parent: OrgUnit | null;
  children: OrgUnit[];
}

export const getUnit = defineOperation({
  name: "org.getUnit",
  access: "org.view",
  audit: "none",
  input: unitQuerySchema,
  async run({ actor, tx }, { id }): Promise<UnitDetail> {
    const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, id));
    assertUnitInScope(actor, unit);
    const [parent] = unit.parentId ? await tx.select().from(orgUnits).where(eq(orgUnits.id, unit.parentId)) : [];
    const children = await tx.select().from(orgUnits).where(eq(orgUnits.parentId, id)).orderBy(german(orgUnits.name));
    return { unit, parent: parent ?? null, children };
  },
});

/** The national subprojects (under the network, in no region) and their contact points, active on the day. */
async function nationalCounts(tx: Tx, day: string): Promise<UnitCounts> {
  const rows = await tx
    .select({ level: orgUnits.level, kind: orgUnits.contactPointKind, n: sql<number>`count(*)::int` })
    .from(orgUnits)
    .where(and(isNull(orgUnits.regionId), sql`${orgUnits.level} in ('subproject', 'contact_point')`, activeOn(day)))
    .groupBy(orgUnits.level, orgUnits.contactPointKind);
  const count = (level: string, kind: string | null) => rows.filter((r) => r.level === level && (kind === null || r.kind === kind)).reduce((s, r) => s + r.n, 0);
  return { subprojects: count("subproject", null), contactPointsPermanent: count("contact_point", "permanent"), contactPointsMobile: count("contact_point", "mobile") };
}

export const getNetwork = defineOperation({
  name: "org.getNetwork",
  access: "org.view",
  audit: "none",
  input: listQuerySchema,
  async run({ tx }, { at }) {
    const [network] = await tx.select().from(orgUnits).where(eq(orgUnits.level, "network"));
    const nationalSubprojects = network
      ? await tx.select().from(orgUnits).where(eq(orgUnits.parentId, network.id)).orderBy(german(orgUnits.name))
      : [];
    return {
      network: network ?? null,
      nationalSubprojects: nationalSubprojects.filter((u) => u.level === "subproject"),
      // Counted like the figures' organisation.subprojects: what is active on the day.
      national: await nationalCounts(tx, at ?? todayInBerlin()),
    };
  },
});

export interface ContactPointRow extends OrgUnit {
  subprojectName: string;
}

// Qualified by hand: in a select from one table drizzle writes its columns unqualified, and a bare
// "parent_id" inside the subquery would be the subquery's own column.
const parentName = sql<string>`(select p.name from org_units p where p.id = org_units.parent_id)`;
const regionName = sql<string | null>`(select r.name from org_units r where r.id = org_units.region_id)`;

export const listContactPoints = defineOperation({
  name: "org.listContactPoints",
  access: "org.view",
  audit: "none",
  input: contactPointQuerySchema,
  async run({ actor, tx }, { at, regionId, kind, q }) {
    const scopeRegion = actor.role === "regional_coordinator" ? actor.regionId : regionId;
    return tx
      .select({ unit: orgUnits, subprojectName: parentName, regionName })
      .from(orgUnits)
      .where(
        and(
          eq(orgUnits.level, "contact_point"),
          at ? activeOn(at) : undefined,
          scopeRegion ? eq(orgUnits.regionId, scopeRegion) : undefined,
          kind ? eq(orgUnits.contactPointKind, kind) : undefined,
          matchesWords(q, [orgUnits.name, orgUnits.town, parentName, regionName]),
        ),
      )
      .orderBy(german(orgUnits.town), german(orgUnits.name), orgUnits.id);
  },
});

/** Subprojects (of the regions and national ones), searchable by name, provider and region. */
export const listSubprojects = defineOperation({
  name: "org.listSubprojects",
  access: "org.view",
  audit: "none",
  input: subprojectQuerySchema,
  async run({ actor, tx }, { at, regionId, q }) {
    const scopeRegion = actor.role === "regional_coordinator" ? actor.regionId : regionId;
    return tx
      .select({ unit: orgUnits, regionName })
      .from(orgUnits)
      .where(
        and(
          eq(orgUnits.level, "subproject"),
          at ? activeOn(at) : undefined,
          scopeRegion ? eq(orgUnits.regionId, scopeRegion) : undefined,
          matchesWords(q, [orgUnits.name, orgUnits.provider, regionName]),
        ),
      )
      .orderBy(german(sql`coalesce(${regionName}, '')`), german(orgUnits.name), orgUnits.id);
  },
});

/** Units an adviser can be assigned to, grouped for pickers. */
export const listAssignableUnits = defineOperation({
  name: "org.listAssignableUnits",
  access: "users.manage",
  audit: "none",
  input: z.object({}),
  async run({ tx }) {
    return tx
      .select({
        id: orgUnits.id,
        level: orgUnits.level,
        name: orgUnits.name,
        town: orgUnits.town,
        regionId: orgUnits.regionId,
        regionName,
        parentName,
        activeUntil: orgUnits.activeUntil,
      })
      .from(orgUnits)
      .where(sql`${orgUnits.level} in ('subproject', 'contact_point')`)
      .orderBy(german(orgUnits.name), orgUnits.id);
  },
});

/** An adviser's own units with the contact points they work at. */
export const listMyUnits = defineOperation({
  name: "org.listMyUnits",
  access: "cases.work",
  audit: "none",
  input: z.object({}),
  async run({ actor, tx }) {
    const ids = advisersUnits(actor);
    if (!ids.length) return [];
    return tx
      .select()
      .from(orgUnits)
      .where(sql`${orgUnits.id} in ${ids}`)
      .orderBy(asc(orgUnits.level), german(orgUnits.name));
  },
});

/** Every unit an adviser works for: those assigned, their contact points and subprojects. */
export function advisersUnits(actor: Actor): string[] {
  return [...new Set([...actor.unitIds, ...actor.contactPointIds, ...actor.subprojectIds])];
}

/** Which units a user may see: all (network coordinator, admin), their region's, or the units they work for. */
function visibleTo(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case "admin":
    case "network_coordinator":
      return undefined;
    case "regional_coordinator":
      return actor.regionId ? eq(orgUnits.regionId, actor.regionId) : sql`false`;
    case "adviser": {
      const ids = advisersUnits(actor);
      return ids.length ? inArray(orgUnits.id, ids) : sql`false`;
    }
  }
}

const LEVEL_ORDER = sql`array_position(array['network', 'region', 'subproject', 'contact_point']::org_level[], ${orgUnits.level})`;

/** The org units the caller may see, a page at a time: for a client program to find a unit's id. */
export const listVisibleUnits = defineOperation({
  name: "org.listVisibleUnits",
  access: "directory.view",
  audit: "none",
  input: visibleUnitsQuerySchema,
  async run({ actor, tx }, q) {
    const where = and(
      visibleTo(actor),
      q.level ? eq(orgUnits.level, q.level) : undefined,
      q.parentId ? eq(orgUnits.parentId, q.parentId) : undefined,
      q.at ? activeOn(q.at) : undefined,
      matchesWords(q.q, [orgUnits.name, orgUnits.nameEn, orgUnits.town]),
    );
    const [{ total }] = await tx.select({ total: count() }).from(orgUnits).where(where);
    const items = await tx
      .select({
        id: orgUnits.id,
        level: orgUnits.level,
        parentId: orgUnits.parentId,
        regionId: orgUnits.regionId,
        name: orgUnits.name,
        nameEn: orgUnits.nameEn,
        code: orgUnits.code,
        town: orgUnits.town,
        contactPointKind: orgUnits.contactPointKind,
        priorityArea: orgUnits.priorityArea,
        activeFrom: orgUnits.activeFrom,
        activeUntil: orgUnits.activeUntil,
      })
      .from(orgUnits)
      .where(where)
      .orderBy(LEVEL_ORDER, german(orgUnits.name), asc(orgUnits.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    return { items, page: q.page, pageSize: q.pageSize, total };
  },
});

