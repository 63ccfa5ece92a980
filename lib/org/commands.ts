import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { orgUnits, type NewOrgUnit, type OrgUnit } from "@/db/schema";
import type { Tx } from "@/db/client";
import { ConflictError, FieldError, NotFoundError } from "@/lib/errors";
import { defineOperation } from "@/lib/operation";
import { closeUnitSchema, createUnitSchema, renameUnitSchema } from "./schemas";

const PARENT_LEVEL = { region: "network", subproject: "region", contact_point: "subproject" } as const;

async function findUnit(tx: Tx, id: string): Promise<OrgUnit | undefined> {
  const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, id));
  return unit;
}

export const createUnit = defineOperation({
  name: "org.createUnit",
  access: "org.manage",
  audit: "change",
  input: createUnitSchema,
  async run({ tx }, input): Promise<OrgUnit> {
    let parent: OrgUnit | undefined;
    if (input.level === "region") {
      [parent] = await tx.select().from(orgUnits).where(eq(orgUnits.level, "network"));
      if (!parent) throw new NotFoundError("network");
      const [taken] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.level, "region"), eq(orgUnits.code, input.code)));
      if (taken) throw new FieldError("code", "regionCodeTaken");
    } else {
      parent = await findUnit(tx, input.parentId);
      // National subprojects (competence centres, coordination) hang off the network itself.
      const allowed = input.level === "subproject" ? ["region", "network"] : [PARENT_LEVEL[input.level]];
      if (!parent || !allowed.includes(parent.level)) throw new FieldError("parentId", "parentLevel");
      if (parent.activeUntil && parent.activeUntil < input.activeFrom) throw new FieldError("parentId", "parentClosed");
    }
    const values: NewOrgUnit = {
      level: input.level,
      parentId: parent.id,
      regionId: input.level === "region" ? null : parent.regionId,
      name: input.name,
      activeFrom: input.activeFrom,
      ...(input.level === "region" && { code: input.code, nameEn: input.nameEn || null }),
      ...(input.level === "subproject" && { provider: input.provider, priorityArea: input.priorityArea }),
      ...(input.level === "contact_point" && { town: input.town, contactPointKind: input.kind }),
    };
    const [created] = await tx.insert(orgUnits).values(values).returning();
    if (input.level === "region") {
      const [withRegion] = await tx.update(orgUnits).set({ regionId: created.id }).where(eq(orgUnits.id, created.id)).returning();
      return withRegion;
    }
    return created;
  },
});

/** Applies a change only if the unit is still at the version the user saw; otherwise reports the current values. */
async function updateAtVersion(tx: Tx, id: string, expected: number, changes: Partial<NewOrgUnit>): Promise<OrgUnit> {
  const [updated] = await tx
    .update(orgUnits)
    .set({ ...changes, version: sql`${orgUnits.version} + 1`, updatedAt: new Date() })
    .where(and(eq(orgUnits.id, id), eq(orgUnits.version, expected)))
    .returning();
  if (updated) return updated;
  const current = await findUnit(tx, id);
  if (!current) throw new NotFoundError("org unit");
  throw new ConflictError(current);
}

export const renameUnit = defineOperation({
  name: "org.renameUnit",
  access: "org.manage",
  audit: "change",
  input: renameUnitSchema,
  async run({ tx }, { id, name, version }) {
    return updateAtVersion(tx, id, version, { name });
  },
});

/**
 * Closing sets the last active day; the unit and its records stay for history.
 * Units below it that would outlive it are closed on the same day.
 */
export const closeUnit = defineOperation({
  name: "org.closeUnit",
  access: "org.manage",
  audit: "change",
  input: closeUnitSchema,
  async run({ tx }, { id, activeUntil, version }) {
    const unit = await findUnit(tx, id);
    if (!unit) throw new NotFoundError("org unit");
    if (unit.level === "network") throw new FieldError("id", "cannotCloseNetwork");
    if (activeUntil < unit.activeFrom) throw new FieldError("activeUntil", "closeBeforeOpen");
    const closed = await updateAtVersion(tx, id, version, { activeUntil });
    const openAfter = or(isNull(orgUnits.activeUntil), gt(orgUnits.activeUntil, activeUntil));
    const children = await tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.parentId, id), openAfter));
    const grandchildren = children.length
      ? await tx
          .select({ id: orgUnits.id })
          .from(orgUnits)
          .where(and(sql`${orgUnits.parentId} in ${children.map((c) => c.id)}`, openAfter))
      : [];
    for (const descendant of [...children, ...grandchildren]) {
      await tx
        .update(orgUnits)
        .set({ activeUntil: sql`greatest(${orgUnits.activeFrom}, ${activeUntil}::date)`, version: sql`${orgUnits.version} + 1`, updatedAt: new Date() })
        .where(eq(orgUnits.id, descendant.id));
    }
    return closed;
  },
});
