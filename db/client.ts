import pg, { Pool, type PoolConfig } from "pg";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import * as schema from "./schema";
import { startEmbeddedServer, stopEmbeddedServer, type EmbeddedServer } from "./embedded";
import { checkpointIfDue, scheduleCheckpoints } from "./embedded-checkpoints";
import { DiscardingPool } from "./pool";
import { assumeAppRole } from "./row-security";
import { isConnectionError } from "./connection-errors";
import { databaseEvents } from "./events";

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DatabaseKind = "pglite" | "postgres";

/** Where the database is; lib/env.ts reads it from the environment and hands it over. */
export type DatabaseSettings = { kind: "postgres"; url: string; poolSize: number } | { kind: "pglite"; dir: string };

export interface Connection {
  kind: DatabaseKind;
  pool: Pool;
  db: Db;
  embedded?: EmbeddedServer;
  stopCheckpoints?: () => void;
}

// Route handlers, pages and instrumentation are separate bundles that may each
// load this module: the connection lives on globalThis so the process has one.
const holder = globalThis as unknown as {
  __lotseConnection?: Promise<Connection>;
  __lotseDatabaseSettings?: DatabaseSettings;
  __lotseDatabase?: { lost: boolean; outages: number };
};
const availability = (holder.__lotseDatabase ??= { lost: false, outages: 0 });

/** A connection failure: the first one of an outage announces it, the rest are the same outage. */
function noteFailure(error: Error): void {
  if (availability.lost) return;
  availability.lost = true;
  availability.outages++;
  databaseEvents.emit("lost", error);
}

/** Any answer from the server (a result or an SQL error) ends an outage. */
function noteAnswer(): void {
  if (!availability.lost) return;
  availability.lost = false;
  databaseEvents.emit("restored");
}

/**
 * Every connection the pool opens, so that every query, inside a transaction or not, is
 * seen in this one place.
 */
class ObservedClient extends pg.Client {
  private broken = false;
  // Outages announced before this connection was opened.
  private readonly outagesBefore = availability.outages;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // The pool listens for errors only while a connection is idle. One that breaks while
    // checked out (a transaction between two statements, or the socket closing after the
    // server's "terminating connection") would otherwise throw an uncaught exception.
    this.on("error", (error) => this.failed(error));
  }

  /**
   * Only a connection's first failure is news: what is sent on it afterwards fails as well.
   * And a connection opened before the latest outage that fails only now (a server ends its
   * connections one by one, some after others already answer again) is that outage, not a new one.
   */
  private failed(error: Error): void {
    if (this.broken || !isConnectionError(error)) return;
    this.broken = true;
    if (this.outagesBefore === availability.outages) noteFailure(error);
  }

  override connect(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- observed() calls it with this client as `this`
    return observed(pg.Client.prototype.connect, this, args, (error) => error && this.failed(error));
  }

  override query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- observed() calls it with this client as `this`
    return observed(pg.Client.prototype.query, this, args, (error) => {
      if (error && isConnectionError(error)) this.failed(error);
      // An SQL error is an answer too; a query refused on a closed connection is not.
      else if (!error || error instanceof pg.DatabaseError) noteAnswer();
    });
  }
}

/**
 * A connection to the embedded database. PGlite is one session, whatever the connections to
 * it: a statement prepared over one connection (db/prepared.ts) would still be there for the
 * next, which knows nothing of it and would prepare it again ("already exists"). So statements
 * go unnamed here, parsed each time as before.
 */
class EmbeddedClient extends ObservedClient {
  override query(...args: any[]): any {
    const [config] = args;
    if (config && typeof config === "object" && config.name) args[0] = { ...config, name: undefined };
    return super.query(...args);
  }
}

/** Calls a pg method, callback or promise style, and tells `outcome` how it ended. */
function observed(method: (...a: any[]) => unknown, client: pg.Client, args: any[], outcome: (error: Error | null) => void): unknown {
  const last = args.length - 1;
  if (typeof args[last] === "function") {
    const callback = args[last];
    args[last] = (error: Error | null, ...rest: unknown[]) => {
      outcome(error);
      callback(error, ...rest);
    };
  }
  const result = method.apply(client, args);
  if (result instanceof Promise) result.then(() => outcome(null), outcome);
  return result;
}

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

function connect(): Promise<Connection> {
  return openConnection(settings());
}

/** A connection of its own to the database at `where`, beside the process's one (tests, tools); close it with closeConnection. */
export function openConnection(where: DatabaseSettings): Promise<Connection> {
  if (where.kind === "pglite") return connectEmbedded(where.dir);
  return Promise.resolve(openPool("postgres", { connectionString: where.url, max: where.poolSize }));
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
  const pool: Pool = new DiscardingPool({
    ...config,
    Client: kind === "pglite" ? EmbeddedClient : ObservedClient,
    // Fail fast when the server is down (quality target R4, docs/quality.md) instead of hanging requests.
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    // Before the connection is handed out. If the switch fails the connection is closed and
    // the caller gets the error, so no query runs with the login role's rights.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- pg-pool awaits the hook's promise (its _promiseTry); @types/pg declares a void return
    onConnect: (client) => assumeAppRole(client),
  });
  // The idle connections' errors (ObservedClient has noted them); without a listener the
  // pool's 'error' event would be an uncaught exception.
  pool.on("error", () => undefined);
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
