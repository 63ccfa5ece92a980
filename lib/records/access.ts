import { and, eq, isNull } from "drizzle-orm";
import { orgUnits, records, type RecordRow } from "@/db/schema";
import type { Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { FieldError, NotFoundError } from "@/lib/errors";
import type { KindSpec } from "./kinds";

/** Units an adviser may log records of this kind for. */
export function unitsFor(actor: Actor, spec: KindSpec): string[] {
  return spec.unitLevel === "contact_point" ? actor.contactPointIds : actor.subprojectIds;
}

/** The unit a new record goes to must be one of the adviser's, of the level the kind needs. */
export async function checkUnit(tx: Tx, actor: Actor, spec: KindSpec, unitId: string): Promise<void> {
  const [unit] = await tx.select({ level: orgUnits.level }).from(orgUnits).where(eq(orgUnits.id, unitId));
  assertUnit(actor, spec, unitId, unit);
}

/** checkUnit on a unit already read (undefined: there is none). */
export function assertUnit(actor: Actor, spec: KindSpec, unitId: string, unit: { level: string } | undefined): void {
  if (!unitAllowed(actor, spec, unitId, unit)) throw new FieldError("unitId", "notYourUnit");
}

/** Whether assertUnit lets it pass. */
export function unitAllowed(actor: Actor, spec: KindSpec, unitId: string, unit: { level: string } | undefined): boolean {
  const level = spec.unitLevel === "contact_point" ? "contact_point" : "subproject";
  return !!unit && unit.level === level && unitsFor(actor, spec).includes(unitId);
}

/** A live record of this kind in the actor's units; anything else is "not found". */
export async function recordInScope(tx: Tx, actor: Actor, spec: KindSpec, id: string, lock = false): Promise<RecordRow> {
  const query = tx
    .select()
    .from(records)
    .where(and(eq(records.id, id), eq(records.kind, spec.kind), isNull(records.deletedAt)));
  const [record] = lock ? await query.for("update") : await query;
  if (!record || !unitsFor(actor, spec).includes(record.unitId)) throw new NotFoundError("record");
  return record;
}

/** What the history keeps of a record: everything but bookkeeping. */
export function recordSnapshot(record: RecordRow): Record<string, unknown> {
  return { unitId: record.unitId, clientId: record.clientId, parentId: record.parentId, occurredOn: record.occurredOn, ...record.data };
}
