import { createHmac, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { appSettings, clientPseudonyms, consents, type Client } from "@/db/schema";
import type { Tx } from "@/db/client";
import { env } from "@/lib/env";

/**
 * The keyed pseudonym behind duplicate hints: HMAC-SHA-256, keyed with the server's secret, of
 * the normalised name and the birth year. Without the secret nobody can test a guessed name
 * against it (a plain hash of a name and a year is reversed by trying the names of a phone book).
 */

// Each German letter the way it is written without it, so that "Müller" and "Mueller" match.
const GERMAN_LETTERS: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss", ẞ: "ss" };

/**
 * A name as the pseudonym sees it: lower case; ä, ö, ü as ae, oe, ue and ß as ss; other
 * accents dropped (é → e, ç → c, ł stays); anything but letters and digits (hyphens,
 * apostrophes, dots) a space; the parts in alphabetical order, so that "Haddad, Amal",
 * "amal  HADDAD" and "Amal-Haddad" are one name. Null when no letter is left.
 */
export function normaliseName(name: string): string | null {
  const lower = name.normalize("NFC").toLowerCase();
  const german = lower.replace(/[äöüßẞ]/g, (c) => GERMAN_LETTERS[c]);
  const plain = german.normalize("NFKD").replace(/\p{M}+/gu, "");
  const parts = plain
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort();
  return parts.some((p) => /\p{L}/u.test(p)) ? parts.join(" ") : null;
}

/** The pseudonym of a name and birth year under a secret; null when either is missing. */
export function pseudonymOf(secret: string, name: string | null, birthYear: number | null): string | null {
  const normalised = name ? normaliseName(name) : null;
  if (!normalised || !birthYear) return null;
  return createHmac("sha256", secret).update(`${normalised}\n${birthYear}`).digest("base64url");
}

// Every bundle of the server process shares it.
const holder = globalThis as unknown as { __lotsePseudonymSecret?: string };
const SETTING = "pseudonym_secret";

/**
 * LOTSE_PSEUDONYM_SECRET, or outside production (where it is required) one generated once and
 * kept in the database, as the session secret is. A secret this transaction has just written
 * is not kept in memory: should the transaction fail, another instance may write its own.
 */
export async function pseudonymSecret(tx: Tx): Promise<string> {
  const configured = env().pseudonymSecret;
  if (configured) return configured;
  if (holder.__lotsePseudonymSecret) return holder.__lotsePseudonymSecret;
  const [written] = await tx
    .insert(appSettings)
    .values({ key: SETTING, value: randomBytes(48).toString("base64") })
    .onConflictDoNothing()
    .returning();
  if (written) return written.value;
  const [row] = await tx.select().from(appSettings).where(eq(appSettings.key, SETTING));
  return (holder.__lotsePseudonymSecret = row.value);
}

async function consentInForce(tx: Tx, clientId: string): Promise<boolean> {
  const [consent] = await tx
    .select({ id: consents.id })
    .from(consents)
    .where(and(eq(consents.clientId, clientId), isNull(consents.withdrawnAt)))
    .limit(1);
  return Boolean(consent);
}

/**
 * Stores, replaces or removes a client's pseudonym to match the client as saved: kept only
 * while the client has a name and a birth year and a consent is in force (the name is kept
 * only under one). Create and update call it after their write; an import calls it for each
 * client it stores, in the same transaction.
 */
export async function storePseudonym(tx: Tx, client: Pick<Client, "id" | "fullName" | "birthYear">): Promise<void> {
  const pseudonym = client.fullName && client.birthYear && (await consentInForce(tx, client.id)) ? pseudonymOf(await pseudonymSecret(tx), client.fullName, client.birthYear) : null;
  if (!pseudonym) {
    await forgetPseudonym(tx, client.id);
    return;
  }
  await tx
    .insert(clientPseudonyms)
    .values({ clientId: client.id, pseudonym })
    .onConflictDoUpdate({ target: clientPseudonyms.clientId, set: { pseudonym, storedAt: new Date() } });
}

export async function forgetPseudonym(tx: Tx, clientId: string): Promise<void> {
  await tx.delete(clientPseudonyms).where(eq(clientPseudonyms.clientId, clientId));
}
