import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { records, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { revokeToken } from "@/lib/api/tokens";
import { setUserActive, updateUser } from "@/lib/users/commands";
import { execute } from "@/lib/operation";
import { KINDS } from "@/lib/records/kinds";
import { apiAdviser, ORIGIN, send, sessionCookie, sessionSecret, tokenFor } from "../helpers/api";
import { makeActor, makeOrg, makeRecord, placementFor, recordInput } from "../helpers/factories";

const SESSIONS = "/api/v1/advice-sessions";

type Org = Awaited<ReturnType<typeof makeOrg>>;

describe("JSON API: authentication", () => {
  let orgA: Org;
  let a: { actor: Actor; token: string };
  /** A body for a new advice session of adviser A, with a fresh client. */
  let sessionBody: () => Promise<Record<string, unknown>>;

  beforeAll(async () => {
    sessionSecret();
    orgA = await makeOrg();
    a = await apiAdviser([orgA.contactPoints[0].id]);
    sessionBody = async () => recordInput(KINDS[0], await placementFor(a.actor, KINDS[0]));
  });

  it("answers 401 without a credential, with an unknown token and with a revoked one", async () => {
    const record = await makeRecord(a.actor, "advice_session");
    const none = await send("GET", `${SESSIONS}/${record.id}`);
    expect(none).toMatchObject({ status: 401, body: { error: { kind: "unauthenticated" } } });
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await send("GET", SESSIONS, { token: "lotse_not-a-token" })).status).toBe(401);
    expect((await send("POST", SESSIONS, { body: await sessionBody() })).status).toBe(401);

    const user = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    const issued = await tokenFor(user.userId);
    expect((await send("GET", `${SESSIONS}/${record.id}`, { token: issued.token })).status).toBe(200);
    const revoked = await execute(revokeToken, await makeActor("admin"), { id: issued.id });
    expect(revoked).toMatchObject({ ok: true });
    expect((await send("GET", `${SESSIONS}/${record.id}`, { token: issued.token })).status).toBe(401);
    expect((await send("POST", SESSIONS, { token: issued.token, body: await sessionBody() })).status).toBe(401);
  });

  it("answers 401 for the token of a deactivated user, 403 for a coordinator's token", async () => {
    const user = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    const { token } = await tokenFor(user.userId);
    await (await getDb()).update(users).set({ active: false }).where(eq(users.id, user.userId));
    expect((await send("GET", SESSIONS, { token })).status).toBe(401);

    const coordinator = await makeActor("network_coordinator");
    const coordinatorToken = (await tokenFor(coordinator.userId)).token;
    expect((await send("GET", SESSIONS, { token: coordinatorToken })).status).toBe(403);
    expect((await send("GET", "/api/v1/clients", { token: coordinatorToken })).status).toBe(403);
    expect((await send("POST", SESSIONS, { token: coordinatorToken, body: await sessionBody() })).status).toBe(403);
  });

  it("revokes a user's tokens when the user is deactivated: reactivating does not bring them back", async () => {
    const user = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    const { token } = await tokenFor(user.userId);
    expect((await send("GET", SESSIONS, { token })).status).toBe(200);
    const admin = await makeActor("admin");
    expect(await execute(setUserActive, admin, { id: user.userId, active: false, version: await versionOf(user.userId) })).toMatchObject({ ok: true });
    expect((await send("GET", SESSIONS, { token })).status).toBe(401);
    expect(await execute(setUserActive, admin, { id: user.userId, active: true, version: await versionOf(user.userId) })).toMatchObject({ ok: true });
    expect((await send("GET", SESSIONS, { token })).status).toBe(401);
    expect((await send("GET", SESSIONS, { token: (await tokenFor(user.userId)).token })).status).toBe(200);
  });

  it("revokes an adviser's token when their role changes, not when only their name does", async () => {
    const user = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    const { token } = await tokenFor(user.userId);
    const admin = await makeActor("admin");
    const update = async (changes: Record<string, unknown>) =>
      execute(updateUser, admin, { id: user.userId, version: await versionOf(user.userId), name: user.name, role: "adviser", regionId: null, unitIds: user.unitIds, ...changes });
    expect(await update({ name: `${user.name} (renamed)` })).toMatchObject({ ok: true });
    expect((await send("GET", SESSIONS, { token })).status).toBe(200);
    expect(await update({ role: "network_coordinator", unitIds: [] })).toMatchObject({ ok: true });
    const figures = await send("GET", "/api/v1/figures?from=2019-01-01&to=2019-12-31", { token });
    expect(figures.status).toBe(401);
    expect(figures.body).not.toHaveProperty("figures");
    expect((await send("GET", SESSIONS, { token })).status).toBe(401);
  });

  it("accepts the session cookie; a cookie-authenticated change needs this app's own origin", async () => {
    const cookie = await sessionCookie(a.actor.userId);
    expect((await send("GET", SESSIONS, { cookie })).status).toBe(200);

    const before = await countOf(a.actor.userId);
    const withoutOrigin = await send("POST", SESSIONS, { cookie, body: await sessionBody() });
    expect(withoutOrigin).toMatchObject({ status: 403, body: { error: { kind: "forbidden" } } });
    const foreign = await send("POST", SESSIONS, { cookie, body: await sessionBody(), headers: { origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    const crossSite = await send("POST", SESSIONS, { cookie, body: await sessionBody(), headers: { "sec-fetch-site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    expect(await countOf(a.actor.userId)).toBe(before);

    const sameOrigin = await send("POST", SESSIONS, { cookie, body: await sessionBody(), headers: { origin: ORIGIN } });
    expect(sameOrigin.status).toBe(201);
    const fetchMetadata = await send("POST", SESSIONS, { cookie, body: await sessionBody(), headers: { "sec-fetch-site": "same-origin" } });
    expect(fetchMetadata.status).toBe(201);
    const record = sameOrigin.body as Record<string, unknown> & { id: string; version: number };
    expect((await send("DELETE", `${SESSIONS}/${record.id}?version=1`, { cookie })).status).toBe(403);
    expect((await send("DELETE", `${SESSIONS}/${record.id}?version=1`, { cookie, headers: { origin: ORIGIN } })).status).toBe(200);

    // A token needs no origin: it is not sent by browsers on their own.
    expect((await send("POST", SESSIONS, { token: a.token, body: await sessionBody() })).status).toBe(201);
  });

  it("refuses a session cookie that is forged, or older than a role change or a raised session version", async () => {
    const user = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    const cookie = await sessionCookie(user.userId);
    expect((await send("GET", SESSIONS, { cookie })).status).toBe(200);
    expect((await send("GET", SESSIONS, { cookie: `${cookie}x` })).status).toBe(401);
    expect((await send("GET", SESSIONS, { cookie: "next-auth.session-token=garbage" })).status).toBe(401);
    await (await getDb()).update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, user.userId));
    expect((await send("GET", SESSIONS, { cookie })).status).toBe(401);
  });
});

async function countOf(userId: string): Promise<number> {
  const [{ n }] = await (await getDb()).select({ n: count() }).from(records).where(eq(records.createdBy, userId));
  return n;
}

async function versionOf(userId: string): Promise<number> {
  const [user] = await (await getDb()).select({ version: users.version }).from(users).where(eq(users.id, userId));
  return user.version;
}
