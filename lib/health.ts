import { sql } from "drizzle-orm";
import { databaseKind, getDb, type Db } from "@/db/client";

export type Health = { status: "ok" | "unavailable"; database: "pglite" | "postgres" };

/** Whether the database answers, within the pool's connection timeout. */
export async function checkHealth(db: () => Promise<Db> = getDb): Promise<Health> {
  const database = databaseKind();
  try {
    await (await db()).execute(sql`select 1`);
    return { status: "ok", database };
  } catch (error) {
    console.error("[health] database unreachable:", error instanceof Error ? error.message : error);
    return { status: "unavailable", database };
  }
}
