import type { z } from "zod";
import { isConnectionError } from "@/db/connection-errors";
import { env } from "@/lib/env";
import { requestLocale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import { MAX_BODY_BYTES, MAX_DEPTH, readBounded, textTooDeep } from "@/lib/input-shape";
import { log } from "@/lib/log";
import { execute, httpStatus, type Access, type Operation } from "@/lib/operation";
import { actorFromRequest } from "@/lib/api/actor";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A cookie-authenticated change must come from this app's own pages (no cross-site requests). */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin) return origin === new URL(request.url).origin || origin === env().publicUrl;
  return request.headers.get("sec-fetch-site") === "same-origin";
}

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

function bodyError(request: Request, status: number, kind: string, key: string, max?: number): { ok: false; response: Response } {
  const t = translator(requestLocale(request));
  const message = max === undefined ? t(`errors.${key}`) : t(`errors.${key}`, { max });
  return { ok: false, response: json({ error: { kind, fieldErrors: { _body: [message] } } }, status) };
}

/**
 * Reads a JSON body: at most MAX_BODY_BYTES (else 413) and MAX_DEPTH levels
 * deep (else 422, checked before parsing); anything that is not a JSON object
 * is a 422 naming the body.
 */
export async function readBody(request: Request): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; response: Response }> {
  const text = await readBounded(request, MAX_BODY_BYTES);
  if (text === null) return bodyError(request, 413, "too_large", "bodyTooLarge", MAX_BODY_BYTES);
  if (textTooDeep(text)) return bodyError(request, 422, "validation", "bodyTooDeep", MAX_DEPTH);
  try {
    const body = text ? JSON.parse(text) : {};
    if (body && typeof body === "object" && !Array.isArray(body)) return { ok: true, body };
  } catch {
    // reported below
  }
  return bodyError(request, 422, "validation", "jsonObject");
}

/**
 * The HTTP face of an operation: resolve the caller, refuse cross-site cookie
 * writes, run the operation, map its result to a status. Never a 5xx for bad
 * input; an unexpected failure is logged and answered without internals.
 */
export async function apiCall<A extends Access, S extends z.ZodType, R>(
  request: Request,
  op: Operation<A, S, R>,
  input: unknown,
  successStatus = 200,
  successHeaders: (value: R) => Record<string, string> = () => ({}),
): Promise<Response> {
  try {
    const { actor, credential } = await actorFromRequest(request);
    if (credential === "session" && UNSAFE.has(request.method) && !sameOrigin(request)) {
      return json({ error: { kind: "forbidden", reason: "cross-origin request" } }, 403);
    }
    const result = await execute(op, actor, input, requestLocale(request));
    if (result.ok) return json(result.value, successStatus, successHeaders(result.value));
    if (result.error.kind === "forbidden" || result.error.kind === "unauthenticated") log.warn("authz.denied", { operation: op.name, reason: result.error.kind, via: "api" });
    const headers: Record<string, string> = result.error.kind === "unauthenticated" ? { "WWW-Authenticate": 'Bearer realm="lotse"' } : {};
    return json({ error: result.error }, httpStatus(result.error), headers);
  } catch (error) {
    // An unreachable database is logged once per outage (database.lost), not per request.
    if (!isConnectionError(error)) log.error("api.failed", { operation: op.name, error });
    return json({ error: { kind: "unavailable", message: "The request could not be completed. Nothing was saved." } }, 503);
  }
}

export function notFound(): Response {
  return json({ error: { kind: "not_found" } }, 404);
}
