/**
 * What a record adds to the figures' counters, and what a person adds to the distinct-person
 * counters: pure functions, shared by the write path, the rebuild from the history and the
 * benchmark's data generator, so that all three fill the ledger the same way.
 */
import type { RecordKind } from "@/db/schema";

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

/** Counters that count distinct people, and the per-record counter each is drawn from. */
export const PERSON_COUNTERS = {
  "fairIntegration.person": { kind: "fair_integration_session", fromCounter: "fairIntegration.session" },
  "jobTraining.completer": { kind: "enrolment", fromCounter: "jobTraining.successful" },
} as const satisfies Record<string, { kind: RecordKind; fromCounter: string }>;
export type PersonCounter = keyof typeof PERSON_COUNTERS;

interface Contribution {
  counter: string;
  amount: number;
  notBefore: string | null;
}

const num = (v: unknown) => (typeof v === "number" ? v : Number(v ?? 0)) || 0;

/** The counters one record adds to (one +1 each, with an amount where the kind has one). */
export function recordCounters(record: RecordState): Contribution[] {
  const d = record.data;
  const one = (counter: string, amount = 0, notBefore: string | null = null): Contribution => ({ counter, amount, notBefore });
  switch (record.kind) {
    case "advice_session":
      return [d.stage === "initial" ? one(`advice.initial.${d.adviceType as string}`) : one("advice.followUp")];
    case "fair_integration_session":
      return [one("fairIntegration.session")];
    case "fair_integration_event":
      return [one("fairIntegration.event", num(d.participants))];
    case "job_training_scheme":
      return [one(`jobTraining.scheme.${d.format as string}`)];
    case "enrolment":
      return isCompletion(record) ? [one("jobTraining.enrolment"), one("jobTraining.successful", 0, d.outcomeOn as string)] : [one("jobTraining.enrolment")];
    case "intercultural_activity":
      return [one(`interculturalOpening.${d.targetGroup as string}.${d.activityType as string}`, num(d.participants))];
    case "skilled_worker_activity":
      return [one("skilledWorkerNetworks.activity", num(d.peopleReached))];
  }
}

function isCompletion(record: RecordState): boolean {
  return record.data.outcome === "successful" && typeof record.data.outcomeOn === "string";
}

/** Whether a record is a candidate for a person counter (a Fair Integration session; a successful enrolment). */
export function countsPerson(counter: PersonCounter, record: RecordState): boolean {
  if (record.kind !== PERSON_COUNTERS[counter].kind || !record.clientId) return false;
  return counter === "jobTraining.completer" ? isCompletion(record) : true;
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
  const deltas: Delta[] = [];
  for (const scope of scopes) {
    const points = candidates
      .filter((c) => inScope(c.place, scope))
      .map((c) => ({ x: c.record.occurredOn, y: counter === "jobTraining.completer" ? (c.record.data.outcomeOn as string) : null }));
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
