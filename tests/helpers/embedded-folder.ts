import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

/** Alive and not a zombie: a dead process whose parent is gone may wait for a reaper that never comes. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** Waits (at most `timeoutMs`) until no process holds the embedded database's folder `pgliteDir`: the one its lock file names (db/pglite-folder.mjs). */
export async function embeddedOwnerGone(pgliteDir: string, timeoutMs = 30_000): Promise<void> {
  const lock = join(pgliteDir, "lotse-owner.lock");
  const deadline = Date.now() + timeoutMs;
  while (existsSync(lock) && Date.now() < deadline) {
    let pid: number | undefined;
    try {
      pid = (JSON.parse(readFileSync(lock, "utf8")) as { pid?: number }).pid;
    } catch {
      // Being written or removed just now: look again.
    }
    if (pid !== undefined && !isRunning(pid)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Removes `folder` (holding the embedded database's folder `pgliteDir`) once the database's
 * process has ended. A stopped app's embedded database stops a moment after it, writing as it
 * goes: removed before, the folder came back in part (hundreds of MB left in the temporary
 * directory per run).
 */
export async function removeEmbeddedFolder(folder: string, pgliteDir: string): Promise<void> {
  await embeddedOwnerGone(pgliteDir);
  rmSync(folder, { recursive: true, force: true });
}

/** Removes `root` once every embedded database found in it (by its lock file) has ended. */
export async function removeEmbeddedFolders(root: string): Promise<void> {
  if (!existsSync(root)) return;
  const locks = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((path) => path.endsWith("lotse-owner.lock"));
  for (const lock of locks) await embeddedOwnerGone(dirname(join(root, lock)));
  rmSync(root, { recursive: true, force: true });
}
