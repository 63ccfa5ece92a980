import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { orgUnits, users } from "@/db/schema";
import { DEMO_ACCOUNTS, seedDemo } from "@/db/seed/demo";
import { checkLogin } from "@/lib/auth/login";
import { DEMO_PASSWORD } from "@/db/seed/demo";
import { activeOn } from "@/lib/org/queries";

describe("demo seed", () => {
  it("seeds the 2019 org tree once, with one working account per role", { timeout: 180_000 }, async () => {
    const db = await getDb();
    expect(await seedDemo(db)).toBe(true);
    expect(await seedDemo(db)).toBe(false);

    const [network] = await db.select().from(orgUnits).where(eq(orgUnits.level, "network"));
    const regions = await db.select().from(orgUnits).where(and(eq(orgUnits.level, "region"), sql`${orgUnits.code} like 'DE-%'`));
    expect(regions.map((r) => r.code).sort()).toEqual(
      ["DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV", "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH"].sort(),
    );
    const regionIds = regions.map((r) => r.id);
    const count = async (where: ReturnType<typeof and>) =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(orgUnits).where(where))[0].n;
    const onLastDay = activeOn("2019-12-31");
    const seededSubprojects = and(eq(orgUnits.level, "subproject"), onLastDay, sql`(${inArray(orgUnits.regionId, regionIds)} or ${orgUnits.parentId} = ${network.id})`);
    expect(await count(seededSubprojects)).toBeGreaterThanOrEqual(380);
    const points = (kind: "permanent" | "mobile") =>
      count(and(eq(orgUnits.level, "contact_point"), eq(orgUnits.contactPointKind, kind), onLastDay, inArray(orgUnits.regionId, regionIds)));
    expect(await points("permanent")).toBe(74);
    expect(await points("mobile")).toBe(100);

    const accounts = await db.select().from(users).where(inArray(users.email, DEMO_ACCOUNTS.map((a) => a.email)));
    expect(new Set(accounts.map((a) => a.role))).toEqual(new Set(["admin", "network_coordinator", "regional_coordinator", "adviser"]));
    for (const account of DEMO_ACCOUNTS) {
      expect(await checkLogin(account.email, DEMO_PASSWORD, "127.0.0.9"), account.email).toMatchObject({ ok: true });
    }
  });
});
