/**
 * Every figure of ../shared/spec/figures.md, defined once: which counters of the ledger it
 * is made of. A newcomer looking for what a figure means finds it here.
 */

/** Counter sums as the ledger gives them: n (how many) and amount (participants, people reached). */
export interface CounterValues {
  n(counter: string): number;
  amount(counter: string): number;
}

export type FigureSource = "records" | "orgTree" | "targets";

export interface CountFigure {
  key: string;
  /** Where the number comes from, shown next to it. */
  source: FigureSource;
  /** Which reference date applies (outcome data arrive later). */
  reference: "asOf" | "completersAsOf";
  /** Counts about clients can also be broken down by the clients' attributes. */
  clientBased: boolean;
  value(c: CounterValues): number;
}

const ADVICE_TYPES = { recognition: "recognition", recognitionAndJobTraining: "recognition_and_job_training", jobTraining: "job_training" } as const;
const initial = (c: CounterValues) => Object.values(ADVICE_TYPES).reduce((sum, t) => sum + c.n(`advice.initial.${t}`), 0);
const schemes = (c: CounterValues) => c.n("jobTraining.scheme.course") + c.n("jobTraining.scheme.individual");
/** Whole percent, rounded half up (figures.md). */
export const percent = (part: number, whole: number) => (whole ? Math.floor((100 * part) / whole + 0.5) : 0);

const records = (key: string, clientBased: boolean, value: (c: CounterValues) => number): CountFigure => ({
  key,
  source: "records",
  reference: "asOf",
  clientBased,
  value,
});

function interculturalOpening(group: "labourMarket" | "business", targetGroup: string): CountFigure[] {
  const counter = (type: string) => `interculturalOpening.${targetGroup}.${type}`;
  const k = (name: string) => `interculturalOpening.${group}.${name}`;
  return [
    records(k("trainings"), false, (c) => c.n(counter("training"))),
    records(k("trainingParticipants"), false, (c) => c.amount(counter("training"))),
    records(k("events"), false, (c) => c.n(counter("event"))),
    records(k("eventParticipants"), false, (c) => c.amount(counter("event"))),
    records(k("trainingEventsTotal"), false, (c) => c.n(counter("training")) + c.n(counter("event"))),
    records(k("individualsTotal"), false, (c) => c.amount(counter("training")) + c.amount(counter("event"))),
    records(k("consultations"), false, (c) => c.n(counter("consultation"))),
  ];
}

/** The figures made of record counters: each can be broken down by region and month. */
export const COUNT_FIGURES: CountFigure[] = [
  records("advice.initialSessions", true, initial),
  ...Object.entries(ADVICE_TYPES).map(([key, type]) => records(`advice.initialByType.${key}`, true, (c) => c.n(`advice.initial.${type}`))),
  records("advice.followUpSessions", true, (c) => c.n("advice.followUp")),
  records("fairIntegration.individualsAdvised", true, (c) => c.n("fairIntegration.person")),
  records("fairIntegration.adviceSessions", true, (c) => c.n("fairIntegration.session")),
  records("fairIntegration.groupEvents", false, (c) => c.n("fairIntegration.event")),
  records("fairIntegration.groupEventParticipants", false, (c) => c.amount("fairIntegration.event")),
  records("jobTraining.schemesStarted", false, schemes),
  records("jobTraining.schemesByFormat.course", false, (c) => c.n("jobTraining.scheme.course")),
  records("jobTraining.schemesByFormat.individual", false, (c) => c.n("jobTraining.scheme.individual")),
  records("jobTraining.participantsCommencing", true, (c) => c.n("jobTraining.enrolment")),
  { ...records("jobTraining.successfulCompleters", true, (c) => c.n("jobTraining.completer")), reference: "completersAsOf" },
  ...interculturalOpening("labourMarket", "labour_market"),
  ...interculturalOpening("business", "business"),
  records("skilledWorkerNetworks.peopleReached", false, (c) => c.amount("skilledWorkerNetworks.activity")),
];

/** Shares of schemes started by format. */
export const SHARE_FIGURES = [
  { key: "jobTraining.shareByFormat.course", value: (c: CounterValues) => percent(c.n("jobTraining.scheme.course"), schemes(c)) },
  { key: "jobTraining.shareByFormat.individual", value: (c: CounterValues) => percent(c.n("jobTraining.scheme.individual"), schemes(c)) },
];

/**
 * Figures that are the sum of others of the same row (for the protection of small cells: a
 * withheld part must not follow from the sum and the other parts).
 */
export const FIGURE_SUMS: { sum: string; parts: string[] }[] = [
  { sum: "advice.initialSessions", parts: Object.keys(ADVICE_TYPES).map((k) => `advice.initialByType.${k}`) },
  { sum: "jobTraining.schemesStarted", parts: ["jobTraining.schemesByFormat.course", "jobTraining.schemesByFormat.individual"] },
  ...(["labourMarket", "business"] as const).flatMap((group) => [
    { sum: `interculturalOpening.${group}.trainingEventsTotal`, parts: [`interculturalOpening.${group}.trainings`, `interculturalOpening.${group}.events`] },
    { sum: `interculturalOpening.${group}.individualsTotal`, parts: [`interculturalOpening.${group}.trainingParticipants`, `interculturalOpening.${group}.eventParticipants`] },
  ]),
];

/** The schemes that the shares of formats are shares of: a share shown beside them gives a count away. */
export const SHARE_SOURCES = ["jobTraining.schemesStarted", "jobTraining.schemesByFormat.course", "jobTraining.schemesByFormat.individual"];

/**
 * Distinct people: per month or client attribute each person counts once, so the groups add up;
 * per region a person advised in two regions counts in both (each region ≤ total ≤ their sum).
 */
export const DISTINCT_PERSON_FIGURES = ["fairIntegration.individualsAdvised", "jobTraining.successfulCompleters"];

/** Figures counted from the org tree, as it stands on the period's last day. */
export const ORG_FIGURES = ["contactPoints.total", "contactPoints.permanent", "contactPoints.mobile", "organisation.regionalNetworks", "organisation.subprojects"] as const;
export const ORG_SUMS = [{ sum: "contactPoints.total", parts: ["contactPoints.permanent", "contactPoints.mobile"] }];

/** The counters whose occupation breakdown ranks the top occupations. */
export const INITIAL_SESSION_COUNTERS = Object.values(ADVICE_TYPES).map((t) => `advice.initial.${t}`);
export const TOP_OCCUPATIONS_KEY = "advice.topOccupations";
export const TARGETS_KEY = "targets.initialSessions";

/** The order figures are listed in (reports, exports). */
export const FIGURE_ORDER: string[] = [
  ...COUNT_FIGURES.slice(0, 5).map((f) => f.key),
  TOP_OCCUPATIONS_KEY,
  "contactPoints.total",
  "contactPoints.permanent",
  "contactPoints.mobile",
  ...COUNT_FIGURES.slice(5, 12).map((f) => f.key),
  ...SHARE_FIGURES.map((f) => f.key),
  ...COUNT_FIGURES.slice(12).map((f) => f.key),
  "organisation.regionalNetworks",
  "organisation.subprojects",
  TARGETS_KEY,
];

export function sourceOf(key: string): FigureSource {
  if ((ORG_FIGURES as readonly string[]).includes(key)) return "orgTree";
  if (key === TARGETS_KEY) return "targets";
  return "records";
}
