import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { audit } from "@/lib/audit";
import { isCommonPassword } from "@/lib/auth/common-passwords";
import { FieldError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import { fieldErrors, zodErrorMap } from "@/lib/i18n/zod-errors";
import type { Result } from "@/lib/operation";
import { createUser, insertUser, type PublicUser } from "./commands";
import { createUserSchema } from "./schemas";

/**
 * The first admin account, made from the command line (`npm run admin:create`)
 * where nobody can sign in yet: the same schema and command as Administration →
 * Users, in one transaction with its audit entry, which names no actor (the system).
 */
export interface AdminInput {
  email: string;
  name: string;
  password: string;
}

type Field = keyof AdminInput;

// Stands in for a value not asked yet, so that the others can be checked by the same schema.
const PLACEHOLDER: AdminInput = { email: "placeholder@example.org", name: "Placeholder", password: "placeholder-password-0123" };

/** The app's messages for the given fields of an admin account (the others are not looked at). */
export function adminInputErrors(input: Partial<AdminInput>, fields: Field[], locale: Locale = "en"): Record<string, string[]> {
  const t = translator(locale);
  const candidate = { ...PLACEHOLDER, ...Object.fromEntries(fields.map((f) => [f, input[f]])) };
  const parsed = createUserSchema.safeParse({ ...candidate, role: "admin", unitIds: [] }, { error: zodErrorMap(t) });
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  if (fields.includes("password") && !errors.password && isCommonPassword(String(candidate.password))) errors.password = [t("errors.commonPassword")];
  return Object.fromEntries(Object.entries(errors).filter(([field]) => (fields as string[]).includes(field)));
}

export async function emailTaken(email: string): Promise<boolean> {
  const db = await getDb();
  const [found] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  return Boolean(found);
}

export async function createFirstAdmin(input: AdminInput, locale: Locale = "en"): Promise<Result<PublicUser>> {
  const t = translator(locale);
  const parsed = createUserSchema.safeParse({ ...input, role: "admin", unitIds: [] }, { error: zodErrorMap(t) });
  if (!parsed.success) return { ok: false, error: { kind: "validation", fieldErrors: fieldErrors(parsed.error) } };
  try {
    const db = await getDb();
    const user = await db.transaction(async (tx) => {
      const created = await insertUser(tx, parsed.data);
      await audit(tx, { actor: null, action: createUser.name, outcome: "ok", subjectId: created.id, details: { via: "npm run admin:create" } });
      return created;
    });
    return { ok: true, value: user };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, error: { kind: "validation", fieldErrors: { [error.field]: [t(`errors.${error.key}`)] } } };
    throw error;
  }
}
