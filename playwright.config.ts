import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { ranInTheOtherRun } from "./tests/run-once.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  throw new Error(`No browser found at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
}

const PORT = Number(process.env.E2E_PORT ?? 3100);

// Specs that need a PostgreSQL server of their own (two instances behind nginx; a relay that
// loses the database) run only in the PostgreSQL run; the ones that kill or stop the embedded
// database's process only in the PGlite run. CI runs the specs that do not depend on the driver
// in one of its two database runs (README, Tests).
const onOneDatabaseOnly = process.env.TEST_DATABASE_URL ? ["**/embedded-recovery.spec.ts", "**/embedded-stop.spec.ts"] : ["**/two-instances.spec.ts", "**/database-loss.spec.ts"];
const ranInOtherRun = ranInTheOtherRun(__dirname, ["tests/e2e"], ".spec.ts").map((file) => `**/${file}`);
const browser = { ...devices["Desktop Chrome"], channel: undefined };

export default defineConfig({
  testDir: "tests/e2e",
  // One folder per server port: a run cleans its folder at the start, and CI runs two side by side.
  outputDir: `test-results/${PORT}`,
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
  projects: [
    // Each demo account signs in through the form once; the specs reuse the sessions (tests/e2e/fixtures.ts).
    { name: "sessions", testMatch: /sessions\.setup\.ts$/, use: browser },
    { name: "chromium", dependencies: ["sessions"], testIgnore: [...onOneDatabaseOnly, ...ranInOtherRun], use: browser },
  ],
  webServer: {
    // Starts the built app (scripts/server.mjs) on an empty database of its own (see the script).
    command: `npx tsx tests/e2e/serve.mts ${PORT}`,
    url: `http://localhost:${PORT}/api/health`,
    // A first start on PGlite seeds the demo and builds the figures ledger: minutes on a loaded machine.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // serve.mts removes its copy of the demo database once the server has stopped.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
