// Plain JavaScript: both test configurations load it as it is (vitest.config.mts, playwright.config.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A test file whose outcome depends neither on the database driver nor on how the run's server is
 * configured carries this comment near its top; CI's second database run leaves it out (README, Tests).
 */
const MARK = /^\/\/ @driver-independent\b/m;

/** Set by CI for its second database run: the marked files already ran in the first. */
export const secondDatabaseRun = process.env.TEST_SECOND_DATABASE_RUN === "1";

/** The marked test files (names ending in `suffix`) under `dirs`, as paths relative to `root`. */
export function driverIndependentFiles(root, dirs, suffix) {
  return dirs.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(suffix) && !file.split("/").includes("node_modules"))
      .map((file) => join(dir, file))
      .filter((file) => MARK.test(readFileSync(join(root, file), "utf8"))),
  );
}
