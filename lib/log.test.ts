// @driver-independent: no database (README, Tests: run once).
import { afterEach, describe, expect, it } from "vitest";
import { databaseEvents } from "@/db/events";
import { requestContext } from "@/lib/http/request-context.mjs";
import { log } from "@/lib/log";
import { logDatabaseEvents } from "@/lib/log-database";
import { setLogDestination } from "@/lib/log-writer.mjs";

function capture(): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  setLogDestination({
    write(line: string) {
      // One event, one line.
      expect(line.endsWith("\n") && !line.slice(0, -1).includes("\n")).toBe(true);
      lines.push(JSON.parse(line));
    },
  });
  return lines;
}

// As tests/helpers/setup.ts has it: through the console.
afterEach(() => setLogDestination({ write: (line) => console.info(line.trimEnd()) }));

describe("log", () => {
  it("writes one JSON line per event with level, time and the fields", () => {
    const lines = capture();
    log.warn("auth.login_failed", { address: "192.0.2.1" });
    expect(lines).toEqual([{ level: "warn", time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), address: "192.0.2.1", event: "auth.login_failed" }]);
  });

  it("names the request the event belongs to", () => {
    const lines = capture();
    requestContext.run({ requestId: "req-1" }, () => log.info("inside"));
    log.info("outside");
    expect(lines.map((l) => [l.event, l.requestId])).toEqual([
      ["inside", "req-1"],
      ["outside", undefined],
    ]);
  });

  it("writes an error with its message and stack, in the same line", () => {
    const lines = capture();
    log.error("api.failed", { error: new TypeError("boom") });
    expect(lines[0].error).toMatchObject({ type: "TypeError", message: "boom", stack: expect.stringContaining("TypeError: boom\n    at ") });
  });

  it("turns the database layer's announcements into one line each", () => {
    const lines = capture();
    logDatabaseEvents();
    logDatabaseEvents(); // once per process, however often start-up runs
    databaseEvents.emit("lost", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }));
    databaseEvents.emit("restored");
    databaseEvents.emit("embedded-exit", { code: null, signal: "SIGKILL" });
    databaseEvents.emit("embedded-restarted", { pid: 4711 });
    expect(lines.map(({ time: _, ...rest }) => rest)).toEqual([
      { level: "error", event: "database.lost", reason: "terminating connection due to administrator command", code: "57P01" },
      { level: "info", event: "database.restored", unavailableMs: expect.any(Number) },
      { level: "error", event: "database.embedded_exit", code: null, signal: "SIGKILL" },
      { level: "info", event: "database.embedded_restarted", pid: 4711 },
    ]);
  });
});
