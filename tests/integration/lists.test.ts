import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { completeReminder, createReminder } from "@/lib/clients/commands";
import { getClient, searchClients } from "@/lib/clients/queries";
import { execute, type OperationError, type Result } from "@/lib/operation";
import { listRecordAdvisers } from "@/lib/records/advisers";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { makeActor, makeClient, makeOrg, makeRecord, TEST_CONSENT_PURPOSE } from "../helpers/factories";

const errorOf = <R>(result: Result<R>): OperationError | undefined => (result.ok ? undefined : result.error);
const valueOf = <R>(result: Result<R>): R => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

/** The case list, the client picker and the record lists: scope, paging, sorting and filters. */
describe("lists", () => {
  describe("the case list (clients.search)", () => {
    let adviser: Actor;
    let cp0: string;
    let cp1: string;
    /** c1: contacts on 1 Mar and 1 May, a reminder done; c2: contact on 1 Feb, a reminder due later; c3: no contact yet; c4: contact on 1 Apr, a reminder overdue. */
    const c: Record<"c1" | "c2" | "c3" | "c4", { id: string; ref: string }> = {} as never;
    const search = async (q: Record<string, unknown>, who: Actor = adviser) => valueOf(await execute(searchClients, who, { pageSize: 200, ...q }));
    const ids = async (q: Record<string, unknown>, who: Actor = adviser) => (await search(q, who)).items.map((i) => i.id);
    const names = (list: string[]) => list.map((id) => Object.entries(c).find(([, v]) => v.id === id)?.[0] ?? id);

    beforeAll(async () => {
      // A contact point pair of its own, so that the list holds exactly this test's clients.
      const org = await makeOrg();
      [cp0, cp1] = org.contactPoints.map((u) => u.id);
      adviser = await makeActor("adviser", { unitIds: [org.subproject.id] });
      const at = async (contactPointId: string) => {
        // With a consent: a reminder's note is about the person and needs one.
        const client = await makeClient(adviser, { contactPointId, consentGivenOn: "2019-01-15", consentPurposeId: TEST_CONSENT_PURPOSE.id });
        return { id: client.id, ref: client.ref };
      };
      c.c1 = await at(cp0);
      c.c2 = await at(cp0);
      c.c3 = await at(cp1);
      c.c4 = await at(cp1);
      const session = (clientId: string, unitId: string, occurredOn: string) => makeRecord(adviser, "advice_session", { place: { unitId, clientId }, data: { occurredOn } });
      await session(c.c1.id, cp0, "2019-03-01");
      await session(c.c1.id, cp0, "2019-05-01");
      await session(c.c2.id, cp0, "2019-02-01");
      await session(c.c4.id, cp1, "2019-04-01");
      // A deleted contact is no contact: c2's last contact stays 1 Feb.
      const removed = await session(c.c2.id, cp0, "2019-06-01");
      valueOf(await execute(RECORD_OPERATIONS.advice_session.remove, adviser, { id: removed.id, version: removed.version }));
      const done = valueOf(await execute(createReminder, adviser, { clientId: c.c1.id, dueOn: "2019-06-01", note: "Erledigt" }));
      valueOf(await execute(completeReminder, adviser, { id: done.id }));
      valueOf(await execute(createReminder, adviser, { clientId: c.c2.id, dueOn: "2099-01-01", note: "Später" }));
      valueOf(await execute(createReminder, adviser, { clientId: c.c4.id, dueOn: "2019-07-01", note: "Überfällig" }));
    });

    it("says each case's last contact and its open and overdue reminders", async () => {
      const { items, total } = await search({});
      expect(total).toBe(4);
      const row = (id: string) => items.find((i) => i.id === id);
      expect(row(c.c1.id)).toMatchObject({ lastContact: "2019-05-01", openReminders: 0, overdueReminders: 0 });
      expect(row(c.c2.id)).toMatchObject({ lastContact: "2019-02-01", openReminders: 1, overdueReminders: 0 });
      expect(row(c.c3.id)).toMatchObject({ lastContact: null, openReminders: 0, overdueReminders: 0 });
      expect(row(c.c4.id)).toMatchObject({ lastContact: "2019-04-01", openReminders: 1, overdueReminders: 1 });
    });

    it("sorts by last contact (no contact yet first), by reference and by open reminders, each way", async () => {
      expect(names(await ids({ sort: "lastContact" }))).toEqual(["c3", "c1", "c4", "c2"]);
      expect(names(await ids({ sort: "lastContact", order: "asc" }))).toEqual(["c3", "c2", "c4", "c1"]);
      const byRef = Object.values(c)
        .map((v) => v.ref)
        .sort();
      expect((await search({ sort: "ref" })).items.map((i) => i.ref)).toEqual(byRef);
      expect((await search({ sort: "ref", order: "desc" })).items.map((i) => i.ref)).toEqual([...byRef].reverse());
      // Most open reminders first, the overdue ones before; the rest by reference.
      const rest = [c.c1, c.c3].sort((a, b) => a.ref.localeCompare(b.ref)).map((v) => v.id);
      expect(await ids({ sort: "reminders" })).toEqual([c.c4.id, c.c2.id, ...rest]);
    });

    it("filters by open or overdue reminders, contact point and the last contact's dates", async () => {
      expect(names(await ids({ reminders: "open", sort: "ref" })).sort()).toEqual(["c2", "c4"]);
      expect(names(await ids({ reminders: "overdue" }))).toEqual(["c4"]);
      expect(names(await ids({ contactPointId: cp1 })).sort()).toEqual(["c3", "c4"]);
      expect(names(await ids({ lastContactFrom: "2019-03-15", lastContactTo: "2019-04-30" }))).toEqual(["c4"]);
      expect(names(await ids({ lastContactFrom: "2019-04-01", sort: "lastContact" }))).toEqual(["c1", "c4"]);
      expect(names(await ids({ lastContactTo: "2019-02-28" }))).toEqual(["c2"]);
      // Filters combine; nothing left is an empty page, not an error.
      expect(await search({ reminders: "overdue", contactPointId: cp0 })).toMatchObject({ items: [], total: 0 });
      // A GET form sends its empty fields as "": not given.
      expect((await search({ reminders: "", contactPointId: "", lastContactFrom: "", lastContactTo: "", sort: "", order: "" })).total).toBe(4);
    });

    it("pages without overlap, with the total of every page", async () => {
      const first = await search({ sort: "ref", pageSize: 3, page: 1 });
      const second = await search({ sort: "ref", pageSize: 3, page: 2 });
      expect([first.total, second.total]).toEqual([4, 4]);
      expect(first.items).toHaveLength(3);
      expect(second.items).toHaveLength(1);
      expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(4);
      expect((await search({ sort: "ref", pageSize: 3, page: 3 })).items).toEqual([]);
    });

    it("holds an adviser to their own contact points, whatever the filter asks", async () => {
      const outsider = await makeActor("adviser", { unitIds: [(await makeOrg()).contactPoints[0].id] });
      expect(await search({}, outsider)).toMatchObject({ items: [], total: 0 });
      expect(await search({ contactPointId: cp0, reminders: "open" }, outsider)).toMatchObject({ items: [], total: 0 });
      expect(await search({ q: c.c1.ref }, outsider)).toMatchObject({ items: [], total: 0 });
      // An adviser of cp0 only: cp1's cases do not exist for them, even asked by name.
      const sibling = await makeActor("adviser", { unitIds: [cp0] });
      expect(names(await ids({}, sibling)).sort()).toEqual(["c1", "c2"]);
      expect(await search({ contactPointId: cp1 }, sibling)).toMatchObject({ items: [], total: 0 });
    });

    it("refuses an unknown sort, filter value or date, naming the field", async () => {
      const refused = errorOf(await execute(searchClients, adviser, { sort: "name", reminders: "sometimes", lastContactFrom: "2019-02-30" }, "en"));
      expect(refused).toMatchObject({ kind: "validation", fieldErrors: { sort: [expect.any(String)], reminders: [expect.any(String)], lastContactFrom: [expect.any(String)] } });
    });
  });

  describe("record lists", () => {
    it("filter by adviser and client reference; the adviser choices are the colleagues of one's own units", async () => {
      const org = await makeOrg();
      const other = await makeOrg();
      const me = await makeActor("adviser", { unitIds: [org.contactPoints[0].id] });
      const colleague = await makeActor("adviser", { unitIds: [org.contactPoints[0].id] });
      const outsider = await makeActor("adviser", { unitIds: [other.contactPoints[0].id] });
      const unitId = org.contactPoints[0].id;
      const client = await makeClient(me);
      const mine = await makeRecord(me, "advice_session", { place: { unitId, clientId: client.id }, data: { occurredOn: "2019-03-01" } });
      const theirs = await makeRecord(colleague, "advice_session", { place: { unitId, clientId: (await makeClient(colleague)).id }, data: { occurredOn: "2019-03-02" } });
      await makeRecord(outsider, "advice_session");

      const list = async (q: Record<string, unknown>, who: Actor = me) =>
        valueOf(await execute(RECORD_OPERATIONS.advice_session.list, who, { pageSize: 200, ...q })).items.map((r) => r.id);
      expect((await list({})).sort()).toEqual([mine.id, theirs.id].sort());
      expect(await list({ adviserId: colleague.userId })).toEqual([theirs.id]);
      expect(await list({ adviserId: me.userId })).toEqual([mine.id]);
      // Part of a reference, in any case; % and _ are taken literally.
      expect(await list({ clientRef: client.ref.slice(2).toLowerCase() })).toEqual([mine.id]);
      expect(await list({ clientRef: "%" })).toEqual([]);
      // Combined with the dates.
      expect(await list({ adviserId: colleague.userId, from: "2019-03-03" })).toEqual([]);
      // The outsider's filters reach nothing of ours.
      expect(await list({ adviserId: me.userId }, outsider)).toEqual([]);
      expect(await list({ clientRef: client.ref }, outsider)).toEqual([]);

      const advisers = valueOf(await execute(listRecordAdvisers, me, {}));
      expect(advisers.map((a) => a.id).sort()).toEqual([me.userId, colleague.userId].sort());
      const theirsSeen = valueOf(await execute(listRecordAdvisers, outsider, {}));
      expect(theirsSeen.map((a) => a.id)).toEqual([outsider.userId]);
      for (const actor of [await makeActor("network_coordinator"), await makeActor("admin")]) {
        expect(errorOf(await execute(listRecordAdvisers, actor, {}))).toEqual({ kind: "forbidden" });
      }
    });
  });

  describe("a case's deleted records", () => {
    it("are left off the timeline unless asked for, and then marked deleted", async () => {
      const org = await makeOrg();
      const adviser = await makeActor("adviser", { unitIds: [org.contactPoints[0].id] });
      const client = await makeClient(adviser);
      const place = { unitId: org.contactPoints[0].id, clientId: client.id };
      const kept = await makeRecord(adviser, "advice_session", { place, data: { occurredOn: "2019-03-01" } });
      const gone = await makeRecord(adviser, "advice_session", { place, data: { occurredOn: "2019-04-01" } });
      valueOf(await execute(RECORD_OPERATIONS.advice_session.remove, adviser, { id: gone.id, version: gone.version }));

      const plain = valueOf(await execute(getClient, adviser, { id: client.id }));
      expect(plain.timeline.map((r) => r.id)).toEqual([kept.id]);
      const all = valueOf(await execute(getClient, adviser, { id: client.id, deleted: "true" }));
      expect(all.timeline.map((r) => [r.id, r.deletedAt !== null])).toEqual([
        [gone.id, true],
        [kept.id, false],
      ]);
      expect(valueOf(await execute(getClient, adviser, { id: client.id, deleted: false })).timeline).toHaveLength(1);
    });
  });
});
