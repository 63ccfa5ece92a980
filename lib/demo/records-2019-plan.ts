/**
 * The demo network's 2019: clients and records generated so that the network figures for
 * 2019-01-01..2019-12-31 as of 2020-01-07 (end of day, Europe/Berlin; completers as of
 * 2020-02-20) come out exactly as published in "The Network IQ in figures" (see
 * `FIGURES_2019`). Pure and deterministic (seeded PRNG): no database access here; the caller
 * passes the org units and users and inserts the result (see `records-2019.ts`).
 *
 * What "as of the reference date" means for the data below (and why the exact counts hold):
 * - every record counted was created (history version 1) between its date and 2020-01-07;
 * - about 50 records were deleted after 2020-01-07 (moved initial sessions, duplicate
 *   follow-ups, a few Fair Integration sessions and consultations): they still count as of
 *   2020-01-07, and the counts above include them;
 * - about 50 records were entered late, after 2020-01-07, with a 2019 date (re-entries of the
 *   moved sessions, follow-ups caught up in January, consultations): they do NOT count as of
 *   2020-01-07, so they come on top of the counts above;
 * - 10 duplicate initial sessions were entered and deleted again within 2019: they never count;
 * - 100 initial sessions had their advice type corrected before 2020-01-07 (the corrected
 *   value counts) and 30 after it (the original value counts);
 * - enrolments are entered as `ongoing`; their outcome comes later as version 2. Exactly 1,853
 *   distinct clients have a `successful` outcome dated on or before 2020-02-20, and each of
 *   those outcomes was recorded on or before 2020-02-20; further successful outcomes are dated
 *   (and recorded) after 2020-02-20.
 */
import { diff } from "@/lib/history";
import {
  DaySampler,
  Random,
  addMinutes,
  berlinDayOf,
  berlinTime,
  dayOf,
  endOfBerlinDay,
  fitToSum,
  isoOf,
  isWorkday,
  maxDate,
  nextWorkday,
  officeTime,
} from "./demo-random";
import { OCCUPATIONS, type SeedOccupation } from "./occupations";

/** The published 2019 figures this plan reproduces (tests/fixtures/figures-2019.json). */
export const FIGURES_2019 = {
  period: { from: "2019-01-01", to: "2019-12-31" },
  asOf: "2020-01-07",
  completersAsOf: "2020-02-20",
  initialByType: { recognition: 33_050, recognition_and_job_training: 14_661, job_training: 5_573 },
  topOccupations: ["Healthcare assistant", "Doctor", "Engineer", "Teacher", "Social education worker / social worker"],
  fairIntegrationIndividuals: 3_507,
  fairIntegrationEvents: 358,
  fairIntegrationEventParticipants: 5_020,
  schemesByFormat: { course: 210, individual: 1_769 },
  enrolments: 4_710,
  successfulCompleters: 1_853,
  intercultural: {
    labour_market: { trainings: 669, trainingParticipants: 8_336, events: 300, eventParticipants: 6_245, consultations: 1_214 },
    business: { trainings: 112, trainingParticipants: 1_449, events: 112, eventParticipants: 2_539, consultations: 1_763 },
  },
  skilledWorkerPeopleReached: 2_300,
} as const;

/**
 * Initial advice sessions per reference occupation of the client (English catalogue name);
 * the rest of the 53,284 sessions have no catalogue occupation. The top five lead by clear margins.
 */
const INITIAL_SESSIONS_BY_OCCUPATION: Readonly<Record<string, number>> = {
  "Healthcare assistant": 7_412,
  Doctor: 5_583,
  Engineer: 4_216,
  Teacher: 3_387,
  "Social education worker / social worker": 2_264,
  Economist: 1_739,
  "Business administrator": 1_646,
  "Educator (early childhood)": 1_596,
  "Computer scientist": 1_385,
  Pharmacist: 1_257,
  Dentist: 1_135,
  "Office clerk": 1_099,
  Accountant: 1_017,
  "Civil engineer": 991,
  Lawyer: 934,
  "Mechanical engineer": 858,
  Electrician: 841,
  "Electrical engineer": 803,
  Physiotherapist: 753,
  "Software developer": 693,
  Architect: 676,
  "Geriatric nurse": 623,
  "Interpreter / translator": 589,
  "Medical assistant": 573,
  "Automotive mechatronics technician": 549,
  Psychologist: 514,
  "Medical laboratory technician": 462,
  "Sales assistant": 462,
  Veterinarian: 447,
  Chemist: 427,
  "Bank clerk": 421,
  Cook: 409,
  Biologist: 386,
  "Professional driver": 366,
  Midwife: 358,
  "Plumbing and heating technician": 338,
  "Joiner / cabinet maker": 307,
  Bricklayer: 266,
  Welder: 251,
  Mathematician: 246,
  Hairdresser: 236,
  "Hotel specialist": 215,
  Journalist: 202,
  Baker: 166,
};

