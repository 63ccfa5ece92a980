import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { occupations } from "@/db/schema";
import { FieldError, NotFoundError } from "@/lib/errors";
import { defineOperation } from "@/lib/operation";
import { occupationSchema, updateOccupationSchema } from "./schemas";

export { occupationSchema, updateOccupationSchema };

export const listOccupations = defineOperation({
  name: "occupations.list",
  access: "catalogue.view",
  audit: "none",
  input: z.object({}).strict(),
  async run({ tx }) {
    return tx.select().from(occupations).orderBy(asc(occupations.nameDe));
  },
});

export const createOccupation = defineOperation({
  name: "occupations.create",
  access: "catalogue.manage",
  audit: "change",
  input: occupationSchema,
  async run({ tx }, input) {
    const [created] = await tx.insert(occupations).values(input).onConflictDoNothing().returning();
    if (!created) throw new FieldError("nameEn", "occupationTaken");
    return created;
  },
});

export const updateOccupation = defineOperation({
  name: "occupations.update",
  access: "catalogue.manage",
  audit: "change",
  input: updateOccupationSchema,
  async run({ tx }, { id: occupationId, ...values }) {
    const [updated] = await tx.update(occupations).set(values).where(eq(occupations.id, occupationId)).returning();
    if (!updated) throw new NotFoundError("occupation");
    return updated;
  },
});
