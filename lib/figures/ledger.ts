import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { figureCompaction, orgUnits, records, type Client, type RecordRow } from "@/db/schema";
import type { Tx } from "@/db/client";
import { clientChangeDeltas, recordChangeDeltas } from "./changes";
import type { ClientDims, Delta, Place, RecordState } from "./contributions";

/** The scope id under which network-wide totals are kept. */
export const NETWORK_SCOPE = "00000000-0000-0000-0000-000000000000";

export function stateOf(row: RecordRow | null): RecordState | null {
  if (!row || row.deletedAt) return null;
  return { id: row.id, kind: row.kind, unitId: row.unitId, clientId: row.clientId, occurredOn: row.occurredOn, data: row.data };
}

export function dimsOf(client: Pick<Client, "gender" | "residenceStatus" | "qualificationCountry" | "occupationId">): ClientDims {
  return { gender: client.gender, residenceStatus: client.residenceStatus, qualificationCountry: client.qualificationCountry, occupationId: client.occupationId };
}

export function placeOf(unit: { id: string; level: string; parentId: string | null; regionId: string | null }): Place {
  return unit.level === "contact_point"
    ? { unitId: unit.id, subprojectId: unit.parentId!, regionId: unit.regionId }
    : { unitId: null, subprojectId: unit.id, regionId: unit.regionId };
}

async function loadPlaces(tx: Tx, unitIds: string[]): Promise<Map<string, Place>> {
  const ids = [...new Set(unitIds)];
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ id: orgUnits.id, level: orgUnits.level, parentId: orgUnits.parentId, regionId: orgUnits.regionId })
    .from(orgUnits)
    .where(inArray(orgUnits.id, ids));
  return new Map(rows.map((u) => [u.id, placeOf(u)]));
}

const need = <T>(map: Map<string, T>, key: string): T => {
  const value = map.get(key);
  if (value === undefined) throw new Error(`figures ledger: ${key} not loaded`);
  return value;
};

/** What a caller has already read for a change's deltas: the places of units, and clients' dims read through lotse_client_dims (which locks the client). */
export interface Known {
  places?: Map<string, Place>;
  dims?: Map<string, ClientDims>;
}

/** Kinds whose deltas depend on the client's other records of the year: a person counted once per year. */
export function countsPersonsOnce(kind: RecordRow["kind"]): boolean {
  return kind === "fair_integration_session" || kind === "enrolment";
}

/**
 * The deltas of a new record from its unit's place and its client's dims alone, for a kind that
 * does not count persons once (whose deltas need the client's other records, which only a
 * transaction holding the client's lock may read). For a create whose writes are one statement
 * (lib/records/create-alone.ts), which checks there, under the lock, that the place and the dims
 * are still these.
 */
export function newRecordDeltas(row: RecordRow, place: Place, dims: ClientDims | null): Delta[] {
  return recordChangeDeltas(null, stateOf(row), {
    place: () => place,
    dims: () => {
      if (!dims) throw new Error("figures ledger: a client's record without the client's dims");
      return dims;
    },
    others: () => {
      throw new Error("figures ledger: a kind that counts persons once needs the client's other records");
    },
  });
}

/**
 * Writes the ledger deltas of a record change, in the caller's transaction. The client is
 * locked first, so that two sessions of one person written at once cannot both count them
 * as the person's first.
 */
export async function recordChanged(tx: Tx, beforeRow: RecordRow | null, afterRow: RecordRow | null): Promise<void> {
  await insertDeltas(tx, await recordChangeDeltasOf(tx, beforeRow, afterRow));
}

/**
 * The ledger deltas of a record change, reading what `known` lacks (for a create that sends
 * them with its other writes, lib/records/commands.ts). Locks the clients as recordChanged does.
 */
export async function recordChangeDeltasOf(tx: Tx, beforeRow: RecordRow | null, afterRow: RecordRow | null, known: Known = {}): Promise<Delta[]> {
  const before = stateOf(beforeRow);
  const after = stateOf(afterRow);
  if (!before && !after) return [];
  const clientIds = [...new Set([before?.clientId, after?.clientId].filter((c): c is string => !!c))].sort();
  const dims = new Map(known.dims);
  for (const id of clientIds) {
    if (dims.has(id)) continue;
    dims.set(id, await lockedDims(tx, id));
  }
  const subject = (after ?? before)!;
  const others = new Map<string, RecordState[]>();
  for (const r of [before, after]) {
    if (!r?.clientId || !countsPersonsOnce(r.kind)) continue;
    const year = r.occurredOn.slice(0, 4);
    const key = `${r.clientId}:${year}`;
    if (others.has(key)) continue;
    const rows = await tx
      .select()
      .from(records)
      .where(
        and(
          eq(records.kind, r.kind),
          eq(records.clientId, r.clientId),
          isNull(records.deletedAt),
          sql`${records.occurredOn} between ${`${year}-01-01`} and ${`${year}-12-31`}`,
          sql`${records.id} <> ${subject.id}`,
        ),
      );
    others.set(key, rows.map((row) => stateOf(row)!));
  }
  const unitIds = [before, after, ...[...others.values()].flat()].filter((r): r is RecordState => !!r).map((r) => r.unitId);
  const places = new Map(known.places);
  for (const [id, place] of await loadPlaces(tx, unitIds.filter((id) => !places.has(id)))) places.set(id, place);
  return recordChangeDeltas(before, after, {
    place: (unitId) => need(places, unitId),
    dims: (clientId) => need(dims, clientId),
    others: (_kind, clientId, year) => others.get(`${clientId}:${year}`) ?? [],
  });
}

