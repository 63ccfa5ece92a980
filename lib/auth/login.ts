import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { audit } from "@/lib/audit";
import { log } from "@/lib/log";
import { verifyPassword } from "./password";
import { releaseReservation, reserveAttempt, throttleKeys } from "./throttle";

export interface LoginUser {
  id: string;
  name: string;
  email: string;
  role: string;
  sessionVersion: number;
}

export type LoginResult = { ok: true; user: LoginUser } | { ok: false; reason: "invalid" | "throttled" | "slowed" };

/**
 * Checks a login. The answer never tells whether the account exists: unknown
 * e-mail, wrong password and deactivated account all come back as "invalid".
 * Failures are counted in `login_failures` and logged; the audit trail holds
 * authenticated actors only, so only a success goes there.
 */
export async function checkLogin(email: string, password: string, address: string | null, now = new Date()): Promise<LoginResult> {
  const db = await getDb();
  const keys = throttleKeys(email, address);
  const reservation = await reserveAttempt(db, keys, now);
  if (!reservation.ok) {
    log.warn(`auth.login_${reservation.reason}`, { account: keys.account, address });
    return { ok: false, reason: reservation.reason };
  }
  // argon2 takes a while: checked after the reservation's transaction, holding no lock.
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid || !user.active) {
    log.warn("auth.login_failed", { account: keys.account, address });
    return { ok: false, reason: "invalid" };
  }
  await releaseReservation(db, keys, reservation.rows);
  await audit(db, { actor: { userId: user.id, role: user.role }, action: "login.success", outcome: "ok", subjectId: user.id, details: { address: keys.address } });
  log.info("auth.login_succeeded", { userId: user.id, address });
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion } };
}
