import { desc, eq, sql } from "drizzle-orm";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { userSessions, users } from "@/db/schema";
import { actorFromRequest } from "@/lib/api/actor";
import { endSession, startSession, touchSession } from "@/lib/auth/activity";
import { sessionCookie, sessionSecret } from "../helpers/api";
import { authOptions, clientAddress, safeRedirect, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/options";
import { makeUser } from "../helpers/factories";

const jwt = (token: JWT) => authOptions().callbacks!.jwt!({ token } as never) as Promise<JWT>;

async function signedInToken() {
  const user = await makeUser("network_coordinator");
  const first = await authOptions().callbacks!.jwt!({ token: {}, user: { ...user, id: user.id } } as never);
  return { user, token: first };
}

describe("sessions", () => {
  sessionSecret();
  it("last at most 12 hours", () => {
    const options = authOptions();
    expect(SESSION_MAX_AGE_SECONDS).toBeLessThanOrEqual(12 * 3600);
    expect(options.session?.maxAge).toBe(SESSION_MAX_AGE_SECONDS);
    expect(options.session?.strategy).toBe("jwt");
  });

  it("are re-checked on every request: still valid while nothing changed", async () => {
    const { token, user } = await signedInToken();
    expect(token).toMatchObject({ sub: user.id, role: "network_coordinator", sv: 1 });
    await expect(jwt(token)).resolves.toMatchObject({ sub: user.id });
  });

  it("end on the next request after deactivation", async () => {
    const { token, user } = await signedInToken();
    await (await getDb()).update(users).set({ active: false }).where(eq(users.id, user.id));
    await expect(jwt(token)).rejects.toThrow();
  });

  it("end on the next request after a role change or a raised session version", async () => {
    const a = await signedInToken();
    await (await getDb()).update(users).set({ role: "admin" }).where(eq(users.id, a.user.id));
    await expect(jwt(a.token)).rejects.toThrow();
    const b = await signedInToken();
    await (await getDb()).update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, b.user.id));
    await expect(jwt(b.token)).rejects.toThrow();
  });

  it("end after 30 minutes without a request (the clock is the test's), and stay ended", async () => {
    const db = await getDb();
    const { user } = await signedInToken();
    const start = new Date("2026-03-02T09:00:00Z");
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    const id = await startSession(db, user.id, start);
    expect(await touchSession(db, id, at(29))).toBe(true);
    // Each request moves the deadline: 29 + 29 minutes is still fine.
    expect(await touchSession(db, id, at(58))).toBe(true);
    expect(await touchSession(db, id, at(58 + 31))).toBe(false);
    expect(await touchSession(db, id, at(58 + 32))).toBe(false);
    const [row] = await db.select().from(userSessions).where(eq(userSessions.id, id));
    expect(row.endedAt).not.toBeNull();
  });

  it("end at sign-out, and a token without a session record is no session", async () => {
    const { token } = await signedInToken();
    await expect(jwt(token)).resolves.toMatchObject({ sid: token.sid });
    await authOptions().events!.signOut!({ token, session: null } as never);
    await expect(jwt(token)).rejects.toThrow();
    const { sid: _sid, ...withoutSession } = (await signedInToken()).token;
    await expect(jwt(withoutSession)).rejects.toThrow();
  });

  it("an ended session's cookie opens the API no more", async () => {
    const { user } = await signedInToken();
    const cookie = await sessionCookie(user.id);
    const request = () => new Request("http://localhost/api/v1/clients", { headers: { cookie } });
    expect((await actorFromRequest(request())).actor?.userId).toBe(user.id);
    const [open] = await (await getDb()).select().from(userSessions).where(eq(userSessions.userId, user.id)).orderBy(desc(userSessions.createdAt)).limit(1);
    await endSession(await getDb(), open.id);
    expect((await actorFromRequest(request())).actor).toBeNull();
  });

  it("send the browser after login only to pages of this app (callbackUrl)", () => {
    const base = "https://lotse.example.org";
    expect(safeRedirect("/cases", base)).toBe(`${base}/cases`);
    expect(safeRedirect(`${base}/reports/figures?year=2019`, base)).toBe(`${base}/reports/figures?year=2019`);
    for (const evil of ["https://evil.example/phish", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "https://lotse.example.org.evil.example/"]) {
      expect(safeRedirect(evil, base), evil).toBe(base);
    }
  });

  it("takes the client address from the closest hop only", () => {
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4, 10.0.0.7" })).toBe("10.0.0.7");
    expect(clientAddress({})).toBeNull();
  });
});
