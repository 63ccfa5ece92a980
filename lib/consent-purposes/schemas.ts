import { z } from "zod";
import { id } from "@/lib/validation";

const name = z.string().trim().min(1).max(200);

/** A purpose of the list: its name in both languages and the version of the consent text that goes with it. */
export const consentPurposeSchema = z.object({ nameDe: name, nameEn: name, textVersion: z.string().trim().min(1).max(50) }).strict();
export const updateConsentPurposeSchema = consentPurposeSchema.extend({ id, active: z.boolean() }).strict();
