// The embedded database runs in this child process, never in the app's own
// thread: PGlite executes queries on the main thread, so a long query would
// otherwise freeze every request. The app connects to it with `pg` over a
// unix socket inside the data folder, exactly as it talks to a real server.
//
// Usage: node pglite-server.mjs <folder> <parent pid>. The folder is checked and
// claimed (db/pglite-folder.mjs) before PGlite opens it; a second opener exits with
// a clear message and never writes. This process never outlives its parent.
import { unlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { claimFolder, prepareFolder } from "./pglite-folder.mjs";

const dir = resolve(process.argv[2] ?? ".data/pglite");
const parentPid = Number(process.argv[3]) || process.ppid;
const SOCKET_NAME = ".s.PGSQL.5432";
// How long a clean stop may take once the parent is gone, before the watchdog ends the process.
const STOP_GRACE_MS = 5000;

function send(message) {
  if (process.connected) process.send(message);
}

let db;
let server;
let release = () => undefined;
let ready = false;
let parentGone = false;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  try {
    await server?.stop();
    await db?.close();
  } finally {
    release();
    process.exit(code);
  }
}

function parentLeft() {
  // During start-up PGlite may be writing a fresh folder: it finishes, then closes cleanly.
  if (ready) void stop(0);
  else parentGone = true;
}

// From the first moment: a 'disconnect' that nobody listened for is never heard again.
process.on("disconnect", parentLeft);

async function start() {
  prepareFolder(dir);
  release = claimFolder(dir);
  const socketPath = join(dir, SOCKET_NAME);
  try {
    unlinkSync(socketPath);
  } catch {
    // no leftover socket
  }
  db = await PGlite.create({ dataDir: join(dir, "pgdata") });
  // The app's pool opens one connection at a time, but its next one may arrive before the
  // server has seen the last one close. pglite-socket 0.2 refuses a connection over its limit
  // (Node's server.maxConnections resets it, or its own check ends it without ever reading it,
  // which then holds Node's count at the limit and locks every later connection out). So the
  // limit leaves room; PGlite is one session either way, its queue runs one query at a time.
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 16 });
  await server.start();
}

try {
  await start();
} catch (error) {
  send({ type: "error", message: error instanceof Error ? error.message : String(error) });
  release();
  process.exit(1);
}

ready = true;
if (parentGone || process.ppid !== parentPid) {
  await stop(0);
} else {
  send({ type: "ready", socketDir: dir });
  // The IPC channel closes when the parent dies, but only a free event loop hears it: check the
  // parent too, and let a second thread end the process when a long query holds this one.
  setInterval(() => process.ppid !== parentPid && void stop(0), 1000).unref();
  new Worker(new URL("./pglite-watchdog.mjs", import.meta.url), { workerData: { parentPid, graceMs: STOP_GRACE_MS } }).unref();
  // Installed only now, so that until the database serves, the default action (end at once) applies.
  // A terminal's Ctrl-C and a service manager's SIGTERM reach the whole process group: the
  // parent decides, and this process follows when it goes. Stopping at once would end the
  // database under the requests the parent still finishes (and under a parent that would start it again).
  const followParent = () => (process.ppid !== parentPid || !process.connected) && void stop(0);
  process.on("SIGTERM", followParent);
  process.on("SIGINT", followParent);
}
