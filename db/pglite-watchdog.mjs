// Runs on its own thread inside the embedded database's process (db/pglite-server.mjs).
// The main thread notices that its parent died only when its event loop turns, and PGlite
// computes on that thread: a long query can hold it for minutes. This thread sees the parent
// go regardless, and ends the process if a clean stop has not happened within the grace time.
// Ending it this way is as safe as a crash: PGlite replays its write-ahead log on the next start.
import { workerData } from "node:worker_threads";

const { parentPid, graceMs } = workerData;

const timer = setInterval(() => {
  if (process.ppid === parentPid) return;
  clearInterval(timer);
  setTimeout(() => process.kill(process.pid, "SIGKILL"), graceMs);
}, 1000);
