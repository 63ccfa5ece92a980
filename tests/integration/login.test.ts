import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLogin } from "@/lib/auth/login";
import { THROTTLE } from "@/lib/auth/throttle";
import { TEST_PASSWORD, makeUser } from "../helpers/factories";

const address = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("login", () => {
  it("accepts the right password, case-insensitively by e-mail", async () => {
    const user = await makeUser("admin");
    const result = await checkLogin(user.email.toUpperCase(), TEST_PASSWORD, address());
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: "admin" } });
  });

  it("answers the same for a wrong password, an unknown account and a deactivated one", async () => {
    const user = await makeUser("adviser");
    const inactive = await makeUser("admin", { active: false });
    expect(await checkLogin(user.email, "wrong password!", address())).toEqual({ ok: false, reason: "invalid" });
    expect(await checkLogin(`nobody-${randomUUID()}@test.example`, TEST_PASSWORD, address())).toEqual({ ok: false, reason: "invalid" });
    expect(await checkLogin(inactive.email, TEST_PASSWORD, address())).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles an account after repeated failures, even with the right password, from any address", async () => {
    const user = await makeUser("network_coordinator");
    for (let i = 0; i < THROTTLE.perAccount; i++) await checkLogin(user.email, `wrong ${i}`, address());
    expect(await checkLogin(user.email, TEST_PASSWORD, address())).toEqual({ ok: false, reason: "throttled" });
  });

  it("throttles an address that tries many accounts", async () => {
    const from = address();
    for (let i = 0; i < THROTTLE.perAddress; i++) await checkLogin(`guess-${i}-${randomUUID()}@test.example`, "x", from);
    const user = await makeUser("admin");
    expect(await checkLogin(user.email, TEST_PASSWORD, from)).toEqual({ ok: false, reason: "throttled" });
    expect(await checkLogin(user.email, TEST_PASSWORD, address())).toMatchObject({ ok: true });
  });
});