// ---------------------------------------------------------------------------
// Input and output
// ---------------------------------------------------------------------------

export interface PlanUnit {
  id: string;
  name: string;
}

export interface PlanRegion {
  code: string;
  /** Relative size (e.g. its number of subprojects). */
  weight: number;
  /** The user who enters this region's records. */
  adviserId: string;
  /** Contact points of advice subprojects. */
  advicePoints: (PlanUnit & { kind: "permanent" | "mobile" })[];
  /** Contact points run by the region's Fair Integration project (may be empty). */
  fairPoints: PlanUnit[];
  /** The region's first contact point (the demo adviser's, where there is one): also hosts Fair Integration hours. */
  homePoint: PlanUnit;
  trainingSubprojects: PlanUnit[];
  openingSubprojects: PlanUnit[];
  networkSubprojects: PlanUnit[];
}

export interface PlanInput {
  regions: PlanRegion[];
  /** Occupation ids by English catalogue name. */
  occupationIds: Map<string, string>;
  seed?: number;
}

export interface ClientRow {
  id: string;
  ref: string;
  contactPointId: string;
  gender: "female" | "male" | "diverse" | "not_stated";
  birthYear: number | null;
  qualificationCountry: string | null;
  citizenship: string | null;
  residenceStatus: "eu_eea_ch" | "third_country_permit" | "asylum_seeker" | "tolerated" | "abroad" | "german" | "not_stated";
  inGermanySince: number | null;
  germanLevel: "none" | "A1" | "A2" | "B1" | "B2" | "C1" | "C2" | null;
  qualificationLevel: "academic" | "vocational" | "other" | null;
  occupationId: string | null;
  regulatedProfession: boolean | null;
  createdBy: string;
  createdAt: Date;
}

export type Kind =
  | "advice_session"
  | "fair_integration_session"
  | "fair_integration_event"
  | "job_training_scheme"
  | "enrolment"
  | "intercultural_activity"
  | "skilled_worker_activity";

export interface RecordRow {
  id: string;
  kind: Kind;
  unitId: string;
  clientId: string | null;
  parentId: string | null;
  occurredOn: string;
  /** The record's current (final) fields. */
  data: Record<string, unknown>;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedBy: string | null;
  updatedAt: Date;
  deletedAt: Date | null;
  deletedBy: string | null;
  /** The fields of version 1 when a later update changed them. */
  firstData?: Record<string, unknown>;
}

export interface HistoryRow {
  subjectId: string;
  subjectType: "record";
  version: number;
  op: "create" | "update" | "delete";
  actorId: string;
  at: Date;
  snapshot: Record<string, unknown>;
  changes: Record<string, { from: unknown; to: unknown }> | null;
}

export interface Plan {
  clients: ClientRow[];
  records: RecordRow[];
  /**
   * History of the records with more than one version (both versions). Records still at
   * version 1 get their single "create" row from the inserting statement itself.
   */
  history: HistoryRow[];
}

/** What the history keeps of a record (same shape as lib/records/access.ts recordSnapshot). */
export function snapshotOf(r: Pick<RecordRow, "unitId" | "clientId" | "parentId" | "occurredOn">, data: Record<string, unknown>) {
  return { unitId: r.unitId, clientId: r.clientId, parentId: r.parentId, occurredOn: r.occurredOn, ...data };
}

// ---------------------------------------------------------------------------
// Calendar of the year
// ---------------------------------------------------------------------------

const YEAR_FROM = "2019-01-01";
const YEAR_TO = "2019-12-31";
const REF_DAY = dayOf(FIGURES_2019.asOf);
const REF_END = endOfBerlinDay(FIGURES_2019.asOf);
const COMPLETERS_DAY = dayOf(FIGURES_2019.completersAsOf);
const COMPLETERS_END = endOfBerlinDay(FIGURES_2019.completersAsOf);

