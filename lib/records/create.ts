import { randomUUID } from "node:crypto";
import { and, count, eq, isNull, sql, type SQL } from "drizzle-orm";
import { records, type RecordKind, type RecordRow } from "@/db/schema";
import type { Tx } from "@/db/client";
import { executePrepared } from "@/db/prepared";
import type { Actor } from "@/lib/auth/actor";
import { FieldError } from "@/lib/errors";
import type { ClientDims } from "@/lib/figures/contributions";
import { deltasStatement, placeOf, recordChangeDeltasOf } from "@/lib/figures/ledger";
import { versionStatement } from "@/lib/history";
import { onceForKey } from "@/lib/idempotency";
import type { Context } from "@/lib/operation";
import { assertUnit, recordInScope, recordSnapshot } from "./access";
import { KINDS, type KindData, type KindSpec } from "./kinds";

/** The record as the API and pages show it: shared fields and the kind's own side by side, typed by its kind. */
export type PresentedRecord = { [K in RecordKind]: Omit<RecordRow, "kind" | "data"> & { kind: K } & KindData<K> }[RecordKind];

export function present(record: RecordRow): PresentedRecord {
  const { data, ...rest } = record;
  // The column is untyped JSON, but only ever written parsed by the kind's schema (createSchema, updateSchema).
  return { ...rest, ...data } as PresentedRecord;
}

export function splitFields(spec: KindSpec, input: Record<string, unknown>) {
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(spec.data.shape)) data[key] = input[key] ?? null;
  return data;
}

/** An enrolment hangs at its scheme's subproject, under the scheme. */
async function schemePlacement(tx: Tx, actor: Actor, schemeId: string) {
  const schemeSpec = KINDS.find((k) => k.kind === "job_training_scheme")!;
  const scheme = await recordInScope(tx, actor, schemeSpec, schemeId).catch(() => {
    throw new FieldError("schemeId", "notYourScheme");
  });
  if (scheme.data.format === "individual") {
    const [{ n }] = await tx
      .select({ n: count() })
      .from(records)
      .where(and(eq(records.parentId, scheme.id), isNull(records.deletedAt)));
    if (n > 0) throw new FieldError("schemeId", "individualSchemeTaken");
  }
  return { unitId: scheme.unitId, parentId: scheme.id };
}

/** `now`: the transaction's time (now()) as JSON text, which the new record's timestamps will be. */
type UnitAndClient = { level: string | null; parentId: string | null; regionId: string | null; contactPointId: string | null; now: string } & ClientDims;

/**
 * The unit a new record goes to, with its place in the tree, and its client (if any) as row
 * security lets this transaction see it, with the client's dims read through
 * lotse_client_dims, which locks the client for the ledger (lib/figures/ledger.ts): one row, sent
 * with the claim of the idempotency key (lib/idempotency.ts), the lock only once it is claimed.
 */
function unitAndClient(unitId: string, clientId: string | null, claimed: SQL): SQL {
  return sql`
    select u.level, u.parent_id as "parentId", u.region_id as "regionId", c.contact_point_id as "contactPointId", to_json(now()) #>> '{}' as "now",
           d.gender, d.residence_status as "residenceStatus", d.qualification_country as "qualificationCountry", d.occupation_id as "occupationId"
    from (select 1) as one
    left join org_units u on u.id = ${unitId}::uuid
    left join clients c on c.id = ${clientId}::uuid
    left join lateral lotse_client_dims(case when ${claimed} then c.id end) d on true`;
}

/** unitAndClient on its own, for a record whose unit is known only after the key is claimed (an enrolment's, from its scheme). */
async function readUnitAndClient(tx: Tx, unitId: string, clientId: string | null): Promise<UnitAndClient> {
  const { rows } = await executePrepared(tx, unitAndClient(unitId, clientId, sql`true`));
  return rows[0] as unknown as UnitAndClient;
}

/** A read client's ledger dims; null where no client was read. */
export function dimsOf(row: { contactPointId: string | null } & ClientDims): ClientDims | null {
  if (row.contactPointId === null) return null;
  return { gender: row.gender, residenceStatus: row.residenceStatus, qualificationCountry: row.qualificationCountry, occupationId: row.occupationId };
}

/**
 * Creates a record once per idempotency key (lib/idempotency.ts) in two statements: the key
 * claimed with the unit and client read (both then checked), then the record, its first history
 * version, its ledger deltas, the key's stored answer and the audit entry sent as one. The record
 * is whole before it is written: its id made here, its timestamps the transaction's time read
 * with the claim (what the database's now() gives it, as `returning` would read it back). An
 * enrolment reads its scheme first, and so its unit and client after the claim.
 */
export async function createRecord({ actor, tx, auditWith }: Context<"cases.work">, spec: KindSpec, name: string, fields: Record<string, unknown>): Promise<PresentedRecord> {
  const clientId = spec.clientBased ? (fields.clientId as string) : null;
  return onceForKey<PresentedRecord, UnitAndClient>(
    tx,
    actor,
    fields as { idempotencyKey: string },
    name,
    async (answered, first) => {
      const place = spec.unitLevel === "scheme" ? await schemePlacement(tx, actor, fields.schemeId as string) : { unitId: fields.unitId as string, parentId: null };
      const found = first ?? (await readUnitAndClient(tx, place.unitId, clientId));
      if (spec.unitLevel !== "scheme") assertUnit(actor, spec, place.unitId, found.level === null ? undefined : { level: found.level });
      if (clientId && (!found.contactPointId || !actor.contactPointIds.includes(found.contactPointId))) throw new FieldError("clientId", "notYourClient");
      const inserted = { id: randomUUID(), kind: spec.kind, ...place, clientId, occurredOn: fields.occurredOn as string, data: splitFields(spec, fields), createdBy: actor.userId };
      // Its timestamps are the columns' default, now(), to the microsecond; `at` is that time as `returning` would read it.
      const at = new Date(found.now);
      const record: RecordRow = { ...inserted, version: 1, createdAt: at, updatedBy: null, updatedAt: at, deletedAt: null, deletedBy: null };
      const known = {
        places: new Map([[place.unitId, placeOf({ id: place.unitId, level: found.level!, parentId: found.parentId, regionId: found.regionId })]]),
        dims: new Map(clientId && dimsOf(found) ? [[clientId, dimsOf(found)!]] : []),
      };
      const deltas = deltasStatement(await recordChangeDeltasOf(tx, null, record, known));
      const presented = present(record);
      const writes = [
        tx.insert(records).values(inserted).getSQL(),
        versionStatement(tx, { subjectId: record.id, subjectType: "record", version: 1, op: "create", actorId: actor.userId, snapshot: recordSnapshot(record) }),
        deltas,
        answered(presented),
        auditWith?.(record.id) ?? null,
      ].filter((s) => s !== null);
      await executePrepared(tx, sql`with ${sql.join(writes.map((s, i) => sql`${sql.raw(`w${i}`)} as (${s})`), sql`, `)} select 1`);
      return presented;
    },
    async (id) => present(await recordInScope(tx, actor, spec, id)),
    spec.unitLevel === "scheme" ? undefined : (claimed) => unitAndClient(fields.unitId as string, clientId, claimed),
  );
}
