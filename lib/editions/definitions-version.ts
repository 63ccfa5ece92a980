import { LEDGER_VERSION } from "@/lib/figures/rebuild";

/**
 * The version of the figures' definitions an edition is counted by, stored with it. For now the
 * ledger's version (raised whenever a counter's definition changes); kept in this one place so
 * that a version derived from a registry of the figures can take its place.
 */
export function definitionsVersion(): string {
  return LEDGER_VERSION;
}
