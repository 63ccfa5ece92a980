/**
 * The ledger deltas of one change (a record written or deleted, a client's attributes
 * corrected), computed from data the caller has already loaded: the live write path and the
 * replay of the history both call these, so the two cannot disagree.
 */
import {
  countsPerson,
  netted,
  personCountersOf,
  personDeltas,
  recordDeltas,
  scopesOf,
  type ClientDims,
  type Delta,
  type Level,
  type Place,
  type PersonCounter,
  type RecordState,
} from "./contributions";

export interface ChangeContext {
  place(unitId: string): Place;
  dims(clientId: string): ClientDims;
  /** The client's other live records of a kind that occurred in a year (excluding one record). */
  others(kind: RecordState["kind"], clientId: string, year: string, exceptId: string): RecordState[];
}

const yearOf = (day: string) => day.slice(0, 4);

function uniqueScopes(places: Place[]) {
  const seen = new Map<string, { level: Exclude<Level, "record">; id: string | null }>();
  for (const place of places) for (const s of scopesOf(place)) seen.set(`${s.level}:${s.id}`, s);
  return [...seen.values()];
}

/** A record went from `before` to `after` (null: did not exist / deleted). */
export function recordChangeDeltas(before: RecordState | null, after: RecordState | null, ctx: ChangeContext): Delta[] {
  const deltas: Delta[] = [];
  const dimsOf = (r: RecordState) => (r.clientId ? ctx.dims(r.clientId) : null);
  if (before) deltas.push(...recordDeltas(before, ctx.place(before.unitId), dimsOf(before), -1));
  if (after) deltas.push(...recordDeltas(after, ctx.place(after.unitId), dimsOf(after), 1));

  const subject = (after ?? before)!;
  for (const counter of personCountersOf(subject.kind)) {
    const touched = new Map<string, { clientId: string; year: string }>();
    for (const r of [before, after]) if (r && countsPerson(counter, r)) touched.set(`${r.clientId}:${yearOf(r.occurredOn)}`, { clientId: r.clientId!, year: yearOf(r.occurredOn) });
    for (const { clientId, year } of touched.values()) {
      const same = (r: RecordState | null): r is RecordState => !!r && countsPerson(counter, r) && r.clientId === clientId && yearOf(r.occurredOn) === year;
      const others = ctx.others(subject.kind, clientId, year, subject.id).filter((r) => countsPerson(counter, r));
      const withPlace = (rs: RecordState[]) => rs.map((record) => ({ record, place: ctx.place(record.unitId) }));
      const scopes = uniqueScopes([before, after].filter(same).map((r) => ctx.place(r.unitId)));
      const dims = ctx.dims(clientId);
      deltas.push(...personDeltas(counter, clientId, dims, withPlace([...others, ...[before].filter(same)]), scopes, -1));
      deltas.push(...personDeltas(counter, clientId, dims, withPlace([...others, ...[after].filter(same)]), scopes, 1));
    }
  }
  return netted(deltas);
}

/** A client's breakdown attributes changed: everything the client counts in moves to the new values. */
export function clientChangeDeltas(clientId: string, before: ClientDims, after: ClientDims, live: RecordState[], place: (unitId: string) => Place): Delta[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const deltas: Delta[] = [];
  for (const r of live) deltas.push(...recordDeltas(r, place(r.unitId), before, -1), ...recordDeltas(r, place(r.unitId), after, 1));
  for (const counter of ["fairIntegration.person", "jobTraining.completer"] as PersonCounter[]) {
    const byYear = new Map<string, RecordState[]>();
    for (const r of live) if (countsPerson(counter, r)) byYear.set(yearOf(r.occurredOn), [...(byYear.get(yearOf(r.occurredOn)) ?? []), r]);
    for (const records of byYear.values()) {
      const candidates = records.map((record) => ({ record, place: place(record.unitId) }));
      const scopes = uniqueScopes(candidates.map((c) => c.place));
      deltas.push(...personDeltas(counter, clientId, before, candidates, scopes, -1), ...personDeltas(counter, clientId, after, candidates, scopes, 1));
    }
  }
  return netted(deltas);
}
