import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configDefaults, defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { ranInTheOtherRun } from "./tests/run-once.mjs";

// What a run writes to disk (its embedded database, the embedded tests' own folders:
// tests/helpers/scratch.ts) goes into one folder, removed when the run ends
// (tests/helpers/global-setup.ts): before, each run left some 1 GB in the temporary directory.
const scratch = mkdtempSync(join(tmpdir(), "lotse-vitest-"));
process.env.LOTSE_TEST_SCRATCH = scratch;

// One database per run, empty at the start: PostgreSQL when TEST_DATABASE_URL
// is set, otherwise an embedded PGlite folder of its own.
const databaseEnv: Record<string, string> = process.env.TEST_DATABASE_URL
  ? { DATABASE_URL: process.env.TEST_DATABASE_URL }
  : { PGLITE_DIR: join(scratch, "pglite"), DATABASE_URL: "" };

const include = ["tests/integration/**/*.test.ts", "lib/**/*.test.ts"];
// CI runs the files that do not depend on the driver in one of its two database runs (README, Tests).
const runOnce = ranInTheOtherRun(import.meta.dirname, ["tests/integration", "lib"], ".test.ts");

/**
 * The files share one database, so what one leaves there the next ones read past. The figures
 * engine's recounts read every record and version of the run's database: they run first, while
 * it holds little. The fuzz test leaves tens of thousands of records (every case it accepts),
 * which slowed the figures tests after it several times over: it runs last. The rest keep
 * vitest's own order.
 */
const FIRST = ["tests/integration/figures-ledger.test.ts", "tests/integration/recount.test.ts"];
const LAST = ["tests/integration/fuzz.test.ts"];
class ByWhatTheDatabaseHolds extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const among = (paths: string[], file: TestSpecification) => paths.some((path) => file.moduleId.endsWith(`/${path}`));
    const place = (file: TestSpecification) => (among(FIRST, file) ? 0 : among(LAST, file) ? 2 : 1);
    return (await super.sort(files)).sort((a, b) => place(a) - place(b));
  }
}

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include,
    exclude: [...configDefaults.exclude, ...runOnce],
    env: { ...databaseEnv, LOTSE_DEMO: "0", LOTSE_TEST_SCRATCH: scratch },
    globalSetup: ["tests/helpers/global-setup.ts"],
    setupFiles: ["tests/helpers/setup.ts"],
    // Test files share one database connection (PGlite has a single owner), so they run one after another.
    fileParallelism: false,
    sequence: { sequencer: ByWhatTheDatabaseHolds },
    isolate: false,
    // Logs (login failures, denials) are expected here; show them only for failing tests.
    silent: "passed-only",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
