import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { seeAllClients } from "@/db/row-security";
import { audit } from "@/lib/audit";
import { env } from "@/lib/env";
import { erasePersonalData } from "./commands";

export function retentionYears(): number {
  return env().retentionYears;
}

/**
 * Erases the personal data of every client whose last contact (their latest record, or their
 * registration if they have none) lies more than `years` before `now`, and puts the run in
 * the audit trail. One transaction: all or nothing.
 */
export async function runRetention(db: Db, now = new Date(), years = retentionYears()): Promise<{ erased: number; before: string }> {
  return db.transaction(async (tx) => {
    await seeAllClients(tx);
    const result = await tx.execute(sql`
      select c.id::text, (${now.toISOString()}::timestamptz - make_interval(years => ${years}))::date::text as before
      from clients c
      where (c.full_name is not null or c.phone is not null or c.email is not null or c.notes is not null)
        and coalesce(
              (select max(r.occurred_on) from records r where r.client_id = c.id and r.deleted_at is null),
              c.created_at::date
            ) < (${now.toISOString()}::timestamptz - make_interval(years => ${years}))::date`);
    const rows = result.rows as { id: string; before: string }[];
    for (const row of rows) await erasePersonalData(tx, row.id, null);
    const [{ before }] = (await tx.execute(sql`select (${now.toISOString()}::timestamptz - make_interval(years => ${years}))::date::text as before`)).rows as { before: string }[];
    await audit(tx, { actor: null, action: "retention.run", outcome: "ok", details: { erased: rows.length, lastContactBefore: before, years } });
    return { erased: rows.length, before };
  });
}
