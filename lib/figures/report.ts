/**
 * The figures report: period, reference dates and scope in; every key of docs/figures.md out,
 * with small cells suppressed below the network. The report and breakdown operations live here;
 * the query (./query), the scope and who may see it (./scope), the ledger's totals (./totals,
 * ./people) and the breakdowns (./breakdown) each have a module of their own.
 */
import { inArray } from "drizzle-orm";
import { occupations } from "@/db/schema";
import type { Tx } from "@/db/client";
import type { Locale } from "@/lib/i18n/config";
import { defineOperation } from "@/lib/operation";
import { buildBreakdown, breakdownValues } from "./breakdown";
import { counterTotals, type Scope } from "./counters";
import { COUNT_FIGURES, FIGURE_ORDER, INITIAL_SESSION_COUNTERS, SHARE_FIGURES, TARGETS_KEY, TOP_OCCUPATIONS_KEY } from "./definitions";
import { orgFigures } from "./org-figures";
import { latestOutcomeSource } from "./outcome-source";
import { COMPLETERS_KEY, provenanceOf, type Provenance } from "./presentation";
import { protectReport } from "./protection";
import { answeredDates, breakdownQuerySchema, figuresQuerySchema, requireWholeMonths, type FiguresQuery } from "./query";
import { rankOccupations, type OccupationCount, type TopOccupation } from "./ranking";
import { resolveScope, type ResolvedScope } from "./scope";
import { targetProgress, type TargetProgress } from "./target-progress";
import { counterRows, prepareRead, referenceOf, values } from "./totals";

export type { TopOccupation };

export type FigureValue = number | null | TopOccupation[] | TargetProgress;

export interface FiguresReport {
  period: { from: string; to: string };
  asOf: string;
  completersAsOf: string;
  scope: ResolvedScope;
  figures: Record<string, FigureValue>;
  /** Keys whose value is withheld (null in `figures`): 1 or 2, or a value that would give one away. */
  suppressed: string[];
  /** Per figure: where it comes from and the reference date it uses (docs/reporting.md). */
  provenance: Record<string, Provenance>;
}

/** Initial sessions per reference occupation: what `advice.topOccupations` is ranked from. */
async function occupationCounts(tx: Tx, q: FiguresQuery, scope: Scope, locale: Locale): Promise<OccupationCount[]> {
  const rows = await counterTotals(tx, { from: q.from, to: q.to, ref: referenceOf(q.asOf), scope, by: "occupation", counters: INITIAL_SESSION_COUNTERS });
  const byOccupation = new Map<string, number>();
  for (const r of rows) if (r.group) byOccupation.set(r.group, (byOccupation.get(r.group) ?? 0) + r.n);
  const ids = [...byOccupation.keys()];
  if (!ids.length) return [];
  const names = await tx.select().from(occupations).where(inArray(occupations.id, ids));
  return names.map((o) => ({ id: o.id, name: locale === "de" ? o.nameDe : o.nameEn, nameDe: o.nameDe, count: byOccupation.get(o.id) ?? 0 }));
}

/** Every figure of the report, exactly as counted, and the occupations' counts that rank the top occupations. */
async function countAll(tx: Tx, q: FiguresQuery, scope: Scope, locale: Locale): Promise<{ raw: Record<string, FigureValue>; occupations: OccupationCount[] }> {
  const c = values(await counterRows(tx, q, scope, null));
  const raw: Record<string, FigureValue> = {};
  for (const f of COUNT_FIGURES) raw[f.key] = f.value(c);
  for (const f of SHARE_FIGURES) raw[f.key] = f.value(c);
  Object.assign(raw, await orgFigures(tx, scope, q.to));
  const counts = await occupationCounts(tx, q, scope, locale);
  raw[TOP_OCCUPATIONS_KEY] = rankOccupations(counts);
  raw[TARGETS_KEY] = scope.level === "network" ? await targetProgress(tx, q) : null;
  return { raw, occupations: counts };
}

/** Every figure of the report, exactly as counted (no suppression). */
export async function computeFigures(tx: Tx, q: FiguresQuery, scope: Scope, locale: Locale): Promise<Record<string, FigureValue>> {
  return (await countAll(tx, q, scope, locale)).raw;
}

export async function buildReport(tx: Tx, q: FiguresQuery, scope: ResolvedScope, locale: Locale): Promise<FiguresReport> {
  await prepareRead(tx);
  const { raw, occupations: counts } = await countAll(tx, q, scope, locale);
  const dates = answeredDates(q);
  const provenance: Record<string, Provenance> = Object.fromEntries(FIGURE_ORDER.map((key) => [key, provenanceOf(key, dates)]));
  const imported = await latestOutcomeSource(tx, scope, dates.completersAsOf);
  if (imported && provenance[COMPLETERS_KEY]) provenance[COMPLETERS_KEY] = { ...provenance[COMPLETERS_KEY], imported };
  const head = { ...dates, scope, provenance };
  if (scope.level === "network") return { ...head, figures: Object.fromEntries(FIGURE_ORDER.map((k) => [k, raw[k]])), suppressed: [] };
  const numbers = Object.fromEntries(Object.entries(raw).filter((e): e is [string, number] => typeof e[1] === "number"));
  const months = await breakdownValues(tx, { ...q, by: "month" }, scope, locale);
  const { withheld, topOccupations } = protectReport(numbers, months, counts);
  const figures: Record<string, FigureValue> = {};
  for (const key of FIGURE_ORDER) figures[key] = key === TOP_OCCUPATIONS_KEY ? topOccupations : withheld.has(key) ? null : raw[key];
  return { ...head, figures, suppressed: FIGURE_ORDER.filter((k) => withheld.has(k)) };
}

export const figuresReport = defineOperation({
  name: "figures.report",
  access: "figures.view",
  audit: "none",
  input: figuresQuerySchema,
  async run({ actor, tx, locale }, q) {
    const scope = await resolveScope(tx, actor, q.scope, locale);
    requireWholeMonths(q, scope);
    return buildReport(tx, q, scope, locale);
  },
});

export const figuresBreakdown = defineOperation({
  name: "figures.breakdown",
  access: "figures.view",
  audit: "none",
  input: breakdownQuerySchema,
  async run({ actor, tx, locale }, q) {
    const scope = await resolveScope(tx, actor, q.scope, locale);
    requireWholeMonths(q, scope);
    return buildBreakdown(tx, q, scope, locale);
  },
});
