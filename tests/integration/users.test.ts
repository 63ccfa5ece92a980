import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { execute } from "@/lib/operation";
import { createUser, setUserActive, updateUser } from "@/lib/users/commands";
import { makeActor, makeOrg } from "../helpers/factories";

describe("users", () => {
  let admin: Actor;
  let org: Awaited<ReturnType<typeof makeOrg>>;
  beforeAll(async () => {
    admin = await makeActor("admin");
    org = await makeOrg();
  });

  it("creates an adviser with assigned contact points and an argon2id hash", async () => {
    const email = `Neu.${Date.now()}@Test.Example`;
    const result = await execute(createUser, admin, { email, name: "Neu", password: "a long enough password", role: "adviser", unitIds: [org.contactPoints[0].id] });
    expect(result).toMatchObject({ ok: true, value: { email: email.toLowerCase(), role: "adviser" } });
    expect(result.ok && "passwordHash" in result.value).toBe(false);
    const [row] = await (await getDb()).select().from(users).where(eq(users.email, email.toLowerCase()));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("names each bad field: duplicate e-mail, short password, missing region or units", async () => {
    const taken = await execute(createUser, admin, { email: admin.email, name: "X", password: "a long enough password", role: "network_coordinator" });
    expect(taken.ok || taken.error).toEqual({ kind: "validation", fieldErrors: { email: ["Diese E-Mail-Adresse ist schon vergeben."] } });
    const bad = await execute(createUser, admin, { email: "x@test.example", name: "X", password: "short", role: "regional_coordinator" }, "en");
    expect(bad.ok || bad.error).toEqual({
      kind: "validation",
      fieldErrors: { password: ["At least 12 characters."], regionId: ["Please choose a regional network."] },
    });
    const adviser = await execute(createUser, admin, { email: "y@test.example", name: "Y", password: "a long enough password", role: "adviser", unitIds: [] }, "en");
    expect(adviser.ok || adviser.error).toEqual({ kind: "validation", fieldErrors: { unitIds: ["Please assign at least one contact point or subproject."] } });
  });

  it("refuses common passwords (also with digits or signs added), allows long ones up to 128 characters", async () => {
    const base = { name: "P", role: "network_coordinator" };
    for (const password of ["QazWsxEdcRfv", "1q2w3e4r5t6y", "Password2024!!", "!!sunshine1234"]) {
      const refused = await execute(createUser, admin, { ...base, email: `p${Date.now()}@test.example`, password }, "en");
      expect(refused.ok || refused.error, password).toEqual({ kind: "validation", fieldErrors: { password: ["This password is one of the most common ones. Please choose another."] } });
    }
    const long = "Wiesenweg 17, dritter Stock links, neben der Bäckerei am Marktplatz.";
    expect(long.length).toBeGreaterThanOrEqual(64);
    expect(await execute(createUser, admin, { ...base, email: `long${Date.now()}@test.example`, password: long })).toMatchObject({ ok: true });
    expect(await execute(createUser, admin, { ...base, email: `longer${Date.now()}@test.example`, password: "x".repeat(129) })).toMatchObject({ ok: false, error: { kind: "validation" } });
  });

  it("a role change raises the session version (ending open sessions); a name change does not", async () => {
    const user = await makeActor("adviser", { unitIds: [org.contactPoints[0].id] });
    const renamed = await execute(updateUser, admin, { id: user.userId, name: "Anders", role: "adviser", unitIds: [org.contactPoints[0].id], version: 1 });
    expect(renamed).toMatchObject({ ok: true, value: { sessionVersion: 1, version: 2 } });
    const promoted = await execute(updateUser, admin, { id: user.userId, name: "Anders", role: "network_coordinator", version: 2 });
    expect(promoted).toMatchObject({ ok: true, value: { sessionVersion: 2, version: 3, role: "network_coordinator" } });
    const stale = await execute(updateUser, admin, { id: user.userId, name: "Alt", role: "admin", version: 2 });
    expect(stale.ok || stale.error.kind).toBe("conflict");
  });

  it("deactivation ends sessions; an admin cannot deactivate themselves", async () => {
    const user = await makeActor("network_coordinator");
    expect(await execute(setUserActive, admin, { id: user.userId, active: false, version: 1 })).toMatchObject({
      ok: true,
      value: { active: false, sessionVersion: 2 },
    });
    const self = await execute(setUserActive, admin, { id: admin.userId, active: false, version: 1 });
    expect(self.ok || self.error.kind).toBe("validation");
  });
});
