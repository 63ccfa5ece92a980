/**
 * The figures as the engine computes them, derived from the registry (registry.ts): which
 * counter sums make each value. A newcomer looking for what a figure means reads registry.ts
 * or docs/figures.md.
 */
import { PERSON_COUNTERS } from "./ledger-counters";
import { FIGURES, figureDefinition, type CountDefinition, type FigureReference, type FigureSource, type ShareDefinition } from "./registry";

export type { FigureSource };

/** Counter sums as the ledger gives them: n (how many) and amount (participants, people reached). */
export interface CounterValues {
  n(counter: string): number;
  amount(counter: string): number;
}

export interface CountFigure {
  key: string;
  source: FigureSource;
  reference: FigureReference;
  clientBased: boolean;
  value(c: CounterValues): number;
}

/** Whole percent, rounded half up (docs/figures.md). */
export const percent = (part: number, whole: number) => (whole ? Math.floor((100 * part) / whole + 0.5) : 0);

const sum = (c: CounterValues, counters: readonly string[], measure: "n" | "amount") => counters.reduce((s, counter) => s + c[measure](counter), 0);

const COUNT_DEFINITIONS = FIGURES.filter((f): f is CountDefinition => f.kind === "count");

/** The figures made of record counters: each can be broken down by region and month. */
export const COUNT_FIGURES: CountFigure[] = COUNT_DEFINITIONS.map((f) => ({
  key: f.key,
  source: f.source,
  reference: f.reference,
  clientBased: f.clientBased,
  value: (c: CounterValues) => sum(c, f.counters, f.measure),
}));

/** Shares of one sum of counters in another. */
export const SHARE_FIGURES = FIGURES.filter((f): f is ShareDefinition => f.kind === "share").map((f) => ({
  key: f.key,
  value: (c: CounterValues) => percent(sum(c, f.part, "n"), sum(c, f.counters, "n")),
}));

/**
 * Figures that are the sum of others of the same row (for the protection of small cells: a
 * withheld part must not follow from the sum and the other parts). Read off the registry: a
 * count whose counters are exactly those of other counts of the same measure, each once.
 */
export const FIGURE_SUMS: { sum: string; parts: string[] }[] = COUNT_DEFINITIONS.flatMap((whole) => {
  if (whole.counters.length < 2) return [];
  const parts = COUNT_DEFINITIONS.filter((f) => f !== whole && f.measure === whole.measure && f.counters.every((c) => whole.counters.includes(c)));
  const covered = parts.flatMap((f) => f.counters);
  const exact = covered.length === whole.counters.length && whole.counters.every((c) => covered.includes(c));
  return exact ? [{ sum: whole.key, parts: parts.map((f) => f.key) }] : [];
});

/** The schemes that the shares of formats are shares of: a share shown beside them gives a count away. */
export const SHARE_SOURCES = COUNT_DEFINITIONS.filter((f) =>
  FIGURES.some((share) => share.kind === "share" && f.counters.every((c) => share.counters.includes(c))),
).map((f) => f.key);

/**
 * Distinct people: per month or client attribute each person counts once, so the groups add up;
 * per region a person advised in two regions counts in both (each region ≤ total ≤ their sum).
 */
export const DISTINCT_PERSON_FIGURES = COUNT_DEFINITIONS.filter((f) => f.counters.some((c) => c in PERSON_COUNTERS)).map((f) => f.key);

/** Figures counted from the org tree, as it stands on the period's last day. */
export const ORG_FIGURES: readonly string[] = FIGURES.filter((f) => f.kind === "orgTree").map((f) => f.key);
export const ORG_SUMS = [{ sum: "contactPoints.total", parts: ["contactPoints.permanent", "contactPoints.mobile"] }];

export const TOP_OCCUPATIONS_KEY = FIGURES.find((f) => f.kind === "ranking")!.key;
export const TARGETS_KEY = FIGURES.find((f) => f.kind === "target")!.key;
/** The counters whose occupation breakdown ranks the top occupations. */
export const INITIAL_SESSION_COUNTERS = [...figureDefinition(TOP_OCCUPATIONS_KEY).counters];

/** The order figures are listed in (reports, exports). */
export const FIGURE_ORDER: string[] = FIGURES.map((f) => f.key);
