import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { execute } from "@/lib/operation";
import { kindSpec } from "@/lib/records/kinds";
import { makeActor, makeClient, makeOrg, makeRecord, placementFor, recordInput, updateInput } from "../helpers/factories";
import { errorOf, ops, rowOf } from "../helpers/records";

describe("job-training schemes and enrolments", () => {
  /** An adviser of contact point A0 (and so of subproject A). */
  let adviserA: Actor;
  beforeAll(async () => {
    const orgA = await makeOrg();
    adviserA = await makeActor("adviser", { unitIds: [orgA.contactPoints[0].id] });
  });

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
