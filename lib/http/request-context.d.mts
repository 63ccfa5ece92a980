import type { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  readonly requestId: string;
  /** Next's router asked for this render ahead of a click (see isPrefetch). */
  readonly prefetch?: boolean;
}

export const requestContext: AsyncLocalStorage<RequestContext>;
export function currentRequestId(): string | undefined;
export function isPrefetch(headers: Record<string, string | string[] | undefined>): boolean;
export function currentRequestIsPrefetch(): boolean;
export function requestIdFor(incoming: string | string[] | undefined, fromTrustedProxy: boolean): string;
