import { eq, sql } from "drizzle-orm";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { authOptions, clientAddress, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/options";
import { makeUser } from "../helpers/factories";

const jwt = (token: JWT) => authOptions().callbacks!.jwt!({ token } as never) as Promise<JWT>;

async function signedInToken() {
  const user = await makeUser("network_coordinator");
  const first = await authOptions().callbacks!.jwt!({ token: {}, user: { ...user, id: user.id } } as never);
  return { user, token: first as JWT };
}

describe("sessions", () => {
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

  it("takes the client address from the closest hop only", () => {
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4, 10.0.0.7" })).toBe("10.0.0.7");
    expect(clientAddress({})).toBeNull();
  });
});
