import { and, asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clients, history, idempotencyKeys, records, type RecordKind } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { execute } from "@/lib/operation";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { KINDS, kindSpec } from "@/lib/records/kinds";
import { makeActor, makeOrg, makeRecord, newKey, placementFor, readingAllClients, recordInput, updateInput } from "../helpers/factories";
import { EDITS, errorOf, ops, rowOf } from "../helpers/records";

type Org = Awaited<ReturnType<typeof makeOrg>>;

async function historyOf(id: string) {
  const db = await getDb();
  return db.select().from(history).where(and(eq(history.subjectId, id), eq(history.subjectType, "record"))).orderBy(asc(history.version));
}

describe("records", () => {
  let orgA: Org;
  let orgB: Org;
  /** An adviser of contact point A0 (and so of subproject A). */
  let adviserA: Actor;
  /** Another adviser of the same contact point A0. */
  let colleagueA: Actor;
  /** An adviser of another region's contact point. */
  let adviserB: Actor;
  beforeAll(async () => {
    orgA = await makeOrg();
    orgB = await makeOrg();
    adviserA = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
    colleagueA = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
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
        const editedRow = await rowOf(record.id);
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

        // One time per change: the record's timestamps are its history version's (the transaction's), so
        // "changed after R" reads the same from the records table as from the history.
        const [created, updated, removed] = versions;
        expect(row.createdAt, "created").toEqual(created.at);
        expect(editedRow.updatedAt, "edited").toEqual(updated.at);
        expect(row.updatedAt, "deleted").toEqual(removed.at);
        expect(row.deletedAt, "deleted").toEqual(removed.at);

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

});
