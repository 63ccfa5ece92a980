/** Advice sessions: each advice client's initial session and, for about one in ten, one or two follow-ups. */
import { addMinutes, isoOf, maxDate, type Random } from "../demo-random";
import type { AdviceCase, AdviceType } from "./advice-clients";
import type { PlanBuilder } from "./builder";
import { adviceDays, entryTime } from "./calendar";
import type { RecordRow } from "./rows";

/** How an advice session took place: mostly in person, by e-mail or video for clients still abroad. */
export function channel(rng: Random, abroad: boolean, mobile: boolean) {
  return abroad
    ? rng.weighted([["email", 45], ["video", 25], ["phone", 20], ["in_person", 10]] as const)
    : mobile
      ? rng.weighted([["in_person", 90], ["phone", 7], ["email", 3]] as const)
      : rng.weighted([["in_person", 75], ["phone", 15], ["email", 6], ["video", 4]] as const);
}

/** What the adviser arranged: recognition advice mostly refers to the recognition authority, job-training advice to job training. */
export function nextStep(rng: Random, type: AdviceType) {
  return type === "recognition"
    ? rng.weighted([["referred_recognition_authority", 70], ["referred_elsewhere", 10], ["no_further_action", 20]] as const)
    : type === "recognition_and_job_training"
      ? rng.weighted([["referred_job_training", 45], ["referred_recognition_authority", 40], ["referred_elsewhere", 10], ["no_further_action", 5]] as const)
      : rng.weighted([["referred_job_training", 60], ["referred_elsewhere", 25], ["no_further_action", 15]] as const);
}

/** Sets each case's initial session; gives back the follow-ups. */
export function planAdviceSessions(plan: PlanBuilder, adviceCases: AdviceCase[]): RecordRow[] {
  const { rng, newRecord } = plan;
  const followUps: RecordRow[] = [];
  for (const c of adviceCases) {
    const step = c.enrolled && c.type !== "recognition" ? "referred_job_training" : nextStep(rng, c.type);
    c.initial = newRecord({
      kind: "advice_session",
      unitId: c.pointId,
      clientId: c.client.id,
      parentId: null,
      occurredOn: isoOf(c.day),
      data: { channel: channel(rng, c.abroad, c.mobile), stage: "initial", adviceType: c.type, nextStep: step },
      createdBy: c.region.adviserId,
      createdAt: addMinutes(c.client.createdAt, rng.int(1, 6)),
    });
    const r = rng.next();
    const count = r < 0.095 ? 1 : r < 0.11 ? 2 : 0;
    let last = c.day;
    for (let k = 0; k < count; k++) {
      const day = adviceDays.sample(rng, last + 6, last + 150);
      if (day === undefined) break;
      last = day;
      const type: AdviceType = c.type === "recognition" && rng.chance(0.1) ? "recognition_and_job_training" : c.type;
      followUps.push(
        newRecord({
          kind: "advice_session",
          unitId: c.pointId,
          clientId: c.client.id,
          parentId: null,
          occurredOn: isoOf(day),
          data: {
            channel: c.abroad ? channel(rng, true, false) : rng.weighted([["in_person", 35], ["phone", 35], ["email", 25], ["video", 5]] as const),
            stage: "follow_up",
            adviceType: type,
            nextStep: nextStep(rng, type),
          },
          createdBy: c.region.adviserId,
          createdAt: maxDate(entryTime(rng, day), addMinutes(c.client.createdAt, rng.int(10, 60))),
        }),
      );
    }
  }
  return followUps;
}
