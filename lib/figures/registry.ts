/**
 * Over 300 lines: one entry for each of the report's figures, in one list so that their order, sections and
 * definitions are read in one place.
 *
 * Every figure of the report, defined once: its key, section and place, its label and
 * definition in both languages, the ledger counters it is made of, the reference date and the
 * source it uses. The engine, the pages, the exports, the API description and docs/figures.md
 * are all read from here (docs/figures.md is generated: `npm run docs:figures`).
 *
 * One file on purpose: FIGURES is one list whose order is the report's order, mostly bilingual
 * text; split by section, the order and the small builders (count, openingFigures) would live apart from it.
 */
import { ADVICE_TYPES, IO_ACTIVITY_TYPES, SCHEME_FORMATS } from "@/lib/records/kinds";

export interface Text {
  de: string;
  en: string;
}

export type FigureSection = "advice" | "contactPoints" | "fairIntegration" | "jobTraining" | "interculturalOpening" | "skilledWorkerNetworks" | "organisation" | "targets";
/** Records in Lotse, the org tree as it stands on the period's last day, or the funding round's target. */
export type FigureSource = "records" | "orgTree" | "targets";
/** `asOf` and `completersAsOf` are the report's reference dates; `periodEnd` is the period's last day. */
export type FigureReference = "asOf" | "completersAsOf" | "periodEnd";

interface FigureBase {
  key: string;
  section: FigureSection;
  label: Text;
  definition: Text;
  /** A sentence for readers who do not know the network, shown under a lead figure. */
  explanation?: Text;
  /** The ledger counters the figure is made of (see ledger-counters.ts). */
  counters: readonly string[];
  reference: FigureReference;
  source: FigureSource;
}

/** A sum of counters: of how many records (n) or of their amounts (participants, people reached). */
export interface CountDefinition extends FigureBase {
  kind: "count";
  measure: "n" | "amount";
  /** Counts about clients can also be broken down by the clients' attributes. */
  clientBased: boolean;
}

/** A whole percent of a sum of counters in another, rounded half up. */
export interface ShareDefinition extends FigureBase {
  kind: "share";
  part: readonly string[];
}

export interface OtherDefinition extends FigureBase {
  kind: "orgTree" | "ranking" | "target";
}

export type FigureDefinition = CountDefinition | ShareDefinition | OtherDefinition;

const ADVICE_TYPE_KEYS = { recognition: "recognition", recognitionAndJobTraining: "recognition_and_job_training", jobTraining: "job_training" } as const;
const INITIAL = ADVICE_TYPES.map((t) => `advice.initial.${t}`);
const SCHEMES = SCHEME_FORMATS.map((f) => `jobTraining.scheme.${f}`);

const fromRecords = { reference: "asOf", source: "records" } as const;
const fromOrgTree = { kind: "orgTree", counters: [], reference: "periodEnd", source: "orgTree" } as const;

function count(key: string, section: FigureSection, counters: string[], measure: "n" | "amount", clientBased: boolean, label: Text, definition: Text, explanation?: Text): CountDefinition {
  return { key, section, kind: "count", counters, measure, clientBased, label, definition, explanation, ...fromRecords };
}

const ADVICE_TYPE_TEXT: Record<keyof typeof ADVICE_TYPE_KEYS, { label: Text; definition: Text }> = {
  recognition: {
    label: { de: "Anerkennungsberatung", en: "Recognition advice" },
    definition: { de: "… davon mit Beratungsart „Anerkennung“.", en: "… of those with advice type “recognition”." },
  },
  recognitionAndJobTraining: {
    label: { de: "Anerkennungs- und Qualifizierungsberatung", en: "Recognition and job-training advice" },
    definition: { de: "… davon mit Beratungsart „Anerkennung und Qualifizierung“.", en: "… of those with advice type “recognition and job training”." },
  },
  jobTraining: {
    label: { de: "Qualifizierungsberatung", en: "Job-training advice" },
    definition: { de: "… davon mit Beratungsart „Qualifizierung“ (im Faltblatt nicht gedruckt: der Rest).", en: "… of those with advice type “job training” (not printed in the leaflet: the remainder)." },
  },
};

const OPENING_GROUPS = {
  labourMarket: { targetGroup: "labour_market", de: "Arbeitsmarktakteure", en: "labour-market actors" },
  business: { targetGroup: "business", de: "Unternehmen", en: "businesses" },
} as const;

