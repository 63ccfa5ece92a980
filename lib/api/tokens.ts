import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { FieldError, NotFoundError } from "@/lib/errors";
import { defineOperation } from "@/lib/operation";
import { id } from "@/lib/validation";
import { createTokenSchema } from "./token-schemas";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export { createTokenSchema };

/** Issues a token for a user; the plain token is shown once and only its hash is kept. */
export const createToken = defineOperation({
  name: "tokens.create",
  access: "tokens.manage",
  audit: "change",
  input: createTokenSchema,
  async run({ actor, tx }, { userId, name }) {
    const [user] = await tx.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, userId));
    if (!user || !user.active) throw new FieldError("userId", "notAUser");
    const token = `lotse_${randomBytes(32).toString("base64url")}`;
    const [row] = await tx.insert(apiTokens).values({ userId, name, tokenHash: hashToken(token), createdBy: actor.userId }).returning();
    return { id: row.id, name: row.name, userId, createdAt: row.createdAt, token };
  },
});

export const listTokens = defineOperation({
  name: "tokens.list",
  access: "tokens.manage",
  audit: "none",
  input: z.object({}).strict(),
  async run({ tx }) {
    return tx
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        userId: apiTokens.userId,
        userName: users.name,
        userEmail: users.email,
        createdAt: apiTokens.createdAt,
        lastUsedAt: apiTokens.lastUsedAt,
        revokedAt: apiTokens.revokedAt,
      })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .orderBy(desc(apiTokens.createdAt));
  },
});

/**
 * A token acts as its user as they are now: revoked with a deactivation or a change of role or
 * region, so that reactivating the user or changing them back does not bring it back.
 */
export async function revokeTokensOf(tx: Tx, userId: string): Promise<void> {
  await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

export const revokeToken = defineOperation({
  name: "tokens.revoke",
  access: "tokens.manage",
  audit: "change",
  input: z.object({ id }).strict(),
  async run({ tx }, { id: tokenId }) {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (!row) throw new NotFoundError("token");
    return { id: row.id, revoked: true };
  },
});
