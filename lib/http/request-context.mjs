// @ts-check
// Plain JavaScript: scripts/server.mjs runs each request inside this context, and the
// bundled app code reads it (through lib/log.ts). Types in request-context.d.mts.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** @typedef {import("./request-context.d.mts").RequestContext} RequestContext */

// Every bundle that loads this module must see the server's one instance.
const holder = /** @type {{ __lotseRequestContext?: AsyncLocalStorage<RequestContext> }} */ (globalThis);

/** @type {AsyncLocalStorage<RequestContext>} */
export const requestContext = (holder.__lotseRequestContext ??= new AsyncLocalStorage());

/** @returns {string | undefined} */
export function currentRequestId() {
  return requestContext.getStore()?.requestId;
}

// A proxy's id is passed on as it came, within reason: it ends up in every log line.
const PASSED_ON_ID = /^[\w.:@+=/-]{1,128}$/;

/**
 * The request's id: a new random UUID, or the one a trusted proxy sent (so that its log
 * and ours name the same request).
 * @param {string | string[] | undefined} incoming the request's X-Request-Id header
 * @param {boolean} fromTrustedProxy
 * @returns {string}
 */
export function requestIdFor(incoming, fromTrustedProxy) {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return fromTrustedProxy && value && PASSED_ON_ID.test(value) ? value : randomUUID();
}
