import { and, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { records, users } from "@/db/schema";
import { defineOperation } from "@/lib/operation";

const german = new Intl.Collator("de");

/**
 * Who logged records in the adviser's units (contact points and subprojects), by name: the
 * choices of the record lists' adviser filter. Colleagues who have left stay while their records do.
 */
export const listRecordAdvisers = defineOperation({
  name: "records.advisers",
  access: "cases.work",
  audit: "none",
  input: z.object({}).strict(),
  async run({ actor, tx }) {
    const units = [...actor.contactPointIds, ...actor.subprojectIds];
    if (!units.length) return [];
    const creators = tx
      .selectDistinct({ id: records.createdBy })
      .from(records)
      .where(and(inArray(records.unitId, units), isNull(records.deletedAt)));
    const found = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, creators));
    // German order ("Ärztin" beside "Arzt"), whatever the database's collation.
    return found.sort((a, b) => german.compare(a.name, b.name) || a.id.localeCompare(b.id));
  },
});
