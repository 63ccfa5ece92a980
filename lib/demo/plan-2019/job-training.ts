/** Job-training schemes (courses and individual ones) and the advice clients who enrol in them, all entered as ongoing. */
import { addMinutes, dayOf, fitToSum, isoOf, maxDate, nextWorkday, type Random } from "../demo-random";
import type { AdviceCase } from "./advice-clients";
import type { PlanBuilder } from "./builder";
import { YEAR_TO, entryTime, schemeDays } from "./calendar";
import { FIGURES_2019 } from "./figures";
import type { PlanRegion, PlanUnit, RecordRow } from "./rows";

/** A line of schemes, known by its subprojects' name prefix: what it trains for, and how often as a course (relative). */
interface SchemeLine {
  prefix: string;
  measureType: "compensation_measure" | "bridge_training" | "language" | "other";
  regulated: boolean;
  courses: number;
  occupations: string[];
}

const SCHEME_LINES: readonly SchemeLine[] = [
  { prefix: "Brückenmaßnahme Pflege", measureType: "bridge_training", regulated: true, courses: 1, occupations: ["Healthcare assistant", "Geriatric nurse"] },
  {
    prefix: "Anpassungsqualifizierung Gesundheitsberufe",
    measureType: "compensation_measure",
    regulated: true,
    courses: 0.8,
    occupations: ["Healthcare assistant", "Physiotherapist", "Midwife", "Medical laboratory technician", "Geriatric nurse", "Pharmacist"],
  },
  { prefix: "Vorbereitung Kenntnisprüfung Medizin", measureType: "compensation_measure", regulated: true, courses: 1.2, occupations: ["Doctor", "Dentist", "Pharmacist"] },
  { prefix: "Brückenmaßnahme Lehrkräfte", measureType: "bridge_training", regulated: true, courses: 0.9, occupations: ["Teacher"] },
  {
    prefix: "Anpassungsqualifizierung Elektrotechnik",
    measureType: "compensation_measure",
    regulated: false,
    courses: 0.5,
    occupations: ["Electrician", "Electrical engineer", "Automotive mechatronics technician"],
  },
  { prefix: "Berufsbezogene Sprachförderung", measureType: "language", regulated: false, courses: 1.6, occupations: [] },
  {
    prefix: "Qualifizierung pädagogischer Fachkräfte",
    measureType: "compensation_measure",
    regulated: true,
    courses: 0.9,
    occupations: ["Educator (early childhood)", "Social education worker / social worker", "Teacher"],
  },
  {
    prefix: "Brückenmaßnahme Ingenieurwesen",
    measureType: "bridge_training",
    regulated: true,
    courses: 0.8,
    occupations: ["Engineer", "Civil engineer", "Mechanical engineer", "Electrical engineer", "Architect"],
  },
];
const lineOf = (unit: PlanUnit): SchemeLine =>
  SCHEME_LINES.find((l) => unit.name.startsWith(l.prefix)) ?? { prefix: unit.name, measureType: "other" as const, regulated: false, courses: 1, occupations: [] };

export interface EnrolmentPlan {
  record: RecordRow;
  case: AdviceCase;
  start: number;
  plannedEnd: number;
  regulated: boolean;
  course: boolean;
}

/** Picks the clients of a scheme: advised at least a week before it starts, of its region and occupations where there are such. */
function enrolleePicker(rng: Random, regions: PlanRegion[], adviceCases: AdviceCase[]) {
  // Clients who may enrol, by region and occupation, in order of their first session.
  const poolKey = (region: string, occupation: string) => `${region}|${occupation}`;
  const pools = new Map<string, AdviceCase[]>();
  for (const c of adviceCases) {
    for (const key of [poolKey(c.region.code, c.occupation?.nameEn ?? "-"), poolKey(c.region.code, "*"), poolKey("*", c.occupation?.nameEn ?? "-")]) {
      let pool = pools.get(key);
      if (!pool) pools.set(key, (pool = []));
      pool.push(c);
    }
  }
  for (const pool of pools.values()) pool.sort((a, b) => a.day - b.day);
  const eligibleCount = (pool: AdviceCase[], lastDay: number) => {
    let a = 0;
    let b = pool.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (pool[m].day <= lastDay) a = m + 1;
      else b = m;
    }
    return a;
  };
  const pickEnrollee = (region: PlanRegion, occupationNames: string[], start: number, taken: Set<AdviceCase>): AdviceCase => {
    const lastDay = start - 7;
    const allowRepeat = rng.chance(0.04);
    const passes = [
      occupationNames.map((n) => poolKey(region.code, n)),
      [poolKey(region.code, "*")],
      occupationNames.map((n) => poolKey("*", n)),
      regions.map((r) => poolKey(r.code, "*")),
    ];
    for (const keys of passes) {
      const candidates = keys.map((k) => pools.get(k) ?? []).map((pool) => [pool, eligibleCount(pool, lastDay)] as const).filter(([, n]) => n > 0);
      if (!candidates.length) continue;
      for (let attempt = 0; attempt < 25; attempt++) {
        const [pool, n] = rng.weighted(candidates.map((c) => [c, c[1]] as const));
        const c = pool[Math.floor(rng.next() * n)];
        if (taken.has(c)) continue;
        if (c.enrolled && !allowRepeat) continue;
        if (c.type === "recognition" && c.occupation && !c.occupation.regulated && rng.chance(0.7)) continue;
        return c;
      }
    }
    throw new Error(`No client found for a scheme starting ${isoOf(start)} in ${region.code}`);
  };
  return pickEnrollee;
}

