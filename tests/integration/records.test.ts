import { and, asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clients, history, idempotencyKeys, records, type RecordKind } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { execute, type OperationError, type Result } from "@/lib/operation";
import { RECORD_OPERATIONS, type PresentedRecord } from "@/lib/records/commands";
import { KINDS, kindSpec, type KindSpec } from "@/lib/records/kinds";
import { makeActor, makeClient, makeOrg, makeRecord, newKey, placementFor, readingAllClients, recordInput, updateInput } from "../helpers/factories";

type Org = Awaited<ReturnType<typeof makeOrg>>;

const ops = (spec: KindSpec) => RECORD_OPERATIONS[spec.kind];
const errorOf = <R>(result: Result<R>): OperationError | undefined => (result.ok ? undefined : result.error);

/** One edit per kind that changes exactly one of the kind's own fields. */
const EDITS: Record<RecordKind, Record<string, unknown>> = {
  advice_session: { channel: "video" },
  fair_integration_session: { topics: ["holidays"] },
  fair_integration_event: { participants: 30 },
  job_training_scheme: { title: "Brückenmaßnahme Pflege" },
  enrolment: { endOn: "2019-11-30" },
  intercultural_activity: { participants: 20 },
  skilled_worker_activity: { peopleReached: 55 },
};

async function historyOf(id: string) {
  const db = await getDb();
  return db.select().from(history).where(and(eq(history.subjectId, id), eq(history.subjectType, "record"))).orderBy(asc(history.version));
}

async function rowOf(id: string) {
  const [row] = await (await getDb()).select().from(records).where(eq(records.id, id));
  return row;
}

