// Over 300 lines: one concept, a client from creation through edits, consent and scope to being found, on shared advisers.
import { and, asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clients, consents, history, type Client } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { completeReminder, createClient, createReminder, updateClient, withdrawConsent } from "@/lib/clients/commands";
import { dueReminders, getClient, searchClients } from "@/lib/clients/queries";
import { createOccupation } from "@/lib/occupations";
import { execute, type OperationError, type Result } from "@/lib/operation";
import { clientInput, makeActor, makeClient, makeOrg, makeRecord, newKey, PERSONAL_WITH_CONSENT, readingAllClients, TEST_CONSENT_PURPOSE } from "../helpers/factories";

type Org = Awaited<ReturnType<typeof makeOrg>>;

const errorOf = <R>(result: Result<R>): OperationError | undefined => (result.ok ? undefined : result.error);
const valueOf = <R>(result: Result<R>): R => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

/** An update body: the client's statistical fields as they are, plus the changes. */
function clientUpdate(client: Client, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: client.id,
    version: client.version,
    gender: client.gender,
    birthYear: client.birthYear,
    qualificationCountry: client.qualificationCountry,
    citizenship: client.citizenship,
    residenceStatus: client.residenceStatus,
    inGermanySince: client.inGermanySince,
    germanLevel: client.germanLevel,
    qualificationLevel: client.qualificationLevel,
    occupationId: client.occupationId,
    regulatedProfession: client.regulatedProfession,
    fullName: client.fullName,
    phone: client.phone,
    email: client.email,
    notes: client.notes,
    ...changes,
  };
}

async function rowOf(id: string): Promise<Client> {
  const [row] = await readingAllClients((tx) => tx.select().from(clients).where(eq(clients.id, id)));
  return row;
}

async function historyOf(id: string) {
  return (await getDb()).select().from(history).where(and(eq(history.subjectId, id), eq(history.subjectType, "client"))).orderBy(asc(history.version));
}

