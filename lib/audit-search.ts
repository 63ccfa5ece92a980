import { and, desc, eq, getTableColumns, gte, inArray, like, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { auditLog, refusalCounts, users } from "@/db/schema";
import { matchesWords } from "@/lib/listing";
import { defineOperation } from "@/lib/operation";
import { id, isoDate } from "@/lib/validation";

const PAGE = 100;

export const auditSearchSchema = z
  .object({
    action: z.string().trim().max(100).optional(),
    actorId: id.optional(),
    /** Words of the user's name or e-mail address. */
    user: z.string().trim().max(100).optional(),
    subjectId: id.optional(),
    outcome: z.enum(["ok", "denied"]).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
  })
  .strict();

export const searchAudit = defineOperation({
  name: "audit.search",
  access: "audit.view",
  audit: "none",
  input: auditSearchSchema,
  async run({ tx }, q) {
    const where = and(
      q.action ? like(auditLog.action, `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
      q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
      q.user ? inArray(auditLog.actorId, tx.select({ id: users.id }).from(users).where(matchesWords(q.user, [users.name, users.email]))) : undefined,
      q.subjectId ? eq(auditLog.subjectId, q.subjectId) : undefined,
      q.outcome ? eq(auditLog.outcome, q.outcome) : undefined,
      q.from ? gte(auditLog.at, sql`(${q.from}::date)::timestamp at time zone 'Europe/Berlin'`) : undefined,
      q.to ? lt(auditLog.at, sql`(${q.to}::date + 1)::timestamp at time zone 'Europe/Berlin'`) : undefined,
    );
    const items = await tx
      .select({ ...getTableColumns(auditLog), actorName: users.name })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(PAGE + 1)
      .offset((q.page - 1) * PAGE);
    return { items: items.slice(0, PAGE), page: q.page, hasMore: items.length > PAGE };
  },
});

/** Days of anonymous refusal counts the audit page shows. */
export const REFUSAL_DAYS_SHOWN = 7;

/** Refused calls without a signed-in user (counted, not audited: lib/audit.ts), of the last days. */
export const recentRefusals = defineOperation({
  name: "audit.refusals",
  access: "audit.view",
  audit: "none",
  input: z.object({}).strict(),
  async run({ tx }) {
    return tx
      .select()
      .from(refusalCounts)
      .where(gte(refusalCounts.day, sql`(now() at time zone 'Europe/Berlin')::date - ${REFUSAL_DAYS_SHOWN - 1}::int`))
      .orderBy(desc(refusalCounts.day), desc(refusalCounts.count), refusalCounts.action, refusalCounts.reason)
      .limit(100);
  },
});