/** A client's dims, locking the client. Through the migrations' function: row security may hide the client from this adviser. */
async function lockedDims(tx: Tx, clientId: string): Promise<ClientDims> {
  const [client] = (
    await tx.execute(sql`
      select gender, residence_status as "residenceStatus", qualification_country as "qualificationCountry", occupation_id as "occupationId"
      from lotse_client_dims(${clientId}::uuid)`)
  ).rows as unknown as ClientDims[];
  return client;
}

/** Writes the ledger deltas of a correction of a client's attributes, in the caller's transaction. */
export async function clientChanged(tx: Tx, before: Client, after: Client): Promise<void> {
  const live = (await tx.select().from(records).where(and(eq(records.clientId, after.id), isNull(records.deletedAt)))).map((row) => stateOf(row)!);
  const places = await loadPlaces(tx, live.map((r) => r.unitId));
  await insertDeltas(tx, clientChangeDeltas(after.id, dimsOf(before), dimsOf(after), live, (unitId) => need(places, unitId)));
}

/**
 * Appends deltas. Each takes effect at `base` (default: this transaction's time) or, for an
 * outcome dated later, at the start of that day in Europe/Berlin.
 */
export async function insertDeltas(tx: Tx, deltas: Delta[], base: (string | null)[] | null = null): Promise<void> {
  const statement = deltasStatement(deltas, base);
  if (statement) await tx.execute(statement);
}

/** The statement of insertDeltas (null for no deltas), for a caller that sends it together with other writes. */
export function deltasStatement(deltas: Delta[], base: (string | null)[] | null = null): SQL | null {
  if (!deltas.length) return null;
  // One JSON parameter (json_to_recordset): the server parses it in one go, where an array per column is quoted element by element.
  const rows = deltas.map((d, i) => ({
    base: base?.[i] ?? null,
    counter: d.counter,
    occurred_on: d.occurredOn,
    level: d.level,
    unit_id: d.unitId,
    subproject_id: d.subprojectId,
    region_id: d.regionId,
    record_id: d.recordId,
    client_id: d.clientId,
    gender: d.dims?.gender ?? null,
    residence_status: d.dims?.residenceStatus ?? null,
    qualification_country: d.dims?.qualificationCountry ?? null,
    occupation_id: d.dims?.occupationId ?? null,
    n: d.n,
    amount: d.amount,
    not_before: d.notBefore ?? null,
  }));
  return sql`
    insert into figure_deltas (at, counter, occurred_on, level, unit_id, subproject_id, region_id, record_id, client_id,
                               gender, residence_status, qualification_country, occupation_id, n, amount)
    select greatest(coalesce(d.base, now()), coalesce(d.not_before::timestamp at time zone 'Europe/Berlin', '-infinity')),
           d.counter, d.occurred_on, d.level, d.unit_id, d.subproject_id, d.region_id, d.record_id, d.client_id,
           d.gender, d.residence_status, d.qualification_country, d.occupation_id, d.n, d.amount
    from json_to_recordset(${sql.param(JSON.stringify(rows))}::json)
      as d(base timestamptz, counter text, occurred_on date, level text, unit_id uuid, subproject_id uuid, region_id uuid, record_id uuid, client_id uuid,
           gender text, residence_status text, qualification_country text, occupation_id uuid, n int, amount int, not_before date)`;
}

/**
 * The kinds of rows in figure_totals: the grain of the occurred date × the grain of the effect
 * date. The occurred month × effect year rows hold what the effect months of a year hold, so that
 * a report reads one row per past year of effect instead of twelve (lib/figures/counters.ts).
 */
export const TOTAL_GRAINS = [
  { occurred: "day", effect: "month" },
  { occurred: "month", effect: "month" },
  { occurred: "month", effect: "day" },
  { occurred: "month", effect: "year" },
] as const;
export type TotalGrain = (typeof TOTAL_GRAINS)[number];

/**
 * The figure_totals rows of one grain for the deltas that took effect in [from, until): once for
 * the network and once for the regional network the delta counts in, per breakdown dimension,
 * occurred date and effect date (see db/schema/figures.ts). The effect dates are Berlin days,
 * so rows of ranges split at Berlin day boundaries never share a key (but see compactLedger).
 */
