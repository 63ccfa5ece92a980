import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { orgUnits, userUnits, users, type Role, type User } from "@/db/schema";
import type { Tx } from "@/db/client";
import { revokeTokensOf } from "@/lib/api/tokens";
import { isCommonPassword } from "@/lib/auth/common-passwords";
import { hashPassword } from "@/lib/auth/password";
import { ConflictError, FieldError, NotFoundError } from "@/lib/errors";
import { defineOperation } from "@/lib/operation";
import { createUserSchema, setPasswordSchema, setUserActiveSchema, updateUserSchema } from "./schemas";

export type PublicUser = Omit<User, "passwordHash">;

/** A new password passes the schema's length rules; here it must not be a common one either. */
function acceptable(password: string): string {
  if (isCommonPassword(password)) throw new FieldError("password", "commonPassword");
  return password;
}

function withoutHash({ passwordHash: _omit, ...user }: User): PublicUser {
  return user;
}

/** Keeps only the assignments that fit the role, and checks they name real units of the right level. */
async function checkedAssignments(tx: Tx, role: Role, regionId: string | null, unitIds: string[]) {
  const region = role === "regional_coordinator" ? regionId : null;
  const units = role === "adviser" ? [...new Set(unitIds)] : [];
  if (region) {
    const [found] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.id, region), eq(orgUnits.level, "region")));
    if (!found) throw new FieldError("regionId", "notARegion");
  }
  if (units.length) {
    const found = await tx
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(inArray(orgUnits.id, units), sql`${orgUnits.level} in ('subproject', 'contact_point')`));
    if (found.length !== units.length) throw new FieldError("unitIds", "notAUnit");
  }
  return { regionId: region, unitIds: units };
}

async function replaceUnits(tx: Tx, userId: string, unitIds: string[]) {
  await tx.delete(userUnits).where(eq(userUnits.userId, userId));
  if (unitIds.length) await tx.insert(userUnits).values(unitIds.map((unitId) => ({ userId, unitId })));
}

/** Makes an account; also run by `npm run admin:create` (lib/users/first-admin.ts), where nobody is signed in. */
export async function insertUser(tx: Tx, input: z.output<typeof createUserSchema>): Promise<PublicUser> {
  const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (taken) throw new FieldError("email", "emailTaken");
  const { regionId, unitIds } = await checkedAssignments(tx, input.role, input.regionId, input.unitIds);
  const [user] = await tx
    .insert(users)
    .values({ email: input.email, name: input.name, role: input.role, regionId, passwordHash: await hashPassword(acceptable(input.password)) })
    .returning();
  await replaceUnits(tx, user.id, unitIds);
  return withoutHash(user);
}

export const createUser = defineOperation({
  name: "users.create",
  access: "users.manage",
  audit: "change",
  input: createUserSchema,
  run: ({ tx }, input) => insertUser(tx, input),
});

async function currentUser(tx: Tx, id: string): Promise<User> {
  const [user] = await tx.select().from(users).where(eq(users.id, id));
  if (!user) throw new NotFoundError("user");
  return user;
}

export const updateUser = defineOperation({
  name: "users.update",
  access: "users.manage",
  audit: "change",
  input: updateUserSchema,
  async run({ tx }, input): Promise<PublicUser> {
    const before = await currentUser(tx, input.id);
    if (before.version !== input.version) throw new ConflictError(withoutHash(before));
    const { regionId, unitIds } = await checkedAssignments(tx, input.role, input.regionId, input.unitIds);
    const accessChanged = before.role !== input.role || before.regionId !== regionId;
    const [user] = await tx
      .update(users)
      .set({
        name: input.name,
        role: input.role,
        regionId,
        version: sql`${users.version} + 1`,
        // A changed role or region ends open sessions on their next request.
        sessionVersion: accessChanged ? sql`${users.sessionVersion} + 1` : users.sessionVersion,
        updatedAt: new Date(),
      })
      .where(and(eq(users.id, input.id), eq(users.version, input.version)))
      .returning();
    if (!user) throw new ConflictError(withoutHash(await currentUser(tx, input.id)));
    if (accessChanged) await revokeTokensOf(tx, user.id);
    await replaceUnits(tx, user.id, unitIds);
    return withoutHash(user);
  },
});

export const setUserActive = defineOperation({
  name: "users.setActive",
  access: "users.manage",
  audit: "change",
  input: setUserActiveSchema,
  async run({ actor, tx }, input): Promise<PublicUser> {
    if (input.id === actor.userId && !input.active) throw new FieldError("active", "cannotDeactivateSelf");
    const [user] = await tx
      .update(users)
      .set({
        active: input.active,
        version: sql`${users.version} + 1`,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(users.id, input.id), eq(users.version, input.version)))
      .returning();
    if (!user) throw new ConflictError(withoutHash(await currentUser(tx, input.id)));
    if (!user.active) await revokeTokensOf(tx, user.id);
    return withoutHash(user);
  },
});

export const setPassword = defineOperation({
  name: "users.setPassword",
  access: "users.manage",
  audit: "change",
  input: setPasswordSchema,
  async run({ tx }, input): Promise<PublicUser> {
    await currentUser(tx, input.id);
    const [user] = await tx
      .update(users)
      .set({
        passwordHash: await hashPassword(acceptable(input.password)),
        version: sql`${users.version} + 1`,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(users.id, input.id))
      .returning();
    return withoutHash(user);
  },
});
