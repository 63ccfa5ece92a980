// @driver-independent: no database (README, Tests: run once).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_HEAP_MIB, SERVER_NODE_OPTIONS } from "@/scripts/server-heap.mjs";

describe("the server's heap limit (scripts/server-heap.mjs)", () => {
  it("is what `npm start` gives Node.js", () => {
    const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    expect(scripts.start).toBe(`node ${SERVER_NODE_OPTIONS.join(" ")} scripts/start.mjs`);
  });

  it("sets V8's heap limit to it (plus the young generation), below the 2 GB from which V8 grows a heap fourfold", () => {
    const run = spawnSync(process.execPath, [...SERVER_NODE_OPTIONS, "-e", "console.log(require('node:v8').getHeapStatistics().heap_size_limit)"], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
    const limitMiB = Number(run.stdout) / 1024 / 1024;
    expect(limitMiB).toBeGreaterThanOrEqual(SERVER_HEAP_MIB);
    expect(limitMiB).toBeLessThan(Math.min(SERVER_HEAP_MIB * 1.5, 2048));
  });
});
