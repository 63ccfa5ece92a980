// The embedded database runs in this child process, never in the app's own
// thread: PGlite executes queries on the main thread, so a long query would
// otherwise freeze every request. The app connects to it with `pg` over a
// unix socket inside the data folder, exactly as it talks to a real server.
//
// Exactly one process may own a PGlite folder (two writers corrupt it beyond
// repair), so the folder is claimed with an exclusive lock file before PGlite
// opens it; a second opener exits with a clear message and never writes.
import { mkdirSync, openSync, writeSync, closeSync, readFileSync, unlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const dir = resolve(process.argv[2] ?? ".data/pglite");
const lockPath = join(dir, "lotse-owner.lock");
export const SOCKET_NAME = ".s.PGSQL.5432";

function send(message) {
  if (process.send) process.send(message);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

function claimFolder() {
  mkdirSync(dir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lockPath, "utf8").trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The embedded database folder ${dir} is already in use by process ${owner}. ` +
            `Stop that process first, or set PGLITE_DIR to another folder (or DATABASE_URL to use PostgreSQL).`,
        );
      }
      // The previous owner died without cleaning up: the lock is stale.
      unlinkSync(lockPath);
    }
  }
  throw new Error(`Could not claim the embedded database folder ${dir}.`);
}

function releaseFolder() {
  try {
    if (Number(readFileSync(lockPath, "utf8").trim()) === process.pid) unlinkSync(lockPath);
  } catch {
    // already gone
  }
}

let db;
let server;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  try {
    await server?.stop();
    await db?.close();
  } finally {
    releaseFolder();
    process.exit(code);
  }
}

try {
  claimFolder();
  const socketPath = join(dir, SOCKET_NAME);
  try {
    unlinkSync(socketPath);
  } catch {
    // no leftover socket
  }
  db = await PGlite.create({ dataDir: join(dir, "pgdata") });
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 });
  await server.start();
  send({ type: "ready", socketDir: dir });
} catch (error) {
  send({ type: "error", message: error instanceof Error ? error.message : String(error) });
  releaseFolder();
  process.exit(1);
}

// The owner (the app or a test run) is gone: close cleanly so the folder stays consistent.
process.on("disconnect", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