function openingFigures(group: keyof typeof OPENING_GROUPS): CountDefinition[] {
  const g = OPENING_GROUPS[group];
  const counter = (type: (typeof IO_ACTIVITY_TYPES)[number]) => `interculturalOpening.${g.targetGroup}.${type}`;
  const k = (name: string) => `interculturalOpening.${group}.${name}`;
  const of = (de: string, en: string): Text => ({ de: `${de} (${g.de})`, en: `${en} (${g.en})` });
  const activities = (de: string, en: string): Text => ({ de: `${de} für die Zielgruppe ${g.de}.`, en: `${en} for the target group ${g.en}.` });
  const c = (name: string, counters: string[], measure: "n" | "amount", label: Text, definition: Text) =>
    count(k(name), "interculturalOpening", counters, measure, false, label, definition);
  return [
    c("trainings", [counter("training")], "n", of("Schulungen", "Trainings"), activities("Aktivitäten der Art „Schulung“", "Activities of type “training”")),
    c("trainingParticipants", [counter("training")], "amount", of("Teilnehmende an Schulungen", "Training participants"), activities("Summe der Teilnehmenden dieser Schulungen", "The sum of the participants of those trainings")),
    c("events", [counter("event")], "n", of("Veranstaltungen", "Events"), activities("Aktivitäten der Art „Veranstaltung“", "Activities of type “event”")),
    c("eventParticipants", [counter("event")], "amount", of("Teilnehmende an Veranstaltungen", "Event participants"), activities("Summe der Teilnehmenden dieser Veranstaltungen", "The sum of the participants of those events")),
    c("trainingEventsTotal", [counter("training"), counter("event")], "n", of("Schulungen und Veranstaltungen", "Trainings and events"), activities("Schulungen und Veranstaltungen zusammen", "Trainings and events together")),
    c("individualsTotal", [counter("training"), counter("event")], "amount", of("Erreichte Personen in Schulungen und Veranstaltungen", "People reached by trainings and events"), activities("Teilnehmende an Schulungen und Veranstaltungen zusammen", "Participants of trainings and events together")),
    c("consultations", [counter("consultation")], "n", of("Beratungen von Organisationen", "Consultations of organisations"), activities("Aktivitäten der Art „Beratung“", "Activities of type “consultation”")),
  ];
}

