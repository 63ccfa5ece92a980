/**
 * Named prepared statements for the statements every write sends (docs/quality.md P4). An
 * unnamed statement is parsed and planned again each time: for the write path's few that was
 * about half of the database's work per create (the API token's lookup alone planned for 1 ms).
 * A named one is parsed once per connection, and PostgreSQL plans it once when a plan for any
 * values costs no more than one made for the values given (inserts, lookups by key).
 *
 * Only for statements whose text is one of a few, whatever the values (no lists of varying
 * length): each connection keeps every statement it has prepared. Figures' queries stay
 * unnamed, so that each is planned for its dates. On PGlite the names are dropped (db/client.ts).
 */
import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { QueryResult } from "pg";
import type { Db, Tx } from "./client";

/** The same rendering as the database object's own (no casing is configured). */
const dialect = new PgDialect();

/** More distinct texts than the write path has: past it, a caller's text varies, and runs unnamed rather than fill each connection. */
export const MAX_PREPARED = 64;
const names = new Set<string>();

/** A name PostgreSQL accepts (at most 63 bytes), the same for the same text in every process. */
export function statementName(text: string): string {
  return `lotse_${createHash("sha1").update(text).digest("base64url")}`;
}

/** What `db.execute(statement)` does, as a statement prepared once per connection under a name made of its text. */
export async function executePrepared(db: Db | Tx, statement: SQL): Promise<QueryResult<Record<string, unknown>>> {
  const query = dialect.sqlToQuery(statement);
  const name = statementName(query.sql);
  if (!names.has(name) && names.size < MAX_PREPARED) names.add(name);
  const prepared = db._.session.prepareQuery(query, undefined, names.has(name) ? name : undefined, false);
  return (await prepared.execute()) as QueryResult<Record<string, unknown>>;
}
