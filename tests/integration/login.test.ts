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

  it("throttles an account from an address after repeated failures there, even with the right password", async () => {
    const user = await makeUser("network_coordinator");
    const from = address();
    for (let i = 0; i < THROTTLE.perAccountAndAddress; i++) expect(await checkLogin(user.email, `wrong ${i}`, from)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkLogin(user.email, TEST_PASSWORD, from)).toEqual({ ok: false, reason: "throttled" });
  });

  it("does not let a stranger's failures lock the owner out from another address", async () => {
    const user = await makeUser("adviser");
    const stranger = address();
    for (let i = 0; i < THROTTLE.perAccountAndAddress + 3; i++) await checkLogin(user.email, `guess ${i}`, stranger);
    expect(await checkLogin(user.email, TEST_PASSWORD, stranger)).toEqual({ ok: false, reason: "throttled" });
    expect(await checkLogin(user.email, TEST_PASSWORD, `${stranger}.owner`)).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("slows an account guessed at from many addresses, without locking it (the clock is the test's)", async () => {
    const user = await makeUser("admin");
    const at = new Date();
    const later = (ms: number) => new Date(at.getTime() + ms);
    for (let i = 0; i < THROTTLE.accountSlowAfter; i++) expect(await checkLogin(user.email, `guess ${i}`, address(), at)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkLogin(user.email, TEST_PASSWORD, address(), later(THROTTLE.accountPauseMs - 1))).toEqual({ ok: false, reason: "slowed" });
    // A refused attempt is no failure: it does not move the pause on; a new failure does.
    expect(await checkLogin(user.email, "guess again", address(), later(THROTTLE.accountPauseMs))).toEqual({ ok: false, reason: "invalid" });
    expect(await checkLogin(user.email, TEST_PASSWORD, address(), later(2 * THROTTLE.accountPauseMs - 1))).toEqual({ ok: false, reason: "slowed" });
    expect(await checkLogin(user.email, TEST_PASSWORD, address(), later(2 * THROTTLE.accountPauseMs))).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("throttles an address that tries many accounts", async () => {
    const from = address();
    for (let i = 0; i < THROTTLE.perAddress; i++) await checkLogin(`guess-${i}-${randomUUID()}@test.example`, "x", from);
    const user = await makeUser("admin");
    expect(await checkLogin(user.email, TEST_PASSWORD, from)).toEqual({ ok: false, reason: "throttled" });
    expect(await checkLogin(user.email, TEST_PASSWORD, address())).toMatchObject({ ok: true });
  });

  describe("attempts sent at once", () => {
    const tally = (results: { ok: boolean; reason?: string }[]) => ({
      ok: results.filter((r) => r.ok).length,
      invalid: results.filter((r) => r.reason === "invalid").length,
      throttled: results.filter((r) => r.reason === "throttled").length,
    });

    it("check at most the limit of passwords", async () => {
      const user = await makeUser("adviser");
      const from = address();
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => checkLogin(user.email, `wrong ${i}`, from)));
      expect(tally(results)).toEqual({ ok: 0, invalid: THROTTLE.perAccountAndAddress, throttled: 10 - THROTTLE.perAccountAndAddress });
    });

    it("let no right password through past the limit", async () => {
      const user = await makeUser("network_coordinator");
      const from = address();
      const wrong = Array.from({ length: 29 }, (_, i) => checkLogin(user.email, `wrong ${i}`, from));
      const results = await Promise.all([...wrong, checkLogin(user.email, TEST_PASSWORD, from)]);
      const { ok, invalid, throttled } = tally(results);
      expect(ok + invalid).toBeLessThanOrEqual(THROTTLE.perAccountAndAddress);
      expect(ok + invalid + throttled).toBe(30);
      // Sent last, it finds the limit reached by the wrong ones.
      expect(results[29]).toEqual({ ok: false, reason: "throttled" });
    });
  });
});
