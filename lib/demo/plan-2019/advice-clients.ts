/** The clients of the year's initial advice sessions: one per session, with its place, day and advice type. */
import type { Random } from "../demo-random";
import type { PlanBuilder } from "./builder";
import { adviceDays, entryTime } from "./calendar";
import {
  ADVICE_COUNTRIES,
  DOCTOR_COUNTRIES,
  EU,
  FEMALE_SHARE,
  LEVELS_ABROAD,
  LEVELS_IN_GERMANY,
  NURSING_COUNTRIES,
  REFUGEE_ORIGINS,
  birthYear,
  citizenshipOf,
  gender,
  qualificationLevel,
  residence,
  sinceYear,
  type OccupationInfo,
} from "./client-profiles";
import { FIGURES_2019, INITIAL_SESSIONS_BY_OCCUPATION } from "./figures";
import type { ClientRow, PlanRegion, RecordRow } from "./rows";

export type AdviceType = keyof typeof FIGURES_2019.initialByType;

export interface AdviceCase {
  client: ClientRow;
  region: PlanRegion;
  pointId: string;
  occupation: OccupationInfo | null;
  day: number;
  abroad: boolean;
  mobile: boolean;
  type: AdviceType;
  initial?: RecordRow;
  enrolled: boolean;
}

export function planAdviceClients(plan: PlanBuilder): AdviceCase[] {
  const { rng, regions, occupations, clients, newId, newRef } = plan;
  const initialTotal = Object.values(FIGURES_2019.initialByType).reduce((s, n) => s + n, 0);
  const occupationSlots: (OccupationInfo | null)[] = [];
  for (const [name, count] of Object.entries(INITIAL_SESSIONS_BY_OCCUPATION)) {
    const occupation = occupations.get(name);
    if (!occupation) throw new Error(`Unknown occupation ${name}`);
    for (let i = 0; i < count; i++) occupationSlots.push(occupation);
  }
  if (occupationSlots.length > initialTotal) throw new Error("More occupation slots than initial sessions");
  while (occupationSlots.length < initialTotal) occupationSlots.push(null);
  rng.shuffle(occupationSlots);

  const pickAdvicePoint = advicePointPicker(rng, regions);
  const adviceCases: AdviceCase[] = [];
  for (let i = 0; i < initialTotal; i++) {
    const point = pickAdvicePoint();
    const occupation = occupationSlots[i];
    const country = rng.weighted(
      occupation?.nameEn === "Healthcare assistant" ? NURSING_COUNTRIES : occupation?.nameEn === "Doctor" ? DOCTOR_COUNTRIES : ADVICE_COUNTRIES,
    );
    const status = residence(rng, country);
    const born = birthYear(rng);
    const abroad = status === "abroad";
    const day = adviceDays.sample(rng)!;
    const createdAt = entryTime(rng, day);
    const client: ClientRow = {
      id: newId(),
      ref: newRef(),
      contactPointId: point.id,
      gender: gender(rng, occupation ? (FEMALE_SHARE[occupation.nameEn] ?? 0.5) : 0.52),
      birthYear: rng.chance(0.98) ? born : null,
      qualificationCountry: rng.chance(0.995) ? country : null,
      citizenship: citizenshipOf(rng, country, status),
      residenceStatus: status,
      inGermanySince: abroad || rng.chance(0.03) ? null : sinceYear(rng, born, REFUGEE_ORIGINS.has(country), EU.has(country)),
      germanLevel: rng.chance(0.02) ? null : rng.weighted(abroad ? LEVELS_ABROAD : LEVELS_IN_GERMANY),
      qualificationLevel: qualificationLevel(rng, occupation),
      occupationId: occupation?.id ?? null,
      regulatedProfession: occupation ? occupation.regulated : rng.weighted([[true, 30], [false, 55], [null, 15]] as const),
      createdBy: point.region.adviserId,
      createdAt,
    };
    clients.push(client);
    adviceCases.push({ client, region: point.region, pointId: point.id, occupation, day, abroad, mobile: point.mobile, type: "recognition", enrolled: false });
  }

  assignAdviceTypes(rng, adviceCases);
  return adviceCases;
}

/** A draw of an advice point: each region by its size, within it permanent offices see three times a mobile stop's clients. */
function advicePointPicker(rng: Random, regions: PlanRegion[]): () => { region: PlanRegion; id: string; mobile: boolean } {
  const pointPairs: (readonly [{ region: PlanRegion; id: string; mobile: boolean }, number])[] = [];
  for (const region of regions) {
    const kindWeight = region.advicePoints.reduce((s, p) => s + (p.kind === "permanent" ? 3 : 1), 0);
    for (const p of region.advicePoints) {
      pointPairs.push([{ region, id: p.id, mobile: p.kind === "mobile" }, (region.weight * (p.kind === "permanent" ? 3 : 1)) / kindWeight]);
    }
  }
  const pointCumulative: number[] = [];
  let pointTotal = 0;
  for (const [, w] of pointPairs) pointCumulative.push((pointTotal += w));
  return () => {
    const r = rng.next() * pointTotal;
    let a = 0;
    let b = pointCumulative.length - 1;
    while (a < b) {
      const m = (a + b) >> 1;
      if (pointCumulative[m] > r) b = m;
      else a = m + 1;
    }
    return pointPairs[a][0];
  };
}

/** Advice types with exact totals: clients whose occupation is regulated lean to recognition, the others to job-training advice. */
function assignAdviceTypes(rng: Random, adviceCases: AdviceCase[]): void {
  const affinity = (c: AdviceCase) => {
    const o = c.occupation;
    const base = !o ? 0.45 : o.regulated ? (o.level === "academic" ? 0.2 : 0.3) : o.level === "academic" ? 0.55 : 0.65;
    return base + rng.next() * 0.75;
  };
  const byAffinity = adviceCases.map((c) => [c, affinity(c)] as const).sort((a, b) => a[1] - b[1]);
  const { recognition, recognition_and_job_training } = FIGURES_2019.initialByType;
  byAffinity.forEach(([c], rank) => {
    c.type = rank < recognition ? "recognition" : rank < recognition + recognition_and_job_training ? "recognition_and_job_training" : "job_training";
  });
}
