import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// One database per run, empty at the start: PostgreSQL when TEST_DATABASE_URL
// is set, otherwise an embedded PGlite folder of its own.
const databaseEnv: Record<string, string> = process.env.TEST_DATABASE_URL
  ? { DATABASE_URL: process.env.TEST_DATABASE_URL }
  : { PGLITE_DIR: mkdtempSync(join(tmpdir(), "lotse-vitest-")), DATABASE_URL: "" };

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["tests/integration/**/*.test.ts", "lib/**/*.test.ts"],
    env: { ...databaseEnv, LOTSE_DEMO: "0" },
    globalSetup: ["tests/helpers/global-setup.ts"],
    setupFiles: ["tests/helpers/setup.ts"],
    // Test files share one database connection (PGlite has a single owner), so they run one after another.
    fileParallelism: false,
    isolate: false,
    // Logs (login failures, denials) are expected here; show them only for failing tests.
    silent: "passed-only",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
