import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { targets } from "@/db/schema";
import { ConflictError } from "@/lib/errors";
import { defineOperation } from "@/lib/operation";
import { TARGET_KEYS, targetSchema } from "./target-schemas";

export const listTargets = defineOperation({
  name: "targets.list",
  access: "targets.manage",
  audit: "none",
  input: z.object({}).strict(),
  async run({ tx }) {
    const rows = await tx.select().from(targets);
    return TARGET_KEYS.map((key) => rows.find((r) => r.key === key) ?? { key, fromOn: null, toOn: null, value: null, version: 0 });
  },
});

/** Sets a target, or changes it from the version the admin saw (409 if someone changed it since). */
export const saveTarget = defineOperation({
  name: "targets.save",
  access: "targets.manage",
  audit: "change",
  input: targetSchema,
  async run({ actor, tx }, { key, version, ...values }) {
    const [current] = await tx.select().from(targets).where(eq(targets.key, key)).for("update");
    if ((current?.version ?? 0) !== version) throw new ConflictError(current ?? null);
    if (!current) {
      const [created] = await tx.insert(targets).values({ key, ...values, updatedBy: actor.userId }).returning();
      return created;
    }
    const [updated] = await tx
      .update(targets)
      .set({ ...values, version: sql`${targets.version} + 1`, updatedBy: actor.userId, updatedAt: new Date() })
      .where(and(eq(targets.key, key), eq(targets.version, version)))
      .returning();
    return updated;
  },
});
