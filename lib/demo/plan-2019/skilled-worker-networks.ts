/** Skilled-worker networks: counselling, trainings and events, with the people each reached. */
import { fitToSum, isoOf } from "../demo-random";
import type { PlanBuilder } from "./builder";
import { entryTime, eventDays } from "./calendar";
import { FIGURES_2019 } from "./figures";
import type { PlanRegion, PlanUnit } from "./rows";

export function planSkilledWorkerNetworks(plan: PlanBuilder): void {
  const { rng, regions, newRecord } = plan;
  const networkUnits: (readonly [{ region: PlanRegion; unit: PlanUnit }, number])[] = [];
  for (const region of regions) for (const unit of region.networkSubprojects) networkUnits.push([{ region, unit }, region.weight / region.networkSubprojects.length]);
  if (!networkUnits.length) throw new Error("No skilled-worker-network subprojects");
  const networkPlan: ["training" | "event" | "counselling", number, number, number, number][] = [
    // type, count, initial range, bounds
    ["counselling", 72, 1, 5, 8],
    ["training", 38, 6, 18, 25],
    ["event", 54, 15, 45, 90],
  ];
  const networkTypes = networkPlan.flatMap(([type, count]) => Array<typeof type>(count).fill(type));
  const reached = fitToSum(
    rng,
    networkPlan.flatMap(([, count, lo, hi]) => Array.from({ length: count }, () => rng.int(lo, hi))),
    FIGURES_2019.skilledWorkerPeopleReached,
    networkPlan.flatMap(([type, count]) => Array(count).fill(type === "event" ? 10 : 1)),
    networkPlan.flatMap(([, count, , , max]) => Array(count).fill(max)),
  );
  networkTypes.forEach((activityType, i) => {
    const place = rng.weighted(networkUnits);
    const day = eventDays.sample(rng)!;
    newRecord({
      kind: "skilled_worker_activity",
      unitId: place.unit.id,
      clientId: null,
      parentId: null,
      occurredOn: isoOf(day),
      data: { activityType, peopleReached: reached[i] },
      createdBy: place.region.adviserId,
      createdAt: entryTime(rng, day),
    });
  });
}
