import { z } from "zod";
import { parseTrustedProxies } from "@/lib/http/client-address.mjs";

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  LOTSE_DEMO: z.enum(["0", "1", "true", "false"]).optional(),
  NODE_ENV: z.string().optional(),
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
  secret?: string;
  /** Production: `NODE_ENV=production` with a real PostgreSQL server. */
  production: boolean;
  /** Demo mode seeds the 2019 demo network and one account per role. */
  demo: boolean;
  /** Proxies whose X-Forwarded-For is believed (IP addresses and CIDR ranges). */
  trustedProxies: readonly string[];
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
  return {
    databaseUrl: e.DATABASE_URL,
    pgliteDir: e.PGLITE_DIR,
    secret: e.NEXTAUTH_SECRET,
    production,
    demo,
    trustedProxies: parseTrustedProxies(e.LOTSE_TRUSTED_PROXIES).entries,
  };
}
