import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, sql } from "drizzle-orm";
import { clients, history, records, users, type RecordRow } from "@/db/schema";
import type { Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { clientInScope } from "@/lib/clients/access";
import { ConflictError, FieldError, NotFoundError } from "@/lib/errors";
import { recordChanged } from "@/lib/figures/ledger";
import { recordVersion } from "@/lib/history";
import { defineOperation, parseInRun } from "@/lib/operation";
import { checkUnit, recordInScope, recordSnapshot, unitsFor } from "./access";
import { createRecord, present, splitFields } from "./create";
import { createRecordAlone } from "./create-alone";
import { KINDS, createSchema, deleteSchema, getSchema, listSchema, patchSchema, updateSchema, type KindSpec } from "./kinds";

export { present, type PresentedRecord } from "./create";

async function checkClient(tx: Tx, actor: Actor, spec: KindSpec, clientId: unknown) {
  if (!spec.clientBased) return null;
  await clientInScope(tx, actor, clientId as string).catch(() => {
    throw new FieldError("clientId", "notYourClient");
  });
  return clientId as string;
}

/**
 * The one command of every edit: the form and `PUT` with every field, `PATCH` merged onto the stored
 * record, and the import of outcomes (lib/import/outcomes.ts). `fields` are the full edit's, parsed;
 * `before` is the stored record, read with its lock.
 */
export async function applyUpdate(tx: Tx, actor: Actor, spec: KindSpec, before: RecordRow, fields: Record<string, unknown>) {
  if (spec.unitLevel !== "scheme" && fields.unitId !== before.unitId) await checkUnit(tx, actor, spec, fields.unitId as string);
  const clientId = spec.clientBased && fields.clientId !== before.clientId ? await checkClient(tx, actor, spec, fields.clientId) : before.clientId;
  const [record] = await tx
    .update(records)
    .set({
      unitId: spec.unitLevel === "scheme" ? before.unitId : (fields.unitId as string),
      clientId,
      occurredOn: fields.occurredOn as string,
      data: splitFields(spec, fields),
      version: sql`${records.version} + 1`,
      updatedBy: actor.userId,
      // The transaction's time, as the history version and the ledger deltas of this change carry it.
      updatedAt: sql`now()`,
    })
    .where(and(eq(records.id, before.id), eq(records.version, before.version)))
    .returning();
  await recordVersion(tx, {
    subjectId: record.id,
    subjectType: "record",
    version: record.version,
    op: "update",
    actorId: actor.userId,
    snapshot: recordSnapshot(record),
    before: recordSnapshot(before),
  });
  await recordChanged(tx, before, record);
  return present(record);
}

function operationsFor(spec: KindSpec) {
  const name = (verb: string) => `records.${spec.kind}.${verb}`;

  const create = defineOperation({
    name: name("create"),
    access: "cases.work",
    audit: "change",
    input: createSchema(spec),
    async run(ctx, fields) {
      return createRecord(ctx, spec, name("create"), fields);
    },
    async alone(ctx, fields) {
      return createRecordAlone(ctx, spec, name("create"), fields);
    },
  });

  const fullUpdate = updateSchema(spec);

  const update = defineOperation({
    name: name("update"),
    access: "cases.work",
    audit: "change",
    input: fullUpdate,
    async run({ actor, tx }, fields) {
      const before = await recordInScope(tx, actor, spec, fields.id, true);
      if (before.version !== fields.version) throw new ConflictError(present(before));
      return applyUpdate(tx, actor, spec, before, fields);
    },
  });

  /** Changes only the fields sent; the merged record must pass the full edit's rules. */
  const patch = defineOperation({
    name: name("patch"),
    access: "cases.work",
    audit: "change",
    input: patchSchema(spec),
    async run({ actor, tx, locale }, given) {
      const before = await recordInScope(tx, actor, spec, given.id, true);
      if (before.version !== given.version) throw new ConflictError(present(before));
      const { id: _id, kind: _kind, ...stored } = present(before) as Record<string, unknown>;
      const keys = Object.keys(fullUpdate.shape).filter((key) => key !== "id" && key !== "version");
      const current = Object.fromEntries(keys.map((key) => [key, stored[key] ?? null]));
      const merged = parseInRun(fullUpdate, { ...current, ...given }, locale);
      return applyUpdate(tx, actor, spec, before, merged);
    },
  });

  const remove = defineOperation({
    name: name("delete"),
    access: "cases.work",
    audit: "change",
    input: deleteSchema,
    async run({ actor, tx }, { id, version }) {
      const before = await recordInScope(tx, actor, spec, id, true);
      if (before.version !== version) throw new ConflictError(present(before));
      if (spec.kind === "job_training_scheme") {
        const [{ n }] = await tx.select({ n: count() }).from(records).where(and(eq(records.parentId, id), isNull(records.deletedAt)));
        if (n > 0) throw new FieldError("id", "schemeHasEnrolments");
      }
      // The transaction's time, as the history version and the ledger deltas of the deletion carry it.
      const now = sql`now()`;
      const [record] = await tx
        .update(records)
        .set({ deletedAt: now, deletedBy: actor.userId, version: sql`${records.version} + 1`, updatedAt: now, updatedBy: actor.userId })
        .where(eq(records.id, id))
        .returning();
      await recordVersion(tx, { subjectId: id, subjectType: "record", version: record.version, op: "delete", actorId: actor.userId, snapshot: recordSnapshot(record) });
      await recordChanged(tx, before, record);
      return { id, deleted: true, version: record.version };
    },
  });

  const get = defineOperation({
    name: name("get"),
    access: "cases.work",
    audit: "none",
    input: getSchema,
    async run({ actor, tx }, { id }) {
      return present(await recordInScope(tx, actor, spec, id));
    },
  });

  const list = defineOperation({
    name: name("list"),
    access: "cases.work",
    audit: "none",
    input: listSchema,
    async run({ actor, tx }, q) {
      const units = unitsFor(actor, spec);
      if (q.unitId && !units.includes(q.unitId)) return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
      const where = and(
        eq(records.kind, spec.kind),
        isNull(records.deletedAt),
        units.length ? inArray(records.unitId, q.unitId ? [q.unitId] : units) : sql`false`,
        q.from ? gte(records.occurredOn, q.from) : undefined,
        q.to ? lte(records.occurredOn, q.to) : undefined,
        q.clientId ? eq(records.clientId, q.clientId) : undefined,
        q.adviserId ? eq(records.createdBy, q.adviserId) : undefined,
        q.clientRef ? ilike(clients.ref, `%${q.clientRef.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
      );
      const [{ total }] = await tx.select({ total: count() }).from(records).leftJoin(clients, eq(clients.id, records.clientId)).where(where);
      const rows = await tx
        .select({ record: records, clientRef: clients.ref })
        .from(records)
        .leftJoin(clients, eq(clients.id, records.clientId))
        .where(where)
        .orderBy(desc(records.occurredOn), asc(records.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize);
      return { items: rows.map((r) => ({ ...present(r.record), clientRef: r.clientRef })), page: q.page, pageSize: q.pageSize, total };
    },
  });

  /** Every version of one record: who changed what, when (deletion included). */
  const versions = defineOperation({
    name: name("history"),
    access: "cases.work",
    audit: "none",
    input: getSchema,
    async run({ actor, tx }, { id }) {
      const [record] = await tx.select().from(records).where(and(eq(records.id, id), eq(records.kind, spec.kind)));
      if (!record || !unitsFor(actor, spec).includes(record.unitId)) throw new NotFoundError("record");
      return tx
        .select({ version: history.version, op: history.op, at: history.at, actorName: users.name, changes: history.changes, snapshot: history.snapshot })
        .from(history)
        .leftJoin(users, eq(users.id, history.actorId))
        .where(and(eq(history.subjectId, id), eq(history.subjectType, "record")))
        .orderBy(asc(history.version));
    },
  });

  return { create, update, patch, remove, get, list, versions };
}

/** The operations of every record kind, by kind. */
export const RECORD_OPERATIONS = Object.fromEntries(KINDS.map((spec) => [spec.kind, operationsFor(spec)])) as Record<
  KindSpec["kind"],
  ReturnType<typeof operationsFor>
>;
