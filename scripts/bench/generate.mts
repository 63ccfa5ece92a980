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
 */
import { recordChangeDeltas, type ChangeContext } from "@/lib/figures/changes";
import type { ClientDims, Delta, Place, RecordState } from "@/lib/figures/contributions";
import { Random, berlinTime, dayOf, isoOf, isWorkday, monthOf } from "@/lib/demo/demo-random";

export const FIRST_DAY = dayOf("2019-01-01");
/** The last day records are dated; later changes of them run up to the horizon. */
export const LAST_DAY = dayOf("2026-10-31");
/** Nothing is written after this instant (start of the day, Berlin): the data lie in the past. */
export const HORIZON = berlinTime(dayOf("2026-11-14"), 0).getTime();

/** Records per year at the 2019 scale (see `expectedPerYear`). */
const ADVICE_CLIENTS_2019 = 53_284;
const FAIR_CLIENTS_2019 = 3_507;
const FAIR_EVENTS_2019 = 358;
const COURSES_2019 = 210;
const INTERCULTURAL_2019 = { labour_market: { training: 669, event: 300, consultation: 1_214 }, business: { training: 112, event: 112, consultation: 1_763 } } as const;
const SKILLED_WORKER_2019 = 164;

const ADVICE_MONTHS = [1.0, 1.05, 1.08, 0.95, 1.0, 0.93, 0.88, 0.74, 1.02, 1.07, 1.08, 0.72];
const EVENT_MONTHS = [0.7, 1.0, 1.15, 1.0, 1.1, 1.05, 0.75, 0.45, 1.1, 1.2, 1.25, 0.6];
const SCHEME_MONTHS = [0.35, 0.6, 0.95, 1.1, 1.05, 0.95, 0.85, 0.75, 1.35, 1.25, 1.0, 0.45];

/** Initial advice sessions per reference occupation in 2019 (English catalogue names); the rest have none. */
const OCCUPATION_WEIGHTS: Readonly<Record<string, number>> = {
  "Healthcare assistant": 7_412, Doctor: 5_583, Engineer: 4_216, Teacher: 3_387, "Social education worker / social worker": 2_264,
  Economist: 1_739, "Business administrator": 1_646, "Educator (early childhood)": 1_596, "Computer scientist": 1_385, Pharmacist: 1_257,
  Dentist: 1_135, "Office clerk": 1_099, Accountant: 1_017, "Civil engineer": 991, Lawyer: 934, "Mechanical engineer": 858, Electrician: 841,
  "Electrical engineer": 803, Physiotherapist: 753, "Software developer": 693, Architect: 676, "Geriatric nurse": 623,
  "Interpreter / translator": 589, "Medical assistant": 573, "Automotive mechatronics technician": 549, Psychologist: 514,
  "Medical laboratory technician": 462, "Sales assistant": 462, Veterinarian: 447, Chemist: 427, "Bank clerk": 421, Cook: 409,
  Biologist: 386, "Professional driver": 366, Midwife: 358, "Plumbing and heating technician": 338, "Joiner / cabinet maker": 307,
  Bricklayer: 266, Welder: 251, Mathematician: 246, Hairdresser: 236, "Hotel specialist": 215, Journalist: 202, Baker: 166,
};
const NO_OCCUPATION_WEIGHT = 5_284;

