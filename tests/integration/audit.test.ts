import { and, eq, gt, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Tx } from "@/db/client";
import { actAsOwner } from "@/db/row-security";
import { auditLog, refusalCounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recentRefusals, searchAudit } from "@/lib/audit-search";
import { checkLogin } from "@/lib/auth/login";
import { THROTTLE } from "@/lib/auth/throttle";
import { getClient } from "@/lib/clients/queries";
import { execute } from "@/lib/operation";
import { setLocale } from "@/lib/preferences";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { KINDS } from "@/lib/records/kinds";
import { apiAdviser, send, sessionSecret } from "../helpers/api";
import { PERSONAL_WITH_CONSENT, TEST_PASSWORD, makeActor, makeClient, makeOrg, makeUser, placementFor, recordInput, TEST_CONSENT_PURPOSE } from "../helpers/factories";

/** The entries written since `sinceId`, oldest first. */
async function entriesSince(sinceId: number) {
  const db = await getDb();
  return db.select().from(auditLog).where(gt(auditLog.id, sinceId)).orderBy(auditLog.id);
}

async function lastId(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)::bigint` }).from(auditLog);
  return Number(row.id);
}

/** Today's count (Berlin day) of anonymous refusals of `action` for `reason`. */
async function refusalsToday(action: string, reason: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ count: refusalCounts.count })
    .from(refusalCounts)
    .where(and(eq(refusalCounts.day, sql`(now() at time zone 'Europe/Berlin')::date`), eq(refusalCounts.action, action), eq(refusalCounts.reason, reason)));
  return row?.count ?? 0;
}

describe("audit trail", () => {
  let adviser: { actor: Actor; token: string };
  let other: Actor;
  let admin: Actor;

  beforeAll(async () => {
    sessionSecret();
    const org = await makeOrg();
    const elsewhere = await makeOrg();
    adviser = await apiAdviser([org.contactPoints[0].id]);
    other = await makeActor("adviser", { unitIds: [elsewhere.contactPoints[0].id] });
    admin = await makeActor("admin");
  });

  it("reading a client's case, on the page or through the API, or exporting it, leaves exactly one entry each, without the personal data", async () => {
    const client = await makeClient(adviser.actor, PERSONAL_WITH_CONSENT);
    let since = await lastId();
    expect(await execute(getClient, adviser.actor, { id: client.id })).toMatchObject({ ok: true });
    let entries = await entriesSince(since);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "clients.get", outcome: "ok", actorId: adviser.actor.userId, actorRole: "adviser", subjectId: client.id });

    since = await lastId();
    expect((await send("GET", `/api/v1/clients/${client.id}`, { token: adviser.token })).status).toBe(200);
    entries = await entriesSince(since);
    expect(entries.map((e) => [e.action, e.subjectId])).toEqual([["clients.get", client.id]]);
    expect(JSON.stringify(entries)).not.toContain(PERSONAL_WITH_CONSENT.fullName);

    since = await lastId();
    const exported = await send("GET", `/api/v1/clients/${client.id}/export`, { token: adviser.token });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toBe(`attachment; filename="lotse-client-${client.ref}.json"`);
    expect(exported.body).toMatchObject({ client: { id: client.id, fullName: PERSONAL_WITH_CONSENT.fullName }, consents: [{ purposeId: PERSONAL_WITH_CONSENT.consentPurposeId, purposeDe: TEST_CONSENT_PURPOSE.nameDe }] });
    expect(exported.body.history[0]).toMatchObject({ subjectId: client.id, op: "create" });
    entries = await entriesSince(since);
    expect(entries.map((e) => [e.action, e.subjectId])).toEqual([["clients.export", client.id]]);
    expect((await send("GET", `/api/v1/clients/${client.id}/export`, { token: (await apiAdviser([other.contactPointIds[0]])).token })).status).toBe(404);
  });

  it("every change is on record in its own transaction; a refused change leaves a denial and nothing else", async () => {
    const spec = KINDS[0];
    const body = recordInput(spec, await placementFor(adviser.actor, spec));
    const since = await lastId();
    const created = await execute(RECORD_OPERATIONS[spec.kind].create, adviser.actor, body);
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : "";
    expect((await entriesSince(since)).map((e) => [e.action, e.outcome, e.subjectId])).toEqual([[`records.${spec.kind}.create`, "ok", id]]);

    const before = await lastId();
    expect(await execute(RECORD_OPERATIONS[spec.kind].get, other, { id })).toMatchObject({ ok: false, error: { kind: "not_found" } });
    expect(await execute(RECORD_OPERATIONS[spec.kind].create, adviser.actor, { ...body, idempotencyKey: "another-key-1", occurredOn: "2019-02-30" })).toMatchObject({ ok: false });
    const entries = await entriesSince(before);
    expect(entries.map((e) => [e.action, e.outcome, e.actorId, e.subjectId, e.details])).toEqual([
      [`records.${spec.kind}.get`, "denied", other.userId, id, { reason: "not_found" }],
    ]);
  });

  it("a refusal without a signed-in user is counted per day, operation and reason, never written to the trail", async () => {
    const client = await makeClient(adviser.actor, PERSONAL_WITH_CONSENT);
    const getsBefore = await refusalsToday("clients.get", "unauthenticated");
    const apiBefore = await refusalsToday("clients.search", "unauthenticated");
    const since = await lastId();
    for (let i = 0; i < 3; i++) expect(await execute(getClient, null, { id: client.id })).toMatchObject({ ok: false, error: { kind: "unauthenticated" } });
    expect((await send("GET", "/api/v1/clients")).status).toBe(401);
    expect(await entriesSince(since)).toEqual([]);
    expect(await refusalsToday("clients.get", "unauthenticated")).toBe(getsBefore + 3);
    expect(await refusalsToday("clients.search", "unauthenticated")).toBe(apiBefore + 1);
    const db = await getDb();
    const rows = await db.select().from(refusalCounts).where(and(eq(refusalCounts.action, "clients.get"), eq(refusalCounts.reason, "unauthenticated")));
    expect(rows).toHaveLength(1);
    // Admins see the recent counts beside the trail.
    const shown = await execute(recentRefusals, admin, {});
    expect(shown.ok && shown.value.find((r) => r.action === "clients.get" && r.reason === "unauthenticated")).toMatchObject({ count: getsBefore + 3 });
  });

  it("a signed-in user's refusal stays in the trail, and is not counted", async () => {
    const before = await refusalsToday("audit.search", "forbidden");
    const since = await lastId();
    expect(await execute(searchAudit, other, {})).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect((await entriesSince(since)).map((e) => [e.action, e.outcome, e.actorId, e.details])).toEqual([["audit.search", "denied", other.userId, { reason: "forbidden" }]]);
    expect(await refusalsToday("audit.search", "forbidden")).toBe(before);
  });

  it("switching the language, signed in or not, leaves no entry: it only sets a cookie", async () => {
    const since = await lastId();
    expect(await execute(setLocale, null, { locale: "en" })).toMatchObject({ ok: true, value: { locale: "en" } });
    expect(await execute(setLocale, adviser.actor, { locale: "de" })).toMatchObject({ ok: true });
    expect(await entriesSince(since)).toEqual([]);
  });

  it("logs successful logins, without what was typed as password; failures have no actor and stay out", async () => {
    const user = await makeUser("network_coordinator");
    const since = await lastId();
    expect(await checkLogin(user.email, "not the password at all", "192.0.2.7")).toMatchObject({ ok: false });
    expect(await checkLogin(user.email, TEST_PASSWORD, "192.0.2.7")).toMatchObject({ ok: true });
    const entries = await entriesSince(since);
    expect(entries.map((e) => [e.action, e.outcome, e.actorId, e.subjectId])).toEqual([["login.success", "ok", user.id, user.id]]);
    const refused = await lastId();
    for (let i = 0; i <= THROTTLE.perAccountAndAddress; i++) await checkLogin(user.email, `not the password ${i}`, "192.0.2.8");
    expect(await checkLogin(user.email, TEST_PASSWORD, "192.0.2.8")).toEqual({ ok: false, reason: "throttled" });
    expect(await entriesSince(refused)).toEqual([]);
    expect(JSON.stringify(entries)).not.toContain("not the password");
  });

  it("cannot be changed or deleted through the app's database connection", async () => {
    const db = await getDb();
    const [entry] = await db.select().from(auditLog).limit(1);
    // As the app writes: each attempt in a transaction of its own.
    const refusal = (attempt: (tx: Tx) => Promise<unknown>) => db.transaction(attempt).then(() => "done", (error) => String(error.cause?.message ?? error.message));
    // The app's role lacks the privilege (migration 0005) ...
    expect(await refusal((tx) => tx.update(auditLog).set({ action: "forged" }).where(eq(auditLog.id, entry.id)))).toMatch(/permission denied for table audit_log/);
    expect(await refusal((tx) => tx.delete(auditLog).where(eq(auditLog.id, entry.id)))).toMatch(/permission denied for table audit_log/);
    expect(await refusal((tx) => tx.execute(sql`truncate audit_log`))).toMatch(/permission denied for table audit_log/);
    // ... and even the owner, who has it, is stopped by the trigger (migration 0003).
    const asOwner = (attempt: (tx: Tx) => Promise<unknown>) => refusal(async (tx) => (await actAsOwner(tx), attempt(tx)));
    expect(await asOwner((tx) => tx.update(auditLog).set({ action: "forged" }).where(eq(auditLog.id, entry.id)))).toMatch(/append-only: UPDATE refused/);
    expect(await asOwner((tx) => tx.delete(auditLog).where(eq(auditLog.id, entry.id)))).toMatch(/append-only: DELETE refused/);
    expect(await asOwner((tx) => tx.execute(sql`truncate audit_log`))).toMatch(/append-only: TRUNCATE refused/);
    const [still] = await db.select().from(auditLog).where(and(eq(auditLog.id, entry.id), eq(auditLog.action, entry.action)));
    expect(still).toBeDefined();
  });

  it("admins search it by object, action and outcome", async () => {
    const client = await makeClient(adviser.actor);
    await execute(getClient, adviser.actor, { id: client.id });
    await execute(getClient, other, { id: client.id });
    const found = await execute(searchAudit, admin, { subjectId: client.id });
    expect(found.ok && found.value.items.map((e) => [e.action, e.outcome])).toEqual([
      ["clients.get", "denied"],
      ["clients.get", "ok"],
      ["clients.create", "ok"],
    ]);
    const denied = await execute(searchAudit, admin, { subjectId: client.id, outcome: "denied", action: "clients." });
    expect(denied.ok && denied.value.items).toHaveLength(1);
    expect(await execute(searchAudit, adviser.actor, {})).toMatchObject({ ok: false, error: { kind: "forbidden" } });
  });
});
