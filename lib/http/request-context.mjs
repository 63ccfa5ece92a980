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

/**
 * Whether Next's router sends this request ahead of a click (a prefetch): it marks those with
 * `Next-Router-Prefetch` ("1" up to the loading boundary, "2" and "3" for partial prerenders)
 * or `Next-Router-Segment-Prefetch`. Next hides these headers from the app (`headers()` leaves
 * them out), so the server notes the mark in the request's context when the request arrives.
 * @param {Record<string, string | string[] | undefined>} headers the request's headers, as node has them
 * @returns {boolean}
 */
export function isPrefetch(headers) {
  return headers["next-router-prefetch"] !== undefined || headers["next-router-segment-prefetch"] !== undefined;
}

/** @returns {boolean} */
export function currentRequestIsPrefetch() {
  return requestContext.getStore()?.prefetch === true;
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
