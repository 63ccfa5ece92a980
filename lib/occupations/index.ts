import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import { occupations } from "@/db/schema";
import { FieldError, NotFoundError } from "@/lib/errors";
import { german, matchesWords } from "@/lib/listing";
import { defineOperation } from "@/lib/operation";
import { searchText } from "@/lib/validation";
import { occupationQuerySchema, occupationSchema, updateOccupationSchema } from "./schemas";

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

/** The catalogue a page at a time, with each name in the request's language (`GET /api/v1/occupations`). */
export const searchOccupations = defineOperation({
  name: "occupations.search",
  access: "catalogue.view",
  audit: "none",
  input: occupationQuerySchema,
  async run({ tx, locale }, q) {
    const where = and(
      q.active === undefined ? undefined : eq(occupations.active, q.active),
      matchesWords(q.q, [occupations.nameDe, occupations.nameEn, occupations.kldbCode]),
    );
    const nameColumn = locale === "de" ? occupations.nameDe : occupations.nameEn;
    const [{ total }] = await tx.select({ total: count() }).from(occupations).where(where);
    const rows = await tx
      .select()
      .from(occupations)
      .where(where)
      .orderBy(german(nameColumn), asc(occupations.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const items = rows.map((o) => ({ id: o.id, name: locale === "de" ? o.nameDe : o.nameEn, nameDe: o.nameDe, nameEn: o.nameEn, kldbCode: o.kldbCode, active: o.active }));
    return { items, page: q.page, pageSize: q.pageSize, total };
  },
});
