import { z } from "zod";
import { id } from "@/lib/validation";

const kldb = z.preprocess((v) => (v === "" ? null : v), z.string().trim().regex(/^\d{5}$/).nullish());

export const occupationSchema = z.object({ nameDe: z.string().trim().min(1).max(200), nameEn: z.string().trim().min(1).max(200), kldbCode: kldb }).strict();
export const updateOccupationSchema = occupationSchema.extend({ id, active: z.boolean() }).strict();
