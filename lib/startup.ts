import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { checkpointEmbedded, databaseKind, getDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { appSettings } from "@/db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@/db/seed/demo";
import { readEnv } from "@/lib/env";
import { runRetention } from "@/lib/clients/retention";
import { ensureLedger } from "@/lib/figures/rebuild";

/**
 * Outside production a secret is generated once and kept in the database, so
 * that a newcomer writes no .env and sessions survive a restart.
 */
async function ensureSecret(): Promise<void> {
  if (process.env.NEXTAUTH_SECRET) return;
  const db = await getDb();
  await db.insert(appSettings).values({ key: "nextauth_secret", value: randomBytes(48).toString("base64") }).onConflictDoNothing();
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, "nextauth_secret"));
  process.env.NEXTAUTH_SECRET = row.value;
}

/** Everything the app needs before it answers: configuration, schema, demo data, secret. */
export async function prepareApp(): Promise<void> {
  const env = readEnv();
  await migrateDatabase();
  if (env.demo) {
    const seeded = await seedDemo(await getDb());
    printDemoAccounts(seeded);
  }
  if (await ensureLedger(await getDb())) console.info("[lotse] rebuilt the figures ledger from the history");
  await ensureSecret();
  await checkpointEmbedded();
  scheduleRetention();
  process.env.NEXTAUTH_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;
  console.info(`[lotse] database: ${databaseKind()}${env.demo ? " (demo mode)" : ""}`);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Personal data past its retention period is erased at start-up and then once a day. */
function scheduleRetention(): void {
  const run = async () => {
    try {
      const { erased, before } = await runRetention(await getDb());
      console.info(`[lotse] retention: erased the personal data of ${erased} client(s) without contact since ${before}`);
    } catch (error) {
      console.error(`[lotse] retention run failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  void run();
  setInterval(run, DAY_MS).unref();
}

function printDemoAccounts(justSeeded: boolean): void {
  const lines = DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(22)} ${a.email}`);
  console.info(
    `[lotse] demo mode${justSeeded ? ": seeded the 2019 demo network" : ""}. Demo accounts (password "${DEMO_PASSWORD}"):\n${lines.join("\n")}`,
  );
}

/** If start-up fails, stop loudly: a thrown register() would leave Next printing "Ready" and answering 500. */
export async function prepareAppOrExit(): Promise<void> {
  try {
    await prepareApp();
  } catch (error) {
    console.error(`[lotse] start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
