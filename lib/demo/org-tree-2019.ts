/**
 * The 2019 org tree of the IQ network ("Integration durch Qualifizierung"), as seed data:
 * 16 regional networks with 371 subprojects and 174 contact points, plus 9 national subprojects.
 *
 * Pure and deterministic: per-region tables (towns, sub-regions, providers) are expanded by one
 * small generator into subproject and contact-point names. Every name is unique across the tree.
 */
import { REGION_DEFS, type RegionDef } from "./org-tree-2019-regions";

export type PriorityArea =
  | "advice"
  | "job_training"
  | "fair_integration"
  | "intercultural_opening"
  | "skilled_worker_networks"
  | "competence_centre"
  | "coordination";

export interface SeedContactPoint {
  name: string;
  town: string;
  kind: "permanent" | "mobile";
}

export interface SeedSubproject {
  name: string;
  provider: string;
  priorityArea: PriorityArea;
  contactPoints: SeedContactPoint[];
}

export interface SeedRegion {
  code: string;
  nameDe: string;
  nameEn: string;
  subprojects: SeedSubproject[];
}

export const NETWORK: { name: string; fundingFrom: string; fundingTo: string } = {
  name: "Netzwerk IQ",
  fundingFrom: "2019-01-01",
  fundingTo: "2022-12-31",
};

// ---------------------------------------------------------------------------
// Name templates and generator (the regional tables are in org-tree-2019-regions.ts)
// ---------------------------------------------------------------------------

/** Project-name prefixes per regional priority area; a place name is appended. */
const PREFIXES = {
  advice: ["Anerkennungs- und Qualifizierungsberatung"],
  job_training: [
    "Brückenmaßnahme Pflege",
    "Anpassungsqualifizierung Gesundheitsberufe",
    "Vorbereitung Kenntnisprüfung Medizin",
    "Brückenmaßnahme Lehrkräfte",
    "Anpassungsqualifizierung Elektrotechnik",
    "Berufsbezogene Sprachförderung",
    "Qualifizierung pädagogischer Fachkräfte",
    "Brückenmaßnahme Ingenieurwesen",
  ],
  fair_integration: ["Faire Integration", "Arbeitsrechtliche Beratung Geflüchteter"],
  intercultural_opening: [
    "Interkulturelle Öffnung Jobcenter",
    "Interkulturelle Öffnung Agentur für Arbeit",
    "Diversity-Management in KMU",
    "Interkulturelle Kompetenz in der Verwaltung",
    "Antidiskriminierung in der Arbeitswelt",
  ],
  skilled_worker_networks: [
    "Fachkräftenetzwerk",
    "Fachkräftesicherung in Unternehmen",
    "Migrantenorganisationen als Arbeitsmarktakteure",
  ],
} as const;

/**
 * `count` names "<prefix> <place>": prefixes cycle, places shift diagonally, so every
 * (prefix, place) pair is used at most once while count <= prefixes × places.
 */
function projectNames(prefixes: readonly string[], places: readonly string[], count: number): string[] {
  return Array.from({ length: count }, (_, k) => {
    const t = k % prefixes.length;
    const p = (Math.floor(k / prefixes.length) + t) % places.length;
    return `${prefixes[t]} ${places[p]}`;
  });
}

/** Districts of the city states are labels only; the town is the city itself. */
const townOf = (place: string): string =>
  place.startsWith("Berlin-") ? "Berlin" : place.startsWith("Hamburg-") ? "Hamburg" : place;

function buildRegion(def: RegionDef): SeedRegion {
  const n = def.subprojects;
  const fairCount = n >= 30 ? 2 : 1;
  const networksCount = Math.max(1, Math.round(n * 0.1));
  const openingCount = Math.max(1, Math.round(n * 0.15));
  const adviceCount = Math.round(n * 0.3);
  const trainingCount = n - fairCount - networksCount - openingCount - adviceCount;

  const make = (priorityArea: PriorityArea, names: string[], providers: readonly string[]): SeedSubproject[] =>
    names.map((name, k) => ({ name, provider: providers[k % providers.length], priorityArea, contactPoints: [] }));

  const cities = [...def.permanent, ...def.districts];
  const regionsFirst = [...def.districts, ...def.permanent];
  const advice = make("advice", projectNames(PREFIXES.advice, cities, adviceCount), def.providers.advice);
  const training = make("job_training", projectNames(PREFIXES.job_training, cities, trainingCount), def.providers.training);
  const fair = make("fair_integration", projectNames(PREFIXES.fair_integration, [def.state, ...def.districts], fairCount), [def.providers.fair]);
  const opening = make("intercultural_opening", projectNames(PREFIXES.intercultural_opening, regionsFirst, openingCount), def.providers.network);
  const networks = make(
    "skilled_worker_networks",
    projectNames(PREFIXES.skilled_worker_networks, regionsFirst, networksCount),
    [...def.providers.network].reverse(),
  );

  // Permanent office i belongs to the advice project named after the same city.
  def.permanent.forEach((place, i) => {
    advice[i].contactPoints.push({ name: `Anerkennungsberatung ${place}`, town: townOf(place), kind: "permanent" });
  });
  // Mobile advice: in larger regions the first tour is run by Faire Integration, the rest by advice projects.
  def.mobile.forEach((place, j) => {
    const owner = j === 0 && def.mobile.length >= 3 ? fair[0] : advice[(def.permanent.length + j) % advice.length];
    owner.contactPoints.push({ name: `Mobile Beratung ${place}`, town: townOf(place), kind: "mobile" });
  });

  return {
    code: def.code,
    nameDe: def.nameDe,
    nameEn: def.nameEn,
    subprojects: [...advice, ...training, ...fair, ...opening, ...networks],
  };
}

export const REGIONS: SeedRegion[] = REGION_DEFS.map(buildRegion);

// ---------------------------------------------------------------------------
// National level: competence centres and the coordination project
// ---------------------------------------------------------------------------

const national = (name: string, provider: string, priorityArea: PriorityArea): SeedSubproject => ({
  name,
  provider,
  priorityArea,
  contactPoints: [],
});

export const NATIONAL_SUBPROJECTS: SeedSubproject[] = [
  national("Kompetenzzentrum Beratung und Qualifizierung", "Forschungsinstitut Betriebliche Bildung (f-bb) gGmbH", "competence_centre"),
  national("Fachstelle Einwanderung", "Minor – Projektkontor für Bildung und Forschung e.V.", "competence_centre"),
  national(
    "Fachstelle Interkulturelle Kompetenzentwicklung und Antidiskriminierung",
    "Institut für sozialpädagogische Forschung Mainz gGmbH",
    "competence_centre",
  ),
  national("Fachstelle Berufsbezogenes Deutsch", "passage gGmbH", "competence_centre"),
  national("Fachstelle Existenzgründung", "Institut für Mittelstandsforschung der Universität Mannheim", "competence_centre"),
  national("Fachstelle Faire Integration", "DGB Bildungswerk BUND e.V.", "competence_centre"),
  national("Fachstelle Migrantenorganisationen", "Bundesverband Netzwerke von Migrantenorganisationen e.V.", "competence_centre"),
  national("Fachstelle Fachkräftesicherung in KMU", "Institut der deutschen Wirtschaft Köln e.V.", "competence_centre"),
  national("Koordinationsprojekt IQ Netzwerk", "Zentralstelle für die Weiterbildung im Handwerk (ZWH) e.V.", "coordination"),
];
