import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { records } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { execute } from "@/lib/operation";
import type { PresentedRecord } from "@/lib/records/commands";
import { KINDS, kindSpec } from "@/lib/records/kinds";
import { makeActor, makeClient, makeOrg, makeRecord, newKey, placementFor, recordInput, updateInput } from "../helpers/factories";
import { EDITS, errorOf, ops, rowOf } from "../helpers/records";

type Org = Awaited<ReturnType<typeof makeOrg>>;

/** Records are seen, changed and created only within the actor's units (moved out of records.test.ts: one concept). */
describe("records: scope", () => {
  let orgA: Org;
  let orgB: Org;
  /** An adviser of contact point A0 (and so of subproject A). */
  let adviserA: Actor;
  /** An adviser of the sibling contact point A1: same subproject, other contact point. */
  let siblingA: Actor;
  /** An adviser of another region's contact point. */
  let adviserB: Actor;
  beforeAll(async () => {
    orgA = await makeOrg();
    orgB = await makeOrg();
    adviserA = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    siblingA = await makeActor("adviser", { unitIds: [orgA.contactPoints[1].id] });
    adviserB = await makeActor("adviser", { unitIds: [orgB.contactPoints[0].id] });
  });

    for (const spec of KINDS) {
      it(`${spec.kind}: an adviser of another contact point cannot see, change, delete or create into it`, async () => {
        const record = await makeRecord(adviserA, spec.kind);
        // A fresh outsider of region B, so that "records they created" below counts only this test's attempts.
        const outsider = await makeActor("adviser", { unitIds: [orgB.contactPoints[0].id] });
        for (const other of [outsider, ...(spec.unitLevel === "contact_point" ? [siblingA] : [])]) {
          expect(errorOf(await execute(ops(spec).get, other, { id: record.id }))).toEqual({ kind: "not_found" });
          expect(errorOf(await execute(ops(spec).versions, other, { id: record.id }))).toEqual({ kind: "not_found" });
          expect(errorOf(await execute(ops(spec).update, other, updateInput(spec, record, EDITS[spec.kind])))).toEqual({ kind: "not_found" });
          expect(errorOf(await execute(ops(spec).remove, other, { id: record.id, version: 1 }))).toEqual({ kind: "not_found" });
        }
        expect(await rowOf(record.id)).toMatchObject({ version: 1, deletedAt: null });

        // Creating into A's unit, with A's client or on A's scheme, is refused naming that field.
        const theirs = await placementFor(adviserA, spec);
        const mine = await placementFor(outsider, spec);
        const placeField = spec.unitLevel === "scheme" ? "schemeId" : "unitId";
        const intoTheirUnit = await execute(ops(spec).create, outsider, recordInput(spec, { ...mine, [placeField]: theirs[placeField] }), "en");
        expect(errorOf(intoTheirUnit)).toEqual({
          kind: "validation",
          fieldErrors: { [placeField]: [placeField === "schemeId" ? "This scheme is not assigned to you." : "This unit is not assigned to you."] },
        });
        if (spec.clientBased) {
          const withTheirClient = await execute(ops(spec).create, outsider, recordInput(spec, { ...mine, clientId: theirs.clientId }), "en");
          expect(errorOf(withTheirClient)).toEqual({ kind: "validation", fieldErrors: { clientId: ["This client is not assigned to you."] } });
        }
        const db = await getDb();
        const [{ n }] = await db
          .select({ n: count() })
          .from(records)
          .where(and(eq(records.createdBy, outsider.userId), eq(records.kind, spec.kind)));
        expect(n).toBe(0);
      });

      it(`${spec.kind}: an edit cannot move a record to a unit or client of someone else`, async () => {
        const record = await makeRecord(adviserA, spec.kind);
        if (spec.unitLevel !== "scheme") {
          const moved = await execute(ops(spec).update, adviserA, updateInput(spec, record, { unitId: spec.unitLevel === "contact_point" ? orgB.contactPoints[0].id : orgB.subproject.id }));
          expect(errorOf(moved)).toMatchObject({ kind: "validation", fieldErrors: { unitId: [expect.any(String)] } });
          // A unit of the wrong level is refused too (a subproject for a contact point's record, or the reverse).
          const wrongLevel = await execute(ops(spec).update, adviserA, updateInput(spec, record, { unitId: spec.unitLevel === "contact_point" ? orgA.subproject.id : orgA.contactPoints[0].id }));
          expect(errorOf(wrongLevel)).toMatchObject({ kind: "validation", fieldErrors: { unitId: [expect.any(String)] } });
        }
        if (spec.clientBased) {
          const other = await makeClient(adviserB);
          const reassigned = await execute(ops(spec).update, adviserA, updateInput(spec, record, { clientId: other.id }));
          expect(errorOf(reassigned)).toMatchObject({ kind: "validation", fieldErrors: { clientId: [expect.any(String)] } });
        }
        expect(await rowOf(record.id)).toMatchObject({ version: 1, unitId: record.unitId, clientId: record.clientId });
      });
    }

    it("coordinators and admins get no records at all", async () => {
      const record = await makeRecord(adviserA, "advice_session");
      const spec = kindSpec("advice_session");
      for (const actor of [
        await makeActor("regional_coordinator", { regionId: orgA.region.id }),
        await makeActor("network_coordinator"),
        await makeActor("admin"),
      ]) {
        expect(errorOf(await execute(ops(spec).get, actor, { id: record.id }))).toEqual({ kind: "forbidden" });
        expect(errorOf(await execute(ops(spec).list, actor, {}))).toEqual({ kind: "forbidden" });
      }
    });

    it("lists page and filter by date and unit, within the adviser's units only", async () => {
      const adviser = await makeActor("adviser", { unitIds: [orgA.subproject.id] });
      const spec = kindSpec("fair_integration_event");
      // Assigned to the subproject, the adviser works for both its contact points.
      const [cp0, cp1] = orgA.contactPoints.map((c) => c.id);
      expect(adviser.contactPointIds.sort()).toEqual([cp0, cp1].sort());
      const made: PresentedRecord[] = [];
      for (const [unitId, occurredOn] of [
        [cp0, "2019-03-01"],
        [cp0, "2019-03-15"],
        [cp1, "2019-03-10"],
        [cp1, "2019-04-02"],
      ]) {
        const title = `Liste ${newKey()}`;
        made.push(await makeRecord(adviser, spec.kind, { place: { unitId }, data: { occurredOn, title } }));
      }
      const ids = new Set(made.map((r) => r.id));
      const mine = async (q: Record<string, unknown>) => {
        const result = await execute(ops(spec).list, adviser, { pageSize: 200, ...q });
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        return result.value.items.filter((r) => ids.has(r.id)).map((r) => r.occurredOn);
      };
      expect(await mine({ from: "2019-03-01", to: "2019-03-31" })).toEqual(["2019-03-15", "2019-03-10", "2019-03-01"]);
      expect(await mine({ unitId: cp1 })).toEqual(["2019-04-02", "2019-03-10"]);
      expect(await mine({ unitId: cp0, from: "2019-03-02" })).toEqual(["2019-03-15"]);

      const page1 = await execute(ops(spec).list, adviser, { from: "2019-03-01", to: "2019-04-30", unitId: cp1, page: 1, pageSize: 1 });
      const page2 = await execute(ops(spec).list, adviser, { from: "2019-03-01", to: "2019-04-30", unitId: cp1, page: 2, pageSize: 1 });
      expect(page1).toMatchObject({ ok: true, value: { page: 1, pageSize: 1 } });
      expect(page1.ok && page1.value.total).toBeGreaterThanOrEqual(2);
      expect(page1.ok && page1.value.items).toHaveLength(1);
      expect(page2.ok && page2.value.items[0].id).not.toBe(page1.ok && page1.value.items[0].id);
    });
});
