/**
 * The imports running in this process, for the page to show while one runs and to whoever
 * comes back to it: an import is one transaction, whose rows no other request can see until it
 * ends, so its progress is kept here, beside it, and dropped when it ends (the `imports` table
 * then has its outcome; a refused or failed import leaves nothing, as its transaction).
 * One process's imports only: behind several instances, the instance that runs it knows.
 */
export interface ImportProgress {
  id: string;
  actorId: string;
  unitId: string;
  fileName: string;
  startedAt: Date;
  phase: "checking" | "writing";
  /** Rows of the file read and checked so far. */
  checked: number;
  /** Rows written so far, of `toWrite`. */
  written: number;
  toWrite: number;
}

const state = globalThis as unknown as { __lotseImports?: Map<string, ImportProgress> };
const running = (state.__lotseImports ??= new Map());

export function startProgress(entry: Omit<ImportProgress, "startedAt" | "phase" | "checked" | "written" | "toWrite">): ImportProgress {
  const progress: ImportProgress = { ...entry, startedAt: new Date(), phase: "checking", checked: 0, written: 0, toWrite: 0 };
  running.set(entry.id, progress);
  return progress;
}

export function endProgress(id: string): void {
  running.delete(id);
}

/** A user's imports still running, newest first. */
export function runningImports(actorId: string): ImportProgress[] {
  return [...running.values()].filter((p) => p.actorId === actorId).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
}
