import { beforeAll } from "vitest";
import { migrateDatabase } from "@/db/migrate";
import { setLogDestination } from "@/lib/log-writer.mjs";

// Log lines go through the console, which vitest shows for failing tests only.
setLogDestination({ write: (line) => console.info(line.trimEnd()) });

const state = globalThis as unknown as { __lotseMigrated?: boolean };

// Files share one worker and one connection (isolate: false), so migrating once is enough.
beforeAll(async () => {
  if (!state.__lotseMigrated) {
    await migrateDatabase();
    state.__lotseMigrated = true;
  }
});
