import { asc, inArray } from "drizzle-orm";
import { z } from "zod";
import { orgUnits } from "@/db/schema";
import { defineOperation } from "@/lib/operation";
import { advisersUnits } from "@/lib/org/queries";

const unitColumns = {
  id: orgUnits.id,
  level: orgUnits.level,
  parentId: orgUnits.parentId,
  regionId: orgUnits.regionId,
  name: orgUnits.name,
  nameEn: orgUnits.nameEn,
  town: orgUnits.town,
  activeFrom: orgUnits.activeFrom,
  activeUntil: orgUnits.activeUntil,
};

/**
 * Who the caller is (`GET /api/v1/me`): the user, their role, and the units they work in: an
 * adviser's assigned units with the contact points and subprojects they may record in, a
 * regional coordinator's region. Network coordinators and admins work for the whole network
 * (`scope: "network"`) and name no units.
 */
export const getMe = defineOperation({
  name: "me.get",
  access: "directory.view",
  audit: "none",
  input: z.object({}).strict(),
  async run({ actor, tx, locale }) {
    const ids = actor.role === "adviser" ? advisersUnits(actor) : actor.role === "regional_coordinator" && actor.regionId ? [actor.regionId] : [];
    const units = ids.length ? await tx.select(unitColumns).from(orgUnits).where(inArray(orgUnits.id, ids)).orderBy(asc(orgUnits.level), asc(orgUnits.name)) : [];
    const assigned = new Set(actor.role === "adviser" ? actor.unitIds : ids);
    return {
      user: { id: actor.userId, name: actor.name, email: actor.email },
      // The language of this answer's messages (Accept-Language, or the one chosen in the app).
      locale,
      role: actor.role,
      scope: actor.role === "adviser" ? "units" : actor.role === "regional_coordinator" ? "region" : "network",
      regionId: actor.regionId,
      units: units.map((unit) => ({ ...unit, assigned: assigned.has(unit.id) })),
    };
  },
});
