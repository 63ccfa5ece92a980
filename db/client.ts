import type { Pool, PoolConfig } from "pg";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import * as schema from "./schema";
import { startEmbeddedServer, stopEmbeddedServer, type EmbeddedServer } from "./embedded";
import { checkpointIfDue, scheduleCheckpoints } from "./embedded-checkpoints";
import { DiscardingPool } from "./pool";
import { assumeAppRole } from "./row-security";

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DatabaseKind = "pglite" | "postgres";

export interface Connection {
  kind: DatabaseKind;
  pool: Pool;
  db: Db;
  embedded?: EmbeddedServer;
  stopCheckpoints?: () => void;
}

// Route handlers, pages and instrumentation are separate bundles that may each
// load this module: the connection lives on globalThis so the process has one.
const holder = globalThis as unknown as { __lotseConnection?: Promise<Connection> };

export function databaseKind(): DatabaseKind {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

export function pgliteDir(): string {
  return process.env.PGLITE_DIR || ".data/pglite";
}

function connect(): Promise<Connection> {
  if (databaseKind() === "pglite") return connectEmbedded(pgliteDir());
  const config = { connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) };
  return Promise.resolve(openPool("postgres", config));
}

/**
 * The embedded database of `dataDir`, started in its own process and restarted if that process
 * dies (db/embedded.ts), behind a pool that reconnects to the restarted process's socket.
 */
export async function connectEmbedded(dataDir: string): Promise<Connection> {
  const embedded = await startEmbeddedServer(dataDir);
  // PGlite is a single-session database: one connection, requests queue in the pool.
  const config = { host: embedded.socketDir, port: 5432, user: "postgres", database: "postgres", max: 1 };
  const connection = openPool("pglite", config);
  return { ...connection, embedded, stopCheckpoints: scheduleCheckpoints(connection.pool) };
}

function openPool(kind: DatabaseKind, config: PoolConfig): Connection {
  // Fail fast when the server is down (quality bar R4) instead of hanging requests.
  const pool: Pool = new DiscardingPool({ ...config, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  pool.on("error", (error) => console.error("[db] idle connection error:", error.message));
  pool.on("connect", (client) => {
    // A connection that dies while checked out (the server or the embedded process gone) fails
    // its queries and goes back to the pool (DiscardingPool); without a listener from the start,
    // the same error could also crash the app.
    client.on("error", () => undefined);
    // Queued before anything else on the connection. If the switch fails the connection is
    // closed, so its queries fail rather than run with the login role's rights.
    assumeAppRole(client).catch((error: Error) => {
      console.error("[db] could not switch to the app's role:", error.message);
      void client.end();
    });
  });
  return { kind, pool, db: drizzle(pool, { schema }) };
}

/**
 * Writes a checkpoint of the embedded database if much has been written since the last (after
 * the demo seed, say), so that a crash right after does not replay it all. Nothing on PostgreSQL.
 */
export async function checkpointEmbedded(): Promise<void> {
  const { kind, pool } = await connection();
  if (kind === "pglite") await checkpointIfDue(pool);
}

/** Closes a connection's pool and stops its embedded database, if it has one. */
export async function closeConnection({ pool, embedded, stopCheckpoints }: Connection): Promise<void> {
  stopCheckpoints?.();
  await pool.end();
  if (embedded) await stopEmbeddedServer(embedded);
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
  await closeConnection(await pending);
}
