// Plain JavaScript: both test configurations load it as it is (vitest.config.mts, playwright.config.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A test file whose outcome depends neither on the database driver nor on how the run's server is
 * configured carries one of these comments near its top, and CI runs it once (README, Tests):
 * `// @driver-independent: <why>` in the first database run (PGlite), `// @driver-independent,
 * second run: <why>` in the second (PostgreSQL), so that the two runs side by side take about
 * as long as each other. Without CI's variables every file runs.
 */
const MARK = /^\/\/ @driver-independent\b/m;
const SECOND_RUN_MARK = /^\/\/ @driver-independent, second run\b/m;

/** Set by CI for its first database run: it leaves out the files marked for the second. */
export const firstDatabaseRun = process.env.TEST_FIRST_DATABASE_RUN === "1";
/** Set by CI for its second database run: it leaves out the files marked for the first. */
export const secondDatabaseRun = process.env.TEST_SECOND_DATABASE_RUN === "1";

/** The test files (names ending in `suffix`) under `dirs` that this run leaves out, as paths relative to `root`. */
export function ranInTheOtherRun(root, dirs, suffix) {
  if (!firstDatabaseRun && !secondDatabaseRun) return [];
  return markedFiles(root, dirs, suffix)
    .filter(({ text }) => (firstDatabaseRun ? SECOND_RUN_MARK.test(text) : !SECOND_RUN_MARK.test(text)))
    .map(({ file }) => file);
}

function markedFiles(root, dirs, suffix) {
  return dirs.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(suffix) && !file.split("/").includes("node_modules"))
      .map((file) => ({ file: join(dir, file), text: readFileSync(join(root, dir, file), "utf8") }))
      .filter(({ text }) => MARK.test(text)),
  );
}
