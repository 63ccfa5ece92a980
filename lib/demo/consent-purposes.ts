import type { Tx } from "@/db/client";
import { consentPurposes } from "@/db/schema";

/** What advice centres of the network ask consent for, each with the version of its consent text. */
export const CONSENT_PURPOSES = [
  { nameDe: "Anerkennungs- und Qualifizierungsberatung", nameEn: "Recognition and job-training advice", textVersion: "EW-2019-1" },
  {
    nameDe: "Begleitung im Anerkennungsverfahren (Kontakt mit der zuständigen Stelle)",
    nameEn: "Support in the recognition procedure (contact with the competent authority)",
    textVersion: "EW-2019-1",
  },
  { nameDe: "Fair Integration: arbeits- und sozialrechtliche Beratung", nameEn: "Fair Integration: labour- and social-law advice", textVersion: "FI-2019-1" },
  { nameDe: "Teilnahme an einer Qualifizierungsmaßnahme", nameEn: "Taking part in a job-training scheme", textVersion: "QM-2019-1" },
] as const;

export async function seedConsentPurposes(tx: Tx): Promise<void> {
  await tx.insert(consentPurposes).values([...CONSENT_PURPOSES]).onConflictDoNothing();
}
