import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Tx } from "@/db/client";
import { APP_ROLE, seeContactPoints } from "@/db/row-security";
import type { Actor } from "@/lib/auth/actor";
import { createClient, createReminder, withdrawConsent } from "@/lib/clients/commands";
import { execute } from "@/lib/operation";
import { getClient } from "@/lib/clients/queries";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { kindSpec } from "@/lib/records/kinds";
import { PERSONAL_WITH_CONSENT, clientInput, makeActor, makeClient, makeOrg, makeRecord, readingAllClients, updateInput } from "../helpers/factories";

class RollBack extends Error {}

/** Runs `attempt` in a transaction that is always rolled back; answers its result or its error. */
async function inRolledBackTransaction<T>(attempt: (tx: Tx) => Promise<T>): Promise<{ value?: T; error?: string }> {
  let value: T | undefined;
  try {
    await (await getDb()).transaction(async (tx) => {
      value = await attempt(tx);
      throw new RollBack();
    });
  } catch (error) {
    if (error instanceof RollBack) return { value };
    const e = error as Error & { cause?: Error };
    return { error: e.cause?.message ?? e.message };
  }
  return { value };
}

const idsOf = (rows: unknown[]) => (rows as { id: string }[]).map((r) => r.id).sort();

describe("row-level security on the client tables", () => {
  let org: Awaited<ReturnType<typeof makeOrg>>;
  let here: Actor;
  let there: Actor;
  let mine: string[];
  let theirs: string[];
  beforeAll(async () => {
    org = await makeOrg();
    here = await makeActor("adviser", { unitIds: [org.contactPoints[0].id] });
    there = await makeActor("adviser", { unitIds: [org.contactPoints[1].id] });
    mine = idsOf([await makeClient(here, PERSONAL_WITH_CONSENT), await makeClient(here)]);
    theirs = idsOf([await makeClient(there, PERSONAL_WITH_CONSENT)]);
    await execute(createReminder, there, { clientId: theirs[0], dueOn: "2019-09-01", note: "Unterlagen nachreichen" });
  });

  it("the app's connection runs as a role that is no superuser, owns no table and cannot bypass row security", async () => {
    const [role] = (
      await (await getDb()).execute(sql`
        select current_user as name, current_setting('is_superuser') as superuser, r.rolbypassrls as bypass,
               (select count(*) from pg_tables t where t.schemaname = 'public' and t.tableowner = current_user)::int as owned
        from pg_roles r where r.rolname = current_user`)
    ).rows;
    expect(role).toEqual({ name: APP_ROLE, superuser: "off", bypass: false, owned: 0 });
  });

  it("a transaction that declared no contact point sees no client, consent or reminder", async () => {
    const everything = [...mine, ...theirs];
    const seen = await inRolledBackTransaction(async (tx) => ({
      clients: (await tx.execute(sql`select id from clients where id in (${sql.join(everything.map((id) => sql`${id}::uuid`), sql`, `)})`)).rows.length,
      consents: (await tx.execute(sql`select count(*)::int as n from consents`)).rows[0],
      reminders: (await tx.execute(sql`select count(*)::int as n from reminders`)).rows[0],
    }));
    expect(seen.value).toEqual({ clients: 0, consents: { n: 0 }, reminders: { n: 0 } });
    // They are there: the retention job's view sees them.
    const all = await readingAllClients((tx) => tx.execute(sql`select id from clients where contact_point_id in (${org.contactPoints[0].id}::uuid, ${org.contactPoints[1].id}::uuid)`));
    expect(idsOf(all.rows)).toEqual([...mine, ...theirs].sort());
  });

  it("a query that forgets its contact-point condition still gets only the adviser's clients, consents and reminders", async () => {
    const seen = await inRolledBackTransaction(async (tx) => {
      await seeContactPoints(tx, here.contactPointIds);
      const clients = await tx.execute(sql`select id from clients where contact_point_id in (${org.contactPoints[0].id}::uuid, ${org.contactPoints[1].id}::uuid)`);
      const consents = await tx.execute(sql`select client_id as id from consents where client_id in (${mine[0]}::uuid, ${mine[1]}::uuid, ${theirs[0]}::uuid)`);
      const reminders = await tx.execute(sql`select client_id as id from reminders where client_id = ${theirs[0]}::uuid`);
      return { clients: idsOf(clients.rows), consents: consents.rows.length, reminders: reminders.rows.length };
    });
    expect(seen.value).toEqual({ clients: mine, consents: 1, reminders: 0 });
  });

  it("an update or delete of another contact point's client touches nothing", async () => {
    const changed = await inRolledBackTransaction(async (tx) => {
      await seeContactPoints(tx, here.contactPointIds);
      const updated = await tx.execute(sql`update clients set full_name = 'überschrieben' where id = ${theirs[0]}::uuid`);
      const deleted = await tx.execute(sql`delete from reminders where client_id = ${theirs[0]}::uuid`);
      return [updated.rowCount, deleted.rowCount];
    });
    expect(changed.value).toEqual([0, 0]);
  });

  it("an erasure on record is seen only with its client, and the app's role can neither change nor delete it", async () => {
    const erased = await makeClient(there, PERSONAL_WITH_CONSENT);
    expect(await execute(withdrawConsent, there, { clientId: erased.id })).toMatchObject({ ok: true });
    const count = (tx: Tx) => tx.execute(sql`select count(*)::int as n from erasures where client_id = ${erased.id}::uuid`).then((r) => r.rows[0]);
    expect((await inRolledBackTransaction(count)).value).toEqual({ n: 0 });
    expect((await inRolledBackTransaction(async (tx) => (await seeContactPoints(tx, here.contactPointIds), count(tx)))).value).toEqual({ n: 0 });
    expect(await readingAllClients(count)).toEqual({ n: 1 });
    for (const change of [sql`update erasures set at = now() where client_id = ${erased.id}::uuid`, sql`delete from erasures where client_id = ${erased.id}::uuid`]) {
      const attempt = await inRolledBackTransaction(async (tx) => (await seeContactPoints(tx, there.contactPointIds), tx.execute(change)));
      expect(attempt.error).toMatch(/permission denied/);
    }
  });

  it("a client cannot be written into, or moved to, a contact point the transaction did not declare", async () => {
    const inserted = await inRolledBackTransaction(async (tx) => {
      await seeContactPoints(tx, here.contactPointIds);
      return tx.execute(sql`insert into clients (ref, contact_point_id) values ('K-TEST-RLS1', ${org.contactPoints[1].id}::uuid)`);
    });
    expect(inserted.error).toMatch(/row-level security/);
    const moved = await inRolledBackTransaction(async (tx) => {
      await seeContactPoints(tx, here.contactPointIds);
      return tx.execute(sql`update clients set contact_point_id = ${org.contactPoints[1].id}::uuid where id = ${mine[0]}::uuid`);
    });
    expect(moved.error).toMatch(/row-level security/);
  });

  it("an adviser edits an enrolment of their subproject whose client is registered at a sibling contact point", async () => {
    // The ledger needs that client's statistical attributes, which row security hides from this adviser.
    const enrolment = await makeRecord(here, "enrolment", { data: { occurredOn: "2019-05-14" } });
    const edited = await execute(RECORD_OPERATIONS.enrolment.update, there, updateInput(kindSpec("enrolment"), enrolment, { occurredOn: "2019-05-20" }));
    expect(edited).toMatchObject({ ok: true, value: { id: enrolment.id, occurredOn: "2019-05-20" } });
    expect(await execute(getClient, there, { id: enrolment.clientId })).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });

  it("the operations declare the acting adviser's contact points: they work as before", async () => {
    const created = await execute(createClient, here, clientInput(here.contactPointIds[0], { ...PERSONAL_WITH_CONSENT, fullName: "Row Security Probe" }));
    expect(created).toMatchObject({ ok: true, value: { fullName: "Row Security Probe" } });
  });
});
