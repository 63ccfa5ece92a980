import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  throw new Error(`No browser found at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
}

const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "tests/e2e",
  // Specs that need a PostgreSQL server of their own (two instances behind nginx; a relay that
  // loses the database) run only in the PostgreSQL run; the one that kills the embedded
  // database's process only in the PGlite run.
  testIgnore: process.env.TEST_DATABASE_URL ? ["**/embedded-recovery.spec.ts"] : ["**/two-instances.spec.ts", "**/database-loss.spec.ts"],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // Starts the built app (scripts/server.mjs) on an empty database of its own (see the script).
    command: `npx tsx tests/e2e/serve.mts ${PORT}`,
    url: `http://localhost:${PORT}/api/health`,
    // A first start on PGlite seeds the demo and builds the figures ledger: minutes on a loaded machine.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
