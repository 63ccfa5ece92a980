import { configureDatabase, databaseKind, getDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@/db/seed/demo";
import { databaseSettings, env as readConfiguration } from "@/lib/env";
import { loadGeneratedSecret } from "@/lib/auth/secret";
import { runRetention } from "@/lib/clients/retention";
import { ensureLedger } from "@/lib/figures/rebuild";
import { runHousekeeping, type HousekeepingRun } from "@/lib/housekeeping";

/** Everything the app needs before it answers: configuration, schema, demo data, secret. */
export async function prepareApp(): Promise<void> {
  const env = readConfiguration();
  configureDatabase(databaseSettings(env));
  await migrateDatabase();
  if (env.demo) {
    const seeded = await seedDemo(await getDb());
    printDemoAccounts(seeded);
  }
  if (await ensureLedger(await getDb())) console.info("[lotse] rebuilt the figures ledger from the history");
  await loadGeneratedSecret(await getDb());
  scheduleRetention();
  scheduleHousekeeping(env.auditRetentionYears);
  // next-auth reads its own address from the environment, so it is the one value written back.
  process.env.NEXTAUTH_URL ??= env.publicUrl;
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

/** Throttling rows, idempotency keys, sessions, refusal counts and old audit entries: at start-up, then daily. */
function scheduleHousekeeping(auditRetentionYears: number): void {
  const run = async () => {
    try {
      const done = await runHousekeeping(await getDb(), auditRetentionYears);
      console.info(`[lotse] housekeeping: ${done ? describeHousekeeping(done) : "skipped, another instance is running it"}`);
    } catch (error) {
      console.error(`[lotse] housekeeping run failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  void run();
  setInterval(run, DAY_MS).unref();
}

function describeHousekeeping({ deleted, auditBefore }: HousekeepingRun): string {
  return (
    `removed login failures ${deleted.loginFailures}, idempotency keys ${deleted.idempotencyKeys}, sessions ${deleted.userSessions}, ` +
    `refusal counts ${deleted.refusalCounts}, audit entries older than ${auditBefore.slice(0, 10)} ${deleted.auditLog}`
  );
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
