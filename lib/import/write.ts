/**
 * Writes a checked and resolved file in the caller's transaction, as the forms' commands would
 * row by row, but in batches: the same rows in `clients` and `records` (the data as the kind's
 * schema left it), a history version per row (the same snapshots), the figures ledger's deltas
 * (the same pure functions as the write path, lib/figures/changes.ts), and a key per row so a
 * second import adds nothing. Batches keep a 100,000-row file to a few hundred statements.
 */
import { and, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { clients, history, orgUnits, records, type Client, type RecordKind, type RecordRow, type importKeys } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { statisticalSnapshot } from "@/lib/clients/access";
import { newClientRef } from "@/lib/clients/commands";
import { recordChangeDeltas } from "@/lib/figures/changes";
import type { ClientDims, Delta, Place, RecordState } from "@/lib/figures/contributions";
import { dimsOf, insertDeltas, placeOf, stateOf } from "@/lib/figures/ledger";
import { recordSnapshot } from "@/lib/records/access";
import { kindSpec } from "@/lib/records/kinds";
import { statisticalShape } from "@/lib/clients/schemas";
import { IMPORT_KINDS } from "./columns";
import { unitOf, type Resolved, type Target } from "./resolve";

const BATCH = 1_000;

async function inBatches<T>(items: T[], write: (batch: T[]) => Promise<unknown>, size = BATCH): Promise<void> {
  for (let i = 0; i < items.length; i += size) await write(items.slice(i, i + size));
}

export interface KindCount {
  rows: number;
  added: number;
  existing: number;
}

export function countsOf(resolved: Resolved): Record<string, KindCount> {
  const counts: Record<string, KindCount> = {};
  for (const [kind, rows] of resolved) {
    if (!rows.length) continue;
    const added = rows.filter((r) => r.isNew).length;
    counts[kind] = { rows: rows.length, added, existing: rows.length - added };
  }
  return counts;
}

export async function writeImport(tx: Tx, actor: Actor, target: Target, resolved: Resolved, importId: string): Promise<void> {
  const now = new Date();
  const keys: (typeof importKeys.$inferInsert)[] = [];

  const newClients: Client[] = (resolved.get("client") ?? [])
    .filter((r) => r.isNew)
    .map((r) => {
      keys.push({ unitId: target.contactPointId, kind: "client", key: r.key, subjectId: r.id, importId });
      const values = Object.fromEntries(Object.keys(statisticalShape).map((f) => [f, r.values[f] ?? null]));
      return { ...(values as Partial<Client>), id: r.id, ref: newClientRef(), contactPointId: target.contactPointId, createdBy: actor.userId } as Client;
    });
  await inBatches(newClients, (batch) => tx.insert(clients).values(batch));
  await inBatches(newClients, (batch) =>
    tx.insert(history).values(batch.map((c) => ({ subjectId: c.id, subjectType: "client", version: 1, op: "create" as const, actorId: actor.userId, snapshot: statisticalSnapshot(c) }))),
  );

  const newRecords: RecordRow[] = [];
  for (const kind of IMPORT_KINDS.filter((k): k is RecordKind => k !== "client")) {
    const spec = kindSpec(kind);
    for (const row of resolved.get(kind) ?? []) {
      if (!row.isNew) continue;
      const { occurredOn, ...rest } = row.values;
      const data = Object.fromEntries(Object.keys(spec.data.shape).map((key) => [key, rest[key] ?? null]));
      const unitId = unitOf(kind, target);
      keys.push({ unitId, kind, key: row.key, subjectId: row.id, importId });
      newRecords.push({
        id: row.id,
        kind,
        unitId,
        clientId: row.clientId,
        parentId: row.schemeId,
        occurredOn: occurredOn as string,
        data,
        version: 1,
        createdBy: actor.userId,
        createdAt: now,
        updatedBy: null,
        updatedAt: now,
        deletedAt: null,
        deletedBy: null,
      });
    }
  }
  await inBatches(newRecords, (batch) => insertRecords(tx, batch), 10_000);
  await inBatches(newRecords, (batch) => insertHistory(tx, actor.userId, batch), 10_000);
  await inBatches(keys, (batch) => insertKeys(tx, batch), 10_000);
  await inBatches(await ledgerDeltas(tx, target, newClients, newRecords), (batch) => insertDeltas(tx, batch), 5_000);
}

/*
 * The big tables are written with one array parameter per column (unnest), as insertDeltas
 * writes the ledger: a statement of 10,000 rows has a dozen parameters, not 100,000.
 */
const param = <T, V>(rows: T[], f: (row: T) => V) => sql.param(rows.map(f));

async function insertRecords(tx: Tx, batch: RecordRow[]): Promise<void> {
  await tx.execute(sql`
    insert into records (id, kind, unit_id, client_id, parent_id, occurred_on, data, created_by)
    select * from unnest(${param(batch, (r) => r.id)}::uuid[], ${param(batch, (r) => r.kind)}::record_kind[], ${param(batch, (r) => r.unitId)}::uuid[],
      ${param(batch, (r) => r.clientId)}::uuid[], ${param(batch, (r) => r.parentId)}::uuid[], ${param(batch, (r) => r.occurredOn)}::date[],
      ${param(batch, (r) => JSON.stringify(r.data))}::jsonb[], ${param(batch, (r) => r.createdBy)}::uuid[])`);
}

async function insertHistory(tx: Tx, actorId: string, batch: RecordRow[]): Promise<void> {
  await tx.execute(sql`
    insert into history (subject_id, subject_type, version, op, actor_id, snapshot)
    select s, 'record', 1, 'create', ${actorId}::uuid, snapshot
    from unnest(${param(batch, (r) => r.id)}::uuid[], ${param(batch, (r) => JSON.stringify(recordSnapshot(r)))}::jsonb[]) as h(s, snapshot)`);
}

async function insertKeys(tx: Tx, batch: (typeof importKeys.$inferInsert)[]): Promise<void> {
  await tx.execute(sql`
    insert into import_keys (unit_id, kind, key, subject_id, import_id)
    select * from unnest(${param(batch, (k) => k.unitId)}::uuid[], ${param(batch, (k) => k.kind)}::text[], ${param(batch, (k) => k.key)}::text[],
      ${param(batch, (k) => k.subjectId)}::uuid[], ${param(batch, (k) => k.importId ?? null)}::uuid[])`);
}

/**
 * The ledger deltas of the new records, one after the other as the write path would see them:
 * each record's "other records of the person this year" are the stored ones plus those of the
 * file before it, so a person's first session of a year is counted once, whichever came first.
 */
async function ledgerDeltas(tx: Tx, target: Target, newClients: Client[], newRecords: RecordRow[]): Promise<Delta[]> {
  const dims = new Map<string, ClientDims>(newClients.map((c) => [c.id, dimsOf({ gender: c.gender ?? "not_stated", residenceStatus: c.residenceStatus ?? "not_stated", qualificationCountry: c.qualificationCountry ?? null, occupationId: c.occupationId ?? null })]));
  const storedClients = [...new Set(newRecords.map((r) => r.clientId).filter((id): id is string => !!id && !dims.has(id)))];
  const others = new Map<string, RecordState[]>();
  const otherKey = (kind: string, clientId: string, year: string) => `${kind}:${clientId}:${year}`;
  const unitIds = new Set([target.contactPointId, target.subprojectId]);
  for (let i = 0; i < storedClients.length; i += BATCH) {
    const part = storedClients.slice(i, i + BATCH);
    // Locked as the write path locks them: a form's session of the same person waits for the import.
    const rows = await tx.select().from(clients).where(inArray(clients.id, part)).for("update");
    for (const c of rows) dims.set(c.id, dimsOf(c));
    const theirs = await tx
      .select()
      .from(records)
      .where(and(inArray(records.clientId, part), inArray(records.kind, ["fair_integration_session", "enrolment"]), isNull(records.deletedAt)));
    for (const r of theirs) {
      const key = otherKey(r.kind, r.clientId!, r.occurredOn.slice(0, 4));
      if (!others.has(key)) others.set(key, []);
      others.get(key)!.push(stateOf(r)!);
      unitIds.add(r.unitId);
    }
  }
  const units = await tx
    .select({ id: orgUnits.id, level: orgUnits.level, parentId: orgUnits.parentId, regionId: orgUnits.regionId })
    .from(orgUnits)
    .where(inArray(orgUnits.id, [...unitIds]));
  const places = new Map<string, Place>(units.map((u) => [u.id, placeOf(u)]));
  const deltas: Delta[] = [];
  for (const row of newRecords) {
    const state = stateOf(row)!;
    deltas.push(
      ...recordChangeDeltas(null, state, {
        place: (unitId) => places.get(unitId)!,
        dims: (clientId) => dims.get(clientId)!,
        others: (kind, clientId, year) => others.get(otherKey(kind, clientId, year)) ?? [],
      }),
    );
    if (state.clientId) {
      const key = otherKey(state.kind, state.clientId, state.occurredOn.slice(0, 4));
      if (!others.has(key)) others.set(key, []);
      others.get(key)!.push(state);
    }
  }
  return deltas;
}

