import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { occupations, orgUnits, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { searchAudit } from "@/lib/audit-search";
import { createOccupation, listOccupations } from "@/lib/occupations";
import { execute, type Result } from "@/lib/operation";
import { getUnit, listAssignableUnits, listContactPoints, listSubprojects } from "@/lib/org/queries";
import { listUsers } from "@/lib/users/queries";
import { makeActor, makeOrg } from "../helpers/factories";

function value<R>(result: Result<R>): R {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** Names that byte order sorts wrongly for a German reader: every umlaut and every lower-case initial last. */
const GERMAN_ORDER = ["arbeiterin", "Ärztin/Arzt", "Bäcker", "Baker", "Ober", "Öko", "Zahnärztin"];

describe("admin lists: German order and search", () => {
  let admin: Actor;
  let tag: string;
  let org: Awaited<ReturnType<typeof makeOrg>>;
  let other: Awaited<ReturnType<typeof makeOrg>>;

  beforeAll(async () => {
    admin = await makeActor("admin");
    tag = randomUUID().slice(0, 8);
    org = await makeOrg();
    other = await makeOrg();
    const db = await getDb();
    await db.insert(occupations).values([...GERMAN_ORDER].reverse().map((n) => ({ nameDe: `${n} ${tag}`, nameEn: `${n} (en) ${tag}` })));
    // Contact points in towns whose names byte order misplaces, under the org's subproject.
    await db.insert(orgUnits).values(
      [
        ["Überlingen", "Anlaufstelle See"],
        ["Aachen", "Anlaufstelle Dom"],
        ["Köln", "Mobile Beratung Süd"],
        ["Köln", "Anlaufstelle Nord"],
        ["Ulm", "Ärztliche Anlaufstelle"],
      ].map(([town, name]) => ({
        level: "contact_point" as const,
        parentId: org.subproject.id,
        regionId: org.region.id,
        name: `${name} ${tag}`,
        town,
        contactPointKind: "permanent" as const,
        activeFrom: "2019-01-01",
      })),
    );
  });

  it("occupations: in German order, found by a part of either name or the KldB code, in any case", async () => {
    const all = value(await execute(listOccupations, admin, { q: tag }));
    expect(all.map((o) => o.nameDe)).toEqual(GERMAN_ORDER.map((n) => `${n} ${tag}`));
    const found = value(await execute(listOccupations, admin, { q: `ärztin ${tag.toUpperCase()}` }));
    expect(found.map((o) => o.nameDe)).toEqual([`Ärztin/Arzt ${tag}`, `Zahnärztin ${tag}`]);
    expect(value(await execute(listOccupations, admin, { q: `(EN) ${tag} öko` })).map((o) => o.nameDe)).toEqual([`Öko ${tag}`]);
    // Like-patterns are text: "%" finds only a name holding one.
    expect(value(await execute(listOccupations, admin, { q: `% ${tag}` }))).toEqual([]);
    // No search: the whole catalogue, still in German order.
    const names = value(await execute(listOccupations, admin, {})).map((o) => o.nameDe);
    const ours = names.filter((n) => n.endsWith(tag));
    expect(ours).toEqual(GERMAN_ORDER.map((n) => `${n} ${tag}`));
    const bad = await execute(listOccupations, admin, { q: "x".repeat(101) }, "en");
    expect(bad.ok || bad.error).toMatchObject({ kind: "validation", fieldErrors: { q: [expect.stringMatching(/100/)] } });
  });

  it("users: found by name, e-mail or region, in German order", async () => {
    const db = await getDb();
    const made = await Promise.all(["Zoe", "Ömer", "Anna", "Özlem", "ärne"].map((n) => makeActor("regional_coordinator", { regionId: other.region.id }).then((a) => ({ a, n }))));
    for (const { a, n } of made) await db.update(users).set({ name: `${n} ${tag}` }).where(eq(users.id, a.userId));
    const byName = value(await execute(listUsers, admin, { q: tag }));
    expect(byName.map((u) => u.name)).toEqual(["Anna", "ärne", "Ömer", "Özlem", "Zoe"].map((n) => `${n} ${tag}`));
    expect(value(await execute(listUsers, admin, { q: `öMER ${tag}` })).map((u) => u.name)).toEqual([`Ömer ${tag}`]);
    const email = made[0].a.email;
    expect(value(await execute(listUsers, admin, { q: email.toUpperCase() })).map((u) => u.email)).toEqual([email]);
    expect(value(await execute(listUsers, admin, { q: other.region.name })).map((u) => u.name)).toHaveLength(5);
    expect(value(await execute(listUsers, admin, { q: "   " })).length).toBeGreaterThan(5);
  });

  it("contact points: by town, name, subproject or region, words in any order, ordered by town in German order", async () => {
    const rows = value(await execute(listContactPoints, admin, { q: tag }));
    expect(rows.map((r) => `${r.unit.town}: ${r.unit.name.replace(` ${tag}`, "")}`)).toEqual([
      "Aachen: Anlaufstelle Dom",
      "Köln: Anlaufstelle Nord",
      "Köln: Mobile Beratung Süd",
      "Überlingen: Anlaufstelle See",
      "Ulm: Ärztliche Anlaufstelle",
    ]);
    expect(value(await execute(listContactPoints, admin, { q: `süd köln ${tag}` })).map((r) => r.unit.town)).toEqual(["Köln"]);
    const bySubproject = value(await execute(listContactPoints, admin, { q: org.subproject.name }));
    expect(bySubproject).toHaveLength(7);
    expect(bySubproject[0]).toMatchObject({ subprojectName: org.subproject.name, regionName: org.region.name });
    expect(value(await execute(listContactPoints, admin, { q: `${org.region.name} mobil` })).map((r) => r.unit.name)).toEqual([`Mobile Beratung Süd ${tag}`]);
    expect(value(await execute(listContactPoints, admin, { q: org.region.name, kind: "mobile" })).map((r) => r.unit.id)).toEqual([org.contactPoints[1].id]);
    // A regional coordinator searches only their own region.
    const regional = await makeActor("regional_coordinator", { regionId: other.region.id });
    expect(value(await execute(listContactPoints, regional, { q: tag }))).toEqual([]);
  });

  it("subprojects: by name, provider or region; a regional coordinator sees only their own", async () => {
    const found = value(await execute(listSubprojects, admin, { q: org.subproject.name }));
    expect(found.map((r) => [r.unit.id, r.regionName])).toEqual([[org.subproject.id, org.region.name]]);
    expect(value(await execute(listSubprojects, admin, { q: `träger ${other.region.name}` })).map((r) => r.unit.id)).toEqual([other.subproject.id]);
    const regional = await makeActor("regional_coordinator", { regionId: other.region.id });
    expect(value(await execute(listSubprojects, regional, { q: "Beratung" })).map((r) => r.unit.id)).toEqual([other.subproject.id]);
    const adviser = await makeActor("adviser", { unitIds: [org.contactPoints[0].id] });
    expect(await execute(listSubprojects, adviser, {})).toMatchObject({ ok: false, error: { kind: "forbidden" } });
  });

  it("a unit's children and the assignable units come in German order, the units with town and region", async () => {
    const { children } = value(await execute(getUnit, admin, { id: org.subproject.id }));
    const names = children.map((c) => c.name).filter((n) => n.endsWith(tag));
    expect(names).toEqual(["Anlaufstelle Dom", "Anlaufstelle Nord", "Anlaufstelle See", "Ärztliche Anlaufstelle", "Mobile Beratung Süd"].map((n) => `${n} ${tag}`));
    const units = value(await execute(listAssignableUnits, admin, {}));
    expect(units.find((u) => u.name === `Mobile Beratung Süd ${tag}`)).toMatchObject({ town: "Köln", regionName: org.region.name, parentName: org.subproject.name, level: "contact_point" });
  });

  it("the audit trail names its users and is searched by a user's name", async () => {
    const db = await getDb();
    const [renamed] = await db.update(users).set({ name: `Jürgen Prüfer ${tag}` }).where(eq(users.id, admin.userId)).returning();
    // A change by the admin leaves an entry with their id.
    value(await execute(createOccupation, admin, { nameDe: `Prüfung ${tag}`, nameEn: `Audit ${tag}` }));
    const found = value(await execute(searchAudit, admin, { user: `jürgen ${tag}` }));
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((e) => e.actorId === admin.userId && e.actorName === renamed.name)).toBe(true);
    expect(found.items[0]).toMatchObject({ action: "occupations.create", outcome: "ok" });
    expect(value(await execute(searchAudit, admin, { user: `niemand ${tag}` })).items).toEqual([]);
  });
});
