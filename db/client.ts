import { Pool, type PoolConfig } from "pg";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import * as schema from "./schema";
import { startEmbeddedServer, stopEmbeddedServer, type EmbeddedServer } from "./embedded";
import { assumeAppRole } from "./row-security";

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DatabaseKind = "pglite" | "postgres";

/** Where the database is; lib/env.ts reads it from the environment and hands it over. */
export type DatabaseSettings = { kind: "postgres"; url: string; poolSize: number } | { kind: "pglite"; dir: string };

interface Connection {
  kind: DatabaseKind;
  pool: Pool;
  db: Db;
  embedded?: EmbeddedServer;
}

// Route handlers, pages and instrumentation are separate bundles that may each
// load this module: the connection lives on globalThis so the process has one.
const holder = globalThis as unknown as { __lotseConnection?: Promise<Connection>; __lotseDatabaseSettings?: DatabaseSettings };

/** Says where the database is, before the first `getDb()`. A later call takes effect after `closeDb()`. */
export function configureDatabase(settings: DatabaseSettings): void {
  holder.__lotseDatabaseSettings = settings;
}

function settings(): DatabaseSettings {
  const configured = holder.__lotseDatabaseSettings;
  if (!configured) throw new Error("The database is not configured: call configureDatabase() (lib/env.ts databaseSettings()) first.");
  return configured;
}

export function databaseKind(): DatabaseKind {
  return settings().kind;
}

async function connect(): Promise<Connection> {
  const where = settings();
  const kind = where.kind;
  let embedded: EmbeddedServer | undefined;
  let config: PoolConfig;
  if (where.kind === "postgres") {
    config = { connectionString: where.url, max: where.poolSize };
  } else {
    embedded = await startEmbeddedServer(where.dir);
    // PGlite is a single-session database: one connection, requests queue in the pool.
    config = { host: embedded.socketDir, port: 5432, user: "postgres", database: "postgres", max: 1 };
  }
  // Fail fast when the server is down (quality bar R4) instead of hanging requests.
  const pool = new Pool({ ...config, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  pool.on("error", (error) => console.error("[db] idle connection error:", error.message));
  // Queued before anything else on the connection. If the switch fails the connection is
  // closed, so its queries fail rather than run with the login role's rights.
  pool.on("connect", (client) => {
    assumeAppRole(client).catch((error: Error) => {
      console.error("[db] could not switch to the app's role:", error.message);
      void client.end();
    });
  });
  return { kind, pool, db: drizzle(pool, { schema }), embedded };
}

function connection(): Promise<Connection> {
  if (!holder.__lotseConnection) {
    holder.__lotseConnection = connect().catch((error) => {
      holder.__lotseConnection = undefined;
      throw error;
    });
  }
  return holder.__lotseConnection;
}

/** The one way to get the database. Opens it lazily on first use. */
export async function getDb(): Promise<Db> {
  return (await connection()).db;
}

export async function getPool(): Promise<Pool> {
  return (await connection()).pool;
}

export async function closeDb(): Promise<void> {
  const pending = holder.__lotseConnection;
  holder.__lotseConnection = undefined;
  if (!pending) return;
  const { pool, embedded } = await pending;
  await pool.end();
  if (embedded) await stopEmbeddedServer(embedded);
}
