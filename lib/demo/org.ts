import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { orgUnits } from "@/db/schema";
import { NATIONAL_SUBPROJECTS, NETWORK, REGIONS, type SeedSubproject } from "./org-tree-2019";

/** Inserts the 2019 org tree (network, 16 regional networks, subprojects, contact points). */
export async function seedOrgTree(tx: Tx, activeFrom = NETWORK.fundingFrom): Promise<void> {
  // There is one network; reuse it if an admin created it already.
  const [existing] = await tx.select().from(orgUnits).where(eq(orgUnits.level, "network"));
  const network = existing ?? (await tx.insert(orgUnits).values({ level: "network", name: NETWORK.name, activeFrom }).returning())[0];

  const insertSubprojects = async (parentId: string, regionId: string | null, subprojects: readonly SeedSubproject[]) => {
    const created = await tx
      .insert(orgUnits)
      .values(
        subprojects.map((s) => ({
          level: "subproject" as const,
          parentId,
          regionId,
          name: s.name,
          provider: s.provider,
          priorityArea: s.priorityArea,
          activeFrom,
        })),
      )
      .returning({ id: orgUnits.id });
    const contactPoints = subprojects.flatMap((s, i) =>
      s.contactPoints.map((c) => ({
        level: "contact_point" as const,
        parentId: created[i].id,
        regionId,
        name: c.name,
        town: c.town,
        contactPointKind: c.kind,
        activeFrom,
      })),
    );
    if (contactPoints.length) await tx.insert(orgUnits).values(contactPoints);
  };

  for (const region of REGIONS) {
    const [created] = await tx
      .insert(orgUnits)
      .values({ level: "region", parentId: network.id, name: region.nameDe, nameEn: region.nameEn, code: region.code, activeFrom })
      .returning();
    await tx.update(orgUnits).set({ regionId: created.id }).where(eq(orgUnits.id, created.id));
    await insertSubprojects(created.id, created.id, region.subprojects);
  }
  await insertSubprojects(network.id, null, NATIONAL_SUBPROJECTS);
}
