import { createHash } from "node:crypto";
import { PERSON_COUNTERS, RECORD_COUNTERS } from "./ledger-counters";

/**
 * How deltas are laid out in the ledger's tables. Raise it when the ledger's own structure or
 * the way changes become deltas (changes.ts, ledger.ts) changes; a change of what a counter
 * counts is caught by the hash below without anyone remembering to raise anything.
 */
export const LEDGER_FORMAT = 3;

/** A version for a ledger format and a table of counters: equal exactly when both are. */
export function ledgerVersion(format: number, counters: { record: unknown; person: unknown }): string {
  const hash = createHash("sha256").update(JSON.stringify(counters)).digest("hex").slice(0, 16);
  return `${format}-${hash}`;
}

/** The version the ledger is built for: when the stored one differs, the ledger is rebuilt at start. */
export const LEDGER_VERSION = ledgerVersion(LEDGER_FORMAT, { record: RECORD_COUNTERS, person: PERSON_COUNTERS });
