import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { checkHealth } from "@/lib/health";

const kind = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

describe("health", () => {
  it("reports the database in use", async () => {
    expect(await checkHealth()).toEqual({ status: "ok", database: kind });
  });

  it("reports an unreachable database as unavailable (the route answers 503)", async () => {
    const pool = new pg.Pool({ host: "127.0.0.1", port: 1, user: "nobody", connectionTimeoutMillis: 2000 });
    try {
      expect(await checkHealth(async () => drizzle(pool) as never)).toEqual({ status: "unavailable", database: kind });
    } finally {
      await pool.end();
    }
  });
});
