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

const ISO_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

// One run at a time: a second instance waits, then finds nothing left to erase.
const LOCK = "lotse.retention";

/** A record field's value as a date where it is one; anything else is no contact (and must not stop the run). */
const dateField = (field: string) => sql`(case when r.data->>${field} ~ ${ISO_DATE} then r.data->>${field} end)::date`;

/**
 * Each client holding anything to erase (a personal field, a reminder — its note is free text,
 * kept even where the client has no other personal data — or a consent not ended) with their
 * last contact: the latest day the person was involved — a record's date or one of its date
 * fields (records not deleted), a consent given, a reminder done (Berlin day); the registration
 * only when there is none of these. Grouped per table rather than per client, so that a run
 * over every client costs a few scans, not three look-ups each.
 */
function clientsLastSeenBefore(before: string) {
  return sql`
    with candidates as materialized (
      select c.id from clients c where c.full_name is not null or c.phone is not null or c.email is not null or c.notes is not null
      union select client_id from reminders
      union select client_id from consents where withdrawn_at is null),
    record_days as (
      select r.client_id, max(greatest(${sql.join([sql`r.occurred_on`, ...CONTACT_DATE_FIELDS.map(dateField)], sql`, `)})) as day
      from records r join candidates k on k.id = r.client_id where r.deleted_at is null group by r.client_id),
    consent_days as (
      select cs.client_id, max(cs.given_on) as day from consents cs join candidates k on k.id = cs.client_id group by cs.client_id),
    reminder_days as (
      select rm.client_id, max((rm.done_at at time zone 'Europe/Berlin')::date) as day
      from reminders rm join candidates k on k.id = rm.client_id group by rm.client_id),
    contacts as (
      select c.id, coalesce(greatest(rd.day, cd.day, md.day), (c.created_at at time zone 'Europe/Berlin')::date) as day
      from candidates k join clients c on c.id = k.id
        left join record_days rd on rd.client_id = c.id
        left join consent_days cd on cd.client_id = c.id
        left join reminder_days md on md.client_id = c.id)
    select id::text, day::text as "lastContactOn" from contacts where day < ${before}::date order by id`;
}

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
    const rows = (await tx.execute(clientsLastSeenBefore(before))).rows as { id: string; lastContactOn: string }[];
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
