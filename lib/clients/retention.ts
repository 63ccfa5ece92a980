import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { seeAllClients } from "@/db/row-security";
import { audit } from "@/lib/audit";
import { env } from "@/lib/env";
import { KINDS } from "@/lib/records/kinds";
import { erasePersonalData } from "./commands";

export function retentionYears(): number {
  return env().retentionYears;
}

/**
 * The date fields of the record kinds about one client (an enrolment's outcome and end):
 * days the person took part as much as the record's own date.
 */
export const CONTACT_DATE_FIELDS: readonly string[] = [
  ...new Set(KINDS.filter((k) => k.clientBased).flatMap((k) => k.fields.filter((f) => f.type === "date").map((f) => f.name))),
];

// A value that is no date is no contact (and must not stop the run).
const ISO_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

// One run at a time: a second instance waits, then finds nothing left to erase.
const LOCK = "lotse.retention";

/**
 * A client's last contact: the latest day the person was involved — a record's date or one
 * of its date fields (records not deleted), a consent given, a reminder done (Berlin day);
 * the registration only when there is none of these.
 */
const lastContact = sql`coalesce(
  greatest(
    (select max(v.day) from records r
       cross join lateral (values (r.occurred_on), ${sql.join(
         CONTACT_DATE_FIELDS.map((field) => sql`((case when r.data->>${field} ~ ${ISO_DATE} then r.data->>${field} end)::date)`),
         sql`, `,
       )}) v(day)
     where r.client_id = c.id and r.deleted_at is null),
    (select max(cs.given_on) from consents cs where cs.client_id = c.id),
    (select max((rm.done_at at time zone 'Europe/Berlin')::date) from reminders rm where rm.client_id = c.id)
  ),
  (c.created_at at time zone 'Europe/Berlin')::date)`;

/**
 * Whether a client holds anything to erase: a personal field, a reminder (its note is free
 * text, kept even where the client has no other personal data), or a consent not ended.
 */
const holdsPersonalData = sql`(
  c.full_name is not null or c.phone is not null or c.email is not null or c.notes is not null
  or exists (select 1 from reminders rm where rm.client_id = c.id)
  or exists (select 1 from consents cs where cs.client_id = c.id and cs.withdrawn_at is null))`;

export interface RetentionRun {
  erased: number;
  /** Clients whose last contact lies before this day were erased. */
  before: string;
}

/**
 * Erases the personal data of every client whose last contact lies more than `years` before
 * `now`. Each erasure is on record with the rule (on the case and in the audit trail, subject
 * the client), and so is the run with its count. One transaction: all or nothing.
 */
export async function runRetention(db: Db, now = new Date(), years = retentionYears()): Promise<RetentionRun> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${LOCK}))`);
    await seeAllClients(tx);
    const [{ before }] = (await tx.execute(sql`select (${now.toISOString()}::timestamptz - make_interval(years => ${years}))::date::text as before`)).rows as { before: string }[];
    const result = await tx.execute(sql`
      select c.id::text as id, contact.day::text as "lastContactOn"
      from clients c cross join lateral (select ${lastContact} as day) contact
      where ${holdsPersonalData} and contact.day < ${before}::date
      order by c.id`);
    const rows = result.rows as { id: string; lastContactOn: string }[];
    for (const { id, lastContactOn } of rows) {
      await erasePersonalData(tx, id, { reason: "retention", retentionYears: years, lastContactOn });
      await audit(tx, {
        actor: null,
        action: "retention.erase",
        outcome: "ok",
        subjectId: id,
        details: { by: "system", reason: "retention", rule: { retentionYears: years, lastContactBefore: before }, lastContactOn },
      });
    }
    await audit(tx, { actor: null, action: "retention.run", outcome: "ok", details: { by: "system", erased: rows.length, lastContactBefore: before, years } });
    return { erased: rows.length, before };
  });
}
