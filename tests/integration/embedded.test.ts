// @driver-independent: embedded folders of its own, whatever the run's database (README, Tests: run once).
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it, onTestFinished } from "vitest";
import { startEmbeddedServer, stopEmbeddedServer } from "@/db/embedded";
import { embeddedProcessesOf, killAll } from "@/tests/helpers/embedded";
import { scratchFolder } from "../helpers/scratch";

describe("embedded database folder", () => {
  // Starts PGlite three times (a fresh folder, then a restart): slow on a loaded machine.
  it("has exactly one owner: a second opener gets a clear error and the first keeps working", { timeout: 120_000 }, async () => {
    const dir = scratchFolder("owner");
    const first = await startEmbeddedServer(dir);
    try {
      await expect(startEmbeddedServer(dir)).rejects.toThrow(/already in use by process \d+/);
      const client = new pg.Client({ host: first.socketDir, port: 5432, user: "postgres", database: "postgres" });
      await client.connect();
      expect((await client.query("select 41 + 1 as n")).rows[0].n).toBe(42);
      await client.end();
    } finally {
      await stopEmbeddedServer(first);
    }
    // Once the owner has stopped, the folder can be opened again with its data intact.
    const again = await startEmbeddedServer(dir);
    await stopEmbeddedServer(again);
  });

  it("serves a connection opened while the previous one is still closing", { timeout: 120_000 }, async () => {
    const server = await startEmbeddedServer(scratchFolder("overlap"));
    onTestFinished(() => stopEmbeddedServer(server));
    const failures: string[] = [];
    for (let i = 0; i < 20; i++) {
      const client = new pg.Client({ host: server.socketDir, port: 5432, user: "postgres", database: "postgres" });
      client.on("error", () => undefined);
      try {
        await client.connect();
        await client.query("select 1");
      } catch (error) {
        failures.push(`connection ${i}: ${(error as Error).message}`);
      }
      // Not awaited: the next connection opens while this one closes, as the pool's next one does.
      void client.end().catch(() => undefined);
    }
    expect(failures).toEqual([]);
  });

  it("takes over a lock whose pid now belongs to a process that is no embedded database", { timeout: 120_000 }, async () => {
    const dir = scratchFolder("stale");
    const lock = join(dir, "lotse-owner.lock");
    const unrelated = spawn("sleep", ["120"], { stdio: "ignore" });
    onTestFinished(() => killAll([unrelated.pid]));

    // The lock format of earlier versions: a bare pid, here of a live `sleep`.
    writeFileSync(lock, String(unrelated.pid));
    await stopEmbeddedServer(await startEmbeddedServer(dir));

    // The current format, naming this live test runner.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, started: "1", token: "0123456789abcdef" }));
    await stopEmbeddedServer(await startEmbeddedServer(dir));
  });

  // A tool (the demo seed of tests/e2e/serve.mts, a script) whose only work left is the stop:
  // the stop must keep it alive until the database process has gone, then let it go on.
  it("lets a process with nothing else to do go on after stopping the database", { timeout: 120_000 }, async () => {
    const dir = scratchFolder("stop");
    const script = join(dir, "stop.mts");
    writeFileSync(script, `import { startEmbeddedServer, stopEmbeddedServer } from ${JSON.stringify(join(process.cwd(), "db", "embedded.ts"))};
await stopEmbeddedServer(await startEmbeddedServer(${JSON.stringify(join(dir, "pglite"))}));
console.log("stopped");
`);
    const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
    onTestFinished(() => killAll([child.pid, ...embeddedProcessesOf(dir)]));
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once("exit", done));
    expect({ code, output: output.trim() }).toEqual({ code: 0, output: "stopped" });
    expect(embeddedProcessesOf(dir)).toEqual([]);
  });

  // Each refusal comes from a freshly started process that checks the folder before PGlite opens it.
  it("refuses a folder that cannot hold the database, naming PGLITE_DIR and the reason, and leaves no process", { timeout: 30_000 }, async () => {
    const base = scratchFolder("unusable");
    const file = join(base, "a-file");
    writeFileSync(file, "not a folder");
    const cases: [string, RegExp][] = [
      [`/proc/lotse-${process.pid}`, /\/proc is on the proc file system/],
      [file, /is a file, not a folder/],
      [join(file, "pglite"), /a part of the path is a file, not a folder/],
    ];
    onTestFinished(() => killAll(cases.flatMap(([dir]) => embeddedProcessesOf(dir))));
    for (const [dir, reason] of cases) {
      const refusal = await startEmbeddedServer(dir).then(
        () => new Error("started"),
        (error: Error) => error,
      );
      expect(refusal.message).toContain(`The embedded database folder ${dir} (PGLITE_DIR) cannot be used`);
      expect(refusal.message).toMatch(reason);
      expect(embeddedProcessesOf(dir)).toEqual([]);
    }
  });
});
