import { describe, expect, it } from "vitest";
import { EnvError, readEnv } from "@/lib/env";

describe("configuration", () => {
  it("the embedded default is demo mode and needs nothing set", () => {
    expect(readEnv({ NODE_ENV: "production" })).toMatchObject({ production: false, demo: true, pgliteDir: ".data/pglite" });
  });

  it("production (NODE_ENV=production with DATABASE_URL) refuses to start without a 32-byte secret", () => {
    const base = { NODE_ENV: "production", DATABASE_URL: "postgres://app@db.example/lotse" };
    expect(() => readEnv(base)).toThrow(EnvError);
    expect(() => readEnv({ ...base, NEXTAUTH_SECRET: "too short" })).toThrow(/at least 32 bytes/);
    expect(readEnv({ ...base, NEXTAUTH_SECRET: "x".repeat(32) })).toMatchObject({ production: true, demo: false });
  });

  it("demo accounts cannot be switched on in production", () => {
    const env = { NODE_ENV: "production", DATABASE_URL: "postgres://app@db.example/lotse", NEXTAUTH_SECRET: "x".repeat(40), LOTSE_DEMO: "1" };
    expect(() => readEnv(env)).toThrow(/demo/);
  });

  it("LOTSE_TRUSTED_PROXIES takes addresses and CIDR ranges and names a bad entry", () => {
    expect(readEnv({ LOTSE_TRUSTED_PROXIES: "10.0.0.0/8, fd00::1" })).toMatchObject({ trustedProxies: ["10.0.0.0/8", "fd00::1"] });
    expect(readEnv({})).toMatchObject({ trustedProxies: [] });
    expect(() => readEnv({ LOTSE_TRUSTED_PROXIES: "10.0.0.0/8, proxy.internal" })).toThrow(/LOTSE_TRUSTED_PROXIES: "proxy\.internal" is not an IP address/);
  });
});
