import { z } from "zod";
import { id } from "@/lib/validation";

const kldb = z.preprocess((v) => (v === "" ? null : v), z.string().trim().regex(/^\d{5}$/).nullish());

export const occupationSchema = z.object({ nameDe: z.string().trim().min(1).max(200), nameEn: z.string().trim().min(1).max(200), kldbCode: kldb }).strict();
export const updateOccupationSchema = occupationSchema.extend({ id, active: z.boolean() }).strict();

/** `GET /api/v1/occupations`: a name or KldB code to search for, active ones only or not, a page. */
export const occupationQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    active: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