export function totalsRows(grain: TotalGrain, from: SQL, until: SQL): SQL {
  const occurred = grain.occurred === "day" ? sql`f.occurred_on` : sql`date_trunc('month', f.occurred_on)::date`;
  const effect = grain.effect === "day" ? sql`(f.at at time zone 'Europe/Berlin')::date` : sql`date_trunc(${grain.effect}, f.at at time zone 'Europe/Berlin')::date`;
  return sql`
    select s.scope_id, d.dim, ${grain.occurred}, ${grain.effect}, ${occurred}, ${effect}, f.counter, d.value, sum(f.n), sum(f.amount)
    from figure_deltas f
    cross join lateral unnest(case f.level
      when 'record' then array[${NETWORK_SCOPE}::uuid, f.region_id]
      when 'network' then array[${NETWORK_SCOPE}::uuid]
      when 'region' then array[f.region_id] end) as s(scope_id)
    cross join lateral (values ('', ''), ('gender', f.gender), ('residence', f.residence_status),
      ('country', coalesce(f.qualification_country, '')), ('occupation', coalesce(f.occupation_id::text, ''))) as d(dim, value)
    where f.at >= ${from} and f.at < ${until}
      and s.scope_id is not null and (d.dim = '' or f.gender is not null)
    group by 1, 2, 3, 4, 5, 6, 7, 8`;
}

/**
 * Sums the deltas that took effect before `until` (and after the last compaction) into
 * figure_totals. Deltas stay in the ledger; reports read the totals plus the few deltas that
 * the totals cannot answer. A compaction point inside a day adds to that day's rows later.
 */
export async function compactLedger(tx: Tx, until: Date, into: "totals" | "empty totals without their key" = "totals"): Promise<void> {
  const [state] = await tx.select().from(figureCompaction).where(eq(figureCompaction.id, 1)).for("update");
  if (Number(state.until) >= until.getTime()) return;
  // Into empty totals each grain's rows are distinct by their grouping, and the grains by their columns.
  const merge =
    into === "totals"
      ? sql`on conflict (scope_id, dim, grain, effect_grain, occurred_on, effect_on, counter, dim_value)
      do update set n = figure_totals.n + excluded.n, amount = figure_totals.amount + excluded.amount`
      : sql``;
  const from = sql`(select c.until from figure_compaction c where c.id = 1)`;
  const columns = sql`scope_id, dim, grain, effect_grain, occurred_on, effect_on, counter, dim_value, n, amount`;
  // The effect years are summed from the effect months, in the same statement: one pass over the deltas for both.
  for (const grain of TOTAL_GRAINS.filter((g) => g.effect !== "year")) {
    const rows = totalsRows(grain, from, sql`${until}`);
    const withYears = grain.occurred === "month" && grain.effect === "month";
    await tx.execute(
      withYears
        ? sql`
        with months (${columns}) as (${rows}),
        into_months as (insert into figure_totals (${columns}) select * from months ${merge})
        insert into figure_totals (${columns})
        select scope_id, dim, grain, 'year', occurred_on, date_trunc('year', effect_on)::date, counter, dim_value, sum(n), sum(amount)
        from months group by 1, 2, 3, 4, 5, 6, 7, 8
        ${merge}`
        : sql`insert into figure_totals (${columns}) ${rows} ${merge}`,
    );
  }
  await tx.update(figureCompaction).set({ until }).where(eq(figureCompaction.id, 1));
}

/**
 * The start of the Europe/Berlin day that was 24 hours ago: writes still open a day later are
 * impossible, so everything before it is final. That is the start of yesterday, but in the last
 * hour of a 25-hour day (the end of summer time) the start of today, exactly 24 hours back, and
 * in the hour after a 23-hour day the start of the day before yesterday.
 */
export function compactionPoint(now = new Date()): Date {
  const day = new Date(now.getTime() - 24 * 3600_000);
  const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(day);
  return startOfDayBerlin(ymd);
}

/** Midnight at the start of a day in Europe/Berlin, as an instant. */
export function startOfDayBerlin(ymd: string): Date {
  const utcMidnight = new Date(`${ymd}T00:00:00Z`);
  const berlinHour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit", hourCycle: "h23" }).format(utcMidnight));
  return new Date(utcMidnight.getTime() - berlinHour * 3600_000);
}

/** Compacts up to the start of yesterday if that has not happened yet (once a day in practice). */
export async function ensureCompacted(tx: Tx, now = new Date()): Promise<void> {
  const point = compactionPoint(now);
  const [state] = await tx.select().from(figureCompaction).where(eq(figureCompaction.id, 1));
  if (state && Number(state.until) < point.getTime()) await compactLedger(tx, point);
}