// Relative activity per month, January first: quieter at Easter, in the summer holidays and at Christmas.
const ADVICE_MONTHS = [1.0, 1.05, 1.08, 0.95, 1.0, 0.93, 0.88, 0.74, 1.02, 1.07, 1.08, 0.72];
const EVENT_MONTHS = [0.7, 1.0, 1.15, 1.0, 1.1, 1.05, 0.75, 0.45, 1.1, 1.2, 1.25, 0.6];
// A new funding round started on 2019-01-01: schemes ramp up in the spring.
const SCHEME_MONTHS = [0.35, 0.6, 0.95, 1.1, 1.05, 0.95, 0.85, 0.75, 1.35, 1.25, 1.0, 0.45];
/** Christmas Eve and New Year's Eve: offices mostly closed. */
const quietDays = (d: number) => (isoOf(d).endsWith("-12-24") || isoOf(d).endsWith("-12-31") ? 0.15 : 1);

/** The day a record dated `day` was typed in: mostly the same day, sometimes up to ten days later, never after the reference date. */
function entryDay(rng: Random, day: number): number {
  const r = rng.next();
  const delay = r < 0.45 ? 0 : r < 0.65 ? 1 : r < 0.75 ? 2 : rng.int(3, 10);
  // Typed in on a working day; a weekend moves it back (never before the day itself, never past ten days).
  let d = day + delay;
  while (d > day && !isWorkday(d)) d--;
  return Math.min(d, REF_DAY);
}

function entryTime(rng: Random, day: number): Date {
  return officeTime(rng, entryDay(rng, day));
}

/** An office-hours time on a working day within [from, to] (days). */
function timeBetween(rng: Random, from: number, to: number): Date {
  for (let attempt = 0; attempt < 50; attempt++) {
    const d = rng.int(from, to);
    if (isWorkday(d)) return officeTime(rng, d);
  }
  return officeTime(rng, nextWorkday(from));
}

// ---------------------------------------------------------------------------
// Client profiles
// ---------------------------------------------------------------------------

const EU = new Set(["PL", "RO", "IT", "ES", "GR", "HU", "BG", "HR"]);
const REFUGEE_ORIGINS = new Set(["SY", "IQ", "AF", "IR", "ER", "SO", "NG", "PK", "GM", "GN"]);

const ADVICE_COUNTRIES: readonly (readonly [string, number])[] = [
  ["SY", 12], ["IR", 5], ["RO", 5], ["TR", 5], ["PL", 4], ["RU", 4], ["UA", 4], ["BA", 4], ["RS", 3], ["IN", 3],
  ["IQ", 3], ["EG", 2.5], ["PH", 2.5], ["AF", 2], ["IT", 2], ["ES", 2], ["GR", 2], ["BG", 2], ["AL", 2], ["HU", 1.5],
  ["HR", 1.5], ["BR", 1.5], ["CO", 1.5], ["TN", 1.5], ["MA", 1.5], ["MX", 1], ["KZ", 1], ["CM", 1], ["NG", 1], ["PK", 1],
  ["JO", 1], ["LB", 1], ["CN", 1], ["VN", 1], ["US", 1], ["VE", 1], ["MD", 0.8], ["GE", 0.8], ["AM", 0.6], ["AZ", 0.6],
  ["MK", 0.8], ["ER", 0.5], ["SO", 0.3],
];
const NURSING_COUNTRIES: readonly (readonly [string, number])[] = [
  ["PH", 10], ["BA", 10], ["RS", 8], ["AL", 6], ["IN", 6], ["TN", 5], ["RO", 5], ["UA", 4], ["MK", 3], ["SY", 4], ["MX", 2], ["BR", 2], ["IR", 2],
];
const DOCTOR_COUNTRIES: readonly (readonly [string, number])[] = [
  ["SY", 15], ["EG", 6], ["RU", 5], ["UA", 5], ["IR", 4], ["JO", 3], ["RO", 3], ["TR", 3], ["IQ", 3], ["AZ", 2], ["GE", 2], ["LB", 2], ["IN", 2], ["GR", 1], ["BG", 1],
];
const FAIR_COUNTRIES: readonly (readonly [string, number])[] = [
  ["SY", 20], ["AF", 15], ["IQ", 12], ["ER", 6], ["IR", 6], ["NG", 5], ["PK", 4], ["TR", 4], ["SO", 3], ["GM", 3], ["GN", 3],
  ["AL", 3], ["UA", 3], ["RO", 3], ["BG", 3], ["PL", 2], ["RS", 2], ["MK", 2], ["RU", 2],
];
const FAIR_OCCUPATIONS = ["Cook", "Professional driver", "Sales assistant", "Bricklayer", "Welder", "Hairdresser", "Baker", "Hotel specialist", "Electrician", "Geriatric nurse"];

