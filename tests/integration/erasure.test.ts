import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Tx } from "@/db/client";
import { seeAllClients } from "@/db/row-security";
import { auditDetails, bySystem } from "@/app/(admin)/admin/audit/details";
import { erasureText } from "@/app/(adviser)/cases/_components/display";
import { auditSearchSchema, searchAudit } from "@/lib/audit-search";
import type { Actor } from "@/lib/auth/actor";
import { completeReminder, createReminder, withdrawConsent } from "@/lib/clients/commands";
import { getClient } from "@/lib/clients/queries";
import { runRetention } from "@/lib/clients/retention";
import { formatter, translator } from "@/lib/i18n/translate";
import { computeFigures } from "@/lib/figures/report";
import type { Scope } from "@/lib/figures/counters";
import { execute } from "@/lib/operation";
import { PERSONAL_WITH_CONSENT, makeActor, makeClient, makeOrg, makeRecord, readingAllClients } from "../helpers/factories";

/** Every row of every table of the app, as text, that contains `needle` (every client's rows included). */
function tablesHolding(needle: string): Promise<string[]> {
  return readingAllClients((db) => rowsHolding(db, needle));
}

async function rowsHolding(db: Tx, needle: string): Promise<string[]> {
  const tables = await db.execute(sql`select tablename from pg_tables where schemaname = 'public' and tablename not like '\\_\\_%'`);
  const found: string[] = [];
  for (const { tablename } of tables.rows as { tablename: string }[]) {
    const hit = await db.execute(sql.raw(`select t::text as row from "${tablename}" t where t::text like '%' || $$${needle.replace(/\$/g, "")}$$ || '%' limit 1`));
    if (hit.rows.length) found.push(`${tablename}: ${(hit.rows[0] as { row: string }).row}`);
  }
  return found;
}

class RollBack extends Error {}

