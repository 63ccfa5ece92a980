import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import type { z } from "zod";
import { currentActor } from "@/lib/auth/session";
import { currentRequestIsPrefetch } from "@/lib/http/request-context.mjs";
import { currentLocale } from "@/lib/i18n/server";
import { log } from "@/lib/log";
import { execute, type Access, type Operation, type Result } from "@/lib/operation";

/** For server actions (and pages that handle a refusal themselves): the actor comes from the session, never from the caller. */
export async function perform<A extends Access, S extends z.ZodType, R>(op: Operation<A, S, R>, input: unknown): Promise<Result<R>> {
  refusePrefetchedRead(op);
  const result = await execute(op, await currentActor(), input, await currentLocale());
  if (!result.ok && (result.error.kind === "forbidden" || result.error.kind === "unauthenticated")) {
    log.warn("authz.denied", { operation: op.name, reason: result.error.kind, via: "action" });
  }
  return result;
}

/**
 * A read of personal data is a person opening it: a prefetch gets nothing to render and leaves
 * no audit entry (the router fetches the page again when the link is followed).
 */
function refusePrefetchedRead(op: Operation<Access, z.ZodType, unknown>): void {
  if (op.audit === "personalRead" && currentRequestIsPrefetch()) notFound();
}

/** For pages: reads through the same operations; anything not allowed ends the render with the right status. */
export async function load<A extends Access, S extends z.ZodType, R>(op: Operation<A, S, R>, input: unknown = {}): Promise<R> {
  refusePrefetchedRead(op);
  const actor = await currentActor();
  if (!actor && op.access !== "public") redirect("/login");
  const result = await execute(op, actor, input, await currentLocale());
  if (result.ok) return result.value;
  switch (result.error.kind) {
    case "unauthenticated":
      return redirect("/login");
    case "forbidden":
      log.warn("authz.denied", { operation: op.name, reason: "forbidden", via: "page" });
      return forbidden();
    default:
      return notFound();
  }
}

/**
 * For pages with a form: like `load`, but input the operation refuses (422) comes back as the
 * form's field errors, to show beside the fields, instead of ending the render.
 */
export async function loadOrRefuse<A extends Access, S extends z.ZodType, R>(
  op: Operation<A, S, R>,
  input: unknown,
): Promise<{ ok: true; value: R } | { ok: false; fieldErrors: Record<string, string[]> }> {
  const result = await execute(op, await currentActor(), input, await currentLocale());
  if (!result.ok && result.error.kind === "validation") return { ok: false, fieldErrors: result.error.fieldErrors };
  return { ok: true, value: result.ok ? result.value : await load(op, input) };
}

