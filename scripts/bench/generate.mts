/**
 * The benchmark's synthetic network: clients and records of every kind over 2019–2026, in the
 * proportions of the 2019 demo year (lib/demo/plan-2019/), scaled so that a bigger size
 * means more records per day, never more days. Pure and deterministic (seeded PRNG).
 *
 * Days are generated in order. On each day come the clients first seen that day, each with all
 * of their records (follow-ups, enrolments, outcomes, corrections, deletions, also the later
 * ones), and the records that belong to no client. The ledger deltas of every change are
 * computed with the engine's own `recordChangeDeltas`, per client in the order the changes
 * happen, so that `others` answers from the client's records in memory. Everything generated on
 * or after a day takes effect on or after that day's start: the ledger can be compacted up to it.
 *
 * The parts, in generate/: the 2019 mix (mix), the days and entry times (timing), the places
 * (places), clients (clients), schemes and enrolments (schemes), the records of no client
 * (activities), a record's changes and their ledger deltas (lifecycle).
 */
import { Random } from "@/lib/demo/demo-random";
import type { Place } from "@/lib/figures/contributions";
import { fairEvent, interculturalActivity, skilledWorkerActivity } from "./generate/activities.mjs";
import { adviceClient, fairClient } from "./generate/clients.mjs";
import { ADVICE_CLIENTS_2019, ADVICE_MONTHS, COURSES_2019, EVENT_MONTHS, FAIR_CLIENTS_2019, FAIR_EVENTS_2019, FAIR_OCCUPATIONS, INTERCULTURAL_2019, NO_OCCUPATION_WEIGHT, OCCUPATION_WEIGHTS, SCHEME_MONTHS, SKILLED_WORKER_2019 } from "./generate/mix.mjs";
import { advicePointPicker } from "./generate/places.mjs";
import type { Batch, GenOccupation, GenRegion } from "./generate/rows.mjs";
import { emitCourses, planCourses } from "./generate/schemes.mjs";
import type { GenState } from "./generate/state.mjs";
import { dailyStream, type DailyCounts } from "./generate/timing.mjs";

export { expectedPerYear } from "./generate/mix.mjs";
export { emptyBatch, type Batch, type ClientRow, type GenOccupation, type GenRegion, type GenUnit, type RecordRow } from "./generate/rows.mjs";
export { FIRST_DAY, HORIZON, LAST_DAY } from "./generate/timing.mjs";

export class NetworkGenerator {
  private readonly g: GenState;
  private readonly adviceClients: DailyCounts;
  private readonly fairClients: DailyCounts;
  private readonly fairEvents: DailyCounts;
  private readonly intercultural: { group: "labour_market" | "business"; type: "training" | "event" | "consultation"; counts: DailyCounts }[];
  private readonly skilledWorker: DailyCounts;

  constructor(input: { scale: number; regions: GenRegion[]; occupations: GenOccupation[]; places: Map<string, Place>; seed?: number }) {
    const regions = input.regions.filter((r) => r.advicePoints.length > 0);
    const byName = new Map(input.occupations.map((o) => [o.nameEn, o]));
    this.g = {
      rng: new Random(input.seed ?? 2026),
      ids: new Random((input.seed ?? 2026) ^ 0x5eed),
      places: input.places,
      regions,
      occupations: [...Object.entries(OCCUPATION_WEIGHTS).flatMap(([name, w]) => (byName.has(name) ? [[byName.get(name)!, w] as const] : [])), [null, NO_OCCUPATION_WEIGHT]],
      fairOccupations: FAIR_OCCUPATIONS.flatMap((n) => (byName.has(n) ? [byName.get(n)!] : [])),
      advicePoints: advicePointPicker(regions),
      coursesByRegion: new Map(),
      coursesByDay: new Map(),
      clientCount: 0,
    };
    const stream = (months: readonly number[], perYear: number) => dailyStream(input.scale, months, perYear);
    this.adviceClients = stream(ADVICE_MONTHS, ADVICE_CLIENTS_2019);
    this.fairClients = stream(ADVICE_MONTHS, FAIR_CLIENTS_2019);
    this.fairEvents = stream(EVENT_MONTHS, FAIR_EVENTS_2019);
    this.skilledWorker = stream(EVENT_MONTHS, SKILLED_WORKER_2019);
    this.intercultural = (["labour_market", "business"] as const).flatMap((group) =>
      (["training", "event", "consultation"] as const).map((type) => ({
        group,
        type,
        counts: stream(type === "consultation" ? ADVICE_MONTHS : EVENT_MONTHS, INTERCULTURAL_2019[group][type]),
      })),
    );
    planCourses(this.g, stream(SCHEME_MONTHS, COURSES_2019));
  }

  /** Everything first written on `day` (and the later changes of the clients first seen that day). */
  day(day: number, out: Batch): void {
    const g = this.g;
    for (let i = this.adviceClients.take(day); i > 0; i--) adviceClient(g, day, out);
    for (let i = this.fairClients.take(day); i > 0; i--) fairClient(g, day, out);
    emitCourses(g, day, out);
    for (let i = this.fairEvents.take(day); i > 0; i--) fairEvent(g, day, out);
    for (const s of this.intercultural) {
      for (let i = s.counts.take(day); i > 0; i--) interculturalActivity(g, day, s.group, s.type, out);
    }
    for (let i = this.skilledWorker.take(day); i > 0; i--) skilledWorkerActivity(g, day, out);
  }
}
