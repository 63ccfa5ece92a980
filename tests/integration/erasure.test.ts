import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { createReminder, withdrawConsent } from "@/lib/clients/commands";
import { runRetention } from "@/lib/clients/retention";
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
});