describe("records", () => {
  let orgA: Org;
  let orgB: Org;
  /** An adviser of contact point A0 (and so of subproject A). */
  let adviserA: Actor;
  /** Another adviser of the same contact point A0. */
  let colleagueA: Actor;
  /** An adviser of the sibling contact point A1: same subproject, other contact point. */
  let siblingA: Actor;
  /** An adviser of another region's contact point. */
  let adviserB: Actor;
  beforeAll(async () => {
    orgA = await makeOrg();
    orgB = await makeOrg();
    adviserA = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    colleagueA = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    siblingA = await makeActor("adviser", { unitIds: [orgA.contactPoints[1].id] });
    adviserB = await makeActor("adviser", { unitIds: [orgB.contactPoints[0].id] });
  });

  it("lists name each record's client by reference", async () => {
    const adviser = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    const record = await makeRecord(adviser, "advice_session");
    const list = await execute(RECORD_OPERATIONS.advice_session.list, adviser, { clientId: record.clientId! });
    const [client] = await readingAllClients((tx) => tx.select().from(clients).where(eq(clients.id, record.clientId!)));
    expect(list.ok && list.value.items.map((r) => [r.id, r.clientRef])).toEqual([[record.id, client.ref]]);
  });

  describe("idempotent creates (quality target R1, docs/quality.md)", () => {
    for (const spec of KINDS) {
      it(`${spec.kind}: the same create sent 20 times at once makes one record, and every answer names it`, async () => {
        // A fresh adviser, so that "records this adviser created" counts exactly this request's rows.
        const adviser = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
        const input = recordInput(spec, await placementFor(adviser, spec));
        const results = await Promise.all(Array.from({ length: 20 }, () => execute(ops(spec).create, adviser, input)));

        expect(results.map((r) => r.ok)).toEqual(Array(20).fill(true));
        const ids = new Set(results.map((r) => (r.ok ? r.value.id : null)));
        expect(ids.size).toBe(1);
        const [id] = ids as Set<string>;

        const db = await getDb();
        const [{ n }] = await db
          .select({ n: count() })
          .from(records)
          .where(and(eq(records.createdBy, adviser.userId), eq(records.kind, spec.kind)));
        expect(n).toBe(1);
        const keys = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.actorId, adviser.userId));
        expect(keys.filter((k) => k.key === input.idempotencyKey)).toEqual([expect.objectContaining({ resultId: id, operation: `records.${spec.kind}.create` })]);
        expect(await historyOf(id)).toHaveLength(1);
      });
    }

    it("a retry after the first create finished answers with the same record", async () => {
      const spec = kindSpec("advice_session");
      const input = recordInput(spec, await placementFor(adviserA, spec));
      const first = await execute(ops(spec).create, adviserA, input);
      const again = await execute(ops(spec).create, adviserA, input);
      expect(first.ok && again.ok).toBe(true);
      expect(again.ok && again.value.id).toBe(first.ok && first.value.id);
    });

    it("the key is the adviser's own: the same key from two advisers makes two records", async () => {
      const spec = kindSpec("fair_integration_event");
      const key = newKey();
      const one = await execute(ops(spec).create, adviserA, recordInput(spec, { unitId: adviserA.contactPointIds[0] }, { idempotencyKey: key }));
      const two = await execute(ops(spec).create, adviserB, recordInput(spec, { unitId: adviserB.contactPointIds[0] }, { idempotencyKey: key }));
      expect(one.ok && two.ok).toBe(true);
      expect(one.ok && one.value.id).not.toBe(two.ok && two.value.id);
    });

    it("a key already used for another kind is refused, naming the key", async () => {
      const key = newKey();
      const event = kindSpec("fair_integration_event");
      const activity = kindSpec("skilled_worker_activity");
      expect(await execute(ops(event).create, adviserA, recordInput(event, { unitId: adviserA.contactPointIds[0] }, { idempotencyKey: key }))).toMatchObject({ ok: true });
      const reused = await execute(ops(activity).create, adviserA, recordInput(activity, { unitId: adviserA.subprojectIds[0] }, { idempotencyKey: key }), "en");
      expect(errorOf(reused)).toEqual({ kind: "validation", fieldErrors: { idempotencyKey: ["This idempotency key was already used for something else."] } });
    });

    it("a refused create does not use up its key: the corrected retry succeeds", async () => {
      const spec = kindSpec("advice_session");
      const place = await placementFor(adviserA, spec);
      const key = newKey();
      const bad = await execute(ops(spec).create, adviserA, recordInput(spec, { ...place, unitId: orgB.contactPoints[0].id }, { idempotencyKey: key }));
      expect(errorOf(bad)?.kind).toBe("validation");
      const good = await execute(ops(spec).create, adviserA, recordInput(spec, place, { idempotencyKey: key }));
      expect(good).toMatchObject({ ok: true, value: { unitId: place.unitId } });
    });
  });

  describe("stale edits (quality target R2, docs/quality.md)", () => {
    it("two advisers edit the same record from the same version: one wins, the other gets a conflict with the winner's values", async () => {
      const spec = kindSpec("advice_session");
      const record = await makeRecord(adviserA, spec.kind);
      const [a, b] = await Promise.all([
        execute(ops(spec).update, adviserA, updateInput(spec, record, { channel: "video" })),
        execute(ops(spec).update, colleagueA, updateInput(spec, record, { channel: "email" })),
      ]);
      const winners = [a, b].filter((r) => r.ok);
      const losers = [a, b].filter((r) => !r.ok);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const won = (winners[0].ok ? winners[0].value : null) as Record<string, unknown> | null;
      expect(errorOf(losers[0])).toEqual({ kind: "conflict", current: expect.objectContaining({ id: record.id, version: 2, channel: won!.channel }) });

      const row = await rowOf(record.id);
      expect(row.version).toBe(2);
      expect(row.data.channel).toBe(won!.channel);
      expect((await historyOf(record.id)).map((h) => h.version)).toEqual([1, 2]);
    });

    for (const spec of KINDS) {
      it(`${spec.kind}: a stale edit or delete gets the current values and overwrites nothing`, async () => {
        const record = await makeRecord(adviserA, spec.kind);
        const fresh = await execute(ops(spec).update, adviserA, updateInput(spec, record, { ...EDITS[spec.kind], occurredOn: "2019-05-20" }));
        expect(fresh).toMatchObject({ ok: true, value: { version: 2, occurredOn: "2019-05-20", ...EDITS[spec.kind] } });

        const stale = await execute(ops(spec).update, adviserA, updateInput(spec, record, { occurredOn: "2019-01-02" }));
        expect(errorOf(stale)).toEqual({
          kind: "conflict",
          current: expect.objectContaining({ id: record.id, version: 2, occurredOn: "2019-05-20", ...EDITS[spec.kind] }),
        });
        const staleDelete = await execute(ops(spec).remove, adviserA, { id: record.id, version: 1 });
        expect(errorOf(staleDelete)).toMatchObject({ kind: "conflict", current: { version: 2 } });

        const row = await rowOf(record.id);
        expect(row).toMatchObject({ version: 2, occurredOn: "2019-05-20", deletedAt: null });
        expect(row.data).toMatchObject(EDITS[spec.kind]);
        expect(await historyOf(record.id)).toHaveLength(2);
      });
    }
  });

  describe("history", () => {
    for (const spec of KINDS) {
      it(`${spec.kind}: create, edit and delete each leave a version; a deleted record is gone from reads but kept`, async () => {
        const record = await makeRecord(adviserA, spec.kind);
        let versions = await historyOf(record.id);
        expect(versions).toEqual([expect.objectContaining({ version: 1, op: "create", actorId: adviserA.userId, changes: null })]);
        expect(versions[0].snapshot).toMatchObject({ unitId: record.unitId, occurredOn: record.occurredOn });

        const edited = await execute(ops(spec).update, colleagueA, updateInput(spec, record, { ...EDITS[spec.kind], occurredOn: "2019-05-21" }));
        expect(edited).toMatchObject({ ok: true, value: { version: 2 } });
        versions = await historyOf(record.id);
        expect(versions).toHaveLength(2);
        expect(versions[1]).toMatchObject({ version: 2, op: "update", actorId: colleagueA.userId });
        const [field] = Object.keys(EDITS[spec.kind]);
        expect(versions[1].changes).toEqual({
          occurredOn: { from: "2019-05-14", to: "2019-05-21" },
          [field]: { from: (record as Record<string, unknown>)[field], to: EDITS[spec.kind][field] },
        });

        const deleted = await execute(ops(spec).remove, adviserA, { id: record.id, version: 2 });
        expect(deleted).toEqual({ ok: true, value: { id: record.id, deleted: true, version: 3 } });
        versions = await historyOf(record.id);
        expect(versions.map((v) => [v.version, v.op])).toEqual([
          [1, "create"],
          [2, "update"],
          [3, "delete"],
        ]);

        expect(errorOf(await execute(ops(spec).get, adviserA, { id: record.id }))).toEqual({ kind: "not_found" });
        expect(errorOf(await execute(ops(spec).update, adviserA, updateInput(spec, record, { version: 3 })))).toEqual({ kind: "not_found" });
        const list = await execute(ops(spec).list, adviserA, { unitId: record.unitId, pageSize: 200 });
        expect(list.ok && list.value.items.map((r) => r.id)).not.toContain(record.id);
        const row = await rowOf(record.id);
        expect(row.deletedAt).toBeInstanceOf(Date);
        expect(row.deletedBy).toBe(adviserA.userId);

        // The change log stays readable after deletion, with who did what.
        const log = await execute(ops(spec).versions, adviserA, { id: record.id });
        expect(log.ok && log.value.map((v) => [v.version, v.op, v.actorName])).toEqual([
          [1, "create", adviserA.name],
          [2, "update", colleagueA.name],
          [3, "delete", adviserA.name],
        ]);
      });
    }
  });

  describe("scope", () => {
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

  describe("field errors", () => {
    it("names every bad field of a create, in German and in English", async () => {
      const spec = kindSpec("advice_session");
      const bad = { idempotencyKey: "short", occurredOn: "2019-02-30", unitId: "nope", clientId: 42, channel: "fax", stage: "", nextStep: "x" };
      const de = await execute(ops(spec).create, adviserA, bad, "de");
      const en = await execute(ops(spec).create, adviserA, bad, "en");
      expect(errorOf(de)).toEqual({
        kind: "validation",
        fieldErrors: {
          idempotencyKey: ["Mindestens 8 Zeichen."],
          occurredOn: ["Bitte ein gültiges Datum angeben."],
          unitId: ["Das ist keine gültige Kennung (UUID)."],
          clientId: ["Das ist keine gültige Kennung (UUID)."],
          channel: ["Bitte einen der angebotenen Werte wählen."],
          stage: ["Bitte einen der angebotenen Werte wählen."],
          adviceType: ["Bitte einen der angebotenen Werte wählen."],
          nextStep: ["Bitte einen der angebotenen Werte wählen."],
        },
      });
      expect(errorOf(en)).toEqual({
        kind: "validation",
        fieldErrors: {
          idempotencyKey: ["At least 8 characters."],
          occurredOn: ["Please enter a valid date."],
          unitId: ["This is not a valid identifier (UUID)."],
          clientId: ["This is not a valid identifier (UUID)."],
          channel: ["Please choose one of the offered values."],
          stage: ["Please choose one of the offered values."],
          adviceType: ["Please choose one of the offered values."],
          nextStep: ["Please choose one of the offered values."],
        },
      });
    });

    it("names every bad field of each kind's own fields", async () => {
      const cases: Record<RecordKind, [Record<string, unknown>, string[]]> = {
        advice_session: [{ stage: "later" }, ["stage"]],
        fair_integration_session: [{ topics: [], channel: null }, ["topics", "channel"]],
        fair_integration_event: [{ title: " ", participants: 0, topics: ["wages", "nope"] }, ["title", "participants", "topics.1"]],
        job_training_scheme: [{ format: "group", measureType: "", plannedEndOn: "31.12.2019" }, ["format", "measureType", "plannedEndOn"]],
        enrolment: [{ outcome: "passed", endOn: "2019-13-01" }, ["outcome", "endOn"]],
        intercultural_activity: [{ targetGroup: "schools", participants: -1, topics: "nope" }, ["targetGroup", "participants", "topics.0"]],
        skilled_worker_activity: [{ activityType: "fair", peopleReached: 1.5 }, ["activityType", "peopleReached"]],
      };
      for (const spec of KINDS) {
        const [bad, fields] = cases[spec.kind];
        const place = await placementFor(adviserA, spec);
        const result = await execute(ops(spec).create, adviserA, recordInput(spec, place, bad), "en");
        const error = errorOf(result);
        expect(error?.kind, spec.kind).toBe("validation");
        if (error?.kind !== "validation") continue;
        expect(Object.keys(error.fieldErrors).sort(), spec.kind).toEqual(fields.sort());
        for (const messages of Object.values(error.fieldErrors)) expect(messages.every((m) => m.length > 0 && !m.startsWith("errors."))).toBe(true);
      }
    });

    it("names a field the kind does not have", async () => {
      const spec = kindSpec("skilled_worker_activity");
      const result = await execute(ops(spec).create, adviserA, recordInput(spec, { unitId: adviserA.subprojectIds[0] }, { colour: "blue" }), "en");
      // Quality target R5 (docs/quality.md): every rejection says which field. An unknown field is reported under its own name.
      expect(errorOf(result)).toEqual({ kind: "validation", fieldErrors: { colour: ["Unknown field."] } });
    });

    it("an intercultural activity needs participants unless it is a consultation", async () => {
      const spec = kindSpec("intercultural_activity");
      const place = { unitId: adviserA.subprojectIds[0] };
      const training = await execute(ops(spec).create, adviserA, recordInput(spec, place, { participants: null }), "en");
      expect(errorOf(training)).toEqual({ kind: "validation", fieldErrors: { participants: ["Please give the number of participants."] } });
      const consultation = await execute(ops(spec).create, adviserA, recordInput(spec, place, { activityType: "consultation", participants: "" }));
      expect(consultation).toMatchObject({ ok: true, value: { activityType: "consultation" } });
    });
  });

  describe("job-training schemes and enrolments", () => {
    it("an individual scheme takes one enrolment; a course takes many", async () => {
      const enrolment = kindSpec("enrolment");
      const individual = await makeRecord(adviserA, "job_training_scheme", { data: { format: "individual" } });
      const course = await makeRecord(adviserA, "job_training_scheme", { data: { format: "course" } });
      const enrol = async (schemeId: string) => execute(ops(enrolment).create, adviserA, recordInput(enrolment, { schemeId, clientId: (await makeClient(adviserA)).id }), "en");

      const first = await enrol(individual.id);
      expect(first).toMatchObject({ ok: true, value: { parentId: individual.id, unitId: individual.unitId } });
      expect(errorOf(await enrol(individual.id))).toEqual({ kind: "validation", fieldErrors: { schemeId: ["An individual scheme has only one participant."] } });
      for (let i = 0; i < 3; i++) expect(await enrol(course.id)).toMatchObject({ ok: true, value: { parentId: course.id } });

      // Once the participant's enrolment is deleted, the place is free again.
      const removed = await execute(ops(enrolment).remove, adviserA, { id: first.ok ? first.value.id : "", version: 1 });
      expect(removed).toMatchObject({ ok: true });
      expect(await enrol(individual.id)).toMatchObject({ ok: true });
    });

    it("a scheme with enrolments cannot be deleted", async () => {
      const scheme = await makeRecord(adviserA, "job_training_scheme");
      await makeRecord(adviserA, "enrolment", { place: { schemeId: scheme.id, clientId: (await makeClient(adviserA)).id } });
      const result = await execute(ops(kindSpec("job_training_scheme")).remove, adviserA, { id: scheme.id, version: 1 }, "en");
      expect(errorOf(result)).toEqual({ kind: "validation", fieldErrors: { id: ["The scheme still has enrolments; please delete them first."] } });
      expect((await rowOf(scheme.id)).deletedAt).toBeNull();
    });

    it("outcome rules: successful needs what was achieved and the date; only a success has an achievement", async () => {
      const spec = kindSpec("enrolment");
      const place = await placementFor(adviserA, spec);
      const create = (data: Record<string, unknown>) => execute(ops(spec).create, adviserA, recordInput(spec, place, data), "en");

      expect(errorOf(await create({ outcome: "successful" }))).toEqual({
        kind: "validation",
        fieldErrors: { achievement: ["Please say what was achieved."], outcomeOn: ["Please give the date of the outcome."] },
      });
      expect(errorOf(await create({ outcome: "discontinued", outcomeOn: "" }))).toEqual({
        kind: "validation",
        fieldErrors: { outcomeOn: ["Please give the date of the outcome."] },
      });
      expect(errorOf(await create({ outcome: "ongoing", achievement: "full_equivalence" }))).toEqual({
        kind: "validation",
        fieldErrors: { achievement: ["Only for a successful outcome."] },
      });
      expect(errorOf(await create({ outcome: "successful", achievement: "job_entry_at_level", outcomeOn: "2019-05-01" }))).toEqual({
        kind: "validation",
        fieldErrors: { outcomeOn: ["The date is before the start."] },
      });
      expect(errorOf(await create({ outcome: "successful", achievement: "top", outcomeOn: "2019-09-01" }))).toMatchObject({
        kind: "validation",
        fieldErrors: { achievement: [expect.any(String)] },
      });

      const ok = await create({ outcome: "successful", achievement: "full_equivalence", outcomeOn: "2019-09-30" });
      expect(ok).toMatchObject({ ok: true, value: { outcome: "successful", achievement: "full_equivalence", outcomeOn: "2019-09-30" } });

      // The same rules hold for an edit: an ongoing enrolment that ends successfully.
      const ongoing = await makeRecord(adviserA, "enrolment");
      const incomplete = await execute(ops(spec).update, adviserA, updateInput(spec, ongoing, { outcome: "successful" }), "en");
      expect(errorOf(incomplete)).toMatchObject({ kind: "validation", fieldErrors: { achievement: [expect.any(String)], outcomeOn: [expect.any(String)] } });
      const done = await execute(ops(spec).update, adviserA, updateInput(spec, ongoing, { outcome: "successful", achievement: "job_entry_at_level", outcomeOn: "2019-10-01" }));
      expect(done).toMatchObject({ ok: true, value: { version: 2, outcome: "successful", achievement: "job_entry_at_level" } });
    });
  });
});
