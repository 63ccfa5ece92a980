import { sql } from "drizzle-orm";
import type { ClientBase } from "pg";
import type { Tx } from "./client";
import { executePrepared } from "./prepared";

/**
 * The role the app's queries run as (migration 0005): no superuser and owner of no table,
 * so PostgreSQL applies row-level security to it and refuses it any change of the audit trail.
 */
export const APP_ROLE = "lotse_app";

/**
 * Switches a new connection to the app's role, once the migrations have created it. A
 * session can always return to its login role, so this guards against the app's own
 * mistakes (a query that forgot its contact-point condition), not against injected SQL.
 */
export async function assumeAppRole(client: ClientBase): Promise<void> {
  await client.query(`select set_config('role', $1, false) from pg_roles where rolname = $1`, [APP_ROLE]);
}

/** Client tables show this transaction the clients of these contact points, and no others. */
export async function seeContactPoints(tx: Tx, contactPointIds: readonly string[]): Promise<void> {
  await executePrepared(tx, sql`select set_config('lotse.contact_points', ${contactPointIds.join(",")}, true)`);
}

/** The statement behind seeAllClients, for a caller that sends its transaction as one query. */
export const SEE_ALL_CLIENTS = "select set_config('lotse.access', 'all', true)";

/** For the jobs that act for nobody in particular (the retention job): every client. */
export async function seeAllClients(tx: Tx): Promise<void> {
  await tx.execute(sql.raw(SEE_ALL_CLIENTS));
}

/**
 * Runs the rest of this transaction as the login role: for the schema owner's own work
 * (the demo seed's bulk load, which needs a superuser to skip per-row trigger checks).
 */
export async function actAsOwner(tx: Tx): Promise<void> {
  await tx.execute(sql`set local role none`);
}
