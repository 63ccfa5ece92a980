/**
 * The figures as the engine computes them, derived from the registry (registry.ts): which
 * counter sums make each value. A newcomer looking for what a figure means reads registry.ts
 * or docs/figures.md.
 */
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

/** The figures made of record counters: each can be broken down by region and month. */
export const COUNT_FIGURES: CountFigure[] = FIGURES.filter((f): f is CountDefinition => f.kind === "count").map((f) => ({
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

/** Figures counted from the org tree, as it stands on the period's last day. */
export const ORG_FIGURES: readonly string[] = FIGURES.filter((f) => f.kind === "orgTree").map((f) => f.key);

export const TOP_OCCUPATIONS_KEY = FIGURES.find((f) => f.kind === "ranking")!.key;
export const TARGETS_KEY = FIGURES.find((f) => f.kind === "target")!.key;
/** The counters whose occupation breakdown ranks the top occupations. */
export const INITIAL_SESSION_COUNTERS = [...figureDefinition(TOP_OCCUPATIONS_KEY).counters];

/** The order figures are listed in (reports, exports). */
export const FIGURE_ORDER: string[] = FIGURES.map((f) => f.key);

export const sourceOf = (key: string): FigureSource => figureDefinition(key).source;