const ADVICE_COUNTRIES: readonly (readonly [string, number])[] = [
  ["SY", 12], ["IR", 5], ["RO", 5], ["TR", 5], ["PL", 4], ["RU", 4], ["UA", 4], ["BA", 4], ["RS", 3], ["IN", 3], ["IQ", 3], ["EG", 2.5],
  ["PH", 2.5], ["AF", 2], ["IT", 2], ["ES", 2], ["GR", 2], ["BG", 2], ["AL", 2], ["HU", 1.5], ["HR", 1.5], ["BR", 1.5], ["CO", 1.5],
  ["TN", 1.5], ["MA", 1.5], ["MX", 1], ["KZ", 1], ["CM", 1], ["NG", 1], ["PK", 1], ["JO", 1], ["LB", 1], ["CN", 1], ["VN", 1], ["US", 1],
  ["VE", 1], ["MD", 0.8], ["GE", 0.8], ["AM", 0.6], ["AZ", 0.6], ["MK", 0.8], ["ER", 0.5], ["SO", 0.3],
];
const FAIR_COUNTRIES: readonly (readonly [string, number])[] = [
  ["SY", 20], ["AF", 15], ["IQ", 12], ["ER", 6], ["IR", 6], ["NG", 5], ["PK", 4], ["TR", 4], ["SO", 3], ["GM", 3], ["GN", 3], ["AL", 3],
  ["UA", 3], ["RO", 3], ["BG", 3], ["PL", 2], ["RS", 2], ["MK", 2], ["RU", 2],
];
const FAIR_OCCUPATIONS = ["Cook", "Professional driver", "Sales assistant", "Bricklayer", "Welder", "Hairdresser", "Baker", "Hotel specialist", "Electrician", "Geriatric nurse"];
const EU = new Set(["PL", "RO", "IT", "ES", "GR", "HU", "BG", "HR"]);
const REFUGEE_ORIGINS = new Set(["SY", "IQ", "AF", "IR", "ER", "SO", "NG", "PK", "GM", "GN"]);
const FAIR_TOPICS = ["wages", "working_time", "holidays", "dismissal_termination", "health_insurance", "residence_law", "other"] as const;
const OPENING_TOPICS = ["intercultural_competence", "anti_discrimination", "intercultural_opening", "recognition_qualification", "skilled_worker_recruitment", "organisational_development"] as const;

// ---------------------------------------------------------------------------
// Input and output
// ---------------------------------------------------------------------------

export interface GenUnit {
  id: string;
  name: string;
}

export interface GenRegion {
  id: string;
  /** Relative size: its number of subprojects. */
  weight: number;
  advicePoints: (GenUnit & { permanent: boolean })[];
  fairPoints: GenUnit[];
  homePoint: GenUnit;
  trainingSubprojects: GenUnit[];
  openingSubprojects: GenUnit[];
  networkSubprojects: GenUnit[];
}

export interface GenOccupation {
  id: string;
  nameEn: string;
  regulated: boolean;
  level: "academic" | "vocational" | "mixed";
}

export interface ClientRow {
  id: string;
  ref: string;
  contactPointId: string;
  gender: string;
  birthYear: number | null;
  qualificationCountry: string | null;
  citizenship: string | null;
  residenceStatus: string;
  inGermanySince: number | null;
  germanLevel: string | null;
  qualificationLevel: string | null;
  occupationId: string | null;
  regulatedProfession: boolean | null;
  createdAt: number;
}