const FEMALE_SHARE: Readonly<Record<string, number>> = {
  "Healthcare assistant": 0.78, Doctor: 0.5, Engineer: 0.24, Teacher: 0.76, "Social education worker / social worker": 0.72,
  "Educator (early childhood)": 0.9, Midwife: 0.99, "Geriatric nurse": 0.8, "Medical assistant": 0.85, Physiotherapist: 0.6,
  "Civil engineer": 0.25, "Mechanical engineer": 0.15, "Electrical engineer": 0.15, Electrician: 0.05, "Automotive mechatronics technician": 0.04,
  "Plumbing and heating technician": 0.04, Bricklayer: 0.03, Welder: 0.04, "Professional driver": 0.06, "Computer scientist": 0.3,
  "Software developer": 0.28, Hairdresser: 0.75, Pharmacist: 0.68, Dentist: 0.55,
};

interface OccupationInfo extends SeedOccupation {
  id: string;
}

function gender(rng: Random, femaleShare: number): ClientRow["gender"] {
  const r = rng.next();
  if (r < 0.002) return "diverse";
  if (r < 0.008) return "not_stated";
  return rng.chance(femaleShare) ? "female" : "male";
}

function birthYear(rng: Random): number {
  // Age 21–62, most in their thirties (a triangular distribution).
  const age = Math.round(21 + (rng.next() + rng.next()) * 0.5 * 30 + rng.next() * 11);
  return 2019 - age;
}

function sinceYear(rng: Random, born: number, refugee: boolean, eu: boolean): number {
  const earliest = Math.max(born + 18, 1990);
  const r = rng.next();
  const year = refugee ? (r < 0.85 ? rng.int(2014, 2019) : rng.int(2005, 2019)) : eu ? rng.int(2008, 2019) : r < 0.7 ? rng.int(2015, 2019) : rng.int(2000, 2019);
  return Math.max(year, Math.min(earliest, 2019));
}

function residence(rng: Random, country: string): ClientRow["residenceStatus"] {
  if (EU.has(country)) return rng.weighted([["eu_eea_ch", 88], ["abroad", 10], ["not_stated", 2]] as const);
  if (REFUGEE_ORIGINS.has(country)) {
    return rng.weighted([["third_country_permit", 55], ["asylum_seeker", 18], ["tolerated", 5], ["german", 6], ["abroad", 4], ["not_stated", 2]] as const);
  }
  return rng.weighted([["third_country_permit", 60], ["abroad", 22], ["german", 6], ["asylum_seeker", 2], ["tolerated", 1], ["not_stated", 2]] as const);
}

const LEVELS_IN_GERMANY = [["none", 3], ["A1", 6], ["A2", 12], ["B1", 28], ["B2", 26], ["C1", 18], ["C2", 7]] as const;
const LEVELS_ABROAD = [["none", 20], ["A1", 25], ["A2", 20], ["B1", 20], ["B2", 10], ["C1", 5]] as const;
const LEVELS_FAIR = [["none", 12], ["A1", 22], ["A2", 28], ["B1", 25], ["B2", 10], ["C1", 3]] as const;

function qualificationLevel(rng: Random, occupation: OccupationInfo | null): ClientRow["qualificationLevel"] {
  if (!occupation) return rng.weighted([["academic", 35], ["vocational", 40], ["other", 20], [null, 5]] as const);
  if (occupation.level === "mixed") return rng.chance(0.55) ? "academic" : "vocational";
  return rng.chance(0.97) ? occupation.level : "other";
}

function citizenshipOf(rng: Random, country: string, status: ClientRow["residenceStatus"]): string | null {
  if (status === "german") return "DE";
  const r = rng.next();
  if (r < 0.02) return null;
  if (r < 0.92) return country;
  return rng.weighted(ADVICE_COUNTRIES);
}

// ---------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------

type AdviceType = keyof typeof FIGURES_2019.initialByType;

