import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { consents, reminders } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { createClient, createReminder, updateClient, withdrawConsent } from "@/lib/clients/commands";
import { getClient } from "@/lib/clients/queries";
import { createConsentPurpose, listConsentPurposes, updateConsentPurpose } from "@/lib/consent-purposes";
import { execute, type OperationError, type Result } from "@/lib/operation";
import { todayInBerlin } from "@/lib/validation";
import { clientInput, fullClientUpdate, makeActor, makeClient, makeOrg, PERSONAL_WITH_CONSENT, readingAllClients, TEST_CONSENT_PURPOSE } from "../helpers/factories";

const errorOf = <R>(result: Result<R>): OperationError | undefined => (result.ok ? undefined : result.error);
const valueOf = <R>(result: Result<R>): R => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** Every row of every table of the app, as text, that holds `needle` (every client's rows included). */
function tablesHolding(needle: string): Promise<string[]> {
  return readingAllClients(async (tx) => {
    const tables = await tx.execute(sql`select tablename from pg_tables where schemaname = 'public' and tablename not like '\\_\\_%'`);
    const found: string[] = [];
    for (const { tablename } of tables.rows as { tablename: string }[]) {
      const hit = await tx.execute(sql.raw(`select t::text as row from "${tablename}" t where t::text like '%' || $$${needle.replace(/\$/g, "")}$$ || '%' limit 1`));
      if (hit.rows.length) found.push(`${tablename}: ${(hit.rows[0] as { row: string }).row}`);
    }
    return found;
  });
}

/** The day after today in Berlin, as YYYY-MM-DD. */
function tomorrow(): string {
  const d = new Date(`${todayInBerlin()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe("free text about a person follows the consent (issue 15, finding 1)", () => {
  let adviser: Actor;
  beforeAll(async () => {
    const org = await makeOrg();
    adviser = await makeActor("adviser", { unitIds: [org.contactPoints[0].id] });
  });

  it("a reminder note on a client who never consented is refused at the note, in German and English, and nothing is saved", async () => {
    const client = await makeClient(adviser);
    const note = `Frau Name${unique()} anrufen 0170 333333`;
    const de = await execute(createReminder, adviser, { clientId: client.id, dueOn: "2026-07-01", note }, "de");
    const en = await execute(createReminder, adviser, { clientId: client.id, dueOn: "2026-07-01", note }, "en");
    expect(errorOf(de)).toEqual({ kind: "validation", fieldErrors: { note: ["Eine Notiz zur Person nur mit dokumentierter Einwilligung. Bitte zuerst eine Einwilligung erfassen."] } });
    expect(errorOf(en)).toEqual({ kind: "validation", fieldErrors: { note: ["A note about the person only with a recorded consent. Please record a consent first."] } });
    expect(valueOf(await execute(getClient, adviser, { id: client.id })).reminders).toEqual([]);
    expect(await tablesHolding(note)).toEqual([]);
  });

  it("after a withdrawal a new note is refused too, and the notes set before were erased with the name", async () => {
    const name = `Frau Vorher ${unique()}`;
    const client = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, fullName: name });
    const before = `${name} wegen Bescheid anrufen`;
    valueOf(await execute(createReminder, adviser, { clientId: client.id, dueOn: "2026-07-01", note: before }));
    expect(valueOf(await execute(getClient, adviser, { id: client.id })).reminders.map((r) => r.note)).toEqual([before]);

    valueOf(await execute(withdrawConsent, adviser, { clientId: client.id }));
    expect(await tablesHolding(name)).toEqual([]);
    const after = `${name} nochmal anrufen`;
    expect(errorOf(await execute(createReminder, adviser, { clientId: client.id, dueOn: "2026-08-01", note: after }, "en"))).toMatchObject({
      kind: "validation",
      fieldErrors: { note: [expect.stringContaining("consent")] },
    });
    const detail = valueOf(await execute(getClient, adviser, { id: client.id }));
    expect(detail.activeConsent).toBeNull();
    expect(detail.reminders).toEqual([]);
    expect(await readingAllClients((tx) => tx.select().from(reminders).where(eq(reminders.clientId, client.id)))).toEqual([]);
    expect(await tablesHolding(after)).toEqual([]);
  });

  it("the client's own notes are personal data too: refused without a consent, erased with it", async () => {
    const client = await makeClient(adviser);
    const notes = `Notiz ${unique()}`;
    expect(errorOf(await execute(updateClient, adviser, fullClientUpdate(client, { notes }), "en"))).toEqual({
      kind: "validation",
      fieldErrors: { consentGivenOn: ["Personal data only with a recorded consent."] },
    });
    const withConsent = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, notes });
    valueOf(await execute(withdrawConsent, adviser, { clientId: withConsent.id }));
    expect(await tablesHolding(notes)).toEqual([]);
  });
});

describe("the consent itself: a purpose from the admin's list, never dated ahead (issue 15, finding 5)", () => {
  let adviser: Actor;
  let admin: Actor;
  let contactPointId: string;
  beforeAll(async () => {
    const org = await makeOrg();
    contactPointId = org.contactPoints[0].id;
    adviser = await makeActor("adviser", { unitIds: [contactPointId] });
    admin = await makeActor("admin");
  });

  it("a purpose typed as free text is refused; the consent names a purpose of the list and takes its text version", async () => {
    const typed = await execute(
      createClient,
      adviser,
      clientInput(contactPointId, { fullName: "Frau Freitext", consentGivenOn: "2019-03-01", consentPurpose: "Frau Freitext, Tel. 0170 333333", consentTextVersion: "1" }),
      "en",
    );
    expect(errorOf(typed)).toMatchObject({ kind: "validation" });
    expect(await tablesHolding("Frau Freitext")).toEqual([]);

    const client = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, contactPointId });
    const [consent] = await readingAllClients((tx) => tx.select().from(consents).where(eq(consents.clientId, client.id)));
    expect(consent).toMatchObject({ purposeId: TEST_CONSENT_PURPOSE.id, textVersion: TEST_CONSENT_PURPOSE.textVersion });
    expect(Object.keys(consent).sort()).toEqual(["clientId", "givenOn", "id", "purposeId", "recordedAt", "recordedBy", "textVersion", "withdrawnAt", "withdrawnBy"]);
    const detail = valueOf(await execute(getClient, adviser, { id: client.id }));
    expect(detail.activeConsent).toMatchObject({ purposeDe: TEST_CONSENT_PURPOSE.nameDe, purposeEn: TEST_CONSENT_PURPOSE.nameEn });
  });

  it("an unknown or deactivated purpose is refused at the purpose field; a consent on record keeps its text version when the list changes", async () => {
    const unknown = await execute(createClient, adviser, clientInput(contactPointId, { ...PERSONAL_WITH_CONSENT, consentPurposeId: "c0de0000-0000-4000-8000-0000000000ff" }), "de");
    expect(errorOf(unknown)).toEqual({ kind: "validation", fieldErrors: { consentPurposeId: ["Bitte einen Zweck aus der Liste wählen."] } });

    const purpose = valueOf(await execute(createConsentPurpose, admin, { nameDe: `Zweck ${unique()}`, nameEn: `Purpose ${unique()}`, textVersion: "EW-1" }));
    const client = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, contactPointId, consentPurposeId: purpose.id });
    valueOf(await execute(updateConsentPurpose, admin, { id: purpose.id, nameDe: purpose.nameDe, nameEn: purpose.nameEn, textVersion: "EW-2", active: false }));
    const [consent] = await readingAllClients((tx) => tx.select().from(consents).where(eq(consents.clientId, client.id)));
    expect(consent.textVersion).toBe("EW-1");
    const inactive = await execute(createClient, adviser, clientInput(contactPointId, { ...PERSONAL_WITH_CONSENT, consentPurposeId: purpose.id }), "en");
    expect(errorOf(inactive)).toEqual({ kind: "validation", fieldErrors: { consentPurposeId: ["Please choose a purpose from the list."] } });
    expect(valueOf(await execute(listConsentPurposes, adviser, {})).find((p) => p.id === purpose.id)).toMatchObject({ active: false, textVersion: "EW-2" });
  });

  it("the admin keeps the list: the same name and version twice is refused; advisers may only read it", async () => {
    const entry = { nameDe: `Zweck ${unique()}`, nameEn: "Purpose", textVersion: "EW-1" };
    valueOf(await execute(createConsentPurpose, admin, entry));
    expect(errorOf(await execute(createConsentPurpose, admin, entry, "en"))).toEqual({
      kind: "validation",
      fieldErrors: { textVersion: ["This purpose already exists with this text version."] },
    });
    expect(errorOf(await execute(createConsentPurpose, adviser, { ...entry, textVersion: "EW-9" }))).toEqual({ kind: "forbidden" });
  });

  it("a consent dated in the future is refused at the date, in German and English; today is accepted", async () => {
    const ahead = { ...PERSONAL_WITH_CONSENT, consentGivenOn: tomorrow() };
    const de = await execute(createClient, adviser, clientInput(contactPointId, ahead), "de");
    const en = await execute(createClient, adviser, clientInput(contactPointId, { ...ahead, consentGivenOn: "2030-01-01" }), "en");
    expect(errorOf(de)).toEqual({ kind: "validation", fieldErrors: { consentGivenOn: ["Das Datum darf nicht in der Zukunft liegen."] } });
    expect(errorOf(en)).toEqual({ kind: "validation", fieldErrors: { consentGivenOn: ["The date must not be in the future."] } });
    const client = await makeClient(adviser, { contactPointId });
    expect(errorOf(await execute(updateClient, adviser, fullClientUpdate(client, { phone: "0151 2", consentGivenOn: "2030-01-01", consentPurposeId: TEST_CONSENT_PURPOSE.id }), "en"))).toEqual({
      kind: "validation",
      fieldErrors: { consentGivenOn: ["The date must not be in the future."] },
    });
    expect(await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, contactPointId, consentGivenOn: todayInBerlin() })).toMatchObject({ fullName: PERSONAL_WITH_CONSENT.fullName });
  });

  it("after a withdrawal the consent's record holds nothing typed: the day, the list's purpose and text version, who and when", async () => {
    const name = `Frau Widerruf ${unique()}`;
    const client = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, contactPointId, fullName: name });
    valueOf(await execute(withdrawConsent, adviser, { clientId: client.id }));
    const [consent] = await readingAllClients((tx) => tx.select().from(consents).where(eq(consents.clientId, client.id)));
    expect(consent).toMatchObject({ purposeId: TEST_CONSENT_PURPOSE.id, textVersion: TEST_CONSENT_PURPOSE.textVersion, withdrawnBy: adviser.userId });
    expect(await tablesHolding(name)).toEqual([]);
  });
});
