import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedServer, stopEmbeddedServer } from "@/db/embedded";

describe("embedded database folder", () => {
  // Starts PGlite three times (a fresh folder, then a restart): slow on a loaded machine.
  it("has exactly one owner: a second opener gets a clear error and the first keeps working", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "lotse-owner-"));
    const first = await startEmbeddedServer(dir);
    try {
      await expect(startEmbeddedServer(dir)).rejects.toThrow(/already in use by process \d+/);
      const client = new pg.Client({ host: first.socketDir, port: 5432, user: "postgres", database: "postgres" });
      await client.connect();
      expect((await client.query("select 41 + 1 as n")).rows[0].n).toBe(42);
      await client.end();
    } finally {
      await stopEmbeddedServer(first);
    }
    // Once the owner has stopped, the folder can be opened again with its data intact.
    const again = await startEmbeddedServer(dir);
    await stopEmbeddedServer(again);
  });
});