export function planJobTraining(plan: PlanBuilder, adviceCases: AdviceCase[]): EnrolmentPlan[] {
  const { rng, regions, newRecord } = plan;
  const pickEnrollee = enrolleePicker(rng, regions, adviceCases);
  const trainingUnits: (readonly [{ region: PlanRegion; unit: PlanUnit }, number])[] = [];
  for (const region of regions) {
    for (const unit of region.trainingSubprojects) {
      trainingUnits.push([{ region, unit }, (region.weight / region.trainingSubprojects.length) * (0.5 + rng.next())]);
    }
  }
  if (!trainingUnits.length) throw new Error("No job-training subprojects");
  const { course: courseCount, individual: individualCount } = FIGURES_2019.schemesByFormat;
  const schemeCount = courseCount + individualCount;
  const schemePlaces = Array.from({ length: schemeCount }, () => rng.weighted(trainingUnits));
  // Courses are more common in some lines (language, medicine) than in others.
  const courseRank = schemePlaces.map((p, i) => [i, rng.next() * lineOf(p.unit).courses] as const).sort((a, b) => b[1] - a[1]);
  const isCourse = new Set(courseRank.slice(0, courseCount).map(([i]) => i));
  const courseSizes = fitToSum(
    rng,
    Array.from({ length: courseCount }, () => rng.int(8, 20)),
    FIGURES_2019.enrolments - individualCount,
    Array(courseCount).fill(5),
    Array(courseCount).fill(24),
  );
  // Courses and individual schemes are numbered per subproject in the order they start.
  const schemeStarts = schemePlaces.map(() => schemeDays.sample(rng)!);
  const seqOf = new Map<number, number>();
  const countByUnit = new Map<string, number>();
  for (const i of schemePlaces.map((_, i) => i).sort((a, b) => schemeStarts[a] - schemeStarts[b] || a - b)) {
    const key = `${schemePlaces[i].unit.id}|${isCourse.has(i)}`;
    countByUnit.set(key, (countByUnit.get(key) ?? 0) + 1);
    seqOf.set(i, countByUnit.get(key)!);
  }

  const enrolments: EnrolmentPlan[] = [];
  let courseIndex = 0;
  schemePlaces.forEach((place, i) => {
    const line = lineOf(place.unit);
    const course = isCourse.has(i);
    const start = schemeStarts[i];
    const plannedEnd = start + (course ? rng.int(120, 330) : rng.int(60, 270));
    const seq = seqOf.get(i)!;
    const title = course ? `${line.prefix}: Kurs ${seq}/2019` : `${line.prefix}: individuelle Qualifizierung Nr. 2019-${String(seq).padStart(3, "0")}`;
    const scheme = newRecord({
      kind: "job_training_scheme",
      unitId: place.unit.id,
      clientId: null,
      parentId: null,
      occurredOn: isoOf(start),
      data: { title, format: course ? "course" : "individual", measureType: line.measureType, regulatedProfession: line.regulated, plannedEndOn: isoOf(plannedEnd) },
      createdBy: place.region.adviserId,
      createdAt: entryTime(rng, start),
    });
    const seats = course ? courseSizes[courseIndex++] : 1;
    const taken = new Set<AdviceCase>();
    for (let s = 0; s < seats; s++) {
      const c = pickEnrollee(place.region, line.occupations, start, taken);
      taken.add(c);
      c.enrolled = true;
      // Most join a course on its first day, some a little later.
      const joined = course && rng.chance(0.1) ? Math.min(nextWorkday(start + rng.int(1, 14)), dayOf(YEAR_TO)) : start;
      const createdAt = maxDate(maxDate(entryTime(rng, joined), addMinutes(scheme.createdAt, rng.int(2, 40))), addMinutes(c.client.createdAt, rng.int(5, 30)));
      const record = newRecord({
        kind: "enrolment",
        unitId: place.unit.id,
        clientId: c.client.id,
        parentId: scheme.id,
        occurredOn: isoOf(joined),
        data: { endOn: null, outcome: "ongoing", achievement: null, outcomeOn: null },
        createdBy: place.region.adviserId,
        createdAt,
      });
      enrolments.push({ record, case: c, start: joined, plannedEnd, regulated: line.regulated, course });
    }
  });
  return enrolments;
}
