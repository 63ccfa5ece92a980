import { removeEmbeddedFolders } from "./embedded-folder";
import { resetPostgres } from "./reset";

export default async function setup() {
  if (process.env.TEST_DATABASE_URL) await resetPostgres(process.env.TEST_DATABASE_URL);
  // The run's scratch folder (vitest.config.mts), once the embedded databases in it have stopped.
  return async () => {
    const scratch = process.env.LOTSE_TEST_SCRATCH;
    if (scratch) await removeEmbeddedFolders(scratch);
  };
}
