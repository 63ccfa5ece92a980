import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Db, type Tx } from "@/db/client";
import { seeContactPoints } from "@/db/row-security";
import type { Actor } from "@/lib/auth/actor";
import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { ConflictError, FieldError, FieldErrors, ForbiddenError, InvalidFields, NotFoundError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import { audit, auditStatement, countRefusal, subjectOf, type AuditKind } from "@/lib/audit";
import { fieldErrors, unstorableTextPaths, zodErrorMap } from "@/lib/i18n/zod-errors";
import { inputShapeProblem } from "@/lib/input-shape";

type ActorFor<A> = A extends "public" ? Actor | null : Actor;

export interface Context<A extends Access> {
  actor: ActorFor<A>;
  tx: Tx;
  locale: Locale;
  /**
   * The statement of the audit entry that execute() would append after `run`, for a command
   * that sends it in one statement with its own writes (one round trip fewer); execute() then
   * appends none. Null when the operation leaves no entry. Absent outside execute().
   */
  auditWith?: (subjectId: string | null) => SQL | null;
}

/**
 * For `alone`: no transaction, no contact points declared for row security; the database
 * itself, and the audit entry's statement, which the command must send with its writes.
 */
export interface AloneContext<A extends Access> {
  actor: Actor & ActorFor<A>;
  db: Db;
  locale: Locale;
  auditWith: (subjectId: string | null) => SQL | null;
}

export type Access = "public" | Permission;

/**
 * Every server action, route handler and page read goes through an operation:
 * the role check (`access`), then the input schema, then `run` in one
 * transaction, where unit-level checks (own region, own contact point) happen.
 */
export interface Operation<A extends Access, S extends z.ZodType, R> {
  name: string;
  access: A;
  /** What the audit trail keeps of it (lib/audit.ts): changes and reads of personal data. */
  audit: AuditKind;
  input: S;
  run(ctx: Context<A>, input: z.output<S>): Promise<R>;
  /**
   * The same operation in one statement without a transaction, for the common case of a command
   * every request sends (docs/quality.md P4), tried before `run`: its answer, or undefined (having
   * written nothing) for `run` to do the work. It must give what `run` would give.
   */
  alone?(ctx: AloneContext<A>, input: z.output<S>): Promise<R | undefined>;
}

export function defineOperation<A extends Access, S extends z.ZodType, R>(op: Operation<A, S, R>): Operation<A, S, R> {
  return op;
}

export type AnyOperation = Operation<Access, z.ZodType, unknown>;

export type OperationError =
  | { kind: "unauthenticated" }
  | { kind: "forbidden" }
  | { kind: "not_found" }
  | { kind: "validation"; fieldErrors: Record<string, string[]> }
  | { kind: "conflict"; current: unknown };

export type Result<R> = { ok: true; value: R } | { ok: false; error: OperationError };

export async function execute<A extends Access, S extends z.ZodType, R>(
  op: Operation<A, S, R>,
  actor: Actor | null,
  rawInput: unknown,
  locale: Locale = "de",
): Promise<Result<R>> {
  if (op.access !== "public") {
    if (!actor) return denied(op, actor, rawInput, { kind: "unauthenticated" });
    if (!hasPermission(actor, op.access)) return denied(op, actor, rawInput, { kind: "forbidden" });
  }
  const t = translator(locale);
  // Server actions' arguments never pass readBody: the same limits, before anything below recurses into the input.
  const shape = inputShapeProblem(rawInput);
  if (shape) return { ok: false, error: { kind: "validation", fieldErrors: { _body: [t(`errors.${shape.key}`, { max: shape.max })] } } };
  const unstorable = unstorableTextPaths(rawInput);
  if (unstorable.length) {
    return { ok: false, error: { kind: "validation", fieldErrors: Object.fromEntries(unstorable.map((f) => [f, [t("errors.invalidCharacters")]])) } };
  }
  const parsed = op.input.safeParse(rawInput ?? {}, { error: zodErrorMap(t) });
  if (!parsed.success) return { ok: false, error: { kind: "validation", fieldErrors: fieldErrors(parsed.error) } };
  try {
    const db = await getDb();
    if (op.alone && actor) {
      const audited = op.audit !== "none";
      const auditWith = (subjectId: string | null) => (audited ? auditStatement(db, { actor, action: op.name, outcome: "ok", subjectId }) : null);
      const value = await op.alone({ actor, db, locale, auditWith }, parsed.data);
      if (value !== undefined) return { ok: true, value };
    }
    const value = await db.transaction(async (tx) => {
      // Row-level security lets the database itself hold an adviser to their contact points.
      await seeContactPoints(tx, actor?.contactPointIds ?? []);
      // Without a user there is nobody to hold to account, and anyone could fill the trail.
      const audited = op.audit !== "none" && actor !== null;
      let written = false;
      const auditWith = (subjectId: string | null) => {
        if (!audited || written) return null;
        written = true;
        return auditStatement(tx, { actor, action: op.name, outcome: "ok", subjectId });
      };
      const result = await op.run({ actor: actor as ActorFor<A>, tx, locale, auditWith }, parsed.data);
      if (audited && !written) await audit(tx, { actor, action: op.name, outcome: "ok", subjectId: subjectOf(parsed.data, result) });
      return result;
    });
    return { ok: true, value };
  } catch (error) {
    if (error instanceof NotFoundError) return denied(op, actor, parsed.data, { kind: "not_found" });
    if (error instanceof ForbiddenError) return denied(op, actor, parsed.data, { kind: "forbidden" });
    if (error instanceof ConflictError) return { ok: false, error: { kind: "conflict", current: error.current } };
    if (error instanceof FieldError) {
      return { ok: false, error: { kind: "validation", fieldErrors: { [error.field]: [t(`errors.${error.key}`)] } } };
    }
    if (error instanceof InvalidFields) return { ok: false, error: { kind: "validation", fieldErrors: error.fieldErrors } };
    if (error instanceof FieldErrors) {
      return { ok: false, error: { kind: "validation", fieldErrors: Object.fromEntries(Object.entries(error.keys).map(([f, k]) => [f, [t(`errors.${k}`)]])) } };
    }
    throw error;
  }
}

/**
 * A refused access is on record too (its own statement: the refused transaction, if any, is
 * gone): a signed-in user's in the audit trail, an anonymous one only as a count per day,
 * operation and reason, since anyone can send those as often as they like.
 */
async function denied<R>(op: AnyOperation, actor: Actor | null, input: unknown, error: OperationError): Promise<Result<R>> {
  const db = await getDb();
  if (actor) await audit(db, { actor, action: op.name, outcome: "denied", subjectId: subjectOf(input, null), details: { reason: error.kind } });
  else await countRefusal(db, op.name, error.kind);
  return { ok: false, error };
}

/**
 * Checks a value against a schema inside a command, as execute() checks an operation's input:
 * for what only the command can put together (a partial update merged onto the stored values).
 */
export function parseInRun<S extends z.ZodType>(schema: S, value: unknown, locale: Locale): z.output<S> {
  const parsed = schema.safeParse(value, { error: zodErrorMap(translator(locale)) });
  if (!parsed.success) throw new InvalidFields(fieldErrors(parsed.error));
  return parsed.data;
}

export function httpStatus(error: OperationError): number {
  switch (error.kind) {
    case "unauthenticated":
      return 401;
    case "forbidden":
      return 403;
    case "not_found":
      return 404;
    case "validation":
      return 422;
    case "conflict":
      return 409;
  }
}
