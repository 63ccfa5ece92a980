/** The scope a figure covers, and who may see it: a regional coordinator reaches their own region and what lies in it. */
import { eq } from "drizzle-orm";
import { orgUnits } from "@/db/schema";
import type { Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import type { Scope } from "./counters";

export interface ResolvedScope extends Scope {
  name: string;
}

const LEVEL_OF = { network: "network", region: "region", subproject: "subproject", contact_point: "unit" } as const;

/** The scope asked for, if the actor may see it: regional coordinators their own region only. */
export async function resolveScope(tx: Tx, actor: Actor, requested: string | undefined, locale: Locale = "de"): Promise<ResolvedScope> {
  const wanted = requested ?? (actor.role === "regional_coordinator" ? actor.regionId! : "network");
  if (wanted === "network") {
    if (actor.role === "regional_coordinator") throw new ForbiddenError("scope");
    const [network] = await tx.select({ name: orgUnits.name, nameEn: orgUnits.nameEn }).from(orgUnits).where(eq(orgUnits.level, "network"));
    return { level: "network", id: null, name: (locale === "en" && network?.nameEn) || network?.name || "" };
  }
  const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, wanted));
  if (!unit) throw new NotFoundError("scope");
  if (actor.role === "regional_coordinator" && unit.regionId !== actor.regionId) throw new ForbiddenError("scope");
  return { level: LEVEL_OF[unit.level], id: unit.level === "network" ? null : unit.id, name: (locale === "en" && unit.nameEn) || unit.name };
}
