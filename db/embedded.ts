import { fork, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { databaseEvents } from "./events";

export interface EmbeddedServer {
  /** Holds the database's socket; a restarted process serves the same path. */
  readonly socketDir: string;
  /** The process serving now: a new one after a restart. */
  readonly child: ChildProcess;
}

interface Supervised extends EmbeddedServer {
  child: ChildProcess;
  stopping: boolean;
  restarting?: Promise<void>;
}

type ChildMessage = { type: "ready"; socketDir: string } | { type: "error"; message: string };

// Waits before each start after the process died: at once, then backing off. When the last
// one fails too, the app exits so that whatever supervises it starts it afresh.
const RESTART_DELAYS_MS = [0, 500, 1000, 2000, 4000];

/** Starts one database process on `dir`; resolves once it serves, rejects with its own message. */
function startProcess(dir: string): Promise<ChildProcess> {
  const script = join(process.cwd(), "db", "pglite-server.mjs");
  // The bundler must not try to bundle the child's script: it runs as its own node process.
  const child = fork(/* turbopackIgnore: true */ script, [dir, String(process.pid)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    // Test runners and tsx inject loaders through execArgv; the child needs none.
    execArgv: [],
  });
  return new Promise((resolvePromise, reject) => {
    let refusal: string | undefined;
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(refusal ?? `The embedded database process stopped during start-up (${signal ?? `exit code ${code}`}).`));
    child.once("error", reject);
    child.once("exit", onExit);
    child.once("message", (message: ChildMessage) => {
      if (message.type === "error") {
        // Settled when the process has gone, so that a refused start leaves nothing running.
        refusal = message.message;
        return;
      }
      child.off("exit", onExit);
      // Let the owning process exit on its own; the child follows when its parent goes.
      child.unref();
      child.channel?.unref();
      resolvePromise(child);
    });
  });
}

/**
 * Starts the embedded PostgreSQL (PGlite) in its own process, owning `dataDir`, and keeps
 * it running: a process that ends without being stopped is reported (`embedded-exit`) and
 * replaced (`embedded-restarted`). Rejects with the child's own message when the folder is
 * unusable or taken by another process.
 */
export async function startEmbeddedServer(dataDir: string): Promise<EmbeddedServer> {
  const dir = resolve(dataDir);
  const server: Supervised = { socketDir: dir, child: await startProcess(dir), stopping: false };
  supervise(server);
  return server;
}

function supervise(server: Supervised): void {
  server.child.once("exit", (code, signal) => {
    if (server.stopping) return;
    databaseEvents.emit("embedded-exit", { code, signal });
    server.restarting = restart(server).finally(() => (server.restarting = undefined));
  });
}

async function restart(server: Supervised): Promise<void> {
  let failure: unknown;
  for (const delay of RESTART_DELAYS_MS) {
    if (delay) await sleep(delay, undefined, { ref: false });
    if (server.stopping) return;
    try {
      const child = await startProcess(server.socketDir);
      if (server.stopping) return stopProcess(child);
      server.child = child;
      supervise(server);
      databaseEvents.emit("embedded-restarted", { pid: child.pid });
      return;
    } catch (error) {
      failure = error;
    }
  }
  const reason = failure instanceof Error ? failure.message : String(failure);
  const info = { attempts: RESTART_DELAYS_MS.length, reason };
  if (databaseEvents.listenerCount("embedded-failed")) databaseEvents.emit("embedded-failed", info);
  else process.stderr.write(`The embedded database process could not be started again (${info.attempts} attempts): ${reason}\n`);
  process.exit(1);
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once("exit", () => done());
    // Started unreferenced (see startProcess): without this, a process with nothing else to do
    // would end here, the wait for the exit unsettled, and whatever follows the stop never run.
    child.ref();
    // The child closes PGlite cleanly when its parent lets go of it.
    if (child.connected) child.disconnect();
    else child.kill("SIGTERM");
  });
}

export async function stopEmbeddedServer(server: EmbeddedServer): Promise<void> {
  const supervised = server as Supervised;
  supervised.stopping = true;
  await supervised.restarting;
  await stopProcess(supervised.child);
}
