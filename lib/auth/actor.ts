import { eq, sql } from "drizzle-orm";
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

/**
 * The actor's columns, for a select from `users` (joined to whatever found the user): the user
 * and, in the same statement, their units, the contact points and the subprojects these give.
 * One statement, since every request of a signed-in user or a token starts with it.
 */
export const actorColumns = {
  userId: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  regionId: users.regionId,
  active: users.active,
  sessionVersion: users.sessionVersion,
  unitIds: sql<string[]>`array(select uu.unit_id::text from ${userUnits} uu where uu.user_id = ${users}.id)`,
  contactPointIds: sql<string[]>`array(
    select o.id::text from ${orgUnits} o
    where o.level = 'contact_point'
      and (o.id in (select uu.unit_id from ${userUnits} uu where uu.user_id = ${users}.id)
        or o.parent_id in (select uu.unit_id from ${userUnits} uu where uu.user_id = ${users}.id)))`,
  subprojectIds: sql<string[]>`array(
    select (case when o.level = 'subproject' then o.id else o.parent_id end)::text from ${orgUnits} o
    where o.id in (select uu.unit_id from ${userUnits} uu where uu.user_id = ${users}.id))`,
};

type ActorRow = Omit<Actor, "subprojectIds"> & { active: boolean; subprojectIds: string[] };

/** The actor of a row selected with actorColumns; null for a deactivated user. */
export function actorOf(row: ActorRow | undefined): Actor | null {
  if (!row || !row.active) return null;
  return {
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role,
    regionId: row.regionId,
    unitIds: row.unitIds,
    contactPointIds: row.contactPointIds,
    subprojectIds: [...new Set(row.subprojectIds)],
    sessionVersion: row.sessionVersion,
  };
}

export async function loadActor(db: Db | Tx, userId: string): Promise<Actor | null> {
  // Every request with a session reads its user: planned once per connection (db/prepared.ts).
  const [row] = await db.select(actorColumns).from(users).where(eq(users.id, userId)).prepare("lotse_actor_by_id").execute();
  return actorOf(row);
}
