/** The 2019 demo year's mix that the synthetic network reproduces: volumes, seasons, occupations, countries, topics. */

/** Records per year at the 2019 scale (see `expectedPerYear`). */
export const ADVICE_CLIENTS_2019 = 53_284;
export const FAIR_CLIENTS_2019 = 3_507;
export const FAIR_EVENTS_2019 = 358;
export const COURSES_2019 = 210;
export const INTERCULTURAL_2019 = { labour_market: { training: 669, event: 300, consultation: 1_214 }, business: { training: 112, event: 112, consultation: 1_763 } } as const;
export const SKILLED_WORKER_2019 = 164;

export const ADVICE_MONTHS = [1.0, 1.05, 1.08, 0.95, 1.0, 0.93, 0.88, 0.74, 1.02, 1.07, 1.08, 0.72];
export const EVENT_MONTHS = [0.7, 1.0, 1.15, 1.0, 1.1, 1.05, 0.75, 0.45, 1.1, 1.2, 1.25, 0.6];
export const SCHEME_MONTHS = [0.35, 0.6, 0.95, 1.1, 1.05, 0.95, 0.85, 0.75, 1.35, 1.25, 1.0, 0.45];

/** Initial advice sessions per reference occupation in 2019 (English catalogue names); the rest have none. */
export const OCCUPATION_WEIGHTS: Readonly<Record<string, number>> = {
  "Healthcare assistant": 7_412, Doctor: 5_583, Engineer: 4_216, Teacher: 3_387, "Social education worker / social worker": 2_264,
  Economist: 1_739, "Business administrator": 1_646, "Educator (early childhood)": 1_596, "Computer scientist": 1_385, Pharmacist: 1_257,
  Dentist: 1_135, "Office clerk": 1_099, Accountant: 1_017, "Civil engineer": 991, Lawyer: 934, "Mechanical engineer": 858, Electrician: 841,
  "Electrical engineer": 803, Physiotherapist: 753, "Software developer": 693, Architect: 676, "Geriatric nurse": 623,
  "Interpreter / translator": 589, "Medical assistant": 573, "Automotive mechatronics technician": 549, Psychologist: 514,
  "Medical laboratory technician": 462, "Sales assistant": 462, Veterinarian: 447, Chemist: 427, "Bank clerk": 421, Cook: 409,
  Biologist: 386, "Professional driver": 366, Midwife: 358, "Plumbing and heating technician": 338, "Joiner / cabinet maker": 307,
  Bricklayer: 266, Welder: 251, Mathematician: 246, Hairdresser: 236, "Hotel specialist": 215, Journalist: 202, Baker: 166,
};
export const NO_OCCUPATION_WEIGHT = 5_284;

export const ADVICE_COUNTRIES: readonly (readonly [string, number])[] = [
  ["SY", 12], ["IR", 5], ["RO", 5], ["TR", 5], ["PL", 4], ["RU", 4], ["UA", 4], ["BA", 4], ["RS", 3], ["IN", 3], ["IQ", 3], ["EG", 2.5],
  ["PH", 2.5], ["AF", 2], ["IT", 2], ["ES", 2], ["GR", 2], ["BG", 2], ["AL", 2], ["HU", 1.5], ["HR", 1.5], ["BR", 1.5], ["CO", 1.5],
  ["TN", 1.5], ["MA", 1.5], ["MX", 1], ["KZ", 1], ["CM", 1], ["NG", 1], ["PK", 1], ["JO", 1], ["LB", 1], ["CN", 1], ["VN", 1], ["US", 1],
  ["VE", 1], ["MD", 0.8], ["GE", 0.8], ["AM", 0.6], ["AZ", 0.6], ["MK", 0.8], ["ER", 0.5], ["SO", 0.3],
];
export const FAIR_COUNTRIES: readonly (readonly [string, number])[] = [
  ["SY", 20], ["AF", 15], ["IQ", 12], ["ER", 6], ["IR", 6], ["NG", 5], ["PK", 4], ["TR", 4], ["SO", 3], ["GM", 3], ["GN", 3], ["AL", 3],
  ["UA", 3], ["RO", 3], ["BG", 3], ["PL", 2], ["RS", 2], ["MK", 2], ["RU", 2],
];
export const FAIR_OCCUPATIONS = ["Cook", "Professional driver", "Sales assistant", "Bricklayer", "Welder", "Hairdresser", "Baker", "Hotel specialist", "Electrician", "Geriatric nurse"];
export const EU = new Set(["PL", "RO", "IT", "ES", "GR", "HU", "BG", "HR"]);
export const REFUGEE_ORIGINS = new Set(["SY", "IQ", "AF", "IR", "ER", "SO", "NG", "PK", "GM", "GN"]);
export const FAIR_TOPICS = ["wages", "working_time", "holidays", "dismissal_termination", "health_insurance", "residence_law", "other"] as const;
export const OPENING_TOPICS = ["intercultural_competence", "anti_discrimination", "intercultural_opening", "recognition_qualification", "skilled_worker_recruitment", "organisational_development"] as const;

/** Records per year at scale 1 (the 2019 mix), so that a size can be turned into a scale. */
export function expectedPerYear(): number {
  // Per advice client: the initial session, follow-ups (0.125), an enrolment (0.38 × 0.23, plus 5% a
  // second) and, for 38% of enrolments, an individual scheme; per Fair Integration client 1.43 sessions.
  const enrolments = 0.38 * 0.23 * 1.05;
  const perAdvice = 1 + 0.125 + enrolments * 1.38 + 0.006;
  const intercultural = Object.values(INTERCULTURAL_2019).reduce((s, g) => s + g.training + g.event + g.consultation, 0);
  return ADVICE_CLIENTS_2019 * perAdvice + FAIR_CLIENTS_2019 * 1.43 + FAIR_EVENTS_2019 + COURSES_2019 + intercultural + SKILLED_WORKER_2019;
}
