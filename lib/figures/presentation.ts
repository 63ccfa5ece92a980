/**
 * How figures are presented, the same on the pages, in the exports and in JSON: where each
 * figure comes from and as of when (docs/reporting.md: every figure "names its reference date and its
 * source"), and the mark of a withheld value.
 */
import type { OutcomeSource } from "./outcome-source";
import { figureDefinition, type FigureSource } from "./registry";
import type { FiguresReport } from "./report";

/** Written in place of a value of 1 or 2 below the network (docs/reporting.md, small cells). */
export const SUPPRESSED = "<3";

export interface Provenance {
  source: FigureSource;
  /** A day (YYYY-MM-DD) or an exact instant (ISO timestamp). */
  asOf: string;
  /** For the completers: the monitoring's outcomes it counts, if an import brought them (lib/figures/outcome-source.ts). */
  imported?: OutcomeSource;
}

/** The figure whose outcomes may come from the monitoring. */
export const COMPLETERS_KEY = "jobTraining.successfulCompleters";

/** A report's own provenance (FiguresReport.provenance) adds what only a database read knows: the outcomes' import. */
export function provenanceOf(key: string, report: Pick<FiguresReport, "asOf" | "completersAsOf" | "period"> & { provenance?: Record<string, Provenance> }): Provenance {
  const { source, reference } = figureDefinition(key);
  // The org tree is counted as it stands on the period's last day, whatever the reference date.
  const asOf = reference === "periodEnd" ? report.period.to : reference === "completersAsOf" ? report.completersAsOf : report.asOf;
  const imported = report.provenance?.[key]?.imported;
  return imported ? { source, asOf, imported } : { source, asOf };
}
