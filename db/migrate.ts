import { join } from "node:path";
import type { Pool } from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { getPool } from "./client";
import { assumeAppRole } from "./row-security";

// Any constant: serialises migrations when several app instances start on one database.
const MIGRATION_LOCK = 4_711_2019;

/** Migrates the process's database, or the one behind `pool`. */
export async function migrateDatabase(pool?: Pool): Promise<void> {
  pool ??= await getPool();
  const client = await pool.connect();
  try {
    // Migrations are the owner's work; the connection returns to the app's role afterwards.
    await client.query("reset role");
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrate(drizzle(client), { migrationsFolder: join(process.cwd(), "db", "migrations") });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    // A connection that cannot return to the app's role is closed, never reused.
    const returned = await assumeAppRole(client).then(() => true, () => false);
    client.release(!returned);
  }
}
