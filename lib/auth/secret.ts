import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { appSettings } from "@/db/schema";
import { env } from "@/lib/env";

// Every bundle of the server process (pages, route handlers, instrumentation) shares it.
const holder = globalThis as unknown as { __lotseGeneratedSecret?: string };

/** What signs sessions: NEXTAUTH_SECRET, or outside production the one kept in the database. */
export function authSecret(): string {
  const secret = env().secret ?? holder.__lotseGeneratedSecret;
  if (!secret) throw new Error("No session secret yet: start-up (lib/startup.ts) loads it before the first request.");
  return secret;
}

/**
 * Outside production a secret is generated once and kept in the database, so that a newcomer
 * writes no .env and sessions survive a restart (production refuses to start without one).
 */
export async function loadGeneratedSecret(db: Db): Promise<void> {
  if (env().secret) return;
  await db.insert(appSettings).values({ key: "nextauth_secret", value: randomBytes(48).toString("base64") }).onConflictDoNothing();
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, "nextauth_secret"));
  holder.__lotseGeneratedSecret = row.value;
}