describe("clients", () => {
  let orgA: Org;
  let orgB: Org;
  let adviserA: Actor;
  let colleagueA: Actor;
  let adviserB: Actor;
  beforeAll(async () => {
    orgA = await makeOrg();
    orgB = await makeOrg();
    adviserA = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    colleagueA = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    adviserB = await makeActor("adviser", { unitIds: [orgB.contactPoints[0].id] });
  });

  describe("creating", () => {
    it("the same create sent 20 times at once makes one client (and one consent), and every answer names it", async () => {
      const adviser = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
      const input = clientInput(adviser.contactPointIds[0], PERSONAL_WITH_CONSENT);
      const results = await Promise.all(Array.from({ length: 20 }, () => execute(createClient, adviser, input)));
      expect(results.every((r) => r.ok)).toBe(true);
      const ids = new Set(results.map((r) => (r.ok ? r.value.id : null)));
      const refs = new Set(results.map((r) => (r.ok ? r.value.ref : null)));
      expect(ids.size).toBe(1);
      expect(refs.size).toBe(1);

      const made = await readingAllClients((tx) => tx.select().from(clients).where(eq(clients.createdBy, adviser.userId)));
      expect(made.map((c) => c.id)).toEqual([...ids]);
      const [{ n }] = await readingAllClients((tx) => tx.select({ n: count() }).from(consents).where(eq(consents.clientId, made[0].id)));
      expect(n).toBe(1);
      expect(await historyOf(made[0].id)).toHaveLength(1);
    });

    it("generates a pseudonymous reference, not derived from the name", async () => {
      const one = await makeClient(adviserA, PERSONAL_WITH_CONSENT);
      const two = await makeClient(adviserA, PERSONAL_WITH_CONSENT);
      expect(one.ref).toMatch(/^K-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      expect(two.ref).not.toBe(one.ref);
      expect(one.ref.toLowerCase()).not.toContain("amal");
    });

    it("keeps personal data only with a recorded consent: date, purpose, text version and who recorded it", async () => {
      const client = await makeClient(adviserA, PERSONAL_WITH_CONSENT);
      expect(client).toMatchObject({ fullName: "Amal Haddad", email: "amal.haddad@test.example" });
      const rows = await readingAllClients((tx) => tx.select().from(consents).where(eq(consents.clientId, client.id)));
      expect(rows).toEqual([
        expect.objectContaining({ givenOn: "2019-03-01", purposeId: TEST_CONSENT_PURPOSE.id, textVersion: TEST_CONSENT_PURPOSE.textVersion, recordedBy: adviserA.userId, withdrawnAt: null }),
      ]);
    });

    it("refuses personal data without consent, naming consentGivenOn, in German and English", async () => {
      const input = clientInput(adviserA.contactPointIds[0], { fullName: "Ohne Einwilligung" });
      const de = await execute(createClient, adviserA, input, "de");
      const en = await execute(createClient, adviserA, { ...input, idempotencyKey: newKey() }, "en");
      expect(errorOf(de)).toEqual({ kind: "validation", fieldErrors: { consentGivenOn: ["Personenbezogene Daten nur mit dokumentierter Einwilligung."] } });
      expect(errorOf(en)).toEqual({ kind: "validation", fieldErrors: { consentGivenOn: ["Personal data only with a recorded consent."] } });

      // A half-recorded consent names what is missing.
      const partial = await execute(createClient, adviserA, clientInput(adviserA.contactPointIds[0], { phone: "0151 000", consentGivenOn: "2019-03-01" }), "en");
      expect(errorOf(partial)).toEqual({ kind: "validation", fieldErrors: { consentPurposeId: ["Please choose the purpose of the consent."] } });
    });

    it("names every bad field, in German and English", async () => {
      const bad = {
        idempotencyKey: newKey(),
        contactPointId: adviserA.contactPointIds[0],
        gender: "unknown",
        birthYear: 1850,
        qualificationCountry: "XX",
        citizenship: "Syrien",
        residenceStatus: "",
        germanLevel: "D1",
        qualificationLevel: 3,
        email: "not-an-address",
        fullName: "X",
        consentGivenOn: "2019-02-30",
        consentPurposeId: TEST_CONSENT_PURPOSE.id,
      };
      const en = await execute(createClient, adviserA, bad, "en");
      expect(errorOf(en)).toEqual({
        kind: "validation",
        fieldErrors: {
          gender: ["Please choose one of the offered values."],
          birthYear: ["Please enter a number of at least 1900."],
          qualificationCountry: ["Please choose a country from the list."],
          citizenship: ["Please choose a country from the list."],
          residenceStatus: ["Please choose one of the offered values."],
          germanLevel: ["Please choose one of the offered values."],
          qualificationLevel: ["Please choose one of the offered values."],
          email: ["Please enter a valid e-mail address."],
          consentGivenOn: ["Please enter a valid date."],
        },
      });
      const de = await execute(createClient, adviserA, bad, "de");
      expect(errorOf(de)).toMatchObject({
        kind: "validation",
        fieldErrors: { birthYear: ["Bitte eine Zahl ab 1900 angeben."], qualificationCountry: ["Bitte ein Land aus der Liste wählen."], email: ["Bitte eine gültige E-Mail-Adresse angeben."] },
      });

      const beforeBirth = await execute(createClient, adviserA, clientInput(adviserA.contactPointIds[0], { birthYear: 1990, inGermanySince: 1985 }), "en");
      expect(errorOf(beforeBirth)).toEqual({ kind: "validation", fieldErrors: { inGermanySince: ["The year is before the year of birth."] } });
      const unknownOccupation = await execute(createClient, adviserA, clientInput(adviserA.contactPointIds[0], { occupationId: "00000000-0000-4000-8000-000000000000" }), "en");
      expect(errorOf(unknownOccupation)).toEqual({ kind: "validation", fieldErrors: { occupationId: ["Unknown occupation."] } });
    });

    it("accepts country codes in any case and a catalogue occupation", async () => {
      const admin = await makeActor("admin");
      const occupation = valueOf(await execute(createOccupation, admin, { nameDe: `Ärztin ${newKey()}`, nameEn: `Doctor ${newKey()}`, kldbCode: "81404" }));
      const client = await makeClient(adviserA, { qualificationCountry: "ua", citizenship: " ua ", occupationId: occupation.id });
      expect(client).toMatchObject({ qualificationCountry: "UA", citizenship: "UA", occupationId: occupation.id });
    });

    it("cannot be created for a contact point that is not the adviser's", async () => {
      const result = await execute(createClient, adviserA, clientInput(orgB.contactPoints[0].id), "en");
      expect(errorOf(result)).toEqual({ kind: "validation", fieldErrors: { contactPointId: ["This unit is not assigned to you."] } });
    });
  });

  describe("editing", () => {
    it("a stale edit gets a conflict with the current values, and overwrites nothing (quality target R2, docs/quality.md)", async () => {
      const client = await makeClient(adviserA);
      const [a, b] = await Promise.all([
        execute(updateClient, adviserA, clientUpdate(client, { birthYear: 1980 })),
        execute(updateClient, colleagueA, clientUpdate(client, { birthYear: 1975 })),
      ]);
      const winner = [a, b].find((r) => r.ok);
      const loser = [a, b].find((r) => !r.ok);
      expect(winner && loser).toBeTruthy();
      const won = valueOf(winner!);
      expect(errorOf(loser!)).toEqual({ kind: "conflict", current: expect.objectContaining({ id: client.id, version: 2, birthYear: won.birthYear }) });
      expect(await rowOf(client.id)).toMatchObject({ version: 2, birthYear: won.birthYear });

      const stale = await execute(updateClient, adviserA, clientUpdate(client, { gender: "male" }));
      expect(errorOf(stale)).toMatchObject({ kind: "conflict", current: { version: 2, gender: "female" } });
      expect(await rowOf(client.id)).toMatchObject({ version: 2, gender: "female" });
    });

    it("keeps a history of the statistical fields only: create, then each change", async () => {
      const client = await makeClient(adviserA, PERSONAL_WITH_CONSENT);
      const updated = valueOf(await execute(updateClient, adviserA, clientUpdate(client, { germanLevel: "B2", fullName: "Amal H." })));
      expect(updated).toMatchObject({ version: 2, germanLevel: "B2", fullName: "Amal H." });
      const versions = await historyOf(client.id);
      expect(versions.map((v) => [v.version, v.op, v.actorId])).toEqual([
        [1, "create", adviserA.userId],
        [2, "update", adviserA.userId],
      ]);
      expect(versions[1].changes).toEqual({ germanLevel: { from: "B1", to: "B2" } });
      // The edit's time is the transaction's, as its history version has it.
      const [row] = await readingAllClients((tx) => tx.select({ updatedAt: clients.updatedAt }).from(clients).where(eq(clients.id, client.id)));
      expect(row.updatedAt).toEqual(versions[1].at);
      for (const version of versions) {
        const text = JSON.stringify(version);
        for (const personal of ["Amal", "amal.haddad", "+49 30", "Ärztin"]) expect(text).not.toContain(personal);
      }
    });

    it("adding personal data later needs a consent on record or given with the edit", async () => {
      const client = await makeClient(adviserA);
      const refused = await execute(updateClient, adviserA, clientUpdate(client, { phone: "0151 111" }), "en");
      expect(errorOf(refused)).toEqual({ kind: "validation", fieldErrors: { consentGivenOn: ["Personal data only with a recorded consent."] } });
      expect(await rowOf(client.id)).toMatchObject({ version: 1, phone: null });

      const withConsent = await execute(updateClient, adviserA, clientUpdate(client, { phone: "0151 111", consentGivenOn: "2019-04-01", consentPurposeId: TEST_CONSENT_PURPOSE.id }));
      expect(withConsent).toMatchObject({ ok: true, value: { phone: "0151 111", version: 2 } });
      // With that consent on record, a later edit of personal data needs no new one.
      const later = await execute(updateClient, adviserA, clientUpdate(valueOf(withConsent), { email: "neu@test.example" }));
      expect(later).toMatchObject({ ok: true, value: { email: "neu@test.example", version: 3 } });
    });
  });

  describe("withdrawing consent", () => {
    it("erases name, phone, e-mail and notes, and keeps the statistical record and its records", async () => {
      const client = await makeClient(adviserA, PERSONAL_WITH_CONSENT);
      const session = await makeRecord(adviserA, "advice_session", { place: { unitId: adviserA.contactPointIds[0], clientId: client.id } });
      const before = await rowOf(client.id);

      const result = await execute(withdrawConsent, adviserA, { clientId: client.id });
      expect(result).toMatchObject({ ok: true, value: { fullName: null, phone: null, email: null, notes: null } });
      const after = await rowOf(client.id);
      expect(after).toMatchObject({ fullName: null, phone: null, email: null, notes: null });
      const statistical = ["ref", "contactPointId", "gender", "birthYear", "qualificationCountry", "citizenship", "residenceStatus", "inGermanySince", "germanLevel", "qualificationLevel", "occupationId", "regulatedProfession"] as const;
      for (const field of statistical) expect(after[field], field).toEqual(before[field]);

      const [consent] = await readingAllClients((tx) => tx.select().from(consents).where(eq(consents.clientId, client.id)));
      expect(consent.withdrawnAt).toBeInstanceOf(Date);
      expect(consent.withdrawnBy).toBe(adviserA.userId);

      const detail = valueOf(await execute(getClient, adviserA, { id: client.id }));
      expect(detail.activeConsent).toBeNull();
      expect(detail.timeline.map((r) => r.id)).toEqual([session.id]);
      const byName = valueOf(await execute(searchClients, adviserA, { q: "Amal Haddad" }));
      expect(byName.items.map((c) => c.id)).not.toContain(client.id);
      const byRef = valueOf(await execute(searchClients, adviserA, { q: client.ref }));
      expect(byRef.items.find((c) => c.id === client.id)?.lastContact).toBe(session.occurredOn);

      // Without a new consent, personal data cannot come back.
      const again = await execute(updateClient, adviserA, clientUpdate(after, { fullName: "Amal Haddad" }));
      expect(errorOf(again)).toMatchObject({ kind: "validation", fieldErrors: { consentGivenOn: [expect.any(String)] } });
    });
  });

  describe("scope", () => {
    it("an adviser of another contact point gets not found for the client, its case and its reminders", async () => {
      const client = await makeClient(adviserA, PERSONAL_WITH_CONSENT);
      const sibling = await makeActor("adviser", { unitIds: [orgA.contactPoints[1].id] });
      for (const other of [adviserB, sibling]) {
        expect(errorOf(await execute(getClient, other, { id: client.id }))).toEqual({ kind: "not_found" });
        expect(errorOf(await execute(updateClient, other, clientUpdate(client, { birthYear: 1970 })))).toEqual({ kind: "not_found" });
        expect(errorOf(await execute(withdrawConsent, other, { clientId: client.id }))).toEqual({ kind: "not_found" });
        expect(errorOf(await execute(createReminder, other, { clientId: client.id, dueOn: "2019-08-01", note: "x" }))).toEqual({ kind: "not_found" });
        const search = valueOf(await execute(searchClients, other, { q: client.ref }));
        expect(search.items).toEqual([]);
      }
      expect(await rowOf(client.id)).toMatchObject({ version: 1, fullName: "Amal Haddad" });
    });

    it("coordinators and admins get no client data at all", async () => {
      const client = await makeClient(adviserA, PERSONAL_WITH_CONSENT);
      for (const actor of [await makeActor("regional_coordinator", { regionId: orgA.region.id }), await makeActor("network_coordinator"), await makeActor("admin")]) {
        expect(errorOf(await execute(getClient, actor, { id: client.id }))).toEqual({ kind: "forbidden" });
        expect(errorOf(await execute(searchClients, actor, { q: "Amal" }))).toEqual({ kind: "forbidden" });
      }
    });
  });

  describe("finding and following up", () => {
    it("finds a client by reference or by name, case-insensitively, taking % and _ literally", async () => {
      // A contact point of its own, so that an empty search lists exactly this test's clients.
      const fresh = await makeOrg();
      const adviser = await makeActor("adviser", { unitIds: [fresh.contactPoints[0].id] });
      const named = valueOf(await execute(createClient, adviser, clientInput(adviser.contactPointIds[0], { ...PERSONAL_WITH_CONSENT, fullName: "Oksana Kovalenko" })));
      const other = await makeClient(adviser);
      const ids = async (q: string) => valueOf(await execute(searchClients, adviser, { q })).items.map((c) => c.id);
      expect(await ids(named.ref.toLowerCase())).toEqual([named.id]);
      expect(await ids("kovalenko")).toEqual([named.id]);
      expect(await ids("%")).toEqual([]);
      expect(await ids("_")).toEqual([]);
      expect((await ids("")).sort()).toEqual([named.id, other.id].sort());
    });

    it("shows the whole case on one timeline: sessions, enrolments with their scheme, reminders", async () => {
      const client = await makeClient(adviserA, PERSONAL_WITH_CONSENT);
      const place = { unitId: adviserA.contactPointIds[0], clientId: client.id };
      const first = await makeRecord(adviserA, "advice_session", { place, data: { occurredOn: "2019-02-01" } });
      const fi = await makeRecord(adviserA, "fair_integration_session", { place, data: { occurredOn: "2019-03-01" } });
      const scheme = await makeRecord(adviserA, "job_training_scheme");
      const enrolment = await makeRecord(adviserA, "enrolment", { place: { schemeId: scheme.id, clientId: client.id }, data: { occurredOn: "2019-04-01" } });
      const reminder = valueOf(await execute(createReminder, adviserA, { clientId: client.id, dueOn: "2019-06-01", note: "Bescheid nachfragen" }));

      const detail = valueOf(await execute(getClient, adviserA, { id: client.id }));
      expect(detail.timeline.map((r) => r.id)).toEqual([enrolment.id, fi.id, first.id]);
      expect(detail.schemes[scheme.id]).toMatchObject({ id: scheme.id, title: "Anpassungslehrgang Pflege" });
      expect(detail.reminders.map((r) => r.id)).toEqual([reminder.id]);

      const due = valueOf(await execute(dueReminders, adviserA, {}));
      expect(due.map((r) => r.id)).toContain(reminder.id);
      expect(await execute(completeReminder, adviserA, { id: reminder.id })).toMatchObject({ ok: true, value: { id: reminder.id } });
      const dueAfter = valueOf(await execute(dueReminders, adviserA, {}));
      expect(dueAfter.map((r) => r.id)).not.toContain(reminder.id);
      expect(errorOf(await execute(completeReminder, adviserB, { id: reminder.id }))).toEqual({ kind: "not_found" });
    });
  });
});
