import { eq } from "drizzle-orm";
import { z } from "zod";
import { occupations } from "@/db/schema";
import { FieldError, NotFoundError } from "@/lib/errors";
import { german, matchesWords } from "@/lib/listing";
import { defineOperation } from "@/lib/operation";
import { searchText } from "@/lib/validation";
import { occupationSchema, updateOccupationSchema } from "./schemas";

export { occupationSchema, updateOccupationSchema };

export const listOccupations = defineOperation({
  name: "occupations.list",
  access: "catalogue.view",
  audit: "none",
  input: z.object({ q: searchText }).strict(),
  async run({ tx }, { q }) {
    return tx
      .select()
      .from(occupations)
      .where(matchesWords(q, [occupations.nameDe, occupations.nameEn, occupations.kldbCode]))
      .orderBy(german(occupations.nameDe), occupations.id);
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
