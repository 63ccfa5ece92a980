/** Job training schemes: courses planned ahead per region, individual schemes, and clients' enrolments with their outcomes. */
import { isoOf } from "@/lib/demo/demo-random";
import { uuid7 } from "./ids.mjs";
import { emitPlain, record, update, type Planned } from "./lifecycle.mjs";
import type { Batch, ClientRow, GenRegion, RecordRow } from "./rows.mjs";
import type { Course, GenState } from "./state.mjs";
import { FIRST_DAY, HORIZON, LAST_DAY, entryTime, workdayAfter, type DailyCounts } from "./timing.mjs";

/** Courses are planned ahead: clients advised before a course starts join it. */
export function planCourses(g: GenState, courses: DailyCounts): void {
  const training = g.regions.filter((r) => r.trainingSubprojects.length).map((r) => [r, r.weight] as const);
  for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
    for (let i = courses.take(day); i > 0; i--) {
      const region = g.rng.weighted(training);
      const unit = g.rng.pick(region.trainingSubprojects);
      const createdAt = entryTime(g.rng, day);
      if (createdAt > HORIZON) continue;
      const plannedEnd = day + g.rng.int(120, 330);
      const course: Course = {
        id: uuid7(g.ids, createdAt),
        region,
        unit,
        start: day,
        plannedEnd,
        createdAt,
        data: {
          title: `${unit.name}: Kurs ${isoOf(day).slice(0, 7)}`,
          format: "course",
          measureType: g.rng.weighted([["bridge_training", 35], ["compensation_measure", 35], ["language", 20], ["other", 10]] as const),
          regulatedProfession: g.rng.chance(0.7),
          plannedEndOn: isoOf(plannedEnd),
        },
      };
      if (!g.coursesByRegion.has(region)) g.coursesByRegion.set(region, []);
      if (!g.coursesByDay.has(day)) g.coursesByDay.set(day, []);
      g.coursesByRegion.get(region)!.push(course);
      g.coursesByDay.get(day)!.push(course);
    }
  }
}

/** The courses starting on `day`, written when they were planned. */
export function emitCourses(g: GenState, day: number, out: Batch): void {
  for (const course of g.coursesByDay.get(day) ?? []) {
    const row: RecordRow = { id: course.id, kind: "job_training_scheme", unitId: course.unit.id, clientId: null, parentId: null, occurredOn: isoOf(day), data: course.data, version: 1, createdAt: course.createdAt, updatedAt: course.createdAt, deletedAt: null };
    emitPlain(g.places, row, out);
  }
}

function lowerBound(courses: Course[], day: number): number {
  let a = 0;
  let b = courses.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (courses[m].start < day) a = m + 1;
    else b = m;
  }
  return a;
}

/** Enrols the client in a course of the region starting soon, or else in an individual scheme; returns its planned end. */
export function enrol(g: GenState, region: GenRegion, client: ClientRow, after: number, planned: Planned[]): number {
  const courses = g.coursesByRegion.get(region) ?? [];
  let course: Course | undefined;
  if (g.rng.chance(0.62) && courses.length) {
    const lo = lowerBound(courses, after + 7);
    const hi = lowerBound(courses, after + 121);
    if (hi > lo) course = courses[lo + Math.floor(g.rng.next() * (hi - lo))];
  }
  let schemeId: string;
  let unitId: string;
  let start: number;
  let plannedEnd: number;
  let schemeCreated: number;
  if (course) {
    ({ id: schemeId, start, plannedEnd, createdAt: schemeCreated } = course);
    unitId = course.unit.id;
    if (g.rng.chance(0.1)) start = workdayAfter(start + g.rng.int(1, 14));
  } else {
    start = workdayAfter(after + g.rng.int(7, 90));
    plannedEnd = start + g.rng.int(60, 270);
    const unit = g.rng.pick(region.trainingSubprojects);
    unitId = unit.id;
    const scheme = record(g, "job_training_scheme", unit.id, null, null, start, entryTime(g.rng, start), {
      title: `${unit.name}: individuelle Qualifizierung`,
      format: "individual",
      measureType: g.rng.weighted([["bridge_training", 30], ["compensation_measure", 45], ["language", 10], ["other", 15]] as const),
      regulatedProfession: g.rng.chance(0.6),
      plannedEndOn: isoOf(plannedEnd),
    });
    planned.push(scheme);
    schemeId = scheme.row.id;
    schemeCreated = scheme.row.createdAt;
  }
  const createdAt = Math.max(entryTime(g.rng, start), schemeCreated + g.rng.int(2, 40) * 60_000, client.createdAt + 60_000);
  const enrolment = record(g, "enrolment", unitId, client.id, schemeId, start, createdAt, { endOn: null, outcome: "ongoing", achievement: null, outcomeOn: null });
  planned.push(enrolment);
  const r = g.rng.next();
  if (r < 0.6) {
    const outcomeDay = Math.max(start + 28, plannedEnd - g.rng.int(0, 14));
    const achievement = g.rng.chance(0.6) ? "full_equivalence" : "job_entry_at_level";
    update(enrolment, entryTime(g.rng, outcomeDay + g.rng.int(1, 14)), { endOn: isoOf(outcomeDay), outcome: "successful", achievement, outcomeOn: isoOf(outcomeDay) });
  } else if (r < 0.75) {
    const outcomeDay = start + g.rng.int(14, 200);
    update(enrolment, entryTime(g.rng, outcomeDay + g.rng.int(1, 21)), { endOn: isoOf(outcomeDay), outcome: "discontinued", achievement: null, outcomeOn: isoOf(outcomeDay) });
  }
  return plannedEnd;
}
