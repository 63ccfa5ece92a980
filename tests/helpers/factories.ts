import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { orgUnits, userUnits, users, type Role } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";

const tag = () => randomUUID().slice(0, 8);

/** A small org tree of its own: network → region → subproject → two contact points. */
export async function makeOrg() {
  const db = await getDb();
  const [network] = await db.select().from(orgUnits).where(eq(orgUnits.level, "network"));
  const root =
    network ?? (await db.insert(orgUnits).values({ level: "network", name: "Netzwerk IQ", activeFrom: "2019-01-01" }).returning())[0];
  const [region] = await db
    .insert(orgUnits)
    .values({ level: "region", parentId: root.id, name: `Region ${tag()}`, code: null, activeFrom: "2019-01-01" })
    .returning();
  await db.update(orgUnits).set({ regionId: region.id }).where(eq(orgUnits.id, region.id));
  const [subproject] = await db
    .insert(orgUnits)
    .values({ level: "subproject", parentId: region.id, regionId: region.id, name: `Beratung ${tag()}`, provider: "Träger", priorityArea: "advice", activeFrom: "2019-01-01" })
    .returning();
  const contactPoints = await db
    .insert(orgUnits)
    .values(
      (["permanent", "mobile"] as const).map((kind) => ({
        level: "contact_point" as const,
        parentId: subproject.id,
        regionId: region.id,
        name: `Anlaufstelle ${tag()}`,
        town: "Musterstadt",
        contactPointKind: kind,
        activeFrom: "2019-01-01",
      })),
    )
    .returning();
  return { network: root, region: { ...region, regionId: region.id }, subproject, contactPoints };
}

export const TEST_PASSWORD = "correct horse battery staple";
let cachedHash: Promise<string> | undefined;

export async function makeUser(role: Role, options: { regionId?: string; unitIds?: string[]; active?: boolean } = {}) {
  const db = await getDb();
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const [user] = await db
    .insert(users)
    .values({
      email: `${role}-${tag()}@test.example`,
      name: `${role} ${tag()}`,
      role,
      regionId: options.regionId ?? null,
      passwordHash: await cachedHash,
      active: options.active ?? true,
    })
    .returning();
  if (options.unitIds?.length) await db.insert(userUnits).values(options.unitIds.map((unitId) => ({ userId: user.id, unitId })));
  return user;
}

export async function makeActor(role: Role, options: Parameters<typeof makeUser>[1] = {}): Promise<Actor> {
  const user = await makeUser(role, options);
  return (await loadActor(await getDb(), user.id))!;
}
