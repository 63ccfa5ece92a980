import { sql } from "drizzle-orm";
import { databaseKind, getDb, type Db } from "@/db/client";
import { isConnectionError } from "@/db/connection-errors";
import { log } from "@/lib/log";

export type Health = { status: "ok" | "unavailable"; database: "pglite" | "postgres" };

/** Whether the database answers, within the pool's connection timeout. */
export async function checkHealth(db: () => Promise<Db> = getDb): Promise<Health> {
  const database = databaseKind();
  try {
    await (await db()).execute(sql`select 1`);
    return { status: "ok", database };
  } catch (error) {
    // An unreachable database is logged once per outage (database.lost), not per check.
    if (!isConnectionError(error)) log.error("health.failed", { error });
    return { status: "unavailable", database };
  }
}
