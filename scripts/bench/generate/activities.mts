/** The records of no client: Fair Integration events, intercultural opening activities, skilled-worker network activities. */
import type { Random } from "@/lib/demo/demo-random";
import { plain } from "./lifecycle.mjs";
import { FAIR_TOPICS, OPENING_TOPICS } from "./mix.mjs";
import { fairPoint, pickRegion } from "./places.mjs";
import type { Batch } from "./rows.mjs";
import type { GenState } from "./state.mjs";

/** One to three of the topics, in their listed order. */
export function topics(rng: Random, all: readonly string[]): string[] {
  const n = rng.weighted([[1, 55], [2, 35], [3, 10]] as const);
  const chosen = new Set<string>();
  while (chosen.size < n) chosen.add(rng.pick(all));
  return all.filter((t) => chosen.has(t));
}

export function fairEvent(g: GenState, day: number, out: Batch): void {
  const region = pickRegion(g);
  plain(g, day, "fair_integration_event", fairPoint(g, region).id, { title: "Infoveranstaltung Arbeitsrecht", participants: g.rng.int(4, 26), topics: topics(g.rng, FAIR_TOPICS) }, out);
}

export function interculturalActivity(g: GenState, day: number, group: "labour_market" | "business", type: "training" | "event" | "consultation", out: Batch): void {
  const region = pickRegion(g, (r) => r.openingSubprojects.length > 0);
  const participants = type === "training" ? g.rng.int(6, 20) : type === "event" ? g.rng.int(8, 38) : null;
  plain(g, day, "intercultural_activity", g.rng.pick(region.openingSubprojects).id, { targetGroup: group, activityType: type, participants, topics: topics(g.rng, OPENING_TOPICS) }, out);
}

export function skilledWorkerActivity(g: GenState, day: number, out: Batch): void {
  const region = pickRegion(g, (r) => r.networkSubprojects.length > 0);
  const activityType = g.rng.weighted([["counselling", 72], ["training", 38], ["event", 54]] as const);
  const peopleReached = activityType === "counselling" ? g.rng.int(1, 5) : activityType === "training" ? g.rng.int(6, 18) : g.rng.int(15, 45);
  plain(g, day, "skilled_worker_activity", g.rng.pick(region.networkSubprojects).id, { activityType, peopleReached }, out);
}
