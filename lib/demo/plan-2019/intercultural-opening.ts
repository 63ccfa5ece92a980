/** Intercultural opening: trainings, events and consultations for labour-market institutions and for businesses. */
import { fitToSum, isoOf, type Random } from "../demo-random";
import type { PlanBuilder } from "./builder";
import { adviceDays, entryTime, eventDays } from "./calendar";
import { FIGURES_2019 } from "./figures";
import type { PlanRegion, PlanUnit, RecordRow } from "./rows";

type TargetGroup = keyof typeof FIGURES_2019.intercultural;

/** The subprojects that work with a target group, each as likely as its region's size and its name's fit. */
export function openingUnits(regions: PlanRegion[], group: TargetGroup) {
  const pairs: (readonly [{ region: PlanRegion; unit: PlanUnit }, number])[] = [];
  for (const region of regions) {
    for (const unit of region.openingSubprojects) {
      const n = unit.name;
      const fit = /Jobcenter|Agentur|Verwaltung/.test(n) ? (group === "labour_market" ? 3 : 0.4) : /KMU/.test(n) ? (group === "business" ? 3 : 0.4) : 1.5;
      pairs.push([{ region, unit }, (region.weight / region.openingSubprojects.length) * fit]);
    }
  }
  if (!pairs.length) throw new Error("No intercultural-opening subprojects");
  return pairs;
}

/** One to three topics, in the form's order. */
export function openingTopics(rng: Random, group: TargetGroup): string[] {
  const weights =
    group === "labour_market"
      ? ([["intercultural_competence", 30], ["anti_discrimination", 15], ["intercultural_opening", 25], ["recognition_qualification", 20], ["organisational_development", 8], ["other", 2]] as const)
      : ([["skilled_worker_recruitment", 30], ["intercultural_competence", 20], ["recognition_qualification", 15], ["organisational_development", 15], ["anti_discrimination", 10], ["intercultural_opening", 8], ["other", 2]] as const);
  const n = rng.weighted([[1, 50], [2, 40], [3, 10]] as const);
  const chosen = new Set<string>();
  while (chosen.size < n) chosen.add(rng.weighted(weights));
  return ["intercultural_competence", "anti_discrimination", "intercultural_opening", "recognition_qualification", "skilled_worker_recruitment", "organisational_development", "other"].filter((t) =>
    chosen.has(t),
  );
}

/** Gives back the consultations. */
export function planInterculturalOpening(plan: PlanBuilder): RecordRow[] {
  const { rng, regions, newRecord } = plan;
  const consultations: RecordRow[] = [];
  for (const group of ["labour_market", "business"] as const) {
    const units = openingUnits(regions, group);
    const target = FIGURES_2019.intercultural[group];
    const activities: ["training" | "event" | "consultation", number, number][] = [
      ["training", target.trainings, target.trainingParticipants],
      ["event", target.events, target.eventParticipants],
      ["consultation", target.consultations, 0],
    ];
    for (const [activityType, count, participantsTotal] of activities) {
      const participants =
        activityType === "consultation"
          ? Array<number | null>(count).fill(null)
          : fitToSum(
              rng,
              Array.from({ length: count }, () => (activityType === "training" ? rng.int(6, 20) : rng.int(10, 40))),
              participantsTotal,
              Array(count).fill(activityType === "training" ? 4 : 8),
              Array(count).fill(activityType === "training" ? 30 : 120),
            );
      for (const p of participants) {
        const place = rng.weighted(units);
        const day = (activityType === "consultation" ? adviceDays : eventDays).sample(rng)!;
        const record = newRecord({
          kind: "intercultural_activity",
          unitId: place.unit.id,
          clientId: null,
          parentId: null,
          occurredOn: isoOf(day),
          data: { targetGroup: group, activityType, participants: p, topics: openingTopics(rng, group) },
          createdBy: place.region.adviserId,
          createdAt: entryTime(rng, day),
        });
        if (activityType === "consultation") consultations.push(record);
      }
    }
  }
  return consultations;
}
