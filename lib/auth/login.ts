import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { audit } from "@/lib/audit";
import { log } from "@/lib/log";
import { verifyPassword } from "./password";
import { clearAccountFailures, isThrottled, recordFailure, throttleKeys } from "./throttle";

export interface LoginUser {
  id: string;
  name: string;
  email: string;
  role: string;
  sessionVersion: number;
}

export type LoginResult = { ok: true; user: LoginUser } | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks a login. The answer never tells whether the account exists: unknown
 * e-mail, wrong password and deactivated account all come back as "invalid".
 */
export async function checkLogin(email: string, password: string, address: string | null): Promise<LoginResult> {
  const db = await getDb();
  const keys = throttleKeys(email, address);
  if (await isThrottled(db, keys)) {
    log.warn("auth.login_throttled", { account: keys.account, address });
    await audit(db, { actor: null, action: "login.throttled", outcome: "denied", details: { address: keys.address } });
    return { ok: false, reason: "throttled" };
  }
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid || !user.active) {
    await recordFailure(db, keys);
    // The account (when it exists) is the subject; what was typed as password never goes anywhere.
    await audit(db, { actor: null, action: "login.failure", outcome: "denied", subjectId: user?.id ?? null, details: { address: keys.address } });
    log.warn("auth.login_failed", { account: keys.account, address });
    return { ok: false, reason: "invalid" };
  }
  await clearAccountFailures(db, keys);
  await audit(db, { actor: { userId: user.id, role: user.role }, action: "login.success", outcome: "ok", subjectId: user.id, details: { address: keys.address } });
  log.info("auth.login_succeeded", { userId: user.id, address });
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion } };
}
