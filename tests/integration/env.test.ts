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

  it("audit entries are kept 10 years unless LOTSE_AUDIT_RETENTION_YEARS says otherwise; a bad value is named", () => {
    expect(readEnv({}).auditRetentionYears).toBe(10);
    expect(readEnv({ LOTSE_AUDIT_RETENTION_YEARS: "7" }).auditRetentionYears).toBe(7);
    expect(() => readEnv({ LOTSE_AUDIT_RETENTION_YEARS: "0" })).toThrow("LOTSE_AUDIT_RETENTION_YEARS: must be at least 1 (year)");
    expect(() => readEnv({ LOTSE_AUDIT_RETENTION_YEARS: "2.5" })).toThrow("LOTSE_AUDIT_RETENTION_YEARS: must be a whole number of years");
    expect(() => readEnv({ LOTSE_AUDIT_RETENTION_YEARS: "ten" })).toThrow("LOTSE_AUDIT_RETENTION_YEARS: must be a whole number of years");
  });
});
