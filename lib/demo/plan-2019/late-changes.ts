/**
 * Changes around the reference date (see index.ts): records deleted or corrected before or
 * after it, duplicates, and records of 2019 typed in only in January 2020.
 */
import { addMinutes, berlinDayOf, berlinTime, dayOf, isoOf, maxDate } from "../demo-random";
import type { AdviceCase, AdviceType } from "./advice-clients";
import { nextStep } from "./advice-sessions";
import type { PlanBuilder } from "./builder";
import { REF_DAY, adviceDays, timeBetween } from "./calendar";
import { openingTopics, openingUnits } from "./intercultural-opening";
import type { RecordRow } from "./rows";

/** The records planned before, by kind, that the changes pick from. */
export interface ChangeablePlan {
  adviceCases: AdviceCase[];
  followUps: RecordRow[];
  fairSessionsByClient: RecordRow[][];
  consultations: RecordRow[];
}

/** Gives back the records changed or added here (the late entries among them may be created after the reference date). */
export function planLateChanges(plan: PlanBuilder, { adviceCases, followUps, fairSessionsByClient, consultations }: ChangeablePlan): Set<RecordRow> {
  const { rng, regions, newRecord, duplicateOf } = plan;
  const touched = new Set<RecordRow>();
  const afterRef = (from = REF_DAY + 1, to = dayOf("2020-03-31")) => timeBetween(rng, from, to);
  const deleteRecord = (r: RecordRow, at: Date) => {
    r.version = 2;
    r.deletedAt = maxDate(at, addMinutes(r.createdAt, 30));
    r.deletedBy = r.createdBy;
    r.updatedAt = r.deletedAt;
    r.updatedBy = r.createdBy;
    touched.add(r);
  };
  const pickUntouched = <T extends RecordRow>(pool: readonly T[], accept: (r: T) => boolean): T => {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const r = rng.pick(pool);
      if (!touched.has(r) && accept(r)) return r;
    }
    throw new Error("No record left to pick");
  };
  const initials = adviceCases.map((c) => c.initial!);

  // 20 initial sessions logged at the wrong contact point: deleted in early 2020 (they count as of
  // the reference date) and entered again at the right one (late entries: they do not).
  const movable = adviceCases.filter((x) => x.region.advicePoints.length > 1 && x.day <= dayOf("2019-12-13"));
  for (let k = 0; k < 20; k++) {
    let c = rng.pick(movable);
    while (touched.has(c.initial!)) c = rng.pick(movable);
    const original = c.initial!;
    deleteRecord(original, afterRef(REF_DAY + 2, dayOf("2020-02-28")));
    const other = rng.pick(c.region.advicePoints.filter((p) => p.id !== original.unitId));
    touched.add(
      newRecord({
        kind: "advice_session",
        unitId: other.id,
        clientId: original.clientId,
        parentId: null,
        occurredOn: original.occurredOn,
        data: { ...original.data },
        createdBy: original.createdBy,
        createdAt: addMinutes(original.deletedAt!, rng.int(2, 15)),
      }),
    );
  }
  // 15 follow-ups entered twice; the duplicate is deleted after the reference date.
  for (let k = 0; k < 15; k++) {
    const original = pickUntouched(followUps, () => true);
    touched.add(original);
    deleteRecord(duplicateOf(original), afterRef());
  }
  // 10 further Fair Integration sessions of clients seen more than once, deleted after the reference date.
  const repeatSessions = fairSessionsByClient.filter((s) => s.length > 1).flatMap((s) => s.slice(1));
  for (let k = 0; k < 10; k++) deleteRecord(pickUntouched(repeatSessions, () => true), afterRef());
  // 5 consultations deleted after the reference date.
  for (let k = 0; k < 5; k++) deleteRecord(pickUntouched(consultations, () => true), afterRef());
  // 25 follow-ups of November and December 2019, typed in only in January 2020.
  const advisedBeforeDecember = adviceCases.filter((x) => x.day <= dayOf("2019-11-29"));
  for (let k = 0; k < 25; k++) {
    const c = rng.pick(advisedBeforeDecember);
    const day = adviceDays.sample(rng, Math.max(c.day + 6, dayOf("2019-11-15")))!;
    touched.add(
      newRecord({
        kind: "advice_session",
        unitId: c.pointId,
        clientId: c.client.id,
        parentId: null,
        occurredOn: isoOf(day),
        data: { channel: rng.weighted([["in_person", 40], ["phone", 40], ["email", 20]] as const), stage: "follow_up", adviceType: c.type, nextStep: nextStep(rng, c.type) },
        createdBy: c.region.adviserId,
        createdAt: afterRef(REF_DAY + 1, dayOf("2020-01-31")),
      }),
    );
  }
  // 5 consultations of December 2019, typed in late.
  for (let k = 0; k < 5; k++) {
    const place = rng.weighted(openingUnits(regions, "business"));
    const day = adviceDays.sample(rng, dayOf("2019-11-30"))!;
    touched.add(
      newRecord({
        kind: "intercultural_activity",
        unitId: place.unit.id,
        clientId: null,
        parentId: null,
        occurredOn: isoOf(day),
        data: { targetGroup: "business", activityType: "consultation", participants: null, topics: openingTopics(rng, "business") },
        createdBy: place.region.adviserId,
        createdAt: afterRef(REF_DAY + 1, dayOf("2020-01-24")),
      }),
    );
  }
  // 10 initial sessions entered twice and the duplicate deleted within days, in 2019: never counted.
  for (let k = 0; k < 10; k++) {
    const original = pickUntouched(initials, (r) => r.occurredOn <= "2019-11-29");
    touched.add(original);
    const duplicate = duplicateOf(original);
    const createdDay = berlinDayOf(duplicate.createdAt);
    deleteRecord(duplicate, timeBetween(rng, createdDay + 1, createdDay + 5));
  }
  // Advice types corrected: 100 before the reference date (the corrected type counts), 30 after it (the original counts).
  const DECEMBER = berlinTime(dayOf("2019-12-01"), 0);
  const otherType = (t: unknown): AdviceType => rng.pick((["recognition", "recognition_and_job_training", "job_training"] as const).filter((x) => x !== t));
  for (let k = 0; k < 130; k++) {
    const before = k < 100;
    const r = pickUntouched(initials, (x) => !before || x.createdAt.getTime() < DECEMBER.getTime());
    touched.add(r);
    const counted = r.data;
    if (before) {
      r.firstData = { ...counted, adviceType: otherType(counted.adviceType) };
      const createdDay = berlinDayOf(r.createdAt);
      r.updatedAt = maxDate(timeBetween(rng, createdDay + 1, createdDay + 30), addMinutes(r.createdAt, 60));
    } else {
      r.firstData = counted;
      r.data = { ...counted, adviceType: otherType(counted.adviceType) };
      r.updatedAt = afterRef();
    }
    r.version = 2;
    r.updatedBy = r.createdBy;
  }
  return touched;
}
