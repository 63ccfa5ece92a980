/**
 * Writes a checked and resolved file in the caller's transaction, as the forms' commands would
 * row by row, but in batches: the same rows in `clients` and `records` (the data as the kind's
 * schema left it), a history version per row (the same snapshots), the figures ledger's deltas
 * (the same pure functions as the write path, lib/figures/changes.ts), and a key per row so a
 * second import adds nothing. Batches keep a 100,000-row file to a few dozen statements.
 */
import { and, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { clients, history, orgUnits, records, type Client, type RecordKind, type RecordRow, type importKeys } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { statisticalSnapshot } from "@/lib/clients/access";
import { newClientRef } from "@/lib/clients/commands";
import { recordChangeDeltas } from "@/lib/figures/changes";
import { personCountersOf, type ClientDims, type Delta, type Place, type RecordState } from "@/lib/figures/contributions";
import { deltasStatement, dimsOf, placeOf, stateOf } from "@/lib/figures/ledger";
import { KINDS, kindSpec } from "@/lib/records/kinds";
import { statisticalShape } from "@/lib/clients/schemas";
import { IMPORT_KINDS } from "./columns";
import { unitOf, type Resolved, type Target } from "./resolve";

const BATCH = 1_000;
/** Records per statement (and per round of history, keys and ledger deltas). */
const RECORD_BATCH = 5_000;
/** The kinds whose person counters look at a person's other records of the year (lib/figures/changes.ts). */
const PERSON_KINDS: RecordKind[] = KINDS.map((k) => k.kind).filter((kind) => personCountersOf(kind).length > 0);

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

/** `onWritten` is told the rows written so far (clients, then records batch by batch). */
export async function writeImport(tx: Tx, actor: Actor, target: Target, resolved: Resolved, importId: string, onWritten: (rows: number) => void = () => undefined): Promise<void> {
  const now = new Date();
  const clientKeys: (typeof importKeys.$inferInsert)[] = [];
  const newClients: Client[] = (resolved.get("client") ?? [])
    .filter((r) => r.isNew)
    .map((r) => {
      clientKeys.push({ unitId: target.contactPointId, kind: "client", key: r.key, subjectId: r.id, importId });
      const values = Object.fromEntries(Object.keys(statisticalShape).map((f) => [f, r.values[f] ?? null]));
      return { ...(values as Partial<Client>), id: r.id, ref: newClientRef(), contactPointId: target.contactPointId, createdBy: actor.userId } as Client;
    });
  await inBatches(newClients, (batch) => tx.insert(clients).values(batch));
  await inBatches(newClients, (batch) =>
    tx.insert(history).values(batch.map((c) => ({ subjectId: c.id, subjectType: "client", version: 1, op: "create" as const, actorId: actor.userId, snapshot: statisticalSnapshot(c) }))),
  );
  await inBatches(clientKeys, (batch) => insertKeys(tx, batch), RECORD_BATCH);
  onWritten(newClients.length);

  // The records batch by batch, each with its history, keys and ledger deltas: only one batch's rows are held twice.
  // A batch's statements are sent before the next batch is made, and awaited after: the database
  // writes one batch while this process makes the next (the connection runs them in order).
  const rows = IMPORT_KINDS.filter((k): k is RecordKind => k !== "client").flatMap((kind) => (resolved.get(kind) ?? []).filter((r) => r.isNew).map((row) => ({ kind, row })));
  const ledger = await ledgerContext(tx, target, newClients, rows.map((r) => r.row.clientId));
  let sent: Promise<unknown> = Promise.resolve();
  let written = newClients.length;
  for (let i = 0; i < rows.length; i += RECORD_BATCH) {
    const batch: RecordRow[] = [];
    const keys: (typeof importKeys.$inferInsert)[] = [];
    for (const { kind, row } of rows.slice(i, i + RECORD_BATCH)) {
      const { occurredOn, ...rest } = row.values;
      const data = Object.fromEntries(Object.keys(kindSpec(kind).data.shape).map((key) => [key, rest[key] ?? null]));
      const unitId = unitOf(kind, target);
      keys.push({ unitId, kind, key: row.key, subjectId: row.id, importId });
      batch.push({
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
    const statements = [recordsStatement(actor.userId, batch), keysStatement(keys), deltasStatement(ledger.deltasOf(batch))].filter((s) => s !== null);
    await sent;
    onWritten(written);
    sent = Promise.all(statements.map((statement) => tx.execute(statement)));
    // Handled at once as well, in case making the next batch throws before it is awaited: its failure is then that error's.
    sent.catch(() => undefined);
    written += batch.length;
  }
  await sent;
  onWritten(written);
}

/*
 * The big tables are written a batch per statement, the batch as one JSON parameter
 * (json_to_recordset): the server parses it in one go, where an array parameter per column
 * would be quoted element by element on the way. Records come as jsonb, whose `data` column
 * is then taken as it was parsed (json_to_recordset parses each one again: 120 against 67 ms
 * for 5,000 sessions); flat rows read faster as json (87 against 129 ms for 5,000 deltas).
 */
const asJson = (rows: object[]) => sql.param(JSON.stringify(rows));

/**
 * The records and, in the same statement, their history versions: the snapshot is built from
 * the row as stored, as recordSnapshot (lib/records/access.ts) builds it from the row in hand
 * (tests/integration/import.test.ts compares the two).
 */
function recordsStatement(actorId: string, batch: RecordRow[]): SQL {
  const rows = batch.map((r) => ({ id: r.id, kind: r.kind, unit_id: r.unitId, client_id: r.clientId, parent_id: r.parentId, occurred_on: r.occurredOn, data: r.data, created_by: r.createdBy }));
  return sql`
    with made as (
      insert into records (id, kind, unit_id, client_id, parent_id, occurred_on, data, created_by)
      select id, kind, unit_id, client_id, parent_id, occurred_on, data, created_by
      from jsonb_to_recordset(${asJson(rows)}::jsonb)
        as r(id uuid, kind record_kind, unit_id uuid, client_id uuid, parent_id uuid, occurred_on date, data jsonb, created_by uuid)
      returning id, unit_id, client_id, parent_id, occurred_on, data
    )
    insert into history (subject_id, subject_type, version, op, actor_id, snapshot)
    select id, 'record', 1, 'create', ${actorId}::uuid,
           jsonb_build_object('unitId', unit_id, 'clientId', client_id, 'parentId', parent_id, 'occurredOn', occurred_on) || data
    from made`;
}

function keysStatement(batch: (typeof importKeys.$inferInsert)[]): SQL | null {
  if (!batch.length) return null;
  const rows = batch.map((k) => ({ unit_id: k.unitId, kind: k.kind, key: k.key, subject_id: k.subjectId, import_id: k.importId ?? null }));
  return sql`
    insert into import_keys (unit_id, kind, key, subject_id, import_id)
    select unit_id, kind, key, subject_id, import_id
    from json_to_recordset(${asJson(rows)}::json) as k(unit_id uuid, kind text, key text, subject_id uuid, import_id uuid)`;
}

async function insertKeys(tx: Tx, batch: (typeof importKeys.$inferInsert)[]): Promise<void> {
  const statement = keysStatement(batch);
  if (statement) await tx.execute(statement);
}

/**
 * The ledger deltas of the new records, one after the other as the write path would see them:
 * each record's "other records of the person this year" are the stored ones plus those of the
 * file before it, so a person's first session of a year is counted once, whichever came first.
 * What that needs is loaded once; the deltas are then computed batch by batch, in file order.
 */
async function ledgerContext(tx: Tx, target: Target, newClients: Client[], clientIds: (string | null)[]): Promise<{ deltasOf(batch: RecordRow[]): Delta[] }> {
  const dims = new Map<string, ClientDims>(newClients.map((c) => [c.id, dimsOf({ gender: c.gender ?? "not_stated", residenceStatus: c.residenceStatus ?? "not_stated", qualificationCountry: c.qualificationCountry ?? null, occupationId: c.occupationId ?? null })]));
  const storedClients = [...new Set(clientIds.filter((id): id is string => !!id && !dims.has(id)))];
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
      .where(and(inArray(records.clientId, part), inArray(records.kind, PERSON_KINDS), isNull(records.deletedAt)));
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
  const context = {
    place: (unitId: string) => places.get(unitId)!,
    dims: (clientId: string) => dims.get(clientId)!,
    others: (kind: string, clientId: string, year: string) => others.get(otherKey(kind, clientId, year)) ?? [],
  };
  return {
    deltasOf(batch) {
      const deltas: Delta[] = [];
      for (const row of batch) {
        const state = stateOf(row)!;
        deltas.push(...recordChangeDeltas(null, state, context));
        // Only the kinds with person counters ask for a person's other records.
        if (state.clientId && PERSON_KINDS.includes(state.kind)) {
          const key = otherKey(state.kind, state.clientId, state.occurredOn.slice(0, 4));
          if (!others.has(key)) others.set(key, []);
          others.get(key)!.push(state);
        }
      }
      return deltas;
    },
  };
}