interface AdviceCase {
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

export function planRecords2019(input: PlanInput): Plan {
  const rng = new Random(input.seed ?? 2019);
  const ids = new Random((input.seed ?? 2019) ^ 0x5eed);
  const clients: ClientRow[] = [];
  const records: RecordRow[] = [];
  const usedRefs = new Set<string>();

  const occupations = new Map<string, OccupationInfo>();
  for (const o of OCCUPATIONS) {
    const id = input.occupationIds.get(o.nameEn);
    if (!id) throw new Error(`Occupation "${o.nameEn}" is missing from the catalogue`);
    occupations.set(o.nameEn, { ...o, id });
  }
  const regions = input.regions;
  if (!regions.length) throw new Error("No regions to seed");

  const REF_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const newRef = () => {
    for (;;) {
      let ref = "K-";
      for (let i = 0; i < 9; i++) ref += i === 4 ? "-" : REF_ALPHABET[Math.floor(ids.next() * REF_ALPHABET.length)];
      if (!usedRefs.has(ref)) {
        usedRefs.add(ref);
        return ref;
      }
    }
  };

  type NewRecord = Pick<RecordRow, "kind" | "unitId" | "clientId" | "parentId" | "occurredOn" | "data" | "createdBy" | "createdAt">;
  const newRecord = (f: NewRecord): RecordRow => {
    const record: RecordRow = {
      id: ids.uuid(),
      kind: f.kind,
      unitId: f.unitId,
      clientId: f.clientId,
      parentId: f.parentId,
      occurredOn: f.occurredOn,
      data: f.data,
      version: 1,
      createdBy: f.createdBy,
      createdAt: f.createdAt,
      updatedBy: null,
      updatedAt: f.createdAt,
      deletedAt: null,
      deletedBy: null,
    };
    records.push(record);
    return record;
  };
  /** The same record entered a second time, a few minutes later. */
  const duplicateOf = (original: RecordRow): RecordRow =>
    newRecord({ ...original, data: { ...original.data }, createdAt: addMinutes(original.createdAt, rng.int(1, 4)) });

  const regionPicker = (weightOf: (r: PlanRegion) => number) => {
    const pairs = regions.map((r) => [r, weightOf(r)] as const).filter(([, w]) => w > 0);
    return () => rng.weighted(pairs);
  };

  const adviceDays = new DaySampler(YEAR_FROM, YEAR_TO, ADVICE_MONTHS, quietDays);
  const eventDays = new DaySampler(YEAR_FROM, YEAR_TO, EVENT_MONTHS, quietDays);
  const schemeDays = new DaySampler("2019-01-14", YEAR_TO, SCHEME_MONTHS, quietDays);

  // -------------------------------------------------------------------------
  // Advice clients and their initial sessions
  // -------------------------------------------------------------------------
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

  // Advice points: each region by its size, within it permanent offices see three times a mobile stop's clients.
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
  const pickAdvicePoint = () => {
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
      id: ids.uuid(),
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

  // Advice types with exact totals: clients whose occupation is regulated lean to recognition,
  // the others to job-training advice.
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

  const channel = (abroad: boolean, mobile: boolean) =>
    abroad
      ? rng.weighted([["email", 45], ["video", 25], ["phone", 20], ["in_person", 10]] as const)
      : mobile
        ? rng.weighted([["in_person", 90], ["phone", 7], ["email", 3]] as const)
        : rng.weighted([["in_person", 75], ["phone", 15], ["email", 6], ["video", 4]] as const);
  const nextStep = (type: AdviceType) =>
    type === "recognition"
      ? rng.weighted([["referred_recognition_authority", 70], ["referred_elsewhere", 10], ["no_further_action", 20]] as const)
      : type === "recognition_and_job_training"
        ? rng.weighted([["referred_job_training", 45], ["referred_recognition_authority", 40], ["referred_elsewhere", 10], ["no_further_action", 5]] as const)
        : rng.weighted([["referred_job_training", 60], ["referred_elsewhere", 25], ["no_further_action", 15]] as const);

  // -------------------------------------------------------------------------
  // Job-training schemes and enrolments (before the sessions, so that the clients who enrol
  // were referred to job training in their initial session)
  // -------------------------------------------------------------------------
  const SCHEME_LINES: readonly {
    prefix: string;
    measureType: "compensation_measure" | "bridge_training" | "language" | "other";
    regulated: boolean;
    courses: number;
    occupations: string[];
  }[] = [
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
  const lineOf = (unit: PlanUnit) => SCHEME_LINES.find((l) => unit.name.startsWith(l.prefix)) ?? { prefix: unit.name, measureType: "other" as const, regulated: false, courses: 1, occupations: [] };

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

  interface EnrolmentPlan {
    record: RecordRow;
    case: AdviceCase;
    start: number;
    plannedEnd: number;
    regulated: boolean;
    course: boolean;
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

  // Outcomes. Completers: exactly FIGURES_2019.successfulCompleters distinct clients have a
  // successful outcome dated (and recorded) on or before the completers' reference date.
  const outcomeScore = new Map<EnrolmentPlan, number>();
  for (const e of enrolments) outcomeScore.set(e, rng.next() * (e.plannedEnd <= COMPLETERS_DAY ? 1 : 0.4));
  const bestByClient = new Map<AdviceCase, EnrolmentPlan>();
  for (const e of enrolments) {
    const best = bestByClient.get(e.case);
    if (!best || outcomeScore.get(e)! > outcomeScore.get(best)!) bestByClient.set(e.case, e);
  }
  const ranked = [...bestByClient.entries()].sort((a, b) => outcomeScore.get(b[1])! - outcomeScore.get(a[1])!);
  if (ranked.length < FIGURES_2019.successfulCompleters) throw new Error("Fewer enrolled clients than completers");
  const completerClients = new Set(ranked.slice(0, FIGURES_2019.successfulCompleters).map(([c]) => c));
  const completedEnrolments = new Set(ranked.slice(0, FIGURES_2019.successfulCompleters).map(([, e]) => e));

  const setOutcome = (e: EnrolmentPlan, outcome: "successful" | "discontinued", outcomeDay: number, recordedAt: Date) => {
    const r = e.record;
    r.firstData = r.data;
    r.data = {
      endOn: isoOf(outcomeDay),
      outcome,
      achievement: outcome === "successful" ? (e.regulated && rng.chance(0.75) ? "full_equivalence" : "job_entry_at_level") : null,
      outcomeOn: isoOf(outcomeDay),
    };
    r.version = 2;
    r.updatedAt = maxDate(recordedAt, addMinutes(r.createdAt, 60));
    r.updatedBy = r.createdBy;
  };
  const successBeforeCutoff = (e: EnrolmentPlan) => {
    const earliest = e.start + 28;
    const day =
      e.plannedEnd <= COMPLETERS_DAY ? Math.max(earliest, e.plannedEnd - rng.int(0, 14)) : rng.int(Math.min(earliest, COMPLETERS_DAY), COMPLETERS_DAY);
    const outcomeDay = Math.min(day, COMPLETERS_DAY - 1);
    // Recorded on one of the next fourteen days, but (being counted) no later than the completers' reference date.
    const recordDay = Math.min(nextWorkday(outcomeDay + rng.int(1, 14)), COMPLETERS_DAY);
    setOutcome(e, "successful", outcomeDay, officeTime(rng, recordDay));
  };
  for (const e of enrolments) {
    if (completedEnrolments.has(e)) {
      successBeforeCutoff(e);
      continue;
    }
    const r = rng.next();
    if (completerClients.has(e.case) && r < 0.35) {
      successBeforeCutoff(e);
    } else if (r < 0.12) {
      const outcomeDay = e.start + rng.int(14, 200);
      setOutcome(e, "discontinued", outcomeDay, officeTime(rng, nextWorkday(outcomeDay + rng.int(1, 21))));
    } else if (r < 0.4 && e.plannedEnd > COMPLETERS_DAY - 30) {
      // Successful, but only after the completers' reference date (and recorded after it too).
      const outcomeDay = Math.max(e.plannedEnd + rng.int(-10, 30), COMPLETERS_DAY + rng.int(1, 20));
      setOutcome(e, "successful", outcomeDay, officeTime(rng, nextWorkday(outcomeDay + rng.int(1, 14))));
    }
  }

  // -------------------------------------------------------------------------
  // Initial and follow-up advice sessions
  // -------------------------------------------------------------------------
  const followUps: RecordRow[] = [];
  const casesWithFollowUps = new Set<AdviceCase>();
  for (const c of adviceCases) {
    const step = c.enrolled && c.type !== "recognition" ? "referred_job_training" : nextStep(c.type);
    c.initial = newRecord({
      kind: "advice_session",
      unitId: c.pointId,
      clientId: c.client.id,
      parentId: null,
      occurredOn: isoOf(c.day),
      data: { channel: channel(c.abroad, c.mobile), stage: "initial", adviceType: c.type, nextStep: step },
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
            channel: c.abroad ? channel(true, false) : rng.weighted([["in_person", 35], ["phone", 35], ["email", 25], ["video", 5]] as const),
            stage: "follow_up",
            adviceType: type,
            nextStep: nextStep(type),
          },
          createdBy: c.region.adviserId,
          createdAt: maxDate(entryTime(rng, day), addMinutes(c.client.createdAt, rng.int(10, 60))),
        }),
      );
      casesWithFollowUps.add(c);
    }
  }

  // -------------------------------------------------------------------------
  // Fair Integration: advice sessions (distinct clients) and group events
  // -------------------------------------------------------------------------
  const pickFairRegion = regionPicker((r) => r.weight);
  const fairPoint = (region: PlanRegion) => (region.fairPoints.length && rng.chance(0.7) ? rng.pick(region.fairPoints) : region.homePoint);
  const fairTopics = () => {
    const n = rng.weighted([[1, 55], [2, 35], [3, 10]] as const);
    const chosen = new Set<string>();
    while (chosen.size < n) {
      chosen.add(rng.weighted([["wages", 30], ["working_time", 20], ["holidays", 10], ["dismissal_termination", 20], ["health_insurance", 12], ["residence_law", 15], ["other", 8]] as const));
    }
    return ["wages", "working_time", "holidays", "dismissal_termination", "health_insurance", "residence_law", "other"].filter((t) => chosen.has(t));
  };
  const fairSessionsByClient: RecordRow[][] = [];
  for (let i = 0; i < FIGURES_2019.fairIntegrationIndividuals; i++) {
    const region = pickFairRegion();
    const point = fairPoint(region);
    const country = rng.weighted(FAIR_COUNTRIES);
    const born = birthYear(rng);
    const eu = EU.has(country);
    const status: ClientRow["residenceStatus"] = eu
      ? rng.weighted([["eu_eea_ch", 92], ["not_stated", 8]] as const)
      : rng.weighted([["asylum_seeker", 30], ["tolerated", 16], ["third_country_permit", 46], ["german", 2], ["not_stated", 6]] as const);
    const occupation = rng.chance(0.4) ? occupations.get(rng.pick(FAIR_OCCUPATIONS))! : null;
    const firstDay = adviceDays.sample(rng)!;
    const client: ClientRow = {
      id: ids.uuid(),
      ref: newRef(),
      contactPointId: point.id,
      gender: gender(rng, 0.3),
      birthYear: rng.chance(0.95) ? Math.min(born + 8, 2001) : null,
      qualificationCountry: occupation || rng.chance(0.3) ? country : null,
      citizenship: status === "german" ? "DE" : country,
      residenceStatus: status,
      inGermanySince: rng.chance(0.9) ? rng.int(eu ? 2012 : 2014, 2019) : null,
      germanLevel: rng.chance(0.05) ? null : rng.weighted(LEVELS_FAIR),
      qualificationLevel: rng.weighted([["other", 45], ["vocational", 40], ["academic", 15]] as const),
      occupationId: occupation?.id ?? null,
      regulatedProfession: occupation ? occupation.regulated : null,
      createdBy: region.adviserId,
      createdAt: entryTime(rng, firstDay),
    };
    clients.push(client);
    const r = rng.next();
    const count = r < 0.7 ? 1 : r < 0.9 ? 2 : r < 0.97 ? 3 : 4;
    const sessions: RecordRow[] = [];
    let day: number | undefined = firstDay;
    for (let k = 0; k < count && day !== undefined; k++) {
      sessions.push(
        newRecord({
          kind: "fair_integration_session",
          unitId: point.id,
          clientId: client.id,
          parentId: null,
          occurredOn: isoOf(day),
          data: { channel: rng.weighted([["in_person", 70], ["phone", 20], ["email", 5], ["video", 5]] as const), topics: fairTopics() },
          createdBy: region.adviserId,
          createdAt: k === 0 ? addMinutes(client.createdAt, rng.int(1, 5)) : maxDate(entryTime(rng, day), addMinutes(client.createdAt, rng.int(10, 60))),
        }),
      );
      day = adviceDays.sample(rng, day + 4, day + 60);
    }
    fairSessionsByClient.push(sessions);
  }

  const EVENT_TITLES = [
    "Infoveranstaltung Arbeitsrecht für Geflüchtete",
    "Workshop Mindestlohn und Arbeitszeit",
    "Meine Rechte im Minijob",
    "Arbeitsvertrag – worauf achten?",
    "Kündigung: was tun?",
    "Krankenversicherung und Lohnfortzahlung",
    "Workshop Urlaubsanspruch und Überstunden",
    "Informationsabend Arbeits- und Aufenthaltsrecht",
    "Infoveranstaltung in der Gemeinschaftsunterkunft",
    "Workshop im Integrationskurs: Arbeit in Deutschland",
  ];
  const eventParticipants = fitToSum(
    rng,
    Array.from({ length: FIGURES_2019.fairIntegrationEvents }, () => rng.int(6, 24)),
    FIGURES_2019.fairIntegrationEventParticipants,
    Array(FIGURES_2019.fairIntegrationEvents).fill(4),
    Array(FIGURES_2019.fairIntegrationEvents).fill(45),
  );
  for (const participants of eventParticipants) {
    const region = pickFairRegion();
    const day = eventDays.sample(rng)!;
    newRecord({
      kind: "fair_integration_event",
      unitId: fairPoint(region).id,
      clientId: null,
      parentId: null,
      occurredOn: isoOf(day),
      data: { title: rng.pick(EVENT_TITLES), participants, topics: fairTopics() },
      createdBy: region.adviserId,
      createdAt: entryTime(rng, day),
    });
  }

  // -------------------------------------------------------------------------
  // Intercultural opening
  // -------------------------------------------------------------------------
  const openingUnits = (group: "labour_market" | "business") => {
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
  };
  const openingTopics = (group: "labour_market" | "business") => {
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
  };
  const consultations: RecordRow[] = [];
  for (const group of ["labour_market", "business"] as const) {
    const units = openingUnits(group);
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
          data: { targetGroup: group, activityType, participants: p, topics: openingTopics(group) },
          createdBy: place.region.adviserId,
          createdAt: entryTime(rng, day),
        });
        if (activityType === "consultation") consultations.push(record);
      }
    }
  }

  // -------------------------------------------------------------------------
  // Skilled-worker networks
  // -------------------------------------------------------------------------
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

  // -------------------------------------------------------------------------
  // Changes around the reference date (see the header comment)
  // -------------------------------------------------------------------------
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
        data: { channel: rng.weighted([["in_person", 40], ["phone", 40], ["email", 20]] as const), stage: "follow_up", adviceType: c.type, nextStep: nextStep(c.type) },
        createdBy: c.region.adviserId,
        createdAt: afterRef(REF_DAY + 1, dayOf("2020-01-31")),
      }),
    );
  }
  // 5 consultations of December 2019, typed in late.
  for (let k = 0; k < 5; k++) {
    const place = rng.weighted(openingUnits("business"));
    const day = adviceDays.sample(rng, dayOf("2019-11-30"))!;
    touched.add(
      newRecord({
        kind: "intercultural_activity",
        unitId: place.unit.id,
        clientId: null,
        parentId: null,
        occurredOn: isoOf(day),
        data: { targetGroup: "business", activityType: "consultation", participants: null, topics: openingTopics("business") },
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

  // -------------------------------------------------------------------------
  // History of the records with two versions, and a final check of the time line
  // -------------------------------------------------------------------------
  const history: HistoryRow[] = [];
  for (const r of records) {
    if (r.version === 1) continue;
    const first = r.firstData ?? r.data;
    history.push({ subjectId: r.id, subjectType: "record", version: 1, op: "create", actorId: r.createdBy, at: r.createdAt, snapshot: snapshotOf(r, first), changes: null });
    if (r.deletedAt) {
      history.push({ subjectId: r.id, subjectType: "record", version: 2, op: "delete", actorId: r.deletedBy!, at: r.deletedAt, snapshot: snapshotOf(r, r.data), changes: null });
    } else {
      history.push({
        subjectId: r.id,
        subjectType: "record",
        version: 2,
        op: "update",
        actorId: r.updatedBy!,
        at: r.updatedAt,
        snapshot: snapshotOf(r, r.data),
        changes: diff(snapshotOf(r, first), snapshotOf(r, r.data)),
      });
    }
  }

  // The completers as counted by outcome date and as counted by what was on record at the completers' reference date agree.
  const completedByDate = new Set<string>();
  const completedOnRecord = new Set<string>();
  for (const e of enrolments) {
    const r = e.record;
    if (r.data.outcome !== "successful") continue;
    if ((r.data.outcomeOn as string) <= FIGURES_2019.completersAsOf) completedByDate.add(r.clientId!);
    if (r.updatedAt.getTime() <= COMPLETERS_END.getTime()) completedOnRecord.add(r.clientId!);
  }
  if (completedByDate.size !== FIGURES_2019.successfulCompleters || completedOnRecord.size !== FIGURES_2019.successfulCompleters) {
    throw new Error(`Completers: ${completedByDate.size} by date, ${completedOnRecord.size} on record`);
  }
  for (const c of clients) {
    if (c.createdAt.getTime() > REF_END.getTime()) throw new Error(`Client ${c.ref} created after the reference date`);
  }
  const lateIds = new Set(records.filter((r) => touched.has(r) && r.createdAt.getTime() > REF_END.getTime()).map((r) => r.id));
  for (const r of records) {
    if (r.occurredOn < YEAR_FROM || r.occurredOn > YEAR_TO) throw new Error(`Record dated ${r.occurredOn}`);
    if (!lateIds.has(r.id) && r.createdAt.getTime() > REF_END.getTime()) throw new Error(`Record of ${r.occurredOn} created after the reference date`);
    if (r.createdAt.getTime() < berlinTime(dayOf(r.occurredOn), 0).getTime()) throw new Error(`Record of ${r.occurredOn} created before it happened`);
    if (r.updatedAt.getTime() < r.createdAt.getTime()) throw new Error("Record updated before it was created");
  }
  return { clients, records, history };
}
