import { beforeAll } from "vitest";
import { configureDatabase, getDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { consentPurposes } from "@/db/schema";
import { loadGeneratedSecret } from "@/lib/auth/secret";
import { databaseSettings, readEnv } from "@/lib/env";
import { setLogDestination } from "@/lib/log-writer.mjs";
import { TEST_CONSENT_PURPOSE } from "./consent-purpose";

// vitest.config.mts puts the test database into the environment; the app reads it the same way.
configureDatabase(databaseSettings(readEnv()));

// Log lines go through the console, which vitest shows for failing tests only.
setLogDestination({ write: (line) => console.info(line.trimEnd()) });

const state = globalThis as unknown as { __lotseMigrated?: boolean };

// Files share one worker and one connection (isolate: false), so migrating once is enough.
beforeAll(async () => {
  if (!state.__lotseMigrated) {
    await migrateDatabase();
    await loadGeneratedSecret(await getDb());
    state.__lotseMigrated = true;
  }
  // Every file may record a consent; a file may have emptied the database before (demo, reset).
  await (await getDb()).insert(consentPurposes).values(TEST_CONSENT_PURPOSE).onConflictDoNothing();
});
