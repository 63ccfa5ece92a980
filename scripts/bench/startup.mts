/**
 * The embedded default's first and later starts (docs/quality.md P7): the production entry
 * (scripts/server.mjs) started as `npm start` starts it without DATABASE_URL, on an empty PGlite
 * folder of its own. The first start migrates, seeds the 2019 demo network and builds the figures
 * ledger before it answers; the second, on the same folder, finds all of it there. Each is timed
 * from starting the process to the first 200 of /api/health; the first start's parts come from
 * the times of its log lines (each part of the seed is logged as it begins: demo.seeding). In between, with the server stopped,
 * the bench opens the folder itself and counts what the seed wrote.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { closeConnection, openConnection } from "@/db/client";
import { seeAllClients } from "@/db/row-security";
import { SEED_STEPS } from "@/lib/demo/demo";
import { embeddedOwnerGone, removeEmbeddedFolder } from "../../tests/helpers/embedded-folder";
import { startServer } from "./server.mjs";

/** The marks (docs/quality.md P7), in seconds. */
export const STARTUP_TARGETS = { firstStart: 60, laterStart: 10 } as const;

export interface StartupResult {
  at: string;
  loadAverage: { before: number[]; after: number[] };
  /** Seconds from starting the process to /api/health answering 200. */
  firstStart: number;
  laterStart: number;
  /** The first start's parts, in seconds, from its log: up to the seed (Next.js, migrations), each part of the seed (demo.seeding), the rest. */
  firstStartParts: { name: string; seconds: number }[];
  seeded: { records: number; clients: number; orgUnits: number };
  verdict: { firstStart: boolean; laterStart: boolean; pass: boolean };
}

/** The first start's parts from the times of its log lines: what `demo.seeding` reports, between the start and the seed's end (demo.accounts). */
function partsOf(logFile: string, startedAt: number): { name: string; seconds: number }[] {
  const events = readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { event?: string; step?: string; time: string });
  const at = (e: { time: string }) => Date.parse(e.time);
  const steps = events.filter((e) => e.event === "demo.seeding");
  const seeded = events.find((e) => e.event === "demo.accounts");
  const prepared = events.find((e) => e.event === "app.prepared");
  const reported = steps.map((e) => e.step).join();
  if (!seeded || !prepared || reported !== SEED_STEPS.join()) throw new Error(`the first start's log (${logFile}) does not report the seed's parts ${SEED_STEPS.join(", ")} (it reports: ${reported || "none"})`);
  const marks = [startedAt, ...steps.map(at), at(seeded), at(prepared)];
  const names = ["start and migrations", ...steps.map((e) => `seed: ${e.step!.replace("_", " ")}`), "figures ledger check, secret, pseudonyms"];
  return names.map((name, i) => ({ name, seconds: (marks[i + 1] - marks[i]) / 1000 }));
}

async function timedStart(name: string, pgliteDir: string) {
  const startedAt = Date.now();
  const started = performance.now();
  // LOTSE_DEMO unset: the embedded default's own choice (demo mode), as `npm start` makes it.
  const server = await startServer(name, { DATABASE_URL: "", PGLITE_DIR: pgliteDir, LOTSE_DEMO: "" }, 300_000);
  const seconds = (performance.now() - started) / 1000;
  await server.stop();
  await embeddedOwnerGone(pgliteDir);
  return { seconds, logFile: server.logFile, startedAt };
}

async function countSeeded(pgliteDir: string): Promise<StartupResult["seeded"]> {
  const connection = await openConnection({ kind: "pglite", dir: pgliteDir });
  try {
    return await connection.db.transaction(async (tx) => {
      // Row security shows the app's role no client without it.
      await seeAllClients(tx);
      const { rows } = await tx.execute(
        sql`select (select count(*) from records)::int as records, (select count(*) from clients)::int as clients, (select count(*) from org_units)::int as "orgUnits"`,
      );
      return rows[0] as StartupResult["seeded"];
    });
  } finally {
    await closeConnection(connection);
    await embeddedOwnerGone(pgliteDir);
  }
}

export async function measureStartup(options: { log: (line: string) => void }): Promise<StartupResult> {
  const { log } = options;
  const folder = mkdtempSync(join(tmpdir(), "lotse-bench-startup-"));
  const pgliteDir = join(folder, "pglite");
  const before = loadavg();
  try {
    log(`first start on an empty folder (${pgliteDir}): migrations, the demo network, the figures ledger …`);
    const first = await timedStart("startup-first", pgliteDir);
    log(`answered after ${first.seconds.toFixed(1)} s (log: ${first.logFile})`);
    const firstStartParts = partsOf(first.logFile, first.startedAt);
    const seeded = await countSeeded(pgliteDir);
    log(`the folder holds ${seeded.records.toLocaleString("en")} records, ${seeded.clients.toLocaleString("en")} clients, ${seeded.orgUnits} org units`);
    const later = await timedStart("startup-later", pgliteDir);
    log(`a later start answered after ${later.seconds.toFixed(1)} s (log: ${later.logFile})`);
    const verdict = { firstStart: first.seconds <= STARTUP_TARGETS.firstStart, laterStart: later.seconds <= STARTUP_TARGETS.laterStart };
    return {
      at: new Date().toISOString(),
      loadAverage: { before, after: loadavg() },
      firstStart: first.seconds,
      laterStart: later.seconds,
      firstStartParts,
      seeded,
      verdict: { ...verdict, pass: verdict.firstStart && verdict.laterStart },
    };
  } finally {
    await removeEmbeddedFolder(folder, pgliteDir);
  }
}

export function startupTable(r: StartupResult): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const verdict = (met: boolean) => (met ? "met" : "MISSED");
  return [
    line(["start", "seconds", "target", "time"]),
    line(["---", "---", "---", "---"]),
    line(["first, on an empty folder (migrations, demo seed, figures ledger)", r.firstStart.toFixed(1), `≤ ${STARTUP_TARGETS.firstStart}`, verdict(r.verdict.firstStart)]),
    ...r.firstStartParts.map((p) => line([`of which: ${p.name}`, p.seconds.toFixed(1), "", ""])),
    line(["later, on the seeded folder", r.laterStart.toFixed(1), `≤ ${STARTUP_TARGETS.laterStart}`, verdict(r.verdict.laterStart)]),
    "",
    `(seeded: ${r.seeded.records.toLocaleString("en")} records, ${r.seeded.clients.toLocaleString("en")} clients, ${r.seeded.orgUnits} org units; ` +
      `load average of the machine, 1 min: ${r.loadAverage.before[0].toFixed(1)} before, ${r.loadAverage.after[0].toFixed(1)} after)`,
  ].join("\n");
}
