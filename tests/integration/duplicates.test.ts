import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { seeContactPoints } from "@/db/row-security";
import { auditLog, clientPseudonyms, personLinks, type Client } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { erasePersonalData, updateClient, withdrawConsent } from "@/lib/clients/commands";
import { duplicateCounts, linkPerson, unlinkPerson } from "@/lib/clients/duplicates";
import { normaliseName, pseudonymOf, pseudonymSecret } from "@/lib/clients/pseudonym";
import { refreshPseudonyms } from "@/lib/clients/pseudonym-refresh";
import { exportClient, getClient } from "@/lib/clients/queries";
import { execute } from "@/lib/operation";
import { send, tokenFor } from "../helpers/api";
import { PERSONAL_WITH_CONSENT, fullClientUpdate, makeActor, makeClient, makeOrg, readingAllClients } from "../helpers/factories";

type Org = Awaited<ReturnType<typeof makeOrg>>;

const unique = () => randomUUID().slice(0, 8);
/** A name nobody else in the database has: letters only, so that it survives normalisation as it is. */
const uniqueName = () => `Yara ${randomUUID().replace(/[^a-f]/g, "")}`;

async function hintsOf(actor: Actor, clientId: string) {
  const result = await execute(getClient, actor, { id: clientId });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value.knownElsewhere;
}

const pseudonymRows = (clientIds: string[]) => readingAllClients((tx) => tx.select().from(clientPseudonyms).where(inArray(clientPseudonyms.clientId, clientIds)));
const linkRows = (clientId: string) => readingAllClients((tx) => tx.select().from(personLinks).where(sql`${personLinks.clientId} = ${clientId} or ${personLinks.otherClientId} = ${clientId}`));

describe("normalised names and keyed pseudonyms", () => {
  it("ignore case, umlauts written out, ß, other accents, punctuation, spacing and the order of the parts", () => {
    expect(normaliseName("Jürgen Groß")).toBe("gross juergen");
    expect(normaliseName("  GROSS,  Juergen ")).toBe("gross juergen");
    expect(normaliseName("José-María Núñez")).toBe("jose maria nunez");
    expect(normaliseName("O'Neil Zoë")).toBe("neil o zoe");
    expect(normaliseName(" - ")).toBeNull();
  });

  it("differ with the secret and with the birth year, and need both name and year", () => {
    const a = pseudonymOf("secret-one", "Amal Haddad", 1988);
    expect(a).toBe(pseudonymOf("secret-one", "haddad amal", 1988));
    expect(a).not.toBe(pseudonymOf("secret-two", "Amal Haddad", 1988));
    expect(a).not.toBe(pseudonymOf("secret-one", "Amal Haddad", 1989));
    expect(a).not.toContain("haddad");
    expect(pseudonymOf("secret-one", "Amal Haddad", null)).toBeNull();
    expect(pseudonymOf("secret-one", null, 1988)).toBeNull();
  });
});

