import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { databaseKind, getDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { appSettings } from "@/db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@/db/seed/demo";
import { readEnv } from "@/lib/env";
import { runRetention } from "@/lib/clients/retention";
import { ensureLedger } from "@/lib/figures/rebuild";
import { log } from "@/lib/log";
import { logDatabaseEvents } from "@/lib/log-database";

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
  logDatabaseEvents();
  await migrateDatabase();
  if (env.demo) {
    const seeded = await seedDemo(await getDb());
    printDemoAccounts(seeded);
  }
  if (await ensureLedger(await getDb())) log.info("app.ledger_rebuilt");
  await ensureSecret();
  scheduleRetention();
  process.env.NEXTAUTH_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;
  log.info("app.prepared", { database: databaseKind(), demo: env.demo });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Personal data past its retention period is erased at start-up and then once a day. */
function scheduleRetention(): void {
  const run = async () => {
    try {
      const { erased, before } = await runRetention(await getDb());
      log.info("retention.ran", { erasedClients: erased, noContactSince: before });
    } catch (error) {
      log.error("retention.failed", { error });
    }
  };
  void run();
  setInterval(run, DAY_MS).unref();
}

function printDemoAccounts(justSeeded: boolean): void {
  log.info("demo.accounts", {
    seeded: justSeeded,
    password: DEMO_PASSWORD,
    accounts: DEMO_ACCOUNTS.map((a) => ({ role: a.role, email: a.email })),
  });
}

/** If start-up fails, stop loudly: a thrown register() would leave Next printing "Ready" and answering 500. */
export async function prepareAppOrExit(): Promise<void> {
  try {
    await prepareApp();
  } catch (error) {
    log.error("app.start_failed", { reason: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}
