import { spawn, type ChildProcess } from "node:child_process";
import { SERVER_NODE_OPTIONS } from "../../scripts/server-heap.mjs";

/**
 * The production entry (scripts/server.mjs) started by a test for itself, beside the shared
 * end-to-end server, with the environment the test needs. Its output is kept line by line.
 */
export class OwnServer {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly url: string;
  private readonly child: ChildProcess;
  private exit: Promise<void>;

  constructor(port: number, env: Record<string, string | undefined>) {
    this.url = `http://127.0.0.1:${port}`;
    // Its own process group: stopping it stops whatever it started.
    this.child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, "scripts/server.mjs", "-p", String(port), "-H", "127.0.0.1"], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXTAUTH_URL: this.url, ...env },
    });
    collectLines(this.child.stdout!, this.stdout);
    collectLines(this.child.stderr!, this.stderr);
    this.exit = new Promise((resolve) => this.child.once("exit", () => resolve()));
  }

  /** Waits until GET /api/health answers 200. */
  async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the server exited (${this.child.exitCode}):\n${this.stdout.join("\n")}\n${this.stderr.join("\n")}`);
      const ok = await fetch(`${this.url}/api/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the server did not answer /api/health within ${timeoutMs} ms:\n${this.stdout.join("\n")}`);
  }

  /** The stdout lines parsed as JSON (a line that is not JSON throws, naming it). */
  events(): Array<Record<string, unknown>> {
    return this.stdout.map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON line: ${line}`);
      }
    });
  }

  /** How the server's process ended: its exit code, or the signal that ended it; null while it runs. */
  get ended(): { code: number | null; signal: NodeJS.Signals | null } | null {
    return this.child.exitCode === null && this.child.signalCode === null ? null : { code: this.child.exitCode, signal: this.child.signalCode };
  }

  /** SIGKILL to the server's own process only, as a crash would end it: what it started is left to notice. */
  async crash(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    await this.exit;
  }

  /** SIGTERM to its process group: the server and, after a crash, what it left running. */
  async stop(): Promise<void> {
    try {
      process.kill(-this.child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await this.exit;
  }
}

function collectLines(stream: NodeJS.ReadableStream, into: string[]): void {
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    into.push(...lines.filter((l) => l.trim() !== ""));
  });
  stream.on("end", () => {
    if (rest.trim()) into.push(rest);
  });
}
