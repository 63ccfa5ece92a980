/**
 * The real app server for the benchmark: `next build` when the build is missing or older than
 * the sources (as `npm start` decides), then the production entry scripts/server.mjs (what
 * `npm start` serves with) on a free port, in its own process group so that everything it
 * started dies with it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";
import { SERVER_NODE_OPTIONS } from "../server-heap.mjs";

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const SOURCES = ["app", "lib", "db", "messages", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json"];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newestChange(join(path, name))), stat.mtimeMs);
}

export function ensureBuild(log: (line: string) => void): void {
  const buildId = join(".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (builtAt >= Math.max(...SOURCES.map(newestChange))) return;
  log("building the app (next build) …");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface AppServer {
  url: string;
  logFile: string;
  /** The server's process (scripts/server.mjs serves in-process: its memory is the app's). */
  pid: number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

// Whatever ends the bench ends the servers it started.
process.on("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const child of running) killGroup(child, "SIGKILL");
    process.exit(130);
  });
}

/**
 * `env`: the database settings (DATABASE_URL, or PGLITE_DIR with an empty DATABASE_URL) and LOTSE_DEMO.
 * `readyWithinMs`: how long the first 200 of /api/health may take (a first start on an empty
 * embedded folder seeds the demo before it answers).
 */
export async function startServer(name: string, env: Record<string, string>, readyWithinMs = 120_000): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  mkdirSync(join(".data", "bench"), { recursive: true });
  const logFile = join(".data", "bench", `${name}.log`);
  const out = createWriteStream(logFile);
  const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, "scripts/server.mjs", "-p", String(port), "-H", "127.0.0.1"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXTAUTH_SECRET: randomBytes(48).toString("base64"),
      LOTSE_PSEUDONYM_SECRET: randomBytes(48).toString("base64"),
      NEXTAUTH_URL: url,
      PORT: String(port),
      ...env,
    },
  });
  running.add(child);
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited: number | null | undefined;
  child.on("exit", (code) => {
    exited = code;
    running.delete(child);
  });

  const stop = async () => {
    if (exited !== undefined) return;
    killGroup(child, "SIGTERM");
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await gone;
    clearTimeout(timer);
    killGroup(child, "SIGKILL");
  };

  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (exited !== undefined) throw new Error(`the app server exited (${exited}) before answering; see ${logFile}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app server did not answer /api/health within ${readyWithinMs / 1000} s; see ${logFile}`);
    }
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { url, logFile, pid: child.pid!, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
}
