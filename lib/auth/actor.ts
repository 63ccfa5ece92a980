import { and, eq, inArray, or } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { orgUnits, userUnits, users, type Role } from "@/db/schema";

/** Who is acting, as resolved from the database on every request (never from the client). */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  role: Role;
  /** A regional coordinator's regional network. */
  regionId: string | null;
  /** An adviser's assigned units (subprojects or contact points). */
  unitIds: string[];
  /** Every contact point an adviser may work for: assigned ones and those of assigned subprojects. */
  contactPointIds: string[];
  /** Every subproject an adviser may work for: assigned ones and those of assigned contact points. */
  subprojectIds: string[];
  sessionVersion: number;
}

export async function loadActor(db: Db | Tx, userId: string): Promise<Actor | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || !user.active) return null;
  const assigned = await db.select({ unitId: userUnits.unitId }).from(userUnits).where(eq(userUnits.userId, userId));
  const unitIds = assigned.map((a) => a.unitId);
  const contactPointIds = unitIds.length
    ? (
        await db
          .select({ id: orgUnits.id })
          .from(orgUnits)
          .where(
            and(
              eq(orgUnits.level, "contact_point"),
              or(inArray(orgUnits.id, unitIds), inArray(orgUnits.parentId, unitIds)),
            ),
          )
      ).map((u) => u.id)
    : [];
  const subprojectIds = unitIds.length
    ? (
        await db
          .select({ id: orgUnits.id, level: orgUnits.level, parentId: orgUnits.parentId })
          .from(orgUnits)
          .where(inArray(orgUnits.id, unitIds))
      ).map((u) => (u.level === "subproject" ? u.id : u.parentId!))
    : [];
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    regionId: user.regionId,
    unitIds,
    contactPointIds,
    subprojectIds: [...new Set(subprojectIds)],
    sessionVersion: user.sessionVersion,
  };
}