describe("duplicate hints", () => {
  let orgA: Org;
  let orgB: Org;
  let a: Actor;
  let b: Actor;
  beforeAll(async () => {
    orgA = await makeOrg();
    orgB = await makeOrg();
    a = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    b = await makeActor("adviser", { unitIds: [orgB.contactPoints[0].id] });
  });

  /** One person registered at A's and at B's contact point, the name written differently. */
  async function samePersonTwice(birthYear = 1984): Promise<[Client, Client]> {
    const surname = uniqueName().split(" ")[1];
    const mine = await makeClient(a, { ...PERSONAL_WITH_CONSENT, fullName: `Jürgen ${surname}`, birthYear, email: `${unique()}@a.example`, phone: "+49 30 111" });
    const theirs = await makeClient(b, { ...PERSONAL_WITH_CONSENT, fullName: `${surname.toUpperCase()},  Juergen`, birthYear, email: `${unique()}@b.example`, phone: "+49 40 222" });
    return [mine, theirs];
  }

  it("shows the adviser the other contact point's name and nothing of the client there, both ways", async () => {
    const [mine, theirs] = await samePersonTwice();
    const hints = await hintsOf(a, mine.id);
    const there = orgB.contactPoints[0];
    expect(hints).toEqual([{ contactPointId: there.id, name: there.name, nameEn: there.nameEn, matches: 1, linked: 0 }]);
    const shown = JSON.stringify(hints);
    for (const value of [theirs.id, theirs.ref, theirs.email!, theirs.phone!, theirs.fullName!]) expect(shown).not.toContain(value);
    expect(await hintsOf(b, theirs.id)).toEqual([{ contactPointId: orgA.contactPoints[0].id, name: orgA.contactPoints[0].name, nameEn: null, matches: 1, linked: 0 }]);
    // The subject access download names it too: it is held about the person.
    const exported = await execute(exportClient, a, { id: mine.id });
    expect(exported.ok && exported.value.knownElsewhere).toEqual(hints);
  });

  it("gives no hint for another birth year, for a client of the same contact point, or without a name", async () => {
    const name = uniqueName();
    const mine = await makeClient(a, { ...PERSONAL_WITH_CONSENT, fullName: name, birthYear: 1980 });
    await makeClient(b, { ...PERSONAL_WITH_CONSENT, fullName: name, birthYear: 1981 });
    const colleague = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    await makeClient(colleague, { ...PERSONAL_WITH_CONSENT, fullName: name, birthYear: 1980 });
    expect(await hintsOf(a, mine.id)).toEqual([]);
    const nameless = await makeClient(a, { birthYear: 1980 });
    const yearless = await makeClient(a, { ...PERSONAL_WITH_CONSENT, fullName: name, birthYear: null });
    expect(await pseudonymRows([nameless.id, yearless.id])).toEqual([]);
  });

  it("keeps a pseudonym only while a consent is in force: none after a withdrawal, and no name without a new consent", async () => {
    const [mine, theirs] = await samePersonTwice();
    expect(await pseudonymRows([mine.id])).toHaveLength(1);
    expect(await execute(withdrawConsent, a, { clientId: mine.id })).toMatchObject({ ok: true });
    expect(await pseudonymRows([mine.id])).toEqual([]);
    expect(await hintsOf(b, theirs.id)).toEqual([]);
    const [withdrawn] = await readingAllClients((tx) => tx.execute(sql`select version from clients where id = ${mine.id}`)).then((r) => r.rows as { version: number }[]);
    const refused = await execute(updateClient, a, fullClientUpdate({ ...mine, ...withdrawn, fullName: theirs.fullName, phone: null, email: null, notes: null }));
    expect(refused).toMatchObject({ ok: false, error: { kind: "validation" } });
    expect(await pseudonymRows([mine.id])).toEqual([]);
  });

  it("follows an edit of the name or birth year", async () => {
    const [mine, theirs] = await samePersonTwice(1990);
    const moved = await execute(updateClient, a, fullClientUpdate(mine, { birthYear: 1991 }));
    expect(moved.ok).toBe(true);
    expect(await hintsOf(b, theirs.id)).toEqual([]);
    const back = await execute(updateClient, a, fullClientUpdate(moved.ok ? moved.value : mine, { birthYear: 1990 }));
    expect(back.ok).toBe(true);
    expect(await hintsOf(b, theirs.id)).toHaveLength(1);
  });

  it("links and unlinks the two as one person, each on record in the audit trail", async () => {
    const [mine, theirs] = await samePersonTwice();
    const there = orgB.contactPoints[0].id;
    const linked = await execute(linkPerson, a, { clientId: mine.id, contactPointId: there });
    expect(linked).toEqual({ ok: true, value: { clientId: mine.id, contactPointId: there, linked: 1 } });
    expect(await hintsOf(a, mine.id)).toMatchObject([{ contactPointId: there, matches: 1, linked: 1 }]);
    expect(await hintsOf(b, theirs.id)).toMatchObject([{ contactPointId: orgA.contactPoints[0].id, matches: 1, linked: 1 }]);
    const db = await getDb();
    const entries = async () =>
      (await db.select().from(auditLog).where(eq(auditLog.subjectId, mine.id)).orderBy(desc(auditLog.id))).filter((e) => e.action.endsWith("linkPerson"));
    expect((await entries())[0]).toMatchObject({ action: "clients.linkPerson", outcome: "ok", actorId: a.userId });

    // The linked client keeps the link when its name changes: an adviser confirmed it.
    const renamed = await execute(updateClient, b, fullClientUpdate(theirs, { fullName: uniqueName() }));
    expect(renamed.ok).toBe(true);
    expect(await hintsOf(a, mine.id)).toMatchObject([{ contactPointId: there, matches: 1, linked: 1 }]);

    expect(await execute(unlinkPerson, a, { clientId: mine.id, contactPointId: there })).toEqual({ ok: true, value: { clientId: mine.id, contactPointId: there, unlinked: 1 } });
    expect(await hintsOf(a, mine.id)).toEqual([]);
    expect(await linkRows(mine.id)).toEqual([]);
    expect((await entries())[0]).toMatchObject({ action: "clients.unlinkPerson", outcome: "ok", actorId: a.userId });
  });

  it("refuses a link to a contact point without a match, and a link or unlink by anyone but the client's advisers", async () => {
    const [mine] = await samePersonTwice();
    const nowhere = await execute(linkPerson, a, { clientId: mine.id, contactPointId: orgA.contactPoints[1].id }, "en");
    expect(nowhere).toMatchObject({ ok: false, error: { kind: "validation", fieldErrors: { contactPointId: [expect.stringMatching(/no client/i)] } } });
    const input = { clientId: mine.id, contactPointId: orgB.contactPoints[0].id };
    expect(await execute(unlinkPerson, a, input)).toMatchObject({ ok: false, error: { kind: "validation" } });
    // B's adviser sees the hint of their own client, never A's client: linking from A's side is A's to do.
    expect(await execute(linkPerson, b, input)).toMatchObject({ ok: false, error: { kind: "not_found" } });
    expect(await execute(linkPerson, await makeActor("regional_coordinator", { regionId: orgA.region.id }), input)).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await linkRows(mine.id)).toEqual([]);
    const db = await getDb();
    const [refusal] = await db.select().from(auditLog).where(and(eq(auditLog.subjectId, mine.id), eq(auditLog.outcome, "denied"))).orderBy(desc(auditLog.id)).limit(1);
    expect(refusal).toMatchObject({ action: "clients.linkPerson" });
  });

  it("an erasure removes the pseudonym and the links on both sides", async () => {
    const [mine, theirs] = await samePersonTwice();
    await execute(linkPerson, a, { clientId: mine.id, contactPointId: orgB.contactPoints[0].id });
    expect(await linkRows(theirs.id)).toHaveLength(2);
    expect(await execute(withdrawConsent, b, { clientId: theirs.id })).toMatchObject({ ok: true });
    expect(await pseudonymRows([theirs.id])).toEqual([]);
    expect(await linkRows(theirs.id)).toEqual([]);
    expect(await hintsOf(a, mine.id)).toEqual([]);
  });

  it("the retention rule's erasure (seeing every client, acting for nobody) removes them too", async () => {
    const [mine, theirs] = await samePersonTwice();
    await execute(linkPerson, a, { clientId: mine.id, contactPointId: orgB.contactPoints[0].id });
    await readingAllClients((tx) => erasePersonalData(tx, mine.id, { reason: "retention", retentionYears: 3, lastContactOn: "2019-01-01" }));
    expect(await pseudonymRows([mine.id])).toEqual([]);
    expect(await linkRows(mine.id)).toEqual([]);
    expect(await hintsOf(b, theirs.id)).toEqual([]);
  });

  it("at start-up, clients saved without a pseudonym get one, and a new secret makes them all again", async () => {
    const [mine, theirs] = await samePersonTwice();
    await readingAllClients((tx) => tx.delete(clientPseudonyms).where(inArray(clientPseudonyms.clientId, [mine.id, theirs.id])));
    expect(await hintsOf(a, mine.id)).toEqual([]);
    const db = await getDb();
    expect((await refreshPseudonyms(db)).stored).toBeGreaterThanOrEqual(2);
    expect(await hintsOf(a, mine.id)).toHaveLength(1);
    expect(await refreshPseudonyms(db)).toEqual({ rekeyed: false, stored: 0 });

    const holder = globalThis as unknown as { __lotsePseudonymSecret?: string };
    const secret = await readingAllClients((tx) => pseudonymSecret(tx));
    const [before] = await pseudonymRows([mine.id]);
    holder.__lotsePseudonymSecret = "another secret of at least thirty-two bytes";
    try {
      expect(await refreshPseudonyms(db)).toMatchObject({ rekeyed: true, stored: expect.any(Number) });
      const [after] = await pseudonymRows([mine.id]);
      expect(after.pseudonym).not.toBe(before.pseudonym);
      expect(after.pseudonym).toBe(pseudonymOf(holder.__lotsePseudonymSecret, mine.fullName, mine.birthYear));
      expect(await hintsOf(a, mine.id)).toHaveLength(1);
    } finally {
      holder.__lotsePseudonymSecret = secret;
      await refreshPseudonyms(db);
    }
    expect(await pseudonymRows([mine.id])).toEqual([before].map((b) => ({ ...b, storedAt: expect.any(Date) })));
  });

  it("row security: an adviser's transaction sees only its own clients' pseudonyms and links, and cannot write a link itself", async () => {
    const [mine, theirs] = await samePersonTwice();
    await execute(linkPerson, a, { clientId: mine.id, contactPointId: orgB.contactPoints[0].id });
    const db = await getDb();
    const seen = await db.transaction(async (tx) => {
      await seeContactPoints(tx, a.contactPointIds);
      return {
        pseudonyms: (await tx.select({ id: clientPseudonyms.clientId }).from(clientPseudonyms).where(inArray(clientPseudonyms.clientId, [mine.id, theirs.id]))).map((r) => r.id),
        links: (await tx.select({ id: personLinks.clientId }).from(personLinks).where(inArray(personLinks.clientId, [mine.id, theirs.id]))).map((r) => r.id),
      };
    });
    expect(seen).toEqual({ pseudonyms: [mine.id], links: [mine.id] });
    const write = db.transaction(async (tx) => {
      await seeContactPoints(tx, a.contactPointIds);
      await tx.insert(personLinks).values({ clientId: mine.id, otherClientId: theirs.id, linkedBy: a.userId });
    });
    await expect(write).rejects.toMatchObject({ cause: { message: expect.stringMatching(/permission denied/) } });
  });

  it("the narrow functions answer nothing about a client the transaction does not see, and change nothing for it", async () => {
    const [mine, theirs] = await samePersonTwice();
    const db = await getDb();
    const asB = await db.transaction(async (tx) => {
      await seeContactPoints(tx, b.contactPointIds);
      const q = async (query: ReturnType<typeof sql>) => (await tx.execute(query)).rows;
      return {
        known: await q(sql`select * from lotse_known_elsewhere(${mine.id}::uuid)`),
        linked: await q(sql`select lotse_link_person(${mine.id}::uuid, ${b.contactPointIds[0]}::uuid, ${b.userId}::uuid)::int as n`),
        unlinked: await q(sql`select lotse_unlink_person(${mine.id}::uuid, null)::int as n`),
      };
    });
    expect(asB).toEqual({ known: [], linked: [{ n: 0 }], unlinked: [{ n: 0 }] });
    expect(await linkRows(mine.id)).toEqual([]);
    // Their own client's hint, though, they get.
    expect(await hintsOf(b, theirs.id)).toHaveLength(1);
  });
});

