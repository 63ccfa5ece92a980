import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  LOTSE_DEMO: z.enum(["0", "1", "true", "false"]).optional(),
  NODE_ENV: z.string().optional(),
  LOTSE_AUDIT_RETENTION_YEARS: z.coerce
    .number({ error: "must be a whole number of years" })
    .int("must be a whole number of years")
    .min(1, "must be at least 1 (year)")
    .max(100, "must be at most 100 (years)")
    .default(10),
});

export interface Env {
  databaseUrl?: string;
  pgliteDir: string;
  secret?: string;
  /** Production: `NODE_ENV=production` with a real PostgreSQL server. */
  production: boolean;
  /** Demo mode seeds the 2019 demo network and one account per role. */
  demo: boolean;
  /** Audit entries older than this are removed by the housekeeping job (lib/housekeeping.ts). */
  auditRetentionYears: number;
}

export class EnvError extends Error {}

/** Reads and checks the configuration once, at start-up, with messages that say what to fix. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty variable means "not set" (as in `DATABASE_URL= npm start`).
  const set = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new EnvError(`Invalid configuration: ${problems}`);
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
    if (demo) throw new EnvError("LOTSE_DEMO cannot be enabled in production: demo accounts exist only in demo mode.");
  }
  return { databaseUrl: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR, secret: e.NEXTAUTH_SECRET, production, demo, auditRetentionYears: e.LOTSE_AUDIT_RETENTION_YEARS };
}
