import { beforeAll } from "vitest";
import { migrateDatabase } from "@/db/migrate";

const state = globalThis as unknown as { __lotseMigrated?: boolean };

// Files share one worker and one connection (isolate: false), so migrating once is enough.
beforeAll(async () => {
  if (!state.__lotseMigrated) {
    await migrateDatabase();
    state.__lotseMigrated = true;
  }
});
