// @driver-independent: no database (README, Tests: run once).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// Fails before Next.js is loaded: no build needed.
function start(env: Record<string, string>, args: string[] = []) {
  const run = spawnSync(process.execPath, ["scripts/server.mjs", ...args], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 20_000 });
  return { status: run.status, lines: run.stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>), stderr: run.stderr };
}

describe("the server entry (scripts/server.mjs)", () => {
  it("refuses to start with a bad LOTSE_TRUSTED_PROXIES entry, naming it in one JSON line", () => {
    const run = start({ LOTSE_TRUSTED_PROXIES: "10.0.0.0/8, 10.0.0.300" });
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([expect.objectContaining({ level: "error", event: "server.start_failed", reason: expect.stringContaining('LOTSE_TRUSTED_PROXIES: "10.0.0.300" is not an IP address') })]);
    expect(run.stderr).toBe("");
  });

  it("refuses a bad port or an unknown argument", () => {
    expect(start({ PORT: "80000" }).lines[0]).toMatchObject({ event: "server.start_failed", reason: expect.stringContaining('port "80000"') });
    expect(start({}, ["--port"]).lines[0]).toMatchObject({ event: "server.start_failed", reason: "--port needs a value" });
    expect(start({}, ["--turbo"])).toMatchObject({ status: 1, lines: [expect.objectContaining({ reason: expect.stringContaining('unknown argument "--turbo"') })] });
  });
});
