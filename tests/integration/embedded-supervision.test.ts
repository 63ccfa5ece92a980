// @driver-independent, second run: embedded folders of its own, whatever the run's database (README, Tests: run once).
import { once } from "node:events";
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";
import { drizzle } from "drizzle-orm/node-postgres";
import { closeConnection, connectEmbedded } from "@/db/client";
import { startEmbeddedServer, stopEmbeddedServer } from "@/db/embedded";
import { DiscardingPool } from "@/db/pool";
import { databaseEvents, type DatabaseEvents } from "@/db/events";
import { cuttingProxy, embeddedProcessesOf, isRunning, killAll, startStandInApp, waitFor } from "@/tests/helpers/embedded";
import { scratchFolder } from "../helpers/scratch";

function heard<E extends keyof DatabaseEvents>(event: E): DatabaseEvents[E][0][] {
  const seen: DatabaseEvents[E][0][] = [];
  const listener = ((info: DatabaseEvents[E][0]) => seen.push(info)) as never;
  databaseEvents.on(event, listener);
  onTestFinished(() => void databaseEvents.off(event, listener));
  return seen;
}

describe("the embedded database process killed (quality target R9, docs/quality.md)", () => {
  it("is started again: the same pool answers within 10 s and every acknowledged write is kept", { timeout: 180_000 }, async () => {
    const connection = await connectEmbedded(scratchFolder("restart"));
    onTestFinished(() => closeConnection(connection));
    const exits = heard("embedded-exit");
    const restarts = heard("embedded-restarted");
    await connection.pool.query("create table writes (n int primary key)");

    // Writes one after another, each in a transaction as the app's operations do.
    const acknowledged: number[] = [];
    let failed = 0;
    let writing = true;
    const writer = (async () => {
      for (let n = 1; writing; n++) {
        try {
          await connection.db.transaction(async (tx) => {
            await tx.execute(sql`insert into writes values (${n})`);
          });
          acknowledged.push(n);
        } catch {
          failed++;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    })();
    await waitFor(() => acknowledged.length >= 30, 60_000, "30 writes before the kill");

    const killed = connection.embedded!.child.pid!;
    process.kill(killed, "SIGKILL");
    await waitFor(() => connection.pool.query("select 1").then(() => true, () => false), 10_000, "a query answered after the kill");

    const afterRestart = acknowledged.length;
    await waitFor(() => acknowledged.length >= afterRestart + 30, 60_000, "30 writes after the restart");
    writing = false;
    await writer;

    const { rows } = await connection.pool.query<{ n: number }>("select n from writes");
    const stored = new Set(rows.map((row) => row.n));
    expect(acknowledged.filter((n) => !stored.has(n))).toEqual([]);
    // The kill did land in the middle of the writes.
    expect(failed).toBeGreaterThan(0);
    expect(exits).toEqual([{ code: null, signal: "SIGKILL" }]);
    expect(restarts).toEqual([{ pid: connection.embedded!.child.pid }]);
    expect(connection.embedded!.child.pid).not.toBe(killed);
    expect(isRunning(killed)).toBe(false);
  });

  // PGlite has no checkpointer: without the app's checkpoints a restart replays every write since it opened.
  it("is checkpointed as it is written, so that a restart has little to replay", { timeout: 120_000 }, async () => {
    const connection = await connectEmbedded(scratchFolder("checkpoint"));
    onTestFinished(() => closeConnection(connection));
    const sinceCheckpoint = async () =>
      Number((await connection.pool.query("select pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::float8 as n from pg_control_checkpoint()")).rows[0].n);
    await connection.pool.query("create table filler (payload text)");
    const start = Number((await connection.pool.query("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 as n")).rows[0].n);
    // Rows of 1,000 bytes stay uncompressed: about 40 MB of write-ahead log in four transactions.
    for (let i = 0; i < 4; i++) await connection.pool.query("insert into filler select repeat('x', 1000) from generate_series(1, 10000)");
    const written = Number((await connection.pool.query("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 as n")).rows[0].n) - start;
    expect(written).toBeGreaterThan(32 * 2 ** 20);
    await waitFor(async () => (await sinceCheckpoint()) < 16 * 2 ** 20, 30_000, "a checkpoint after 40 MB of writes");
  });

  it("stops the app with a clear message when it cannot be started again", { timeout: 180_000 }, async () => {
    const base = scratchFolder("give-up");
    const dir = join(base, "pglite");
    const app = startStandInApp(dir);
    onTestFinished(() => killAll([app.process.pid, ...embeddedProcessesOf(dir)]));
    const { pid } = await app.next();
    // The folder disappears under the running database, so every new start is refused.
    renameSync(dir, join(base, "moved"));
    writeFileSync(dir, "not a folder");
    const ended = once(app.process, "exit");
    process.kill(pid as number, "SIGKILL");
    const [code] = await ended;
    expect(code).toBe(1);
    expect(app.stderr()).toMatch(/could not be started again \(5 attempts\): The embedded database folder .* \(PGLITE_DIR\) cannot be used/);
  });
});

describe("the pool over a connection that dies", () => {
  it("gets its connection back when it dies at a transaction's BEGIN (drizzle-orm leaves that client checked out)", { timeout: 120_000 }, async () => {
    const server = await startEmbeddedServer(scratchFolder("begin"));
    onTestFinished(() => stopEmbeddedServer(server));
    const proxy = await cuttingProxy(server.socketDir);
    onTestFinished(() => proxy.close());
    const pool = new DiscardingPool({ host: proxy.dir, port: 5432, user: "postgres", database: "postgres", max: 1, connectionTimeoutMillis: 2000 });
    onTestFinished(() => pool.end());
    const db = drizzle(pool);

    proxy.cutAtNextBegin();
    await expect(db.transaction((tx) => tx.execute(sql`select 1`))).rejects.toThrow();
    // With the client still checked out, every later request would wait for the pool's only connection.
    const answers = () => db.execute(sql`select 41 + 1 as n`).then(({ rows }) => rows[0].n === 42, () => false);
    await waitFor(answers, 10_000, "a query on the pool after the cut");
  });
});

describe("the embedded database process ends with its parent", () => {
  it("when the parent is killed during the database's start-up", { timeout: 120_000 }, async () => {
    const dir = scratchFolder("orphan-start");
    const app = startStandInApp(dir);
    onTestFinished(() => killAll([app.process.pid, ...embeddedProcessesOf(dir)]));
    let child: number | undefined;
    await waitFor(() => ([child] = embeddedProcessesOf(dir)).length > 0, 60_000, "the database process started");
    app.process.kill("SIGKILL");
    await waitFor(() => !isRunning(child!), 60_000, "the database process ended after its parent");
  });

  it("when the parent is killed while the database serves", { timeout: 120_000 }, async () => {
    const dir = scratchFolder("orphan");
    const app = startStandInApp(dir);
    onTestFinished(() => killAll([app.process.pid, ...embeddedProcessesOf(dir)]));
    const { pid } = await app.next();
    app.process.kill("SIGKILL");
    await waitFor(() => !isRunning(pid as number), 10_000, "the database process ended after its parent");
  });

  it("when the parent is killed while the database runs a long query", { timeout: 120_000 }, async () => {
    const dir = scratchFolder("orphan-busy");
    const app = startStandInApp(dir, "long-query");
    onTestFinished(() => killAll([app.process.pid, ...embeddedProcessesOf(dir)]));
    const { pid } = await app.next();
    await app.next();
    app.process.kill("SIGKILL");
    await waitFor(() => !isRunning(pid as number), 15_000, "the database process ended after its parent");
  });
});