export interface RecordRow {
  id: string;
  kind: RecordState["kind"];
  unitId: string;
  clientId: string | null;
  parentId: string | null;
  occurredOn: string;
  data: Record<string, unknown>;
  version: number;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

/** What one stretch of days adds: rows to insert and the ledger deltas with the instants they were written. */
export interface Batch {
  clients: ClientRow[];
  records: RecordRow[];
  deltas: Delta[];
  bases: string[];
}

export const emptyBatch = (): Batch => ({ clients: [], records: [], deltas: [], bases: [] });

/** Records per year at scale 1 (the 2019 mix), so that a size can be turned into a scale. */
export function expectedPerYear(): number {
  // Per advice client: the initial session, follow-ups (0.125), an enrolment (0.38 × 0.23, plus 5% a
  // second) and, for 38% of enrolments, an individual scheme; per Fair Integration client 1.43 sessions.
  const enrolments = 0.38 * 0.23 * 1.05;
  const perAdvice = 1 + 0.125 + enrolments * 1.38 + 0.006;
  const intercultural = Object.values(INTERCULTURAL_2019).reduce((s, g) => s + g.training + g.event + g.consultation, 0);
  return ADVICE_CLIENTS_2019 * perAdvice + FAIR_CLIENTS_2019 * 1.43 + FAIR_EVENTS_2019 + COURSES_2019 + intercultural + SKILLED_WORKER_2019;
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * Time-ordered UUIDs (version 7: creation time first, then random bits), so that the bulk load
 * appends to the primary-key indexes instead of writing all over them.
 */
function uuid7(rng: Random, ms: number): string {
  const t = ms.toString(16).padStart(12, "0");
  const a = (rng.next() * 4294967296) >>> 0;
  const b = (rng.next() * 4294967296) >>> 0;
  const c = (rng.next() * 4294967296) >>> 0;
  const rand = HEX[(a >>> 24) & 0x0f] + HEX[(a >>> 16) & 0xff];
  const variant = HEX[((a >>> 8) & 0x3f) | 0x80] + HEX[a & 0xff];
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${rand.slice(1)}-${variant}-${HEX[b >>> 24]}${HEX[(b >>> 16) & 0xff]}${HEX[(b >>> 8) & 0xff]}${HEX[b & 0xff]}${HEX[c >>> 24]}${HEX[(c >>> 16) & 0xff]}`;
}

const REF_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const REF_SPACE = 1n << 40n; // 32^8
const REF_MULTIPLIER = 0x9e3779b97fn; // odd: multiplication is a bijection modulo 2^40

/** A unique, random-looking client reference (K-XXXX-XXXX) for the n-th client, without remembering the others. */
function refOf(n: number): string {
  let x = (BigInt(n) * REF_MULTIPLIER + 0x5bd1e995n) % REF_SPACE;
  let s = "";
  for (let i = 0; i < 8; i++) {
    s = REF_ALPHABET[Number(x & 31n)] + s;
    x >>= 5n;
  }
  return `K-${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Splits a stream's expected total over the days by weight, with exact cumulative rounding. */
class DailyCounts {
  private cumulative = 0;
  private emitted = 0;
  constructor(
    private readonly perWeight: number,
    private readonly weight: (day: number) => number,
  ) {}
  take(day: number): number {
    this.cumulative += this.perWeight * this.weight(day);
    const n = Math.floor(this.cumulative) - this.emitted;
    this.emitted += n;
    return n;
  }
}

interface Course {
  id: string;
  region: GenRegion;
  unit: GenUnit;
  start: number;
  plannedEnd: number;
  createdAt: number;
  data: Record<string, unknown>;
}

/** One change of one record, as the ledger sees it. */
interface Change {
  at: number;
  before: RecordState | null;
  after: RecordState | null;
}

/** A record of a client and its changes; the row is the state after the last change up to the horizon. */
interface Planned {
  row: RecordRow;
  changes: Change[];
}

const stateOf = (r: RecordRow, data: Record<string, unknown>): RecordState => ({
  id: r.id,
  kind: r.kind,
  unitId: r.unitId,
  clientId: r.clientId,
  occurredOn: r.occurredOn,
  data,
});

// ---------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------

export class NetworkGenerator {
  private readonly rng: Random;
  private readonly ids: Random;
  private readonly places: Map<string, Place>;
  private readonly regions: GenRegion[];
  private readonly occupations: (readonly [GenOccupation | null, number])[];
  private readonly fairOccupations: GenOccupation[];
  private readonly coursesByRegion = new Map<GenRegion, Course[]>();
  private readonly coursesByDay = new Map<number, Course[]>();
  private readonly adviceClients: DailyCounts;
  private readonly fairClients: DailyCounts;
  private readonly fairEvents: DailyCounts;
  private readonly intercultural: { group: "labour_market" | "business"; type: "training" | "event" | "consultation"; counts: DailyCounts }[];
  private readonly skilledWorker: DailyCounts;
  private readonly advicePoints: Picker<{ region: GenRegion; point: GenUnit & { permanent: boolean } }>;
  private clientCount = 0;

  constructor(input: { scale: number; regions: GenRegion[]; occupations: GenOccupation[]; places: Map<string, Place>; seed?: number }) {
    this.rng = new Random(input.seed ?? 2026);
    this.ids = new Random((input.seed ?? 2026) ^ 0x5eed);
    this.places = input.places;
    this.regions = input.regions.filter((r) => r.advicePoints.length > 0);
    const byName = new Map(input.occupations.map((o) => [o.nameEn, o]));
    this.occupations = [...Object.entries(OCCUPATION_WEIGHTS).flatMap(([name, w]) => (byName.has(name) ? [[byName.get(name)!, w] as const] : [])), [null, NO_OCCUPATION_WEIGHT]];
    this.fairOccupations = FAIR_OCCUPATIONS.flatMap((n) => (byName.has(n) ? [byName.get(n)!] : []));

    const weightOf = (months: readonly number[]) => (day: number) => (isWorkday(day) ? months[monthOf(day) - 1] * (/-12-(24|31)$/.test(isoOf(day)) ? 0.15 : 1) : 0);
    const streams = (months: readonly number[], perYear: number) => {
      const weight = weightOf(months);
      let total = 0;
      for (let d = FIRST_DAY; d <= LAST_DAY; d++) total += weight(d);
      const years = (LAST_DAY - FIRST_DAY + 1) / 365.25;
      return new DailyCounts((perYear * input.scale * years) / total, weight);
    };
    this.adviceClients = streams(ADVICE_MONTHS, ADVICE_CLIENTS_2019);
    this.fairClients = streams(ADVICE_MONTHS, FAIR_CLIENTS_2019);
    this.fairEvents = streams(EVENT_MONTHS, FAIR_EVENTS_2019);
    this.skilledWorker = streams(EVENT_MONTHS, SKILLED_WORKER_2019);
    this.intercultural = (["labour_market", "business"] as const).flatMap((group) =>
      (["training", "event", "consultation"] as const).map((type) => ({
        group,
        type,
        counts: streams(type === "consultation" ? ADVICE_MONTHS : EVENT_MONTHS, INTERCULTURAL_2019[group][type]),
      })),
    );

    // Each region by its size; within it a permanent office sees three times a mobile stop's clients.
    this.advicePoints = new Picker(
      this.regions.flatMap((region) => {
        const kindWeight = region.advicePoints.reduce((s, p) => s + (p.permanent ? 3 : 1), 0);
        return region.advicePoints.map((point) => [{ region, point }, (region.weight * (point.permanent ? 3 : 1)) / kindWeight] as const);
      }),
    );

    // Courses are planned ahead: clients advised before a course starts join it.
    const courses = streams(SCHEME_MONTHS, COURSES_2019);
    const training = this.regions.filter((r) => r.trainingSubprojects.length).map((r) => [r, r.weight] as const);
    for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
      for (let i = courses.take(day); i > 0; i--) {
        const region = this.rng.weighted(training);
        const unit = this.rng.pick(region.trainingSubprojects);
        const createdAt = this.entryTime(day);
        if (createdAt > HORIZON) continue;
        const plannedEnd = day + this.rng.int(120, 330);
        const course: Course = {
          id: uuid7(this.ids, createdAt),
          region,
          unit,
          start: day,
          plannedEnd,
          createdAt,
          data: {
            title: `${unit.name}: Kurs ${isoOf(day).slice(0, 7)}`,
            format: "course",
            measureType: this.rng.weighted([["bridge_training", 35], ["compensation_measure", 35], ["language", 20], ["other", 10]] as const),
            regulatedProfession: this.rng.chance(0.7),
            plannedEndOn: isoOf(plannedEnd),
          },
        };
        if (!this.coursesByRegion.has(region)) this.coursesByRegion.set(region, []);
        if (!this.coursesByDay.has(day)) this.coursesByDay.set(day, []);
        this.coursesByRegion.get(region)!.push(course);
        this.coursesByDay.get(day)!.push(course);
      }
    }
  }

  /** Everything first written on `day` (and the later changes of the clients first seen that day). */
  day(day: number, out: Batch): void {
    for (let i = this.adviceClients.take(day); i > 0; i--) this.adviceClient(day, out);
    for (let i = this.fairClients.take(day); i > 0; i--) this.fairClient(day, out);
    for (const course of this.coursesByDay.get(day) ?? []) {
      const row: RecordRow = { id: course.id, kind: "job_training_scheme", unitId: course.unit.id, clientId: null, parentId: null, occurredOn: isoOf(day), data: course.data, version: 1, createdAt: course.createdAt, updatedAt: course.createdAt, deletedAt: null };
      this.emitPlain(row, out);
    }
    for (let i = this.fairEvents.take(day); i > 0; i--) {
      const region = this.pickRegion();
      this.plain(day, "fair_integration_event", this.fairPoint(region).id, { title: "Infoveranstaltung Arbeitsrecht", participants: this.rng.int(4, 26), topics: this.topics(FAIR_TOPICS) }, out);
    }
    for (const s of this.intercultural) {
      for (let i = s.counts.take(day); i > 0; i--) {
        const region = this.pickRegion((r) => r.openingSubprojects.length > 0);
        const participants = s.type === "training" ? this.rng.int(6, 20) : s.type === "event" ? this.rng.int(8, 38) : null;
        this.plain(day, "intercultural_activity", this.rng.pick(region.openingSubprojects).id, { targetGroup: s.group, activityType: s.type, participants, topics: this.topics(OPENING_TOPICS) }, out);
      }
    }
    for (let i = this.skilledWorker.take(day); i > 0; i--) {
      const region = this.pickRegion((r) => r.networkSubprojects.length > 0);
      const activityType = this.rng.weighted([["counselling", 72], ["training", 38], ["event", 54]] as const);
      const peopleReached = activityType === "counselling" ? this.rng.int(1, 5) : activityType === "training" ? this.rng.int(6, 18) : this.rng.int(15, 45);
      this.plain(day, "skilled_worker_activity", this.rng.pick(region.networkSubprojects).id, { activityType, peopleReached }, out);
    }
  }

  // -- clients ---------------------------------------------------------------

  private adviceClient(day: number, out: Batch): void {
    const { region, point } = this.advicePoints.pick(this.rng);
    const occupation = this.rng.weighted(this.occupations);
    const country = this.rng.weighted(ADVICE_COUNTRIES);
    const residence = this.residence(country);
    const createdAt = this.entryTime(day);
    if (createdAt > HORIZON) return;
    const client = this.newClient(point.id, createdAt, {
      gender: this.gender(occupation ? 0.6 : 0.52),
      qualificationCountry: this.rng.chance(0.995) ? country : null,
      citizenship: residence === "german" ? "DE" : this.rng.chance(0.95) ? country : null,
      residenceStatus: residence,
      inGermanySince: residence === "abroad" ? null : this.rng.int(2000, Number(isoOf(day).slice(0, 4))),
      germanLevel: this.rng.weighted([["none", 5], ["A1", 8], ["A2", 13], ["B1", 27], ["B2", 24], ["C1", 16], ["C2", 5], [null, 2]] as const),
      qualificationLevel: occupation ? (occupation.level === "mixed" ? (this.rng.chance(0.55) ? "academic" : "vocational") : occupation.level) : this.rng.weighted([["academic", 35], ["vocational", 40], ["other", 20], [null, 5]] as const),
      occupationId: occupation?.id ?? null,
      regulatedProfession: occupation ? occupation.regulated : this.rng.weighted([[true, 30], [false, 55], [null, 15]] as const),
    });
    out.clients.push(client);
    const abroad = residence === "abroad";
    const recognitionShare = occupation?.regulated ? 0.72 : 0.42;
    const type = this.rng.chance(recognitionShare) ? "recognition" : this.rng.chance(0.72) ? "recognition_and_job_training" : "job_training";
    const planned: Planned[] = [];

    const initial = this.record("advice_session", point.id, client.id, null, day, createdAt + this.rng.int(1, 6) * 60_000, {
      channel: abroad ? this.rng.weighted([["email", 45], ["video", 25], ["phone", 20], ["in_person", 10]] as const) : this.rng.weighted([["in_person", 75], ["phone", 15], ["email", 6], ["video", 4]] as const),
      stage: "initial",
      adviceType: type,
      nextStep: type === "recognition" ? "referred_recognition_authority" : "referred_job_training",
    });
    planned.push(initial);
    // A few initial sessions get their advice type corrected, a few are entered twice and the duplicate deleted.
    if (this.rng.chance(0.002)) this.update(initial, initial.row.createdAt + this.rng.int(1, 30) * 86_400_000, { ...initial.row.data, adviceType: type === "recognition" ? "recognition_and_job_training" : "recognition" });
    if (this.rng.chance(0.003)) {
      const duplicate = this.record("advice_session", point.id, client.id, null, day, initial.row.createdAt + this.rng.int(1, 4) * 60_000, { ...initial.row.data });
      this.remove(duplicate, duplicate.row.createdAt + this.rng.int(1, 5) * 86_400_000);
      planned.push(duplicate);
    }

    const r = this.rng.next();
    let last = day;
    for (let k = r < 0.095 ? 1 : r < 0.11 ? 2 : 0; k > 0; k--) {
      last = this.workdayAfter(last + this.rng.int(6, 150));
      planned.push(
        this.record("advice_session", point.id, client.id, null, last, this.entryTime(last), {
          channel: this.rng.weighted([["in_person", 35], ["phone", 35], ["email", 25], ["video", 5]] as const),
          stage: "follow_up",
          adviceType: type,
          nextStep: "no_further_action",
        }),
      );
    }

    if (type !== "recognition" && region.trainingSubprojects.length && this.rng.chance(0.23)) {
      let from = day;
      for (let k = this.rng.chance(0.05) ? 2 : 1; k > 0; k--) from = this.enrol(region, client, from, planned);
    }
    this.emitClient(client, planned, out);
  }

  /** Enrols the client in a course of the region starting soon, or else in an individual scheme; returns its planned end. */
  private enrol(region: GenRegion, client: ClientRow, after: number, planned: Planned[]): number {
    const courses = this.coursesByRegion.get(region) ?? [];
    let course: Course | undefined;
    if (this.rng.chance(0.62) && courses.length) {
      const lo = lowerBound(courses, after + 7);
      const hi = lowerBound(courses, after + 121);
      if (hi > lo) course = courses[lo + Math.floor(this.rng.next() * (hi - lo))];
    }
    let schemeId: string;
    let unitId: string;
    let start: number;
    let plannedEnd: number;
    let schemeCreated: number;
    if (course) {
      ({ id: schemeId, start, plannedEnd, createdAt: schemeCreated } = course);
      unitId = course.unit.id;
      if (this.rng.chance(0.1)) start = this.workdayAfter(start + this.rng.int(1, 14));
    } else {
      start = this.workdayAfter(after + this.rng.int(7, 90));
      plannedEnd = start + this.rng.int(60, 270);
      const unit = this.rng.pick(region.trainingSubprojects);
      unitId = unit.id;
      const scheme = this.record("job_training_scheme", unit.id, null, null, start, this.entryTime(start), {
        title: `${unit.name}: individuelle Qualifizierung`,
        format: "individual",
        measureType: this.rng.weighted([["bridge_training", 30], ["compensation_measure", 45], ["language", 10], ["other", 15]] as const),
        regulatedProfession: this.rng.chance(0.6),
        plannedEndOn: isoOf(plannedEnd),
      });
      planned.push(scheme);
      schemeId = scheme.row.id;
      schemeCreated = scheme.row.createdAt;
    }
    const createdAt = Math.max(this.entryTime(start), schemeCreated + this.rng.int(2, 40) * 60_000, client.createdAt + 60_000);
    const enrolment = this.record("enrolment", unitId, client.id, schemeId, start, createdAt, { endOn: null, outcome: "ongoing", achievement: null, outcomeOn: null });
    planned.push(enrolment);
    const r = this.rng.next();
    if (r < 0.6) {
      const outcomeDay = Math.max(start + 28, plannedEnd - this.rng.int(0, 14));
      const achievement = this.rng.chance(0.6) ? "full_equivalence" : "job_entry_at_level";
      this.update(enrolment, this.entryTime(outcomeDay + this.rng.int(1, 14)), { endOn: isoOf(outcomeDay), outcome: "successful", achievement, outcomeOn: isoOf(outcomeDay) });
    } else if (r < 0.75) {
      const outcomeDay = start + this.rng.int(14, 200);
      this.update(enrolment, this.entryTime(outcomeDay + this.rng.int(1, 21)), { endOn: isoOf(outcomeDay), outcome: "discontinued", achievement: null, outcomeOn: isoOf(outcomeDay) });
    }
    return plannedEnd;
  }

  private fairClient(day: number, out: Batch): void {
    const region = this.pickRegion();
    const point = this.fairPoint(region);
    const country = this.rng.weighted(FAIR_COUNTRIES);
    const eu = EU.has(country);
    const occupation = this.fairOccupations.length && this.rng.chance(0.4) ? this.rng.pick(this.fairOccupations) : null;
    const createdAt = this.entryTime(day);
    if (createdAt > HORIZON) return;
    const status = eu
      ? this.rng.weighted([["eu_eea_ch", 92], ["not_stated", 8]] as const)
      : this.rng.weighted([["asylum_seeker", 30], ["tolerated", 16], ["third_country_permit", 46], ["german", 2], ["not_stated", 6]] as const);
    const client = this.newClient(point.id, createdAt, {
      gender: this.gender(0.3),
      qualificationCountry: occupation || this.rng.chance(0.3) ? country : null,
      citizenship: status === "german" ? "DE" : country,
      residenceStatus: status,
      inGermanySince: this.rng.chance(0.9) ? this.rng.int(2012, Number(isoOf(day).slice(0, 4))) : null,
      germanLevel: this.rng.weighted([["none", 12], ["A1", 22], ["A2", 28], ["B1", 25], ["B2", 10], ["C1", 3]] as const),
      qualificationLevel: this.rng.weighted([["other", 45], ["vocational", 40], ["academic", 15]] as const),
      occupationId: occupation?.id ?? null,
      regulatedProfession: occupation ? occupation.regulated : null,
    });
    out.clients.push(client);
    const planned: Planned[] = [];
    const r = this.rng.next();
    let sessionDay = day;
    for (let k = 0, count = r < 0.7 ? 1 : r < 0.9 ? 2 : r < 0.97 ? 3 : 4; k < count; k++) {
      const createdAtK = k === 0 ? createdAt + this.rng.int(1, 5) * 60_000 : this.entryTime(sessionDay);
      const session = this.record("fair_integration_session", point.id, client.id, null, sessionDay, createdAtK, {
        channel: this.rng.weighted([["in_person", 70], ["phone", 20], ["email", 5], ["video", 5]] as const),
        topics: this.topics(FAIR_TOPICS),
      });
      // A few repeat sessions turn out to be duplicates and are deleted.
      if (k > 0 && this.rng.chance(0.01)) this.remove(session, session.row.createdAt + this.rng.int(1, 20) * 86_400_000);
      planned.push(session);
      sessionDay = this.workdayAfter(sessionDay + this.rng.int(4, 60));
    }
    this.emitClient(client, planned, out);
  }

  /**
   * Writes a client and their records, and the ledger deltas of every change in the order the
   * changes happen; `others` answers from the client's records live at that moment.
   */
  private emitClient(client: ClientRow, planned: Planned[], out: Batch): void {
    const dims: ClientDims = { gender: client.gender, residenceStatus: client.residenceStatus, qualificationCountry: client.qualificationCountry, occupationId: client.occupationId };
    const live = new Map<string, RecordState>();
    const ctx: ChangeContext = {
      place: (unitId) => this.places.get(unitId)!,
      dims: () => dims,
      others: (kind, _clientId, year, exceptId) => {
        const found: RecordState[] = [];
        for (const r of live.values()) if (r.kind === kind && r.id !== exceptId && r.occurredOn.startsWith(year)) found.push(r);
        return found;
      },
    };
    const changes: Change[] = [];
    for (const p of planned) {
      const kept = p.changes.filter((c) => c.at <= HORIZON);
      if (!kept.length) continue;
      this.settle(p, kept);
      out.records.push(p.row);
      changes.push(...kept);
    }
    changes.sort((a, b) => a.at - b.at);
    for (const change of changes) {
      const deltas = recordChangeDeltas(change.before, change.after, ctx);
      const base = new Date(change.at).toISOString();
      for (const d of deltas) {
        out.deltas.push(d);
        out.bases.push(base);
      }
      const id = (change.after ?? change.before)!.id;
      if (change.after) live.set(id, change.after);
      else live.delete(id);
    }
  }

  /** A record with no client, written once. */
  private plain(day: number, kind: RecordState["kind"], unitId: string, data: Record<string, unknown>, out: Batch): void {
    const createdAt = this.entryTime(day);
    if (createdAt > HORIZON) return;
    this.emitPlain({ id: uuid7(this.ids, createdAt), kind, unitId, clientId: null, parentId: null, occurredOn: isoOf(day), data, version: 1, createdAt, updatedAt: createdAt, deletedAt: null }, out);
  }

  private emitPlain(row: RecordRow, out: Batch): void {
    out.records.push(row);
    const base = new Date(row.createdAt).toISOString();
    const noClient: ChangeContext = { place: (unitId) => this.places.get(unitId)!, dims: () => { throw new Error("no client"); }, others: () => [] };
    for (const d of recordChangeDeltas(null, stateOf(row, row.data), noClient)) {
      out.deltas.push(d);
      out.bases.push(base);
    }
  }

  // -- records and their changes ---------------------------------------------

  private record(kind: RecordState["kind"], unitId: string, clientId: string | null, parentId: string | null, day: number, createdAt: number, data: Record<string, unknown>): Planned {
    const row: RecordRow = { id: uuid7(this.ids, createdAt), kind, unitId, clientId, parentId, occurredOn: isoOf(day), data, version: 1, createdAt, updatedAt: createdAt, deletedAt: null };
    return { row, changes: [{ at: createdAt, before: null, after: stateOf(row, data) }] };
  }

  private update(p: Planned, at: number, data: Record<string, unknown>): void {
    const last = p.changes[p.changes.length - 1];
    p.changes.push({ at: Math.max(at, last.at + 60_000), before: last.after, after: stateOf(p.row, data) });
  }

  private remove(p: Planned, at: number): void {
    const last = p.changes[p.changes.length - 1];
    p.changes.push({ at: Math.max(at, last.at + 60_000), before: last.after, after: null });
  }

  /** The row as it stands after the kept changes. */
  private settle(p: Planned, kept: Change[]): void {
    const last = kept[kept.length - 1];
    p.row.version = kept.length;
    p.row.updatedAt = last.at;
    if (last.after) p.row.data = last.after.data;
    else {
      p.row.deletedAt = last.at;
      p.row.data = last.before!.data;
    }
  }

  // -- small choices -----------------------------------------------------------

  private newClient(contactPointId: string, createdAt: number, f: Omit<ClientRow, "id" | "ref" | "contactPointId" | "createdAt" | "birthYear">): ClientRow {
    const born = 1957 + Math.round((this.rng.next() + this.rng.next()) * 20);
    return { id: uuid7(this.ids, createdAt), ref: refOf(this.clientCount++), contactPointId, birthYear: this.rng.chance(0.98) ? born : null, createdAt, ...f };
  }

  private gender(femaleShare: number): string {
    const r = this.rng.next();
    if (r < 0.002) return "diverse";
    if (r < 0.008) return "not_stated";
    return this.rng.chance(femaleShare) ? "female" : "male";
  }

  private residence(country: string): string {
    if (EU.has(country)) return this.rng.weighted([["eu_eea_ch", 88], ["abroad", 10], ["not_stated", 2]] as const);
    if (REFUGEE_ORIGINS.has(country)) return this.rng.weighted([["third_country_permit", 55], ["asylum_seeker", 18], ["tolerated", 5], ["german", 6], ["abroad", 4], ["not_stated", 2]] as const);
    return this.rng.weighted([["third_country_permit", 60], ["abroad", 22], ["german", 6], ["asylum_seeker", 2], ["tolerated", 1], ["not_stated", 2]] as const);
  }

  private topics(all: readonly string[]): string[] {
    const n = this.rng.weighted([[1, 55], [2, 35], [3, 10]] as const);
    const chosen = new Set<string>();
    while (chosen.size < n) chosen.add(this.rng.pick(all));
    return all.filter((t) => chosen.has(t));
  }

  private pickRegion(accept: (r: GenRegion) => boolean = () => true): GenRegion {
    return this.rng.weighted(this.regions.filter(accept).map((r) => [r, r.weight] as const));
  }

  private fairPoint(region: GenRegion): GenUnit {
    return region.fairPoints.length && this.rng.chance(0.7) ? this.rng.pick(region.fairPoints) : region.homePoint;
  }

  private workdayAfter(day: number): number {
    let d = day;
    while (!isWorkday(d)) d++;
    return d;
  }

  /** When a record dated `day` was typed in: mostly that day, sometimes up to ten days later (a working day, office hours). */
  private entryTime(day: number): number {
    const r = this.rng.next();
    const delay = r < 0.45 ? 0 : r < 0.65 ? 1 : r < 0.75 ? 2 : this.rng.int(3, 10);
    let d = day + delay;
    while (d > day && !isWorkday(d)) d--;
    return berlinTime(d, 8 * 60 + this.rng.int(0, 629)).getTime();
  }
}

/** Picks by weight with a binary search (the advice points are many and picked millions of times). */
class Picker<T> {
  private readonly values: T[];
  private readonly cumulative: number[] = [];
  constructor(pairs: readonly (readonly [T, number])[]) {
    this.values = pairs.map(([v]) => v);
    let total = 0;
    for (const [, w] of pairs) this.cumulative.push((total += w));
  }
  pick(rng: Random): T {
    const r = rng.next() * this.cumulative[this.cumulative.length - 1];
    let a = 0;
    let b = this.cumulative.length - 1;
    while (a < b) {
      const m = (a + b) >> 1;
      if (this.cumulative[m] > r) b = m;
      else a = m + 1;
    }
    return this.values[a];
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