/** Every figure, in the order reports and exports list them. */
export const FIGURES: readonly FigureDefinition[] = [
  count(
    "advice.initialSessions",
    "advice",
    INITIAL,
    "n",
    true,
    { de: "Erstberatungen", en: "Initial advice sessions" },
    { de: "Beratungsgespräche der Stufe „Erstberatung“ mit Datum im Zeitraum.", en: "Advice sessions with stage “initial” dated in the period." },
    {
      de: "Erste Beratungsgespräche mit Menschen, die ihren ausländischen Berufsabschluss anerkennen lassen oder sich passend qualifizieren wollen.",
      en: "First advice sessions with people who want their foreign qualification recognised or to train for work at their level.",
    },
  ),
  ...Object.entries(ADVICE_TYPE_KEYS).map(([key, type]) =>
    count(`advice.initialByType.${key}`, "advice", [`advice.initial.${type}`], "n", true, ADVICE_TYPE_TEXT[key as keyof typeof ADVICE_TYPE_KEYS].label, ADVICE_TYPE_TEXT[key as keyof typeof ADVICE_TYPE_KEYS].definition),
  ),
  count(
    "advice.followUpSessions",
    "advice",
    ["advice.followUp"],
    "n",
    true,
    { de: "Folgeberatungen", en: "Follow-up advice sessions" },
    { de: "Beratungsgespräche der Stufe „Folgeberatung“ mit Datum im Zeitraum.", en: "Advice sessions with stage “follow-up” dated in the period." },
    { de: "Weitere Gespräche mit denselben Ratsuchenden.", en: "Further sessions with the same clients." },
  ),
  {
    key: "advice.topOccupations",
    section: "advice",
    kind: "ranking",
    counters: INITIAL,
    ...fromRecords,
    label: { de: "Häufigste Referenzberufe", en: "Most frequent reference occupations" },
    definition: {
      de: "Die fünf Referenzberufe mit den meisten Erstberatungen, die meisten zuerst, jeweils mit ihrer Zahl; bei Gleichstand nach dem deutschen Namen in deutscher Sortierung. Unterhalb des Netzwerks zurückgehaltene Einträge stehen nach dem Namen geordnet.",
      en: "The five reference occupations with the most initial sessions, most first, each with its count; ties go by the German name in German collation. Below the network, withheld entries are ordered by name only.",
    },
    explanation: { de: "Die Referenzberufe mit den meisten Erstberatungen.", en: "The reference occupations with the most initial advice sessions." },
  },
  {
    key: "contactPoints.total",
    section: "contactPoints",
    ...fromOrgTree,
    label: { de: "Anlaufstellen", en: "Contact points" },
    definition: { de: "Anlaufstellen, die am letzten Tag des Zeitraums bestanden.", en: "Contact points active on the period’s last day." },
  },
  {
    key: "contactPoints.permanent",
    section: "contactPoints",
    ...fromOrgTree,
    label: { de: "Feste Anlaufstellen", en: "Permanent contact points" },
    definition: { de: "… davon feste Anlaufstellen.", en: "… of those, permanent ones." },
  },
  {
    key: "contactPoints.mobile",
    section: "contactPoints",
    ...fromOrgTree,
    label: { de: "Mobile Anlaufstellen", en: "Mobile contact points" },
    definition: { de: "… davon mobile Anlaufstellen.", en: "… of those, mobile ones." },
  },
  count(
    "fairIntegration.individualsAdvised",
    "fairIntegration",
    ["fairIntegration.person"],
    "n",
    true,
    { de: "Beratene Personen (Faire Integration)", en: "People advised (Fair Integration)" },
    { de: "Verschiedene Ratsuchende mit mindestens einer Beratung der Fairen Integration im Zeitraum.", en: "Distinct clients with at least one Fair Integration advice session in the period." },
    { de: "Menschen, die mindestens einmal zu ihren Rechten am Arbeitsplatz beraten wurden.", en: "People advised at least once on their rights at work." },
  ),
  count(
    "fairIntegration.adviceSessions",
    "fairIntegration",
    ["fairIntegration.session"],
    "n",
    true,
    { de: "Beratungen (Faire Integration)", en: "Advice sessions (Fair Integration)" },
    { de: "Beratungen der Fairen Integration mit Datum im Zeitraum.", en: "Fair Integration advice sessions dated in the period." },
  ),
  count(
    "fairIntegration.groupEvents",
    "fairIntegration",
    ["fairIntegration.event"],
    "n",
    false,
    { de: "Gruppenveranstaltungen (Faire Integration)", en: "Group events (Fair Integration)" },
    { de: "Gruppenveranstaltungen der Fairen Integration mit Datum im Zeitraum.", en: "Fair Integration group events dated in the period." },
    { de: "Informationsveranstaltungen für Gruppen, mit ihren Teilnehmenden.", en: "Information events for groups, with their participants." },
  ),
  count(
    "fairIntegration.groupEventParticipants",
    "fairIntegration",
    ["fairIntegration.event"],
    "amount",
    false,
    { de: "Teilnehmende an Gruppenveranstaltungen (Faire Integration)", en: "Group event participants (Fair Integration)" },
    { de: "Summe der Teilnehmenden dieser Gruppenveranstaltungen.", en: "The sum of the participants of those group events." },
  ),
  count(
    "jobTraining.schemesStarted",
    "jobTraining",
    SCHEMES,
    "n",
    false,
    { de: "Begonnene Qualifizierungen", en: "Job-training schemes started" },
    { de: "Qualifizierungen mit Beginn im Zeitraum.", en: "Job-training schemes with a start date in the period." },
    { de: "Qualifizierungen, die im Zeitraum begonnen haben, als Kurs oder für Einzelne.", en: "Job-training schemes that started in the period, as courses or for individuals." },
  ),
  count(
    "jobTraining.schemesByFormat.course",
    "jobTraining",
    ["jobTraining.scheme.course"],
    "n",
    false,
    { de: "Qualifizierungen als Kurs", en: "Schemes run as courses" },
    { de: "… davon im Format „Kurs“.", en: "… of those in the format “course”." },
  ),
  count(
    "jobTraining.schemesByFormat.individual",
    "jobTraining",
    ["jobTraining.scheme.individual"],
    "n",
    false,
    { de: "Qualifizierungen als Einzelmaßnahme", en: "Schemes run individually" },
    { de: "… davon im Format „Einzelmaßnahme“.", en: "… of those in the format “individual”." },
  ),
  {
    key: "jobTraining.shareByFormat.course",
    section: "jobTraining",
    kind: "share",
    counters: SCHEMES,
    part: ["jobTraining.scheme.course"],
    ...fromRecords,
    label: { de: "Anteil der Kurse", en: "Share of courses" },
    definition: { de: "Anteil der Kurse an den begonnenen Qualifizierungen, ganze Prozent, kaufmännisch gerundet.", en: "Share of courses among the schemes started, whole percent, rounded half up." },
  },
  {
    key: "jobTraining.shareByFormat.individual",
    section: "jobTraining",
    kind: "share",
    counters: SCHEMES,
    part: ["jobTraining.scheme.individual"],
    ...fromRecords,
    label: { de: "Anteil der Einzelmaßnahmen", en: "Share of individual schemes" },
    definition: { de: "Anteil der Einzelmaßnahmen an den begonnenen Qualifizierungen, ganze Prozent, kaufmännisch gerundet.", en: "Share of individual schemes among the schemes started, whole percent, rounded half up." },
  },
  count(
    "jobTraining.participantsCommencing",
    "jobTraining",
    ["jobTraining.enrolment"],
    "n",
    true,
    { de: "Eintritte in Qualifizierungen", en: "Participants commencing job training" },
    { de: "Teilnahmen mit Beginn im Zeitraum.", en: "Enrolments with a start date in the period." },
    { de: "Eintritte in Qualifizierungen mit Beginn im Zeitraum.", en: "Enrolments starting in the period." },
  ),
  {
    ...count(
      "jobTraining.successfulCompleters",
      "jobTraining",
      ["jobTraining.completer"],
      "n",
      true,
      { de: "Erfolgreich abgeschlossene Qualifizierungen (Personen)", en: "Successful completers (people)" },
      {
        de: "Verschiedene Ratsuchende mit einer Teilnahme mit Beginn im Zeitraum, deren Ergebnis „erfolgreich“ ist und deren Abschlussdatum spätestens am Stichtag für Abschlüsse liegt.",
        en: "Distinct clients of enrolments starting in the period whose outcome is “successful”, with an outcome date on or before the completers’ reference date.",
      },
      {
        de: "Personen, die eine im Zeitraum begonnene Qualifizierung erfolgreich abgeschlossen haben. Abschlüsse werden später gemeldet, daher gilt ein eigener Stichtag.",
        en: "People who successfully completed a scheme they started in the period. Outcomes are reported later, hence a reference date of their own.",
      },
    ),
    reference: "completersAsOf",
  },
  ...openingFigures("labourMarket"),
  ...openingFigures("business"),
  count(
    "skilledWorkerNetworks.peopleReached",
    "skilledWorkerNetworks",
    ["skilledWorkerNetworks.activity"],
    "amount",
    false,
    { de: "In Fachkräftenetzwerken erreichte Personen", en: "People reached by skilled-worker networks" },
    { de: "Summe der erreichten Personen der Aktivitäten der Fachkräftenetzwerke im Zeitraum.", en: "The sum of people reached by skilled-worker-network activities in the period." },
    { de: "Menschen, die die Fachkräftenetzwerke mit ihren Aktivitäten erreicht haben.", en: "People the skilled-worker networks reached with their activities." },
  ),
  {
    key: "organisation.regionalNetworks",
    section: "organisation",
    ...fromOrgTree,
    label: { de: "Landesnetzwerke", en: "Regional networks" },
    definition: { de: "Landesnetzwerke, die am letzten Tag des Zeitraums bestanden.", en: "Regional networks active on the period’s last day." },
  },
  {
    key: "organisation.subprojects",
    section: "organisation",
    ...fromOrgTree,
    label: { de: "Teilprojekte", en: "Subprojects" },
    definition: { de: "Teilprojekte (regionale und bundesweite), die am letzten Tag des Zeitraums bestanden.", en: "Subprojects (regional and national) active on the period’s last day." },
  },
  {
    key: "targets.initialSessions",
    section: "targets",
    kind: "target",
    counters: INITIAL,
    reference: "asOf",
    source: "targets",
    label: { de: "Erstberatungen in der Förderrunde", en: "Initial advice sessions in the funding round" },
    definition: {
      de: "Erstberatungen seit Beginn der Förderrunde bis zum Ende des Zeitraums, gemessen an der Zielvorgabe, mit dem erreichten Anteil und dem Anteil der verstrichenen Laufzeit.",
      en: "Initial advice sessions since the funding round began, up to the period’s end, against its target, with the share reached and the share of the round’s time elapsed.",
    },
    explanation: {
      de: "Erstberatungen seit Beginn der Förderrunde, gemessen an ihrem Ziel, neben dem Anteil der verstrichenen Laufzeit.",
      en: "Initial advice sessions since the funding round began, against its target, next to the share of its time elapsed.",
    },
  },
];

const BY_KEY = new Map(FIGURES.map((f) => [f.key, f]));

export function figureDefinition(key: string): FigureDefinition {
  const figure = BY_KEY.get(key);
  if (!figure) throw new Error(`no figure ${key}`);
  return figure;
}

export const SECTIONS: readonly FigureSection[] = [...new Set(FIGURES.map((f) => f.section))];

/** The page anchor of a figure's definition. */
export const definitionAnchor = (key: string) => `figure-${key.replaceAll(".", "-")}`;

/** The labels as a message tree (`figures.labels.advice.initialSessions`), for the translator. */
export function figureLabels(locale: keyof Text): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const f of FIGURES) {
    const path = f.key.split(".");
    let node = tree;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]] = f.label[locale];
  }
  return tree;
}
