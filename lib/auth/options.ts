import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { isConnectionError } from "@/db/connection-errors";
import { users } from "@/db/schema";
import { log } from "@/lib/log";
import { endSession, startSession, touchSession } from "./activity";
import { checkLogin } from "./login";
import { sameOriginPath } from "./same-origin";
import { authSecret } from "./secret";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * The client's address. scripts/server.mjs sets x-forwarded-for to exactly that address (the
 * socket's peer, or what trusted proxies report), replacing whatever the client sent.
 */
export function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const value = Array.isArray(forwarded) ? forwarded.join(",") : typeof forwarded === "string" ? forwarded : "";
  const hops = value.split(",").map((h) => h.trim()).filter(Boolean);
  return hops.at(-1) ?? null;
}

/** What the login form receives as `error` when an attempt was refused before its password was checked. */
const REFUSALS: readonly string[] = ["throttled", "slowed"];

/** `baseUrl` is the app's origin (next-auth passes NEXTAUTH_URL's). */
export function safeRedirect(url: string, baseUrl: string): string {
  const path = sameOriginPath(url, baseUrl);
  return path ? `${baseUrl}${path}` : baseUrl;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          // next-auth swallows exceptions thrown here into a bare 401: log before rethrowing.
          try {
            const result = await checkLogin(credentials?.email ?? "", credentials?.password ?? "", clientAddress(req?.headers));
            if (result.ok) return result.user;
            if (result.reason !== "invalid") throw new Error(result.reason);
            return null;
          } catch (error) {
            if (!(error instanceof Error && REFUSALS.includes(error.message)) && !isConnectionError(error)) log.error("auth.login_error", { error });
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; role: string; sessionVersion: number };
          return { ...token, sub: u.id, role: u.role, sv: u.sessionVersion, sid: await startSession(await getDb(), u.id) };
        }
        // Re-checked on every request, so that deactivation or a role change takes effect at once.
        try {
          const db = await getDb();
          const [current] = token.sub
            ? await db
                .select({ active: users.active, role: users.role, sessionVersion: users.sessionVersion })
                .from(users)
                .where(eq(users.id, token.sub))
            : [];
          if (!current || !current.active || current.role !== token.role || current.sessionVersion !== token.sv) {
            throw new Error("session ended");
          }
          if (!(await touchSession(db, token.sid as string | undefined))) throw new Error("session idle");
          return token;
        } catch (error) {
          // An unreachable database ends no session (a thrown error would clear the cookie and
          // sign everyone out): nothing can be read meanwhile, and the check runs again next time.
          if (isConnectionError(error)) return token;
          throw error;
        }
      },
      /** After login or logout only ever to a page of this app: never to another site (open redirect). */
      async redirect({ url, baseUrl }) {
        return safeRedirect(url, baseUrl);
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub, role: token.role } };
      },
    },
    events: {
      async signOut({ token }) {
        await endSession(await getDb(), token?.sid as string | undefined);
      },
    },
    logger: {
      error: (code, metadata) => {
        // A session ended by the jwt callback is expected, not an error worth a stack trace.
        if (code === "JWT_SESSION_ERROR") return;
        const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
        // An unreachable database is logged once per outage (database.lost), not per request.
        if (isConnectionError(error)) return;
        log.error("auth.next_auth_error", { code, error });
      },
      warn: (code) => log.warn("auth.next_auth_warning", { code }),
      debug: () => undefined,
    },
  };
}
