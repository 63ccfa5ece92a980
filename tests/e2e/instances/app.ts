import { spawn } from "node:child_process";
import { join } from "node:path";

export interface AppServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

// Playwright runs from the project folder (its config is there).
const nextBin = join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

/** One instance of the built app in its own process group (killing the group ends Next's children too). */
export async function startApp(port: number, env: Record<string, string>): Promise<AppServer> {
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
    env: { ...process.env, PORT: String(port), ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid!, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app on port ${port} exited (${child.exitCode}):\n${output}`);
    const healthy = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (healthy) return { url, output: () => output, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the app on port ${port} did not become healthy:\n${output}`);
}