describe("coordinators' counts of duplicates per region", () => {
  it("counts linked and suspected clients per region, withholds 1 and 2, and shows a regional coordinator their region only", async () => {
    const [orgA, orgB] = [await makeOrg(), await makeOrg()];
    const a = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    const b = await makeActor("adviser", { unitIds: [orgB.contactPoints[0].id] });
    const pair = async () => {
      const same = { ...PERSONAL_WITH_CONSENT, fullName: uniqueName(), birthYear: 1970 };
      return [await makeClient(a, same), await makeClient(b, same)];
    };
    for (let i = 0; i < 3; i++) {
      const [mine] = await pair();
      expect(await execute(linkPerson, a, { clientId: mine.id, contactPointId: orgB.contactPoints[0].id })).toMatchObject({ ok: true });
    }
    await pair(); // suspected: one in each region
    // A third contact point of A's region, the same person at both of A's: A's region has 2 more suspected.
    const same = { ...PERSONAL_WITH_CONSENT, fullName: uniqueName(), birthYear: 1970 };
    await makeClient(a, same);
    await makeClient(await makeActor("adviser", { unitIds: [orgA.contactPoints[1].id] }), same);

    const network = await execute(duplicateCounts, await makeActor("network_coordinator"), {});
    if (!network.ok) throw new Error(JSON.stringify(network.error));
    const rowOf = (regionId: string) => network.value.find((r) => r.regionId === regionId);
    expect(rowOf(orgA.region.id)).toEqual({
      regionId: orgA.region.id,
      name: orgA.region.name,
      nameEn: null,
      code: null,
      linked: { value: 3, suppressed: false },
      suspected: { value: 3, suppressed: false },
    });
    expect(rowOf(orgB.region.id)).toMatchObject({ linked: { value: 3, suppressed: false }, suspected: { value: null, suppressed: true } });
    expect(network.value.at(-1)).toMatchObject({ regionId: null });

    const regional = await execute(duplicateCounts, await makeActor("regional_coordinator", { regionId: orgB.region.id }), {});
    expect(regional).toEqual({ ok: true, value: [rowOf(orgB.region.id)] });
    // Counts, and nothing of a client.
    expect(Object.keys(rowOf(orgA.region.id)!).sort()).toEqual(["code", "linked", "name", "nameEn", "regionId", "suspected"]);
    expect(await execute(duplicateCounts, a, {})).toMatchObject({ ok: false, error: { kind: "forbidden" } });

    // The same through the API: GET /api/v1/figures/duplicates.
    const coordinator = await makeActor("regional_coordinator", { regionId: orgB.region.id });
    const answer = await send("GET", "/api/v1/figures/duplicates", { token: (await tokenFor(coordinator.userId)).token });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([rowOf(orgB.region.id)]);
    expect((await send("GET", "/api/v1/figures/duplicates", { token: (await tokenFor(a.userId)).token })).status).toBe(403);
    expect((await send("GET", "/api/v1/figures/duplicates")).status).toBe(401);
  });
});
