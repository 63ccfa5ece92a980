import { sql } from "drizzle-orm";
import { appSettings, figureCompaction, orgUnits } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { clientChangeDeltas, recordChangeDeltas } from "./changes";
import type { ClientDims, Delta, Place, RecordState } from "./contributions";
import { compactLedger, compactionPoint, insertDeltas, placeOf } from "./ledger";
import { LEDGER_VERSION } from "./ledger-version";

export { LEDGER_VERSION };

interface HistoryEvent {
  id: string;
  subject_id: string;
  subject_type: "record" | "client";
  op: "create" | "update" | "delete";
  at: string;
  snapshot: Record<string, unknown>;
  kind: RecordState["kind"] | null;
}

const BATCH = 20_000;

const LEDGER_KEY = "figures_ledger_version";

/** Rebuilds the ledger at start-up if it was built by another version (or never: an upgrade). */
export async function ensureLedger(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    // One instance rebuilds; another starting at the same time waits here, then finds it done.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lotse.figures.ledger'))`);
    const [row] = await tx.select().from(appSettings).where(sql`${appSettings.key} = ${LEDGER_KEY}`);
    if (row?.value === LEDGER_VERSION) return false;
    await rebuildLedger(tx);
    return true;
  });
}

function recordFromSnapshot(id: string, kind: RecordState["kind"], s: Record<string, unknown>): RecordState {
  const { unitId, clientId, parentId: _p, occurredOn, ...data } = s;
  return { id, kind, unitId: unitId as string, clientId: (clientId as string | null) ?? null, occurredOn: occurredOn as string, data };
}

function dimsFromSnapshot(s: Record<string, unknown>): ClientDims {
  return {
    gender: s.gender as string,
    residenceStatus: s.residenceStatus as string,
    qualificationCountry: (s.qualificationCountry as string | null) ?? null,
    occupationId: (s.occupationId as string | null) ?? null,
  };
}

/**
 * Rebuilds the figures ledger from the history, replaying every version of every record and
 * client in the order they were written, through the same change functions as live writes.
 * For data written outside the commands (the demo seed) and after a change of a figure's
 * definition. Runs in the caller's transaction.
 */
export async function rebuildLedger(tx: Tx, now = new Date()): Promise<void> {
  await tx.execute(sql`truncate figure_deltas, figure_totals`);
  await tx.update(figureCompaction).set({ until: sql`'-infinity'` });

  const places = new Map<string, Place>();
  for (const u of await tx.select({ id: orgUnits.id, level: orgUnits.level, parentId: orgUnits.parentId, regionId: orgUnits.regionId }).from(orgUnits)) places.set(u.id, placeOf(u));
  const live = new Map<string, RecordState>();
  const byClient = new Map<string, Set<string>>();
  const dims = new Map<string, ClientDims>();
  const firstDims = new Map<string, ClientDims>();
  const first = await tx.execute(sql`select distinct on (subject_id) subject_id, snapshot from history where subject_type = 'client' order by subject_id, version`);
  for (const row of first.rows as { subject_id: string; snapshot: Record<string, unknown> }[]) firstDims.set(row.subject_id, dimsFromSnapshot(row.snapshot));

  const ctx = {
    place: (unitId: string) => places.get(unitId)!,
    dims: (clientId: string) => dims.get(clientId) ?? firstDims.get(clientId)!,
    others: (kind: RecordState["kind"], clientId: string, year: string, exceptId: string) =>
      [...(byClient.get(clientId) ?? [])]
        .map((rid) => live.get(rid)!)
        .filter((r) => r.kind === kind && r.id !== exceptId && r.occurredOn.startsWith(year)),
  };

  let pending: Delta[] = [];
  let bases: string[] = [];
  const flush = async () => {
    await insertDeltas(tx, pending, bases);
    pending = [];
    bases = [];
  };

  // One sort of the whole history, read in batches through a cursor of this transaction.
  await tx.execute(sql`
    declare history_replay no scroll cursor for
    select h.id::text, h.subject_id, h.subject_type, h.op, h.at::text as at, h.snapshot, r.kind
    from history h left join records r on h.subject_type = 'record' and r.id = h.subject_id
    order by h.at, h.id`);
  for (;;) {
    const result = await tx.execute(sql.raw(`fetch ${BATCH} from history_replay`));
    const events = result.rows as unknown as HistoryEvent[];
    if (!events.length) break;
    for (const e of events) {
      let deltas: Delta[];
      if (e.subject_type === "client") {
        const next = dimsFromSnapshot(e.snapshot);
        const previous = dims.get(e.subject_id);
        const records = [...(byClient.get(e.subject_id) ?? [])].map((rid) => live.get(rid)!);
        deltas = previous ? clientChangeDeltas(e.subject_id, previous, next, records, ctx.place) : [];
        dims.set(e.subject_id, next);
      } else {
        const before = live.get(e.subject_id) ?? null;
        const next = e.op === "delete" ? null : recordFromSnapshot(e.subject_id, e.kind!, e.snapshot);
        deltas = recordChangeDeltas(before, next, ctx);
        if (before?.clientId) byClient.get(before.clientId)!.delete(before.id);
        if (next) {
          live.set(next.id, next);
          if (next.clientId) byClient.set(next.clientId, (byClient.get(next.clientId) ?? new Set()).add(next.id));
        } else live.delete(e.subject_id);
      }
      for (const d of deltas) {
        pending.push(d);
        bases.push(e.at);
      }
    }
    if (pending.length >= BATCH) await flush();
  }
  await tx.execute(sql`close history_replay`);
  await flush();
  await compactRebuilt(tx, compactionPoint(now));
  await tx
    .insert(appSettings)
    .values({ key: LEDGER_KEY, value: LEDGER_VERSION })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: LEDGER_VERSION } });
}

/**
 * The first compaction of a rebuilt ledger, into totals emptied above. Where this transaction
 * acts as the table's owner (the demo seed), the primary key is dropped for the insert and built
 * again at the end: one sort instead of some 780,000 index insertions on the demo, which were
 * most of the seed's time. Otherwise (the start-up rebuild, as the app's role) as any compaction.
 */
async function compactRebuilt(tx: Tx, until: Date): Promise<void> {
  const { rows } = await tx.execute(sql`
    select pg_has_role(current_user, t.relowner, 'USAGE') as owns, k.conname as name, pg_get_constraintdef(k.oid) as definition
    from pg_class t join pg_constraint k on k.conrelid = t.oid and k.contype = 'p'
    where t.oid = 'figure_totals'::regclass`);
  const key = rows[0] as { owns: boolean; name: string; definition: string } | undefined;
  if (!key?.owns) return compactLedger(tx, until);
  await tx.execute(sql`alter table figure_totals drop constraint ${sql.identifier(key.name)}`);
  await compactLedger(tx, until, "empty totals without their key");
  await tx.execute(sql`alter table figure_totals add constraint ${sql.identifier(key.name)} ${sql.raw(key.definition)}`);
}
