/**
 * A record's life (created, corrected, deleted) and the ledger deltas of each change, computed
 * with the engine's own `recordChangeDeltas`.
 */
import { isoOf } from "@/lib/demo/demo-random";
import { recordChangeDeltas, type ChangeContext } from "@/lib/figures/changes";
import type { ClientDims, Place, RecordState } from "@/lib/figures/contributions";
import { uuid7 } from "./ids.mjs";
import type { Batch, ClientRow, RecordRow } from "./rows.mjs";
import type { GenState } from "./state.mjs";
import { HORIZON, entryTime } from "./timing.mjs";

/** One change of one record, as the ledger sees it. */
interface Change {
  at: number;
  before: RecordState | null;
  after: RecordState | null;
}

/** A record of a client and its changes; the row is the state after the last change up to the horizon. */
export interface Planned {
  row: RecordRow;
  changes: Change[];
}

const stateOf = (r: RecordRow, data: Record<string, unknown>): RecordState => ({
  id: r.id,
  kind: r.kind,
  unitId: r.unitId,
  clientId: r.clientId,
  occurredOn: r.occurredOn,
  data,
});

export function record(g: GenState, kind: RecordState["kind"], unitId: string, clientId: string | null, parentId: string | null, day: number, createdAt: number, data: Record<string, unknown>): Planned {
  const row: RecordRow = { id: uuid7(g.ids, createdAt), kind, unitId, clientId, parentId, occurredOn: isoOf(day), data, version: 1, createdAt, updatedAt: createdAt, deletedAt: null };
  return { row, changes: [{ at: createdAt, before: null, after: stateOf(row, data) }] };
}

export function update(p: Planned, at: number, data: Record<string, unknown>): void {
  const last = p.changes[p.changes.length - 1];
  p.changes.push({ at: Math.max(at, last.at + 60_000), before: last.after, after: stateOf(p.row, data) });
}

export function remove(p: Planned, at: number): void {
  const last = p.changes[p.changes.length - 1];
  p.changes.push({ at: Math.max(at, last.at + 60_000), before: last.after, after: null });
}

/** The row as it stands after the kept changes. */
function settle(p: Planned, kept: Change[]): void {
  const last = kept[kept.length - 1];
  p.row.version = kept.length;
  p.row.updatedAt = last.at;
  if (last.after) p.row.data = last.after.data;
  else {
    p.row.deletedAt = last.at;
    p.row.data = last.before!.data;
  }
}

/**
 * Writes a client and their records, and the ledger deltas of every change in the order the
 * changes happen; `others` answers from the client's records live at that moment.
 */
export function emitClient(places: Map<string, Place>, client: ClientRow, planned: Planned[], out: Batch): void {
  const dims: ClientDims = { gender: client.gender, residenceStatus: client.residenceStatus, qualificationCountry: client.qualificationCountry, occupationId: client.occupationId };
  const live = new Map<string, RecordState>();
  const ctx: ChangeContext = {
    place: (unitId) => places.get(unitId)!,
    dims: () => dims,
    others: (kind, _clientId, year, exceptId) => {
      const found: RecordState[] = [];
      for (const r of live.values()) if (r.kind === kind && r.id !== exceptId && r.occurredOn.startsWith(year)) found.push(r);
      return found;
    },
  };
  const changes: Change[] = [];
  for (const p of planned) {
    const kept = p.changes.filter((c) => c.at <= HORIZON);
    if (!kept.length) continue;
    settle(p, kept);
    out.records.push(p.row);
    changes.push(...kept);
  }
  changes.sort((a, b) => a.at - b.at);
  for (const change of changes) {
    const deltas = recordChangeDeltas(change.before, change.after, ctx);
    const base = new Date(change.at).toISOString();
    for (const d of deltas) {
      out.deltas.push(d);
      out.bases.push(base);
    }
    const id = (change.after ?? change.before)!.id;
    if (change.after) live.set(id, change.after);
    else live.delete(id);
  }
}

/** A record with no client, written once, and its deltas. */
export function emitPlain(places: Map<string, Place>, row: RecordRow, out: Batch): void {
  out.records.push(row);
  const base = new Date(row.createdAt).toISOString();
  const noClient: ChangeContext = { place: (unitId) => places.get(unitId)!, dims: () => { throw new Error("no client"); }, others: () => [] };
  for (const d of recordChangeDeltas(null, stateOf(row, row.data), noClient)) {
    out.deltas.push(d);
    out.bases.push(base);
  }
}

/** A record with no client dated `day`, typed in at its entry time (unless that lies past the horizon). */
export function plain(g: GenState, day: number, kind: RecordState["kind"], unitId: string, data: Record<string, unknown>, out: Batch): void {
  const createdAt = entryTime(g.rng, day);
  if (createdAt > HORIZON) return;
  emitPlain(g.places, { id: uuid7(g.ids, createdAt), kind, unitId, clientId: null, parentId: null, occurredOn: isoOf(day), data, version: 1, createdAt, updatedAt: createdAt, deletedAt: null }, out);
}
