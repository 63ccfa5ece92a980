import { z } from "zod";
import { parseTrustedProxies } from "@/lib/http/client-address.mjs";
import type { DatabaseSettings } from "@/db/client";

/**
 * The one place where the process environment is read and checked. Everything else asks
 * `env()` (or is handed what it needs), so a wrong value stops the start with a message that
 * names the variable, what it must be and what it was, instead of being replaced quietly.
 */

const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max, {
      message: `must be a whole number from ${min} to ${max}`,
    })
    .transform(Number)
    .describe(name);

const flag = z.enum(["0", "1", "true", "false"], { message: 'must be "1", "0", "true" or "false"' });

const schema = z.object({
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v), { message: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  DATABASE_POOL_SIZE: wholeNumber("DATABASE_POOL_SIZE", 1, 1000).default(10),
  PGLITE_DIR: z.string().default(".data/pglite"),
  NEXTAUTH_SECRET: z.string().optional(),
  LOTSE_PSEUDONYM_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), { message: "must be an http:// or https:// URL" }).optional(),
  PORT: wholeNumber("PORT", 1, 65535).default(3000),
  LOTSE_DEMO: flag.optional(),
  LOTSE_RETENTION_YEARS: wholeNumber("LOTSE_RETENTION_YEARS", 1, 100).default(3),
  NODE_ENV: z.string().optional(),
  LOTSE_AUDIT_RETENTION_YEARS: wholeNumber("LOTSE_AUDIT_RETENTION_YEARS", 1, 100).default(10),
  // Read by scripts/server.mjs, which refuses to start with a bad entry; checked here as well
  // so that the whole configuration is described in one place.
  LOTSE_TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      }
    }),
});

export interface Env {
  databaseUrl?: string;
  pgliteDir: string;
  poolSize: number;
  secret?: string;
  /** Keys the pseudonyms of duplicate hints (lib/clients/pseudonym.ts); outside production one is generated and kept in the database. */
  pseudonymSecret?: string;
  /** The app's public address; next-auth needs it, `http://localhost:$PORT` by default. */
  publicUrl: string;
  port: number;
  /** Production: `NODE_ENV=production` with a real PostgreSQL server. */
  production: boolean;
  development: boolean;
  /** Demo mode seeds the 2019 demo network and one account per role. */
  demo: boolean;
  /** Clients' personal data is erased this many years after their last contact. */
  retentionYears: number;
  /** Audit entries older than this are removed by the housekeeping job (lib/housekeeping.ts). */
  auditRetentionYears: number;
  /** Proxies whose X-Forwarded-For is believed (IP addresses and CIDR ranges). */
  trustedProxies: readonly string[];
}

export class EnvError extends Error {}

/** Reads and checks a configuration, with messages that say what to fix. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty variable means "not set" (as in `DATABASE_URL= npm start`).
  const set = Object.fromEntries(Object.entries(source).filter(([key, v]) => key in schema.shape && v !== undefined && v !== ""));
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const name = i.path.join(".");
      return `${name} ${i.message} (got ${JSON.stringify(set[name])})`;
    });
    throw new EnvError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production" && Boolean(e.DATABASE_URL);
  const demoFlag = e.LOTSE_DEMO === undefined ? undefined : e.LOTSE_DEMO === "1" || e.LOTSE_DEMO === "true";
  const demo = demoFlag ?? !e.DATABASE_URL;
  if (production) {
    if (!e.NEXTAUTH_SECRET || Buffer.byteLength(e.NEXTAUTH_SECRET) < 32) {
      throw new EnvError(
        "NEXTAUTH_SECRET must be set to at least 32 bytes in production (NODE_ENV=production with DATABASE_URL). " +
          "Generate one with: openssl rand -base64 48",
      );
    }
    if (!e.LOTSE_PSEUDONYM_SECRET || Buffer.byteLength(e.LOTSE_PSEUDONYM_SECRET) < 32) {
      throw new EnvError(
        "LOTSE_PSEUDONYM_SECRET must be set to at least 32 bytes in production (NODE_ENV=production with DATABASE_URL), and kept: " +
          "a new one makes every stored pseudonym unmatched until each client is saved again. Generate one with: openssl rand -base64 48",
      );
    }
    if (demo) throw new EnvError("LOTSE_DEMO cannot be enabled in production: demo accounts exist only in demo mode.");
  }
  return {
    databaseUrl: e.DATABASE_URL,
    pgliteDir: e.PGLITE_DIR,
    poolSize: e.DATABASE_POOL_SIZE,
    secret: e.NEXTAUTH_SECRET,
    pseudonymSecret: e.LOTSE_PSEUDONYM_SECRET,
    publicUrl: (e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    port: e.PORT,
    production,
    development: e.NODE_ENV === "development",
    demo,
    retentionYears: e.LOTSE_RETENTION_YEARS,
    auditRetentionYears: e.LOTSE_AUDIT_RETENTION_YEARS,
    trustedProxies: parseTrustedProxies(e.LOTSE_TRUSTED_PROXIES).entries,
  };
}

const holder = globalThis as unknown as { __lotseEnv?: Env };

/** This process's configuration, read once (every bundle of the server shares it). */
export function env(): Env {
  return (holder.__lotseEnv ??= readEnv());
}

/** What the database layer needs (db/ reads no environment of its own). */
export function databaseSettings(e: Env = env()): DatabaseSettings {
  return e.databaseUrl ? { kind: "postgres", url: e.databaseUrl, poolSize: e.poolSize } : { kind: "pglite", dir: e.pgliteDir };
}

/**
 * next-auth reads its own address from the environment, so the public URL is the one value
 * written back (unless NEXTAUTH_URL was set, when it is the same value already).
 */
export function publishAuthUrl(e: Env = env()): void {
  process.env.NEXTAUTH_URL ??= e.publicUrl;
}
