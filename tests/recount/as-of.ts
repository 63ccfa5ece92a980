/**
 * The raw records and clients as they stood at a reference date R, for the recount
 * (tests/recount/figures.ts). Two ways to know that, the same relation out:
 *
 * - "history": every version of every record and client is in the history table, so the state
 *   at R is exact (the tests, whose records are written through the app's operations);
 * - "table": the records and clients tables alone, which keep only the latest version (the
 *   benchmark's generated data has no history). A record's state at R is known when it was not
 *   changed after R: never updated (version 1), last updated before R, or deleted after R with
 *   no other change (version 2). A record that existed at R but was changed after it is left out
 *   here; bounds.ts names the figures it makes uncertain. Clients are taken as they are now.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";

/** A drizzle database or transaction (the app's, or one over a plain pg.Client in the bench). */
export type Runner = Pick<Db, "execute">;

export type RecordSource = "history" | "table";

/**
 * A reference date as the figures API takes it: a day (up to its end in Europe/Berlin), an
 * instant (up to and including it), or absent: now.
 */
export type AsOf = string | null | undefined;

export interface Bound {
  /** Changes strictly before this instant count (timestamptz text, to the microsecond). */
  before: string;
  /** The day in Europe/Berlin the reference date falls on: outcomes dated up to it count. */
  day: string;
}

/** Fixes a reference date once, so that every query of one recount sees the same instant. */
export async function boundOf(db: Runner, asOf: AsOf): Promise<Bound> {
  const before = !asOf
    ? sql`clock_timestamp() + interval '1 microsecond'`
    : /^\d{4}-\d{2}-\d{2}$/.test(asOf)
      ? sql`(${asOf}::date + 1)::timestamp at time zone 'Europe/Berlin'`
      : sql`${asOf}::timestamptz + interval '1 microsecond'`;
  const result = await db.execute(sql`
    select b::text as before, to_char((b - interval '1 microsecond') at time zone 'Europe/Berlin', 'YYYY-MM-DD') as day
    from (select ${before} as b) x`);
  return result.rows[0] as unknown as Bound;
}

const at = (bound: Bound) => sql`${bound.before}::timestamptz`;

/** A record existed at R: created before it and not deleted before it. */
export const existed = (bound: Bound) => sql`x.created_at < ${at(bound)} and (x.deleted_at is null or x.deleted_at >= ${at(bound)})`;

/** The records table gives a record's state at R: it was not changed after R. */
export const known = (bound: Bound) =>
  sql`(x.version = 1 or (x.deleted_at is null and x.updated_at < ${at(bound)}) or (x.deleted_at is not null and x.version = 2))`;

/** The records live at R as (id, kind, unit_id, client_id, occurred_on, data), `data` holding the kind's fields. */
export function recordsAt(source: RecordSource, bound: Bound): SQL {
  if (source === "table") {
    return sql`(select x.id, x.kind::text as kind, x.unit_id, x.client_id, x.occurred_on, x.data from records x where ${existed(bound)} and ${known(bound)})`;
  }
  // The latest version written before R; a record whose latest version then is its deletion was gone.
  return sql`(
    select id, kind, unit_id, client_id, occurred_on, data from (
      select distinct on (h.subject_id) h.subject_id as id, r.kind::text as kind, (h.snapshot->>'unitId')::uuid as unit_id,
        (h.snapshot->>'clientId')::uuid as client_id, (h.snapshot->>'occurredOn')::date as occurred_on, h.snapshot as data, h.op
      from history h join records r on r.id = h.subject_id
      where h.subject_type = 'record' and h.at < ${at(bound)}
      order by h.subject_id, h.version desc
    ) v where op <> 'delete'
  )`;
}

/**
 * The occupation_id, as it stood at R, of the client of each record of `live` that passes
 * `where`. From the history it is looked up client by client along the history's index: a join
 * with every client's latest version can make the planner choose a nested loop over two large
 * estimates. The table has only the clients as they are now: a plain join, as anyone would write it.
 */
export function clientOccupations(source: RecordSource, bound: Bound, live: SQL, where: SQL): SQL {
  if (source === "table") return sql`(select c.occupation_id from ${live} x join clients c on c.id = x.client_id where ${where})`;
  return sql`(
    select (
      select (h.snapshot->>'occupationId')::uuid from history h
      where h.subject_id = x.client_id and h.subject_type = 'client' and h.at < ${at(bound)}
      order by h.version desc limit 1
    ) as occupation_id
    from ${live} x where ${where}
  )`;
}
