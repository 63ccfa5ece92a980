import { and, asc, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { consentPurposes } from "@/db/schema";
import { FieldError, NotFoundError } from "@/lib/errors";
import { defineOperation } from "@/lib/operation";
import { consentPurposeSchema, updateConsentPurposeSchema } from "./schemas";

export { consentPurposeSchema, updateConsentPurposeSchema };

/** The whole list, inactive entries too (a consent on record may name one); the client forms offer the active ones. */
export const listConsentPurposes = defineOperation({
  name: "consentPurposes.list",
  access: "catalogue.view",
  audit: "none",
  input: z.object({}).strict(),
  async run({ tx }) {
    return tx.select().from(consentPurposes).orderBy(asc(consentPurposes.nameDe), asc(consentPurposes.textVersion));
  },
});

export const createConsentPurpose = defineOperation({
  name: "consentPurposes.create",
  access: "catalogue.manage",
  audit: "change",
  input: consentPurposeSchema,
  async run({ tx }, input) {
    const [created] = await tx.insert(consentPurposes).values(input).onConflictDoNothing().returning();
    if (!created) throw new FieldError("textVersion", "consentPurposeTaken");
    return created;
  },
});

/**
 * Renames, changes the text version for consents recorded from now on, or stops offering the
 * purpose. A consent on record keeps the text version it was given with (copied when recorded).
 */
export const updateConsentPurpose = defineOperation({
  name: "consentPurposes.update",
  access: "catalogue.manage",
  audit: "change",
  input: updateConsentPurposeSchema,
  async run({ tx }, { id: purposeId, ...values }) {
    const [taken] = await tx
      .select({ id: consentPurposes.id })
      .from(consentPurposes)
      .where(and(eq(consentPurposes.nameDe, values.nameDe), eq(consentPurposes.textVersion, values.textVersion), ne(consentPurposes.id, purposeId)));
    if (taken) throw new FieldError("textVersion", "consentPurposeTaken");
    const [updated] = await tx.update(consentPurposes).set(values).where(eq(consentPurposes.id, purposeId)).returning();
    if (!updated) throw new NotFoundError("consentPurpose");
    return updated;
  },
});
