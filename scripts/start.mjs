// `npm start`: builds the app when the build is missing or older than the
// sources, then serves it with scripts/server.mjs (port 3000, or PORT, or -p).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { writeLog } from "../lib/log-writer.mjs";

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

const SOURCES = ["app", "lib", "db", "messages", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json"];

function newestChange(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newestChange(join(path, name))), stat.mtimeMs);
}

const buildId = join(".next", "BUILD_ID");
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
if (builtAt < Math.max(...SOURCES.map(newestChange))) {
  writeLog("info", "app.building", { reason: builtAt ? "sources changed" : "first start" });
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// In this process: the server reads the same arguments (-p, -H) and handles the signals.
await import("./server.mjs");
