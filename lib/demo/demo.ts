import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { actAsOwner } from "@/db/row-security";
import { appSettings, orgUnits, targets, userUnits, users, type Role } from "@/db/schema";
import { rebuildLedger } from "@/lib/figures/rebuild";
import { hashPassword } from "@/lib/auth/password";
import { seedConsentPurposes } from "./consent-purposes";
import { seedOccupations } from "./occupations";
import { seedOrgTree } from "./org";
import { seedRecords2019, type DemoAdviser } from "./records-2019";

export const DEMO_PASSWORD = "lotse-demo-2019";

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  /** Region code of a regional coordinator. */
  region?: string;
  /** Contact points an adviser works at, by name. */
  contactPoints?: string[];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@lotse.example", name: "Alex Admin", role: "admin" },
  { email: "netzwerk@lotse.example", name: "Nora Netzwerk", role: "network_coordinator" },
  { email: "bayern@lotse.example", name: "Bastian Bayer", role: "regional_coordinator", region: "DE-BY" },
  { email: "beratung@lotse.example", name: "Berta Beraterin", role: "adviser", region: "DE-BY" },
  { email: "hamburg@lotse.example", name: "Hanna Hamburg", role: "adviser", region: "DE-HH" },
];

const SEEDED_KEY = "demo_seeded_at";

/** The first contact point of the region's first advice subproject, so each demo adviser works somewhere real. */
async function firstContactPointOf(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], regionCode: string) {
  const [region] = await tx.select().from(orgUnits).where(and(eq(orgUnits.level, "region"), eq(orgUnits.code, regionCode)));
  const points = await tx
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.level, "contact_point"), eq(orgUnits.regionId, region.id)))
    .orderBy(orgUnits.name);
  return { region, contactPoint: points[0] };
}

/** The parts of the seed, in the order they run: what a first start reports while it seeds (lib/startup.ts). */
export const SEED_STEPS = ["org_tree", "accounts", "catalogues", "records", "ledger"] as const;
export type SeedStep = (typeof SEED_STEPS)[number];

/**
 * Seeds the demo network, one account per role, the occupations catalogue, the consent purposes and a logged 2019
 * (clients and records that reproduce the published 2019 figures), once; safe to call on every start.
 * `onStep` hears each part as it begins (a first start takes a minute or more); nothing when the seed is there already.
 */
export async function seedDemo(db: Db, onStep: (step: SeedStep) => void = () => undefined): Promise<boolean> {
  const password = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await actAsOwner(tx);
    // Claim the seed first: a second instance starting at the same time waits here, then finds it done.
    const claimed = await tx
      .insert(appSettings)
      .values({ key: SEEDED_KEY, value: new Date().toISOString() })
      .onConflictDoNothing()
      .returning();
    if (!claimed.length) return false;
    onStep("org_tree");
    await seedOrgTree(tx);
    onStep("accounts");
    const advisers: DemoAdviser[] = [];
    for (const account of DEMO_ACCOUNTS) {
      const place = account.region ? await firstContactPointOf(tx, account.region) : undefined;
      const [user] = await tx
        .insert(users)
        .values({
          email: account.email,
          name: account.name,
          role: account.role,
          regionId: account.role === "regional_coordinator" ? place!.region.id : null,
          passwordHash: password,
        })
        .returning();
      if (account.role === "adviser") {
        await tx.insert(userUnits).values({ userId: user.id, unitId: place!.contactPoint.id });
        advisers.push({ id: user.id, region: account.region! });
      }
    }
    onStep("catalogues");
    const occupationIds = await seedOccupations(tx);
    await seedConsentPurposes(tx);
    // Records need their authors: the demo advisers enter the whole 2019 of the network.
    onStep("records");
    await seedRecords2019(tx, { advisers, occupationIds });
    // The funding round 2019-2022 aimed at more than 200,000 initial advice sessions.
    await tx.insert(targets).values({ key: "initialSessions", fromOn: "2019-01-01", toOn: "2022-12-31", value: 200_000 }).onConflictDoNothing();
    // The seed writes records and their history directly: the figures ledger is replayed from that history.
    onStep("ledger");
    await rebuildLedger(tx);
    return true;
  });
}
