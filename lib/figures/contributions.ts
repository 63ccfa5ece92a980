/**
 * What a record adds to the figures' counters, and what a person adds to the distinct-person
 * counters: pure functions, shared by the write path, the rebuild from the history and the
 * benchmark's data generator, so that all three fill the ledger the same way.
 */
import type { RecordKind } from "@/db/schema";
import { PERSON_COUNTERS, RECORD_COUNTERS, matches, type PersonCounter, type RecordCounterDefinition } from "./ledger-counters";

export { PERSON_COUNTERS, type PersonCounter };

export type Level = "record" | "unit" | "subproject" | "region" | "network";

/** Where a record hangs: its contact point (null for records of a subproject), subproject and region (null for national subprojects). */
export interface Place {
  unitId: string | null;
  subprojectId: string;
  regionId: string | null;
}

/** The client's statistical attributes that figures are broken down by. */
export interface ClientDims {
  gender: string;
  residenceStatus: string;
  qualificationCountry: string | null;
  occupationId: string | null;
}

/** A record as the ledger sees it (deleted records are absent, never passed). */
export interface RecordState {
  id: string;
  kind: RecordKind;
  unitId: string;
  clientId: string | null;
  occurredOn: string;
  data: Record<string, unknown>;
}

export interface Delta {
  counter: string;
  occurredOn: string;
  level: Level;
  unitId: string | null;
  subprojectId: string | null;
  regionId: string | null;
  recordId: string | null;
  clientId: string | null;
  dims: ClientDims | null;
  n: number;
  amount: number;
  /** A date whose start (Europe/Berlin) the delta waits for before it counts (outcome dates). */
  notBefore: string | null;
}

interface Contribution {
  counter: string;
  amount: number;
  notBefore: string | null;
}

const num = (v: unknown) => (typeof v === "number" ? v : Number(v ?? 0)) || 0;

const COUNTERS_BY_KIND = new Map<RecordKind, [string, RecordCounterDefinition][]>();
for (const entry of Object.entries(RECORD_COUNTERS)) COUNTERS_BY_KIND.set(entry[1].kind, [...(COUNTERS_BY_KIND.get(entry[1].kind) ?? []), entry]);

/** The counters one record adds to (one +1 each, with an amount where the kind has one), as RECORD_COUNTERS defines them. */
export function recordCounters(record: RecordState): Contribution[] {
  return (COUNTERS_BY_KIND.get(record.kind) ?? [])
    .filter(([, definition]) => matches(definition, record.kind, record.data))
    .map(([counter, definition]) => ({
      counter,
      amount: definition.amount ? num(record.data[definition.amount]) : 0,
      notBefore: definition.countsFrom ? (record.data[definition.countsFrom] as string) : null,
    }));
}

/** Whether a record is a candidate for a person counter (a client's record that its per-record counter counts). */
export function countsPerson(counter: PersonCounter, record: RecordState): boolean {
  const from = RECORD_COUNTERS[PERSON_COUNTERS[counter].fromCounter];
  return !!record.clientId && matches(from, record.kind, record.data);
}

export function personCountersOf(kind: RecordKind): PersonCounter[] {
  return (Object.keys(PERSON_COUNTERS) as PersonCounter[]).filter((c) => PERSON_COUNTERS[c].kind === kind);
}

/** +1 per counter of the record, placed in the org tree and tagged with its client's attributes. */
export function recordDeltas(record: RecordState, place: Place, dims: ClientDims | null, sign: 1 | -1): Delta[] {
  return recordCounters(record).map((c) => ({
    counter: c.counter,
    occurredOn: record.occurredOn,
    level: "record",
    unitId: place.unitId,
    subprojectId: place.subprojectId,
    regionId: place.regionId,
    recordId: record.id,
    clientId: record.clientId,
    dims,
    n: sign,
    amount: sign * c.amount,
    notBefore: c.notBefore,
  }));
}

