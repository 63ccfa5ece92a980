import type { OrgUnit } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";

/**
 * Whether the actor may see this unit. Out-of-scope units answer "not found",
 * so that nobody learns what exists outside their own part of the network.
 */
export function unitInScope(actor: Actor, unit: Pick<OrgUnit, "id" | "level" | "regionId" | "parentId">): boolean {
  switch (actor.role) {
    case "admin":
    case "network_coordinator":
      return true;
    case "regional_coordinator":
      return unit.regionId !== null && unit.regionId === actor.regionId;
    case "adviser":
      return actor.unitIds.includes(unit.id) || actor.contactPointIds.includes(unit.id);
  }
}

export function assertUnitInScope(actor: Actor, unit: Parameters<typeof unitInScope>[1] | undefined): asserts unit {
  if (!unit || !unitInScope(actor, unit)) throw new NotFoundError("org unit");
}
