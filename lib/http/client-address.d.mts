export interface TrustedProxies {
  /** The entries as configured. */
  readonly entries: readonly string[];
  trusts(address: string | undefined | null): boolean;
}

export function normalizeAddress(value: string | undefined | null): string | null;
export function parseTrustedProxies(text: string | undefined): TrustedProxies;
export function clientAddressOf(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string | null;