/** The scopes a place lies in, one per level. */
export function scopesOf(place: Place): { level: Exclude<Level, "record">; id: string | null }[] {
  const scopes: { level: Exclude<Level, "record">; id: string | null }[] = [];
  if (place.unitId) scopes.push({ level: "unit", id: place.unitId });
  scopes.push({ level: "subproject", id: place.subprojectId });
  if (place.regionId) scopes.push({ level: "region", id: place.regionId });
  scopes.push({ level: "network", id: null });
  return scopes;
}

export function inScope(place: Place, scope: { level: Exclude<Level, "record">; id: string | null }): boolean {
  switch (scope.level) {
    case "unit":
      return place.unitId === scope.id;
    case "subproject":
      return place.subprojectId === scope.id;
    case "region":
      return place.regionId === scope.id;
    case "network":
      return true;
  }
}

/**
 * One person's entries for a person counter, within one scope and one calendar year.
 *
 * Each candidate record is a point: x = its date, y = the date from which it counts (an
 * outcome date; none for Fair Integration). The person counts for a period [1 January, to]
 * as of R when some point has x <= to and y <= R. That union of quadrants is written as +1 at
 * each point of its lower staircase and -1 at each inner corner, so that summing the entries
 * with x <= to and y <= R gives exactly 0 or 1, and the +1 that remains sits at the earliest
 * date that counts (the person's month in a monthly breakdown).
 */
export function personEntries(points: { x: string; y: string | null }[]): { x: string; y: string | null; n: 1 | -1 }[] {
  const sorted = [...points].sort((a, b) => (a.x < b.x ? -1 : a.x > b.x ? 1 : cmpY(a.y, b.y)));
  const stairs: { x: string; y: string | null }[] = [];
  for (const p of sorted) {
    const last = stairs[stairs.length - 1];
    if (!last || cmpY(p.y, last.y) < 0) stairs.push(p);
  }
  const entries: { x: string; y: string | null; n: 1 | -1 }[] = [];
  stairs.forEach((p, i) => {
    entries.push({ x: p.x, y: p.y, n: 1 });
    if (i + 1 < stairs.length) entries.push({ x: stairs[i + 1].x, y: p.y, n: -1 });
  });
  return entries;
}

/** Compares "counts from" dates; null (counts at once) comes first. */
function cmpY(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** The person deltas of one client, counter and year within every scope its candidate records lie in. */
export function personDeltas(
  counter: PersonCounter,
  clientId: string,
  dims: ClientDims,
  candidates: { record: RecordState; place: Place }[],
  scopes: { level: Exclude<Level, "record">; id: string | null }[],
  sign: 1 | -1,
): Delta[] {
  const countsFrom = RECORD_COUNTERS[PERSON_COUNTERS[counter].fromCounter].countsFrom;
  const deltas: Delta[] = [];
  for (const scope of scopes) {
    const points = candidates
      .filter((c) => inScope(c.place, scope))
      .map((c) => ({ x: c.record.occurredOn, y: countsFrom ? (c.record.data[countsFrom] as string) : null }));
    for (const e of personEntries(points)) {
      deltas.push({
        counter,
        occurredOn: e.x,
        level: scope.level,
        unitId: scope.level === "unit" ? scope.id : null,
        subprojectId: scope.level === "subproject" ? scope.id : null,
        regionId: scope.level === "region" ? scope.id : null,
        recordId: null,
        clientId,
        dims,
        n: sign * e.n,
        amount: 0,
        notBefore: e.y,
      });
    }
  }
  return deltas;
}

/** Drops pairs that cancel out, so that an edit that changes no figure writes nothing. */
export function netted(deltas: Delta[]): Delta[] {
  const byKey = new Map<string, Delta>();
  for (const d of deltas) {
    const key = JSON.stringify([d.counter, d.occurredOn, d.level, d.unitId, d.subprojectId, d.regionId, d.recordId, d.clientId, d.dims, d.notBefore]);
    const seen = byKey.get(key);
    if (seen) {
      seen.n += d.n;
      seen.amount += d.amount;
    } else byKey.set(key, { ...d });
  }
  return [...byKey.values()].filter((d) => d.n !== 0 || d.amount !== 0);
}
