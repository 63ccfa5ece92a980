import type { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  readonly requestId: string;
}

export const requestContext: AsyncLocalStorage<RequestContext>;
export function currentRequestId(): string | undefined;
export function requestIdFor(incoming: string | string[] | undefined, fromTrustedProxy: boolean): string;
