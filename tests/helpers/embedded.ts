import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { isRunning } from "./embedded-folder";
import { scratchFolder } from "./scratch";

export { isRunning };

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return [];
  }
}

/** The embedded database processes serving `dir`, found by their command line (`pglite-server.mjs <dir>`). */
export function embeddedProcessesOf(dir: string): number[] {
  const folder = resolve(dir);
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      const args = commandLine(pid);
      return args.some((arg) => arg.endsWith("pglite-server.mjs")) && args.includes(folder) && isRunning(pid);
    });
}

/** Polls `check` until it holds; fails with `what` once `ms` have passed. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} (waited ${ms} ms)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Ends the processes a test started, whatever state it left them in. */
export function killAll(pids: Iterable<number | undefined>): void {
  for (const pid of pids) {
    if (!pid) continue;
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

export interface StandInApp {
  process: ChildProcess;
  /** Lines the stand-in printed as JSON, in order. */
  next(): Promise<Record<string, unknown>>;
  stderr(): string;
}

/**
 * Starts tests/helpers/embedded-parent.mts: a small node process that owns the embedded
 * database of `dir` the way the app does, so that a test can kill it like the app.
 */
export function startStandInApp(dir: string, mode: "serve" | "long-query" = "serve"): StandInApp {
  const script = join(import.meta.dirname, "embedded-parent.mts");
  const child = spawn(process.execPath, ["--import", "tsx", script, resolve(dir), mode], { stdio: ["ignore", "pipe", "pipe"] });
  let errors = "";
  child.stderr.on("data", (chunk) => (errors += chunk));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    process: child,
    async next() {
      const line = await lines.next();
      if (line.done) throw new Error(`the stand-in app ended (exit ${child.exitCode}): ${errors}`);
      return JSON.parse(line.value) as Record<string, unknown>;
    },
    stderr: () => errors,
  };
}

export interface CuttingProxy {
  /** Pass as pg's `host`: the proxy's socket is `<dir>/.s.PGSQL.5432`. */
  dir: string;
  /** The next connection to send a BEGIN is cut before it reaches the database. */
  cutAtNextBegin(): void;
  close(): Promise<void>;
}

/** A unix-socket proxy in front of a database socket that can cut a connection at a chosen moment. */
export async function cuttingProxy(databaseDir: string): Promise<CuttingProxy> {
  const dir = scratchFolder("proxy");
  let armed = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(join(databaseDir, ".s.PGSQL.5432"));
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    upstream.pipe(client);
    client.on("data", (chunk: Buffer) => {
      if (armed && /begin/i.test(chunk.toString("latin1"))) {
        armed = false;
        upstream.destroy();
        client.destroy();
        return;
      }
      upstream.write(chunk);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(join(dir, ".s.PGSQL.5432"), resolve));
  return {
    dir,
    cutAtNextBegin: () => (armed = true),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