describe("erasure of personal data", () => {
  let adviser: Actor;
  let org: Awaited<ReturnType<typeof makeOrg>>;
  beforeAll(async () => {
    org = await makeOrg();
    adviser = await makeActor("adviser", { unitIds: [org.subproject.id] });
  });

  it("keeps every figure for every period and reference date, and leaves the personal data in no table", async () => {
    const name = `Erika Löschmann ${Date.now()}`;
    // A phone number no other test uses: the database is shared.
    const phone = `+49 30 ${Date.now() % 100_000_000}`;
    const client = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, fullName: name, phone, contactPointId: org.contactPoints[0].id });
    const place = { unitId: org.contactPoints[0].id, clientId: client.id };
    await makeRecord(adviser, "advice_session", { place });
    await makeRecord(adviser, "fair_integration_session", { place, data: { occurredOn: "2019-08-01" } });
    await execute(createReminder, adviser, { clientId: client.id, dueOn: "2019-09-01", note: `Frau ${name} anrufen` });
    const db = await getDb();
    const [{ now }] = (await db.execute(sql`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as now`)).rows as { now: string }[];
    const queries = [
      { from: "2019-01-01", to: "2019-12-31" },
      { from: "2019-01-01", to: "2019-12-31", asOf: now },
      { from: "2019-05-01", to: "2020-12-31", asOf: "2030-01-01" },
    ];
    const scopes: Scope[] = [
      { level: "network", id: null },
      { level: "region", id: org.region.id },
      { level: "unit", id: org.contactPoints[0].id },
    ];
    const figures = () =>
      db.transaction(async (tx) => {
        const all = [];
        for (const q of queries) for (const s of scopes) all.push(await computeFigures(tx, q, s, "en"));
        return all;
      });
    const before = await figures();
    expect((await tablesHolding(name)).some((t) => t.startsWith("clients: "))).toBe(true);

    expect(await execute(withdrawConsent, adviser, { clientId: client.id })).toMatchObject({ ok: true, value: { fullName: null, phone: null, email: null, notes: null } });
    expect(await figures()).toEqual(before);
    expect(await tablesHolding(name)).toEqual([]);
    expect(await tablesHolding(phone)).toEqual([]);
  });

  it("a retention run erases the personal data of clients without contact for three years, keeps the others, and is on record", async () => {
    const stale = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, contactPointId: org.contactPoints[0].id });
    await makeRecord(adviser, "advice_session", { place: { unitId: org.contactPoints[0].id, clientId: stale.id }, data: { occurredOn: "2019-03-01" } });
    const recent = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, contactPointId: org.contactPoints[0].id });
    await makeRecord(adviser, "advice_session", { place: { unitId: org.contactPoints[0].id, clientId: recent.id }, data: { occurredOn: "2025-06-01" } });
    const db = await getDb();
    // Other tests' clients are in this database too: the run is rolled back afterwards.
    await expect(
      db.transaction(async (tx) => {
        const run = await runRetention(tx, new Date("2026-11-25T12:00:00Z"), 3);
        expect(run.before).toBe("2023-11-25");
        expect(run.erased).toBeGreaterThanOrEqual(1);
        const names = await tx.execute(sql`select id::text, full_name from clients where id in (${stale.id}::uuid, ${recent.id}::uuid)`);
        const byId = Object.fromEntries((names.rows as { id: string; full_name: string | null }[]).map((r) => [r.id, r.full_name]));
        expect(byId).toEqual({ [stale.id]: null, [recent.id]: PERSONAL_WITH_CONSENT.fullName });
        const logged = await tx.execute(sql`select details from audit_log where action = 'retention.run' order by id desc limit 1`);
        expect(logged.rows[0]).toMatchObject({ details: { erased: run.erased, lastContactBefore: "2023-11-25", years: 3 } });
        throw new RollBack();
      }),
    ).rejects.toBeInstanceOf(RollBack);
  });

  /** Runs retention as of 2026-11-25 with `years`, then `check` in the same transaction, and rolls both back (the database is shared). */
  async function retentionThen(years: number, check: (tx: Tx, run: Awaited<ReturnType<typeof runRetention>>) => Promise<void>) {
    const db = await getDb();
    const ended = await db
      .transaction(async (tx) => {
        const run = await runRetention(tx, new Date("2026-11-25T12:00:00Z"), years);
        await seeAllClients(tx);
        await check(tx, run);
        throw new RollBack();
      })
      .catch((error: unknown) => error);
    // Anything but the roll-back is a failed check: thrown as it is.
    if (!(ended instanceof RollBack)) throw ended;
  }

  const consentOnly = () => Object.fromEntries(Object.entries(PERSONAL_WITH_CONSENT).filter(([key]) => key.startsWith("consent")));

  it("a retention run erases a reminder note of a client with no other personal data, and ends the consent", async () => {
    const marker = `Rückruf Wiedervorlage ${Date.now()}`;
    const client = await makeClient(adviser, { ...consentOnly(), contactPointId: org.contactPoints[0].id });
    expect(client).toMatchObject({ fullName: null, phone: null, email: null, notes: null });
    await makeRecord(adviser, "advice_session", { place: { unitId: org.contactPoints[0].id, clientId: client.id }, data: { occurredOn: "2019-03-01" } });
    expect(await execute(createReminder, adviser, { clientId: client.id, dueOn: "2019-09-01", note: marker })).toMatchObject({ ok: true });
    expect(await tablesHolding(marker)).toHaveLength(1);
    await retentionThen(3, async (tx) => {
      expect(await rowsHolding(tx, marker)).toEqual([]);
      const open = await tx.execute(sql`select count(*)::int as n from consents where client_id = ${client.id}::uuid and withdrawn_at is null`);
      expect(open.rows[0]).toEqual({ n: 0 });
      const erased = await tx.execute(sql`select count(*)::int as n from audit_log where action = 'retention.erase' and subject_id = ${client.id}::uuid`);
      expect(erased.rows[0]).toEqual({ n: 1 });
    });
  });

  it("each client a retention run erases is on record: in the audit trail under the client, on the case with the rule, and the run with its count", async () => {
    const admin = await makeActor("admin");
    const stale = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, contactPointId: org.contactPoints[0].id });
    await makeRecord(adviser, "advice_session", { place: { unitId: org.contactPoints[0].id, clientId: stale.id }, data: { occurredOn: "2019-03-01" } });
    // A withdrawal before, recorded by the adviser: the case tells the two apart.
    const withdrawn = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, contactPointId: org.contactPoints[0].id });
    expect(await execute(withdrawConsent, adviser, { clientId: withdrawn.id })).toMatchObject({ ok: true });
    const [de, en] = [translator("de"), translator("en")];
    const [deFormat, enFormat] = [formatter("de"), formatter("en")];
    await retentionThen(3, async (tx, run) => {
      // The audit trail filtered by the client shows its erasure, with the reason and the rule.
      const found = await searchAudit.run({ actor: admin, tx, locale: "en" }, auditSearchSchema.parse({ subjectId: stale.id }));
      const erasure = found.items.find((e) => e.action === "retention.erase");
      expect(erasure).toMatchObject({
        actorId: null,
        outcome: "ok",
        subjectId: stale.id,
        details: { by: "system", reason: "retention", rule: { retentionYears: 3, lastContactBefore: "2023-11-25" }, lastContactOn: "2019-03-01" },
      });
      expect(bySystem(erasure!)).toBe(true);
      expect(auditDetails(en, enFormat, erasure!)).toBe("retention rule: no contact for more than 3 years (last contact on 3/1/19)");
      expect(auditDetails(de, deFormat, erasure!)).toBe("Aufbewahrungsregel: kein Kontakt seit mehr als 3 Jahren (letzter Kontakt am 01.03.19)");
      // The run's entry, as the audit page shows it: its count.
      const runs = await searchAudit.run({ actor: admin, tx, locale: "en" }, auditSearchSchema.parse({ action: "retention.run" }));
      expect(runs.items[0].details).toMatchObject({ by: "system", erased: run.erased });
      expect(auditDetails(en, enFormat, runs.items[0])).toBe(`data of ${run.erased} clients erased: last contact before 11/25/23, retention 3 years`);
      expect(auditDetails(de, deFormat, runs.items[0])).toBe(`Daten von ${run.erased} Personen gelöscht: letzter Kontakt vor dem 25.11.23, Aufbewahrung 3 Jahre`);
      const perClient = await tx.execute(sql`select count(*)::int as n from audit_log where action = 'retention.erase' and id > ${runs.items[0].id - run.erased - 1}`);
      expect(perClient.rows[0]).toEqual({ n: run.erased });

      // The case says why, when and by whom: the rule here, the adviser there; no consent "withdrawn" by the rule.
      const cases = await Promise.all([stale, withdrawn].map((c) => getClient.run({ actor: adviser, tx, locale: "de" }, { id: c.id, deleted: false })));
      const [byRule, byAdviser] = cases.map((c) => c.erasures);
      expect(byRule).toEqual([expect.objectContaining({ reason: "retention", actorId: null, actorName: null, retentionYears: 3, lastContactOn: "2019-03-01" })]);
      expect(byAdviser).toEqual([expect.objectContaining({ reason: "withdrawal", actorId: adviser.userId, actorName: adviser.name, retentionYears: null })]);
      expect(cases[0].consents).toEqual([expect.objectContaining({ withdrawnBy: null })]);
      expect(cases[0].consents[0].withdrawnAt).toEqual(byRule[0].at);
      const at = (locale: "de" | "en") => formatter(locale).dateTime(byRule[0].at, { dateStyle: "medium", timeStyle: "short" });
      expect(erasureText(de, deFormat, byRule[0])).toBe(
        `Personenbezogene Daten am ${at("de")} gelöscht nach der Aufbewahrungsregel: kein Kontakt seit mehr als 3 Jahren (letzter Kontakt am 01.03.2019).`,
      );
      expect(erasureText(en, enFormat, byRule[0])).toBe(
        `Personal data erased on ${at("en")} under the retention rule: no contact for more than 3 years (last contact on Mar 1, 2019).`,
      );
      expect(erasureText(en, enFormat, byAdviser[0])).toMatch(new RegExp(`^Personal data erased on .+: consent withdrawn, recorded by ${adviser.name}\\.$`));
    });
  });

  it("the last contact counts every date the person was involved: a recent enrolment outcome, a reminder done", async () => {
    const place = { unitId: org.contactPoints[0].id };
    const scheme = await makeRecord(adviser, "job_training_scheme", { data: { occurredOn: "2020-01-15", format: "course" } });
    const enrolled = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, contactPointId: place.unitId });
    await makeRecord(adviser, "enrolment", {
      place: { schemeId: scheme.id, clientId: enrolled.id },
      data: { occurredOn: "2020-02-01", outcome: "successful", achievement: "full_equivalence", outcomeOn: "2026-05-01" },
    });
    const followedUp = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, contactPointId: place.unitId });
    await makeRecord(adviser, "advice_session", { place: { ...place, clientId: followedUp.id }, data: { occurredOn: "2020-02-01" } });
    const reminder = await execute(createReminder, adviser, { clientId: followedUp.id, dueOn: "2020-03-01", note: "Nachfragen" });
    expect(await execute(completeReminder, adviser, { id: reminder.ok ? reminder.value.id : "" })).toMatchObject({ ok: true });
    // The same without the later dates: erased under the same rule.
    const gone = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, contactPointId: place.unitId });
    await makeRecord(adviser, "enrolment", { place: { schemeId: scheme.id, clientId: gone.id }, data: { occurredOn: "2020-02-01" } });
    await retentionThen(1, async (tx, run) => {
      expect(run.before).toBe("2025-11-25");
      const names = await tx.execute(sql`select id::text, full_name from clients where id in (${enrolled.id}::uuid, ${followedUp.id}::uuid, ${gone.id}::uuid)`);
      expect(Object.fromEntries((names.rows as { id: string; full_name: string | null }[]).map((r) => [r.id, r.full_name]))).toEqual({
        [enrolled.id]: PERSONAL_WITH_CONSENT.fullName,
        [followedUp.id]: PERSONAL_WITH_CONSENT.fullName,
        [gone.id]: null,
      });
    });
  });
});
