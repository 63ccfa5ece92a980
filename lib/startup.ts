import { checkpointEmbedded, configureDatabase, databaseKind, getDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@/lib/demo/demo";
import { databaseSettings, publishAuthUrl, env as readConfiguration } from "@/lib/env";
import { loadGeneratedSecret } from "@/lib/auth/secret";
import { refreshPseudonyms } from "@/lib/clients/pseudonym-refresh";
import { runRetention } from "@/lib/clients/retention";
import { ensureLedger } from "@/lib/figures/rebuild";
import { runHousekeeping } from "@/lib/housekeeping";
import { log } from "@/lib/log";
import { logDatabaseEvents } from "@/lib/log-database";

/** Everything the app needs before it answers: configuration, schema, demo data, secret. */
export async function prepareApp(): Promise<void> {
  const env = readConfiguration();
  logDatabaseEvents();
  configureDatabase(databaseSettings(env));
  await migrateDatabase();
  if (env.demo) {
    // A first start seeds for a minute or more before it answers: each part is logged as it begins.
    const seeded = await seedDemo(await getDb(), (step) => log.info("demo.seeding", { step }));
    printDemoAccounts(seeded);
  }
  if (await ensureLedger(await getDb())) log.info("app.ledger_rebuilt");
  await loadGeneratedSecret(await getDb());
  const pseudonyms = await refreshPseudonyms(await getDb());
  if (pseudonyms.rekeyed || pseudonyms.stored) log.info("app.pseudonyms_stored", { ...pseudonyms });
  await checkpointEmbedded();
  scheduleRetention();
  scheduleHousekeeping(env.auditRetentionYears);
  publishAuthUrl(env);
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
  // Fire and forget: run() logs its own failure and never rejects.
  void run();
  setInterval(() => void run(), DAY_MS).unref();
}

/** Throttling rows, idempotency keys, sessions, refusal counts, old audit entries and erased data left on disk: at start-up, then daily. */
function scheduleHousekeeping(auditRetentionYears: number): void {
  const run = async () => {
    try {
      const done = await runHousekeeping(await getDb(), auditRetentionYears);
      if (!done) {
        log.info("housekeeping.skipped", { reason: "another instance is running it" });
        return;
      }
      log.info("housekeeping.ran", { removed: done.deleted, auditBefore: done.auditBefore, purge: done.purge });
      if (done.purge?.waiting) log.warn("housekeeping.purge_waiting", { erasures: done.purge.waiting, reason: "a transaction older than these erasures was still running" });
      // The erased data has left the tables' files either way; the server's own next checkpoint writes the rest.
      if (done.purge?.checkpoint === "refused") log.warn("housekeeping.checkpoint_refused", { hint: "GRANT pg_checkpoint TO the login role of DATABASE_URL" });
    } catch (error) {
      log.error("housekeeping.failed", { error });
    }
  };
  // Fire and forget: run() logs its own failure and never rejects.
  void run();
  setInterval(() => void run(), DAY_MS).unref();
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
