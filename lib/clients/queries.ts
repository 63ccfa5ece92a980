import { and, asc, count, desc, eq, getTableColumns, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { clients, consentPurposes, consents, erasures, history, occupations, records, reminders, users } from "@/db/schema";
import type { Tx } from "@/db/client";
import { defineOperation } from "@/lib/operation";
import { present } from "@/lib/records/commands";
import { clientInScope } from "./access";
import { knownElsewhere } from "./duplicates";
import { todayInBerlin } from "@/lib/validation";
import { clientIdSchema, getClientSchema, searchClientsSchema, type ClientSort } from "./schemas";

/** Each erasure of the client's personal data, oldest first: when, why, and who recorded a withdrawal. */
function erasuresOf(tx: Tx, clientId: string) {
  return tx
    .select({
      id: erasures.id,
      at: erasures.at,
      reason: erasures.reason,
      actorId: erasures.actorId,
      actorName: users.name,
      retentionYears: erasures.retentionYears,
      lastContactOn: erasures.lastContactOn,
    })
    .from(erasures)
    .leftJoin(users, eq(users.id, erasures.actorId))
    .where(eq(erasures.clientId, clientId))
    .orderBy(asc(erasures.at), asc(erasures.id));
}

export type ErasureOnRecord = Awaited<ReturnType<typeof erasuresOf>>[number];

/** A client's consents, each with the name of its purpose in both languages. */
function consentsOf(tx: Tx, clientId: string, newestFirst: boolean) {
  return tx
    .select({ ...getTableColumns(consents), purposeDe: consentPurposes.nameDe, purposeEn: consentPurposes.nameEn })
    .from(consents)
    .innerJoin(consentPurposes, eq(consentPurposes.id, consents.purposeId))
    .where(eq(consents.clientId, clientId))
    .orderBy(newestFirst ? desc(consents.recordedAt) : asc(consents.recordedAt));
}

/**
 * A client's whole case: attributes, consents, every record on one timeline (with `deleted`, the
 * deleted ones too, each with its `deletedAt`), open reminders, erasures, and the other contact
 * points where the person is known (duplicate hints: their names and counts, nothing of the clients there).
 */
export const getClient = defineOperation({
  name: "clients.get",
  access: "cases.work",
  audit: "personalRead",
  input: getClientSchema,
  async run({ actor, tx }, { id, deleted }) {
    const client = await clientInScope(tx, actor, id);
    const [occupation] = client.occupationId ? await tx.select().from(occupations).where(eq(occupations.id, client.occupationId)) : [];
    const consentRows = await consentsOf(tx, id, true);
    const timeline = await tx
      .select()
      .from(records)
      .where(and(eq(records.clientId, id), deleted ? undefined : isNull(records.deletedAt)))
      .orderBy(desc(records.occurredOn), desc(records.createdAt));
    const schemeIds = [...new Set(timeline.map((r) => r.parentId).filter((p): p is string => Boolean(p)))];
    const schemes = schemeIds.length ? await tx.select().from(records).where(inArray(records.id, schemeIds)) : [];
    const reminderRows = await tx.select().from(reminders).where(eq(reminders.clientId, id)).orderBy(asc(reminders.dueOn));
    return {
      client,
      occupation: occupation ?? null,
      consents: consentRows,
      activeConsent: consentRows.find((c) => !c.withdrawnAt) ?? null,
      timeline: timeline.map(present),
      schemes: Object.fromEntries(schemes.map((s) => [s.id, present(s)])),
      reminders: reminderRows,
      erasures: await erasuresOf(tx, id),
      knownElsewhere: await knownElsewhere(tx, id),
    };
  },
});

// Spelled out: inside a select list drizzle would render the outer column unqualified.
const lastContactOf = sql<string | null>`(select max(r.occurred_on) from records r where r.client_id = "clients"."id" and r.deleted_at is null)`;
const openRemindersOf = sql<number>`(select count(*)::int from reminders m where m.client_id = "clients"."id" and m.done_at is null)`;
const overdueRemindersOf = (today: string) => sql<number>`(select count(*)::int from reminders m where m.client_id = "clients"."id" and m.done_at is null and m.due_on < ${today}::date)`;

/** The order of each sort, in its natural direction first; the reference (unique) settles ties, so pages never overlap. */
function orderOf(sort: ClientSort, order: "asc" | "desc" | undefined, today: string): SQL[] {
  const dir = (natural: "asc" | "desc") => sql.raw(order ?? natural);
  switch (sort) {
    case "lastContact":
      // A case without any contact yet is the one most in need of one: first either way.
      return [sql`${lastContactOf} ${dir("desc")} nulls first`, asc(clients.ref)];
    case "ref":
      return [sql`${clients.ref} ${dir("asc")}`];
    case "reminders":
      return [sql`${openRemindersOf} ${dir("desc")}`, sql`${overdueRemindersOf(today)} ${dir("desc")}`, asc(clients.ref)];
    default:
      return [sql`${clients.updatedAt} ${dir("desc")}`, asc(clients.ref)];
  }
}

/**
 * The adviser's cases (the case list, the record forms' client picker and `GET /api/v1/clients`):
 * by reference or, where personal data is kept, by name; filtered by contact point, open or
 * overdue reminders and the last contact's date; sorted and paged.
 */
export const searchClients = defineOperation({
  name: "clients.search",
  access: "cases.work",
  audit: "personalRead",
  input: searchClientsSchema,
  async run({ actor, tx }, q) {
    const units = q.contactPointId ? actor.contactPointIds.filter((c) => c === q.contactPointId) : actor.contactPointIds;
    if (!units.length) return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
    const today = todayInBerlin();
    const term = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = and(
      inArray(clients.contactPointId, units),
      term ? or(ilike(clients.ref, term), ilike(clients.fullName, term)) : undefined,
      q.reminders === "open" ? sql`${openRemindersOf} > 0` : q.reminders === "overdue" ? sql`${overdueRemindersOf(today)} > 0` : undefined,
      q.lastContactFrom ? sql`${lastContactOf} >= ${q.lastContactFrom}::date` : undefined,
      q.lastContactTo ? sql`${lastContactOf} <= ${q.lastContactTo}::date` : undefined,
    );
    const [{ total }] = await tx.select({ total: count() }).from(clients).where(where);
    const items = await tx
      .select({
        id: clients.id,
        ref: clients.ref,
        fullName: clients.fullName,
        contactPointId: clients.contactPointId,
        gender: clients.gender,
        qualificationCountry: clients.qualificationCountry,
        version: clients.version,
        lastContact: sql<string | null>`(${lastContactOf})::text`,
        openReminders: openRemindersOf,
        overdueReminders: overdueRemindersOf(today),
      })
      .from(clients)
      .where(where)
      .orderBy(...orderOf(q.sort, q.order, today))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    return { items, page: q.page, pageSize: q.pageSize, total };
  },
});

/** Reminders due for the adviser, soonest first. */
export const dueReminders = defineOperation({
  name: "reminders.due",
  access: "cases.work",
  audit: "personalRead",
  input: searchClientsSchema.pick({ page: true }),
  async run({ actor, tx }) {
    if (!actor.contactPointIds.length) return [];
    return tx
      .select({ id: reminders.id, dueOn: reminders.dueOn, note: reminders.note, clientId: clients.id, clientRef: clients.ref })
      .from(reminders)
      .innerJoin(clients, eq(clients.id, reminders.clientId))
      .where(and(eq(reminders.adviserId, actor.userId), isNull(reminders.doneAt), inArray(clients.contactPointId, actor.contactPointIds)))
      .orderBy(asc(reminders.dueOn))
      .limit(50);
  },
});

/**
 * Everything held about one client (GDPR subject access): the client with personal data,
 * consents, every record including deleted ones, the history of the statistical record and
 * of each record, reminders, and each erasure with its cause. JSON, as the person may ask for it.
 */
export const exportClient = defineOperation({
  name: "clients.export",
  access: "cases.work",
  audit: "personalRead",
  input: clientIdSchema,
  async run({ actor, tx }, { id }) {
    const client = await clientInScope(tx, actor, id);
    const recordRows = await tx.select().from(records).where(eq(records.clientId, id)).orderBy(asc(records.occurredOn), asc(records.createdAt));
    const subjects = [id, ...recordRows.map((r) => r.id)];
    return {
      exportedAt: new Date().toISOString(),
      client,
      occupation: client.occupationId ? ((await tx.select().from(occupations).where(eq(occupations.id, client.occupationId)))[0] ?? null) : null,
      consents: await consentsOf(tx, id, false),
      records: recordRows.map(present),
      history: await tx
        .select({ subjectId: history.subjectId, subjectType: history.subjectType, version: history.version, op: history.op, at: history.at, snapshot: history.snapshot, changes: history.changes })
        .from(history)
        .where(inArray(history.subjectId, subjects))
        .orderBy(asc(history.at), asc(history.id)),
      reminders: await tx.select().from(reminders).where(eq(reminders.clientId, id)).orderBy(asc(reminders.dueOn)),
      erasures: await erasuresOf(tx, id),
      knownElsewhere: await knownElsewhere(tx, id),
    };
  },
});
