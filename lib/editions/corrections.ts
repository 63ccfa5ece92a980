/**
 * Corrections since publication (figures.md, "Editions"): beside each published figure the value
 * counted now for the same period and scope, with today's suppression, and the difference.
 * Where either side is withheld there is no difference: it would give the withheld value away.
 */
import { TARGETS_KEY, TOP_OCCUPATIONS_KEY } from "@/lib/figures/definitions";
import type { FigureValue, FiguresReport, TopOccupation } from "@/lib/figures/report";
import type { TargetProgress } from "@/lib/figures/target-progress";

export interface Correction {
  key: string;
  published: FigureValue;
  current: FigureValue;
  publishedSuppressed: boolean;
  currentSuppressed: boolean;
  /** Current minus published; null where either is withheld or the figure is no single number (the top occupations). */
  difference: number | null;
  /** Whether the figure reads differently now. */
  changed: boolean;
}

export interface Corrections {
  /** The moment the current values are counted as of. */
  asOf: string;
  completersAsOf: string;
  figures: Correction[];
}

/** The number a figure's difference is taken of: the count itself, or a target's sessions reached. */
function numberOf(key: string, value: FigureValue): number | null {
  if (typeof value === "number") return value;
  if (key === TARGETS_KEY && value) return (value as TargetProgress).reached;
  return null;
}

const sameRanking = (a: FigureValue, b: FigureValue) => {
  const key = (list: FigureValue) => ((list as TopOccupation[] | null) ?? []).map((o) => `${o.id}:${o.count}`).join();
  return key(a) === key(b);
};

export function correctionsOf(published: FiguresReport, current: FiguresReport): Corrections {
  const figures = Object.keys(published.figures).map((key): Correction => {
    const [before, now] = [published.figures[key], current.figures[key] ?? null];
    const publishedSuppressed = published.suppressed.includes(key);
    const currentSuppressed = current.suppressed.includes(key);
    const [a, b] = [numberOf(key, before), numberOf(key, now)];
    const difference = publishedSuppressed || currentSuppressed || a === null || b === null ? null : Math.round((b - a) * 10) / 10;
    const changed =
      key === TOP_OCCUPATIONS_KEY ? !sameRanking(before, now) : publishedSuppressed !== currentSuppressed || JSON.stringify(before) !== JSON.stringify(now);
    return { key, published: before, current: now, publishedSuppressed, currentSuppressed, difference, changed };
  });
  return { asOf: current.asOf, completersAsOf: current.completersAsOf, figures };
}
