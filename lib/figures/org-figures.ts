/** The figures the org tree answers (contact points, regional networks, subprojects), not the records. */
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { Scope } from "./counters";

/** The org tree's figures on the period's last day, within the scope. */
export async function orgFigures(tx: Tx, scope: Scope, day: string) {
  const within: SQL =
    scope.level === "network"
      ? sql`true`
      : scope.level === "region"
        ? sql`u.region_id = ${scope.id}::uuid`
        : scope.level === "subproject"
          ? sql`(u.id = ${scope.id}::uuid or u.parent_id = ${scope.id}::uuid)`
          : sql`u.id = ${scope.id}::uuid`;
  const result = await tx.execute(sql`
    select
      count(*) filter (where u.level = 'contact_point')::int as total,
      count(*) filter (where u.level = 'contact_point' and u.contact_point_kind = 'permanent')::int as permanent,
      count(*) filter (where u.level = 'contact_point' and u.contact_point_kind = 'mobile')::int as mobile,
      count(*) filter (where u.level = 'region')::int as regions,
      count(*) filter (where u.level = 'subproject')::int as subprojects
    from org_units u
    where ${within} and u.active_from <= ${day}::date and (u.active_until is null or u.active_until >= ${day}::date)`);
  const r = result.rows[0] as Record<string, number>;
  return {
    "contactPoints.total": r.total,
    "contactPoints.permanent": r.permanent,
    "contactPoints.mobile": r.mobile,
    "organisation.regionalNetworks": r.regions,
    "organisation.subprojects": r.subprojects,
  };
}
