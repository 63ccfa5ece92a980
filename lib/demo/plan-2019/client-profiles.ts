/** Who the clients are: countries, gender, age, residence and German level, drawn per client. */
import type { Random } from "../demo-random";
import type { SeedOccupation } from "../occupations";
import type { ClientRow } from "./rows";

export const EU = new Set(["PL", "RO", "IT", "ES", "GR", "HU", "BG", "HR"]);
export const REFUGEE_ORIGINS = new Set(["SY", "IQ", "AF", "IR", "ER", "SO", "NG", "PK", "GM", "GN"]);

export const ADVICE_COUNTRIES: readonly (readonly [string, number])[] = [
  ["SY", 12], ["IR", 5], ["RO", 5], ["TR", 5], ["PL", 4], ["RU", 4], ["UA", 4], ["BA", 4], ["RS", 3], ["IN", 3],
  ["IQ", 3], ["EG", 2.5], ["PH", 2.5], ["AF", 2], ["IT", 2], ["ES", 2], ["GR", 2], ["BG", 2], ["AL", 2], ["HU", 1.5],
  ["HR", 1.5], ["BR", 1.5], ["CO", 1.5], ["TN", 1.5], ["MA", 1.5], ["MX", 1], ["KZ", 1], ["CM", 1], ["NG", 1], ["PK", 1],
  ["JO", 1], ["LB", 1], ["CN", 1], ["VN", 1], ["US", 1], ["VE", 1], ["MD", 0.8], ["GE", 0.8], ["AM", 0.6], ["AZ", 0.6],
  ["MK", 0.8], ["ER", 0.5], ["SO", 0.3],
];
export const NURSING_COUNTRIES: readonly (readonly [string, number])[] = [
  ["PH", 10], ["BA", 10], ["RS", 8], ["AL", 6], ["IN", 6], ["TN", 5], ["RO", 5], ["UA", 4], ["MK", 3], ["SY", 4], ["MX", 2], ["BR", 2], ["IR", 2],
];
export const DOCTOR_COUNTRIES: readonly (readonly [string, number])[] = [
  ["SY", 15], ["EG", 6], ["RU", 5], ["UA", 5], ["IR", 4], ["JO", 3], ["RO", 3], ["TR", 3], ["IQ", 3], ["AZ", 2], ["GE", 2], ["LB", 2], ["IN", 2], ["GR", 1], ["BG", 1],
];
export const FAIR_COUNTRIES: readonly (readonly [string, number])[] = [
  ["SY", 20], ["AF", 15], ["IQ", 12], ["ER", 6], ["IR", 6], ["NG", 5], ["PK", 4], ["TR", 4], ["SO", 3], ["GM", 3], ["GN", 3],
  ["AL", 3], ["UA", 3], ["RO", 3], ["BG", 3], ["PL", 2], ["RS", 2], ["MK", 2], ["RU", 2],
];
export const FAIR_OCCUPATIONS = ["Cook", "Professional driver", "Sales assistant", "Bricklayer", "Welder", "Hairdresser", "Baker", "Hotel specialist", "Electrician", "Geriatric nurse"];

export const FEMALE_SHARE: Readonly<Record<string, number>> = {
  "Healthcare assistant": 0.78, Doctor: 0.5, Engineer: 0.24, Teacher: 0.76, "Social education worker / social worker": 0.72,
  "Educator (early childhood)": 0.9, Midwife: 0.99, "Geriatric nurse": 0.8, "Medical assistant": 0.85, Physiotherapist: 0.6,
  "Civil engineer": 0.25, "Mechanical engineer": 0.15, "Electrical engineer": 0.15, Electrician: 0.05, "Automotive mechatronics technician": 0.04,
  "Plumbing and heating technician": 0.04, Bricklayer: 0.03, Welder: 0.04, "Professional driver": 0.06, "Computer scientist": 0.3,
  "Software developer": 0.28, Hairdresser: 0.75, Pharmacist: 0.68, Dentist: 0.55,
};

/** A catalogue occupation with its id in the database being seeded. */
export interface OccupationInfo extends SeedOccupation {
  id: string;
}

export function gender(rng: Random, femaleShare: number): ClientRow["gender"] {
  const r = rng.next();
  if (r < 0.002) return "diverse";
  if (r < 0.008) return "not_stated";
  return rng.chance(femaleShare) ? "female" : "male";
}

export function birthYear(rng: Random): number {
  // Age 21–62, most in their thirties (a triangular distribution).
  const age = Math.round(21 + (rng.next() + rng.next()) * 0.5 * 30 + rng.next() * 11);
  return 2019 - age;
}

export function sinceYear(rng: Random, born: number, refugee: boolean, eu: boolean): number {
  const earliest = Math.max(born + 18, 1990);
  const r = rng.next();
  const year = refugee ? (r < 0.85 ? rng.int(2014, 2019) : rng.int(2005, 2019)) : eu ? rng.int(2008, 2019) : r < 0.7 ? rng.int(2015, 2019) : rng.int(2000, 2019);
  return Math.max(year, Math.min(earliest, 2019));
}

export function residence(rng: Random, country: string): ClientRow["residenceStatus"] {
  if (EU.has(country)) return rng.weighted([["eu_eea_ch", 88], ["abroad", 10], ["not_stated", 2]] as const);
  if (REFUGEE_ORIGINS.has(country)) {
    return rng.weighted([["third_country_permit", 55], ["asylum_seeker", 18], ["tolerated", 5], ["german", 6], ["abroad", 4], ["not_stated", 2]] as const);
  }
  return rng.weighted([["third_country_permit", 60], ["abroad", 22], ["german", 6], ["asylum_seeker", 2], ["tolerated", 1], ["not_stated", 2]] as const);
}

export const LEVELS_IN_GERMANY = [["none", 3], ["A1", 6], ["A2", 12], ["B1", 28], ["B2", 26], ["C1", 18], ["C2", 7]] as const;
export const LEVELS_ABROAD = [["none", 20], ["A1", 25], ["A2", 20], ["B1", 20], ["B2", 10], ["C1", 5]] as const;
export const LEVELS_FAIR = [["none", 12], ["A1", 22], ["A2", 28], ["B1", 25], ["B2", 10], ["C1", 3]] as const;

export function qualificationLevel(rng: Random, occupation: OccupationInfo | null): ClientRow["qualificationLevel"] {
  if (!occupation) return rng.weighted([["academic", 35], ["vocational", 40], ["other", 20], [null, 5]] as const);
  if (occupation.level === "mixed") return rng.chance(0.55) ? "academic" : "vocational";
  return rng.chance(0.97) ? occupation.level : "other";
}

export function citizenshipOf(rng: Random, country: string, status: ClientRow["residenceStatus"]): string | null {
  if (status === "german") return "DE";
  const r = rng.next();
  if (r < 0.02) return null;
  if (r < 0.92) return country;
  return rng.weighted(ADVICE_COUNTRIES);
}
