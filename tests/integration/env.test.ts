// @driver-independent: no database (README, Tests: run once).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, publishAuthUrl, readEnv } from "@/lib/env";

describe("configuration", () => {
  it("the embedded default is demo mode and needs nothing set", () => {
    expect(readEnv({ NODE_ENV: "production" })).toMatchObject({ production: false, demo: true, pgliteDir: ".data/pglite" });
  });

  it("production (NODE_ENV=production with DATABASE_URL) refuses to start without a 32-byte secret", () => {
    const base = { NODE_ENV: "production", DATABASE_URL: "postgres://app@db.example/lotse" };
    expect(() => readEnv(base)).toThrow(EnvError);
    expect(() => readEnv({ ...base, NEXTAUTH_SECRET: "too short" })).toThrow(/at least 32 bytes/);
    expect(() => readEnv({ ...base, NEXTAUTH_SECRET: "x".repeat(32) })).toThrow(/LOTSE_PSEUDONYM_SECRET must be set to at least 32 bytes/);
    expect(() => readEnv({ ...base, NEXTAUTH_SECRET: "x".repeat(32), LOTSE_PSEUDONYM_SECRET: "too short" })).toThrow(/LOTSE_PSEUDONYM_SECRET/);
    expect(readEnv({ ...base, NEXTAUTH_SECRET: "x".repeat(32), LOTSE_PSEUDONYM_SECRET: "p".repeat(32) })).toMatchObject({ production: true, demo: false, pseudonymSecret: "p".repeat(32) });
  });

  it("demo accounts cannot be switched on in production", () => {
    const env = { NODE_ENV: "production", DATABASE_URL: "postgres://app@db.example/lotse", NEXTAUTH_SECRET: "x".repeat(40), LOTSE_PSEUDONYM_SECRET: "p".repeat(40), LOTSE_DEMO: "1" };
    expect(() => readEnv(env)).toThrow(/demo/);
  });

  it("audit entries are kept 10 years unless LOTSE_AUDIT_RETENTION_YEARS says otherwise; a bad value is named", () => {
    expect(readEnv({}).auditRetentionYears).toBe(10);
    expect(readEnv({ LOTSE_AUDIT_RETENTION_YEARS: "7" }).auditRetentionYears).toBe(7);
    for (const bad of ["0", "2.5", "ten"]) {
      expect(() => readEnv({ LOTSE_AUDIT_RETENTION_YEARS: bad })).toThrow(`LOTSE_AUDIT_RETENTION_YEARS must be a whole number from 1 to 100 (got "${bad}")`);
    }
  });

  it("LOTSE_TRUSTED_PROXIES takes addresses and CIDR ranges and names a bad entry", () => {
    expect(readEnv({ LOTSE_TRUSTED_PROXIES: "10.0.0.0/8, fd00::1" })).toMatchObject({ trustedProxies: ["10.0.0.0/8", "fd00::1"] });
    expect(readEnv({})).toMatchObject({ trustedProxies: [] });
    expect(() => readEnv({ LOTSE_TRUSTED_PROXIES: "10.0.0.0/8, proxy.internal" })).toThrow(/LOTSE_TRUSTED_PROXIES .*"proxy\.internal" is not an IP address/);
  });
});

describe("configuration mistakes stop the start with a message naming the variable", () => {
  const cases: [string, string, RegExp][] = [
    ["DATABASE_POOL_SIZE", "-1", /DATABASE_POOL_SIZE must be a whole number from 1 to 1000 \(got "-1"\)/],
    ["DATABASE_POOL_SIZE", "abc", /DATABASE_POOL_SIZE must be a whole number/],
    ["DATABASE_POOL_SIZE", "0", /DATABASE_POOL_SIZE/],
    ["LOTSE_RETENTION_YEARS", "abc", /LOTSE_RETENTION_YEARS must be a whole number from 1 to 100 \(got "abc"\)/],
    ["LOTSE_RETENTION_YEARS", "0", /LOTSE_RETENTION_YEARS/],
    ["LOTSE_RETENTION_YEARS", "2.5", /LOTSE_RETENTION_YEARS/],
    ["PORT", "http", /PORT must be a whole number from 1 to 65535/],
    ["DATABASE_URL", "mysql://db.example/lotse", /DATABASE_URL must be a postgres:\/\//],
    ["NEXTAUTH_URL", "lotse.example", /NEXTAUTH_URL must be an http/],
    ["LOTSE_DEMO", "yes", /LOTSE_DEMO must be/],
  ];
  it.each(cases)("%s=%s", (name, value, message) => {
    expect(() => readEnv({ [name]: value })).toThrow(EnvError);
    expect(() => readEnv({ [name]: value })).toThrow(message);
  });

  it("good values are taken as numbers, defaults where unset", () => {
    expect(readEnv({ DATABASE_POOL_SIZE: "25", LOTSE_RETENTION_YEARS: "5", PORT: "8080" })).toMatchObject({
      poolSize: 25,
      retentionYears: 5,
      port: 8080,
      publicUrl: "http://localhost:8080",
    });
    expect(readEnv({})).toMatchObject({ poolSize: 10, retentionYears: 3, port: 3000 });
  });
});

describe("next-auth's address", () => {
  it("is the public URL, written to NEXTAUTH_URL only where that is not set", () => {
    const before = process.env.NEXTAUTH_URL;
    try {
      delete process.env.NEXTAUTH_URL;
      publishAuthUrl(readEnv({ PORT: "8080" }));
      expect(process.env.NEXTAUTH_URL).toBe("http://localhost:8080");
      publishAuthUrl(readEnv({ NEXTAUTH_URL: "https://lotse.example" }));
      expect(process.env.NEXTAUTH_URL).toBe("http://localhost:8080");
    } finally {
      if (before === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = before;
    }
  });
});

describe("the environment is read in one place", () => {
  // Next.js inlines NODE_ENV and NEXT_RUNTIME at build time; next-auth reads NEXTAUTH_URL itself.
  const ALLOWED = new Map([
    ["lib/env.ts", /process\.env/],
    ["instrumentation.ts", /process\.env\.NEXT_RUNTIME/],
    // Browser code (lib/env.ts is server-only): no service worker under `next dev`, which builds none.
    ["app/components/offline/register.ts", /process\.env\.NODE_ENV/],
  ]);

  it("no module of the app, the domain or the database layer reads process.env elsewhere", () => {
    const root = join(import.meta.dirname, "..", "..");
    const files = ["app", "lib", "db"].flatMap((dir) => sourceFiles(join(root, dir))).concat([join(root, "proxy.ts"), join(root, "instrumentation.ts")]);
    const offenders = files.flatMap((file) => {
      const name = relative(root, file);
      return readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ line, at: `${name}:${i + 1}` }))
        .filter(({ line }) => line.includes("process.env") && !(ALLOWED.get(name)?.test(line) ?? false))
        .map(({ at, line }) => `${at} ${line.trim()}`);
    });
    expect(offenders).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|mjs)$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}
