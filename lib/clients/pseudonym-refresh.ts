import { createHmac } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { seeAllClients } from "@/db/row-security";
import { appSettings, clientPseudonyms } from "@/db/schema";
import { pseudonymOf, pseudonymSecret } from "./pseudonym";

// One instance at a time; a second waits, then finds nothing left to do.
const LOCK = "lotse.pseudonyms";
const CHECK = "pseudonym_secret_check";
const BATCH = 1000;

export interface PseudonymRefresh {
  /** The secret differs from the one the stored pseudonyms were made with: they were all made again. */
  rekeyed: boolean;
  /** Pseudonyms stored by this run. */
  stored: number;
}

/**
 * At start-up: makes the pseudonym of every client that should have one and has none (clients
 * saved before duplicate hints existed), and, when LOTSE_PSEUDONYM_SECRET was changed, makes
 * them all again under the new secret (a pseudonym of the old one would never match). The
 * secret itself is never stored: a keyed check value tells whether it changed.
 */
export async function refreshPseudonyms(db: Db): Promise<PseudonymRefresh> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${LOCK}))`);
    await seeAllClients(tx);
    const secret = await pseudonymSecret(tx);
    const check = createHmac("sha256", secret).update("lotse pseudonym secret check").digest("base64url");
    const [stored] = await tx.select().from(appSettings).where(eq(appSettings.key, CHECK));
    const rekeyed = Boolean(stored && stored.value !== check);
    if (rekeyed) await tx.delete(clientPseudonyms);
    if (stored?.value !== check) {
      await tx.insert(appSettings).values({ key: CHECK, value: check }).onConflictDoUpdate({ target: appSettings.key, set: { value: check } });
    }
    // As storePseudonym decides: a name and a birth year, under a consent in force.
    const missing = (
      await tx.execute(sql`
        select c.id, c.full_name as "fullName", c.birth_year as "birthYear" from clients c
        where c.full_name is not null and c.birth_year is not null
          and exists (select 1 from consents s where s.client_id = c.id and s.withdrawn_at is null)
          and not exists (select 1 from client_pseudonyms p where p.client_id = c.id)`)
    ).rows as { id: string; fullName: string; birthYear: number }[];
    const rows = missing.flatMap((c) => {
      const pseudonym = pseudonymOf(secret, c.fullName, c.birthYear);
      return pseudonym ? [{ clientId: c.id, pseudonym }] : [];
    });
    for (let i = 0; i < rows.length; i += BATCH) await tx.insert(clientPseudonyms).values(rows.slice(i, i + BATCH));
    return { rekeyed, stored: rows.length };
  });
}
