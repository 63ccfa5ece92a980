import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A new folder for a test's own files (an embedded database of its own, a proxy's socket): under
 * the run's scratch folder, which vitest.config.mts makes and tests/helpers/global-setup.ts
 * removes when the run ends, or in the temporary directory outside a vitest run.
 */
export function scratchFolder(name: string): string {
  return mkdtempSync(join(process.env.LOTSE_TEST_SCRATCH ?? tmpdir(), `${name}-`));
}
