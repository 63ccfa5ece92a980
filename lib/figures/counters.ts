/**
 * Reads the ledger: the sum of every counter for a period, a reference date and a scope,
 * optionally grouped by one breakdown dimension. For the network and a regional network the
 * compacted totals, kept by the month and day each delta took effect, give everything up to
 * the start of the reference date's day (or the compaction point, if earlier); only the deltas
 * after that are read from the ledger, so the cost follows the number of days and groups, not
 * of records, for a past reference date as for now. A subproject or contact point is summed
 * from its own ledger rows.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { PERSON_COUNTERS, type PersonCounter } from "./contributions";
import { NETWORK_SCOPE } from "./ledger";

export type ScopeLevel = "network" | "region" | "subproject" | "unit";
export interface Scope {
  level: ScopeLevel;
  /** The org unit; null for the network. */
  id: string | null;
}

export const BREAKDOWNS = ["region", "month", "gender", "residence", "country", "occupation"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const CLIENT_BREAKDOWNS: readonly Breakdown[] = ["gender", "residence", "country", "occupation"];

/** A reference date: deltas that took effect strictly before `before` count. */
export interface Reference {
  before: SQL;
}

export interface CounterRow {
  counter: string;
  group: string;
  n: number;
  amount: number;
}

const SCOPE_COLUMN = { region: sql`region_id`, subproject: sql`subproject_id`, unit: sql`unit_id` } as const;

/** Which ledger rows count in the scope (record rows below it; person rows of exactly its level). */
function deltaScopeFilter(scope: Scope, by: Breakdown | null): SQL {
  if (by === "region" && scope.level === "network") return sql`f.level in ('record', 'region') and f.region_id is not null`;
  if (scope.level === "network") return sql`f.level in ('record', 'network')`;
  return sql`f.level in ('record', ${scope.level}) and f.${SCOPE_COLUMN[scope.level]} = ${scope.id}::uuid`;
}

function deltaGroup(by: Breakdown | null): SQL {
  switch (by) {
    case null:
      return sql`''`;
    case "region":
      return sql`f.region_id::text`;
    case "month":
      return sql`to_char(f.occurred_on, 'YYYY-MM')`;
    case "gender":
      return sql`f.gender`;
    case "residence":
      return sql`f.residence_status`;
    case "country":
      return sql`coalesce(f.qualification_country, '')`;
    case "occupation":
      return sql`coalesce(f.occupation_id::text, '')`;
  }
}

function totalsFilter(scope: Scope, by: Breakdown | null): { where: SQL; group: SQL } {
  const dim = by && CLIENT_BREAKDOWNS.includes(by) ? by : "";
  const scopes =
    by === "region" && scope.level === "network"
      ? sql`t.scope_id in (select id from org_units where level = 'region')`
      : sql`t.scope_id = ${scope.id ?? NETWORK_SCOPE}::uuid`;
  const group = by === "region" ? sql`t.scope_id::text` : by === "month" ? sql`to_char(t.occurred_on, 'YYYY-MM')` : dim ? sql`t.dim_value` : sql`''`;
  return { where: sql`${scopes} and t.dim = ${dim}`, group };
}

/**
 * The whole months inside a period, read from the month rows (first of the first month, first
 * and last day of the last); the days outside them come from the day rows. A period with no
 * whole month gets an empty range.
 */
export function wholeMonths(from: string, to: string): { from: string; to: string; lastDay: string } {
  const first = from.endsWith("-01") ? from : nextMonth(from.slice(0, 7) + "-01");
  const lastMonth = lastDayOf(to) === to ? to.slice(0, 7) + "-01" : previousMonth(to.slice(0, 7) + "-01");
  if (lastMonth < first) return { from: "9999-12-01", to: "0001-01-01", lastDay: "0001-01-01" };
  return { from: first, to: lastMonth, lastDay: lastDayOf(lastMonth) };
}

/**
 * The first days of the whole months, as a list: with equality on the occurred month, the index
 * (…, occurred_on, effect_on) is entered once per month right at the effect days asked for,
 * instead of being walked over every effect day of every month of the period.
 */
function monthsOf(months: { from: string; to: string }): string {
  const list: string[] = [];
  for (let m = months.from; m <= months.to; m = nextMonth(m)) list.push(m);
  return `{${list.join(",")}}`;
}

function nextMonth(first: string): string {
  const d = new Date(`${first}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

function previousMonth(first: string): string {
  const d = new Date(`${first}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}

function lastDayOf(day: string): string {
  const d = new Date(`${nextMonth(day.slice(0, 7) + "-01")}T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

/** Every counter's sum (n and amount), per group of the breakdown (one group '' without). */
export async function counterTotals(
  tx: Tx,
  q: { from: string; to: string; ref: Reference; scope: Scope; by: Breakdown | null; counters?: string[] },
): Promise<CounterRow[]> {
  const only = (column: SQL) => (q.counters ? sql`and ${column} in ${q.counters}` : sql``);
  const clientOnly = q.by && CLIENT_BREAKDOWNS.includes(q.by) ? sql`and f.gender is not null` : sql``;
  if (q.scope.level === "subproject" || q.scope.level === "unit") {
    // A subproject's or contact point's own rows are few: summed straight from the ledger.
    const result = await tx.execute(sql`
      select f.counter, ${deltaGroup(q.by)} as grp, sum(f.n)::bigint as n, sum(f.amount)::bigint as amount
      from figure_deltas f
      where ${deltaScopeFilter(q.scope, q.by)} and f.occurred_on between ${q.from}::date and ${q.to}::date
        and f.at < ${q.ref.before} ${clientOnly} ${only(sql`f.counter`)}
      group by 1, 2`);
    return rowsOf(result.rows as RawRow[]);
  }
  const totals = totalsFilter(q.scope, q.by);
  const months = wholeMonths(q.from, q.to);
  const inWholeMonths = (day: SQL) => sql`${day} between ${months.from}::date and ${months.lastDay}::date`;
  // t: the day boundary up to which the totals answer (the start of the reference date's day in
  // Europe/Berlin, or of the compaction point's day if that is earlier). The whole months of the
  // period are read as one row per past year of effect (before t's year, all compacted), one per
  // effect month of t's year before t's month, and the effect days of t's month before t's day;
  // the deltas from t to the reference date are read from the ledger. So are the days of the
  // period outside whole months that took effect in t's month, for which only the occurred-day ×
  // effect-month rows exist.
  const result = await tx.execute(sql`
    with c as (
      select e, t, (t at time zone 'Europe/Berlin')::date as t_day,
             date_trunc('year', t at time zone 'Europe/Berlin')::date as t_year,
             date_trunc('month', t at time zone 'Europe/Berlin')::date as t_month,
             date_trunc('month', t at time zone 'Europe/Berlin') at time zone 'Europe/Berlin' as t_month_start
      from (
        select e, least(date_trunc('day', e at time zone 'Europe/Berlin'), date_trunc('day', h at time zone 'Europe/Berlin')) at time zone 'Europe/Berlin' as t
        from (select until as h, ${q.ref.before} as e from figure_compaction where id = 1) x
      ) y
    ), parts as (
      select t.counter, ${totals.group} as grp, t.n, t.amount
      from figure_totals t, c
      where ${totals.where} and t.grain = 'month' and t.effect_grain = 'year'
        and t.occurred_on = any(${monthsOf(months)}::date[]) and t.effect_on < c.t_year ${only(sql`t.counter`)}
      union all
      select t.counter, ${totals.group} as grp, t.n, t.amount
      from figure_totals t, c
      where ${totals.where} and t.grain = 'month' and t.effect_grain = 'month'
        and t.occurred_on = any(${monthsOf(months)}::date[]) and t.effect_on >= c.t_year and t.effect_on < c.t_month ${only(sql`t.counter`)}
      union all
      select t.counter, ${totals.group} as grp, t.n, t.amount
      from figure_totals t, c
      where ${totals.where} and t.grain = 'month' and t.effect_grain = 'day'
        and t.occurred_on = any(${monthsOf(months)}::date[]) and t.effect_on >= c.t_month and t.effect_on < c.t_day ${only(sql`t.counter`)}
      union all
      select t.counter, ${totals.group} as grp, t.n, t.amount
      from figure_totals t, c
      where ${totals.where} and t.grain = 'day' and t.effect_grain = 'month'
        and t.occurred_on between ${q.from}::date and ${q.to}::date and not ${inWholeMonths(sql`t.occurred_on`)}
        and t.effect_on < c.t_month ${only(sql`t.counter`)}
      union all
      select f.counter, ${deltaGroup(q.by)} as grp, f.n, f.amount
      from (
        select day::date as day, c.e, case when ${inWholeMonths(sql`day::date`)} then c.t else c.t_month_start end as lo
        from c cross join generate_series(${q.from}::date, ${q.to}::date, interval '1 day') as day
      ) d
      cross join lateral (
        select * from figure_deltas f
        where f.occurred_on = d.day and f.at >= d.lo and f.at < d.e
        offset 0 -- kept a per-day index range scan: flattened, the planner would hash all deltas before e
      ) f
      where ${deltaScopeFilter(q.scope, q.by)} ${clientOnly} ${only(sql`f.counter`)}
    )
    select counter, grp, sum(n)::bigint as n, sum(amount)::bigint as amount
    from parts group by counter, grp`);
  return rowsOf(result.rows as RawRow[]);
}

type RawRow = { counter: string; grp: string | null; n: string; amount: string };

function rowsOf(rows: RawRow[]): CounterRow[] {
  return rows.map((r) => ({ counter: r.counter, group: r.grp ?? "", n: Number(r.n), amount: Number(r.amount) }));
}

/**
 * A distinct-person counter for any period, counted from the per-record rows of the ledger:
 * exact, but its cost follows the records of the period. Reports use it only where the
 * yearly person rows cannot answer (periods that do not start on 1 January or span years).
 * Each person is counted once per group, in the month of their first record of the period.
 */
export async function personCount(
  tx: Tx,
  q: { from: string; to: string; ref: Reference; scope: Scope; by: Breakdown | null; counter: PersonCounter },
): Promise<CounterRow[]> {
  const recordScope =
    q.scope.level === "network" ? sql`true` : sql`f.${SCOPE_COLUMN[q.scope.level]} = ${q.scope.id}::uuid`;
  const perRegion = q.by === "region";
  const result = await tx.execute(sql`
    with live as (
      select f.record_id, f.client_id, f.occurred_on, ${deltaGroup(q.by)} as grp
      from figure_deltas f
      where f.counter = ${PERSON_COUNTERS[q.counter].fromCounter} and f.level = 'record'
        and f.occurred_on between ${q.from}::date and ${q.to}::date
        and f.at < ${q.ref.before} and ${recordScope} ${perRegion ? sql`and f.region_id is not null` : sql``}
      group by 1, 2, 3, 4
      having sum(f.n) > 0
    ), firsts as (
      select distinct on (client_id${perRegion ? sql`, grp` : sql``}) grp from live
      order by client_id${perRegion ? sql`, grp` : sql``}, occurred_on, grp
    )
    select grp, count(*)::bigint as n from firsts group by grp`);
  return (result.rows as { grp: string | null; n: string }[]).map((r) => ({ counter: q.counter, group: r.grp ?? "", n: Number(r.n), amount: 0 }));
}

/** Whether the yearly person rows answer this period: it starts on 1 January and ends in the same year. */
export function personRowsAnswer(from: string, to: string): boolean {
  return from.slice(5) === "01-01" && to.slice(0, 4) === from.slice(0, 4) && to >= from;
}
