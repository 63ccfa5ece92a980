/**
 * How figures are presented, the same on the pages and in the exports: where each figure comes
 * from and as of when (docs/reporting.md: every figure names its source and its reference date),
 * and the mark of a withheld value.
 */
import { COUNT_FIGURES, sourceOf, type FigureSource } from "./definitions";
import type { FiguresReport } from "./report";

/** Written in place of a value of 1 or 2 below the network (docs/reporting.md, protecting small cells). */
export const SUPPRESSED = "<3";

export interface Provenance {
  source: FigureSource;
  /** A day (YYYY-MM-DD) or an exact instant (ISO timestamp). */
  asOf: string;
}

const USES_COMPLETERS_DATE = new Set(COUNT_FIGURES.filter((f) => f.reference === "completersAsOf").map((f) => f.key));

export function provenanceOf(key: string, report: Pick<FiguresReport, "asOf" | "completersAsOf" | "period">): Provenance {
  const source = sourceOf(key);
  // The org tree is counted as it stands on the period's last day, whatever the reference date.
  if (source === "orgTree") return { source, asOf: report.period.to };
  return { source, asOf: USES_COMPLETERS_DATE.has(key) ? report.completersAsOf : report.asOf };
}
