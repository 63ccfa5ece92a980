import { z } from "zod";
import { CONTACT_POINT_KINDS, PRIORITY_AREAS } from "@/db/schema/values";
import { id, isoDate, name, searchText, version } from "@/lib/validation";

export { CONTACT_POINT_KINDS, PRIORITY_AREAS };

export const createRegionSchema = z.object({
  level: z.literal("region"),
  name,
  nameEn: z.string().trim().max(200).optional(),
  code: z
    .string()
    .trim()
    .refine((v) => /^DE-[A-Z]{2}$/.test(v), { params: { key: "regionCode" } }),
  activeFrom: isoDate,
});

export const createSubprojectSchema = z.object({
  level: z.literal("subproject"),
  parentId: id,
  name,
  provider: z.string().trim().min(1).max(200),
  priorityArea: z.enum(PRIORITY_AREAS),
  activeFrom: isoDate,
});

export const createContactPointSchema = z.object({
  level: z.literal("contact_point"),
  parentId: id,
  name,
  town: z.string().trim().min(1).max(120),
  kind: z.enum(CONTACT_POINT_KINDS),
  activeFrom: isoDate,
});

export const createUnitSchema = z.discriminatedUnion("level", [
  createRegionSchema,
  createSubprojectSchema,
  createContactPointSchema,
]);
export type CreateUnitInput = z.input<typeof createUnitSchema>;

export const renameUnitSchema = z.object({ id, name, version });
export const closeUnitSchema = z.object({ id, activeUntil: isoDate, version });
export const unitQuerySchema = z.object({ id });
export const listQuerySchema = z.object({ at: isoDate.optional() });
export const contactPointQuerySchema = z.object({
  at: isoDate.optional(),
  regionId: id.optional(),
  kind: z.enum(CONTACT_POINT_KINDS).optional(),
  q: searchText,
});
export const subprojectQuerySchema = z.object({
  at: isoDate.optional(),
  regionId: id.optional(),
  q: searchText,
});

/** The units the caller may see, a page at a time (`GET /api/v1/org-units`). */
export const visibleUnitsQuerySchema = z
  .object({
    level: z.enum(["network", "region", "subproject", "contact_point"]).optional(),
    parentId: id.optional(),
    at: isoDate.optional(),
    q: z.string().trim().max(200).optional(),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
