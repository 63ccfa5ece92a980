import { fork, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";

export interface EmbeddedServer {
  socketDir: string;
  child: ChildProcess;
}

type ChildMessage = { type: "ready"; socketDir: string } | { type: "error"; message: string };

/**
 * Starts the embedded PostgreSQL (PGlite) in its own process, owning `dataDir`.
 * Rejects with the child's own message when the folder is taken by another process.
 */
export function startEmbeddedServer(dataDir: string): Promise<EmbeddedServer> {
  const script = join(process.cwd(), "db", "pglite-server.mjs");
  // The bundler must not try to bundle the child's script: it runs as its own node process.
  const child = fork(/* turbopackIgnore: true */ script, [resolve(dataDir)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    // Test runners and tsx inject loaders through execArgv; the child needs none.
    execArgv: [],
  });
  return new Promise((resolvePromise, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`The embedded database process stopped during start-up (exit code ${code}).`));
    child.once("exit", onExit);
    child.once("message", (message: ChildMessage) => {
      child.off("exit", onExit);
      if (message.type === "ready") {
        // Let the owning process exit on its own; the child follows when the IPC channel closes.
        child.unref();
        child.channel?.unref();
        resolvePromise({ socketDir: message.socketDir, child });
      } else {
        reject(new Error(message.message));
      }
    });
  });
}

export function stopEmbeddedServer(server: EmbeddedServer): Promise<void> {
  return new Promise((done) => {
    if (server.child.exitCode !== null) return done();
    server.child.once("exit", () => done());
    server.child.disconnect();
  });
}
