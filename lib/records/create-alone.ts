import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { records, type RecordRow } from "@/db/schema";
import { executePrepared } from "@/db/prepared";
import type { ClientDims } from "@/lib/figures/contributions";
import { countsPersonsOnce, deltasStatement, newRecordDeltas, placeOf } from "@/lib/figures/ledger";
import { versionStatement } from "@/lib/history";
import { claimAnswered, keyUsed } from "@/lib/idempotency";
import type { AloneContext } from "@/lib/operation";
import { recordSnapshot, unitAllowed } from "./access";
import { dimsOf, present, splitFields, type PresentedRecord } from "./create";
import type { KindSpec } from "./kinds";

/** lotse_expect's SQLSTATE (migration 0016). */
const EXPECTATION_FAILED = "LO409";

/** Whether the statement failed in lotse_expect: drizzle wraps the driver's error, which has the code. */
function isExpectationFailed(error: unknown): boolean {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === EXPECTATION_FAILED) return true;
  }
  return false;
}

/** What a create reads before it writes: the key's use, the unit's place, the client's contact point and dims, and the time. */
type Facts = {
  keyUsed: boolean;
  level: string | null;
  parentId: string | null;
  regionId: string | null;
  contactPointId: string | null;
  now: string;
} & ClientDims;

function factsOf(actor: AloneContext<"cases.work">["actor"], key: string, unitId: string, clientId: string | null): SQL {
  return sql`
    select ${keyUsed(actor, key)} as "keyUsed", u.level, u.parent_id as "parentId", u.region_id as "regionId", to_json(now()) #>> '{}' as "now",
           f.contact_point_id as "contactPointId", f.gender, f.residence_status as "residenceStatus",
           f.qualification_country as "qualificationCountry", f.occupation_id as "occupationId"
    from (select 1) as one
    left join org_units u on u.id = ${unitId}::uuid
    left join lateral lotse_client_facts(${clientId}::uuid, false) f on true`;
}

/** True where the unit still has the place the deltas were made for. */
function samePlace(unitId: string, facts: Facts): SQL {
  return sql`exists (select from org_units u where u.id = ${unitId}::uuid and u.level::text = ${facts.level}
    and u.parent_id is not distinct from ${facts.parentId}::uuid and u.region_id is not distinct from ${facts.regionId}::uuid)`;
}

/** True where the client, locked once the key is claimed (the order onceForKey takes locks in), is still as read. */
function sameClient(clientId: string | null, facts: Facts): SQL {
  if (clientId === null) return sql`true`;
  return sql`exists (select from lotse_client_facts(case when exists (select from claimed) then ${clientId}::uuid end, true) f
    where f.contact_point_id = ${facts.contactPointId}::uuid and f.gender::text = ${facts.gender} and f.residence_status::text = ${facts.residenceStatus}
      and f.qualification_country is not distinct from ${facts.qualificationCountry}::text and f.occupation_id is not distinct from ${facts.occupationId}::uuid)`;
}

/**
 * A record's create as two statements outside any transaction, where the full path
 * (createRecord) sends five, begin and commit among them (docs/performance.md, P4): a read of
 * what the create rests on, then
 * one statement that claims the key with its answer, writes the record, its first history
 * version, its ledger deltas and the audit entry, and checks, with the client locked, that
 * what was read still holds. Where it does not, lotse_expect (migration 0016) fails the
 * statement and with it every write in it. Row security is not needed here: the statement reads
 * no client table but through lotse_client_facts, and the contact point it gives is checked
 * against the adviser's own, as the full path checks it.
 *
 * Undefined wherever the full path must answer: a repeat of a key, a unit or client that is not
 * the adviser's (the full path's error names the field), a kind whose deltas need the client's
 * other records or whose unit is its scheme's, and a statement that found its facts changed.
 * The record's timestamps, its version's and its deltas' are the time of the read.
 */
export async function createRecordAlone(ctx: AloneContext<"cases.work">, spec: KindSpec, name: string, fields: Record<string, unknown>): Promise<PresentedRecord | undefined> {
  if (spec.unitLevel === "scheme" || countsPersonsOnce(spec.kind)) return undefined;
  const { actor, db, auditWith } = ctx;
  const unitId = fields.unitId as string;
  const clientId = spec.clientBased ? (fields.clientId as string) : null;
  const { rows } = await executePrepared(db, factsOf(actor, fields.idempotencyKey as string, unitId, clientId));
  const facts = rows[0] as unknown as Facts;
  if (facts.keyUsed || !unitAllowed(actor, spec, unitId, facts.level === null ? undefined : { level: facts.level })) return undefined;
  if (clientId !== null && (facts.contactPointId === null || !actor.contactPointIds.includes(facts.contactPointId))) return undefined;

  // The time of the read, to the microsecond, for every row (an answer shows it to the millisecond, as a read of the record would).
  const now = sql`${facts.now}::timestamptz`;
  const at = new Date(facts.now);
  const inserted = { id: randomUUID(), kind: spec.kind, unitId, parentId: null, clientId, occurredOn: fields.occurredOn as string, data: splitFields(spec, fields), createdBy: actor.userId };
  const record: RecordRow = { ...inserted, version: 1, createdAt: at, updatedBy: null, updatedAt: at, deletedAt: null, deletedBy: null };
  const deltas = newRecordDeltas(record, placeOf({ id: unitId, level: facts.level!, parentId: facts.parentId, regionId: facts.regionId }), dimsOf(facts));

  const presented = present(record);
  const writes = [
    sql`claimed as (${claimAnswered(db, actor, fields as { idempotencyKey: string }, name, presented)})`,
    sql`w0 as (${db.insert(records).values({ ...inserted, createdAt: now, updatedAt: now }).getSQL()})`,
    sql`w1 as (${versionStatement(db, { subjectId: record.id, subjectType: "record", version: 1, op: "create", actorId: actor.userId, snapshot: recordSnapshot(record), at: now })})`,
    ...[deltasStatement(deltas, deltas.map(() => facts.now)), auditWith(record.id)].filter((s) => s !== null).map((s, i) => sql`${sql.raw(`w${i + 2}`)} as (${s})`),
  ];
  try {
    await executePrepared(db, sql`with ${sql.join(writes, sql`, `)}
      select lotse_expect(exists (select from claimed) and ${samePlace(unitId, facts)} and ${sameClient(clientId, facts)})`);
  } catch (error) {
    if (isExpectationFailed(error)) return undefined;
    throw error;
  }
  return presented;
}
