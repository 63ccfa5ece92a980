/**
 * The protection of small cells applied to the report and its breakdowns (README, "Protection of
 * small cells"): which figures a response withholds. Everything a user receives at once is
 * protected together: the report page shows the report beside its months, so the report withholds
 * exactly the months table's total row (the same cells as the months breakdown), and what only
 * the report has (shares, the ranked occupations, the org tree's counts) is decided from there.
 */
import type { Breakdown } from "./counters";
import { DISTINCT_PERSON_FIGURES, FIGURE_SUMS, ORG_FIGURES, ORG_SUMS, SHARE_FIGURES, SHARE_SOURCES, TOP_OCCUPATIONS_KEY } from "./definitions";
import { rankOccupations, type OccupationCount, type TopOccupation } from "./ranking";
import { MIN_WIDTH, SMALL, cellId, withheldCells } from "./suppression";

/** The id of the total row in a breakdown's suppression table (no group is called so). */
export const TOTAL_ROW = "\u0001total";

export interface ValueTable {
  keys: string[];
  rows: { group: string; values: Record<string, number> }[];
  total: Record<string, number>;
}

/** The withheld cells of a breakdown, by `cellId(group or TOTAL_ROW, key)`. The network's totals are always shown. */
export function protectBreakdown(table: ValueTable, by: Breakdown, network: boolean): Set<string> {
  const byGroup = new Map(table.rows.map((r) => [r.group, r.values]));
  return withheldCells({
    rows: table.rows.map((r) => r.group),
    total: TOTAL_ROW,
    columns: table.keys,
    overlapping: by === "region" ? DISTINCT_PERSON_FIGURES : [],
    rowSums: FIGURE_SUMS,
    value: (row, key) => (row === TOTAL_ROW ? table.total : byGroup.get(row)!)[key] ?? 0,
    protectable: (row) => !(network && row === TOTAL_ROW),
  });
}

/**
 * The keys a report below the network withholds, and its ranked occupations as shown. `months`
 * is the scope's months table (its total row holds the report's counts).
 */
export function protectReport(values: Record<string, number>, months: ValueTable, occupations: OccupationCount[]): { withheld: Set<string>; topOccupations: TopOccupation[] } {
  const grid = protectBreakdown(months, "month", false);
  const withheld = new Set(months.keys.filter((k) => grid.has(cellId(TOTAL_ROW, k))));
  const org = withheldCells({
    rows: ["org"],
    total: null,
    columns: [...ORG_FIGURES],
    rowSums: ORG_SUMS,
    value: (_row, key) => values[key] ?? 0,
    protectable: () => true,
  });
  for (const key of ORG_FIGURES) if (org.has(cellId("org", key))) withheld.add(key);
  // A share beside a count gives the other counts away (course = share × schemes).
  if (SHARE_SOURCES.some((k) => withheld.has(k))) for (const s of SHARE_FIGURES) withheld.add(s.key);
  const top = topOccupationsShown(values["advice.initialSessions"] ?? 0, withheld.has("advice.initialSessions"), occupations);
  if (top.leftOut) withheld.add(TOP_OCCUPATIONS_KEY);
  return { withheld, topOccupations: top.entries };
}

/**
 * The listed occupations are part of the initial sessions: their counts add up to at most the
 * total, and each listed one has at least 1. A withheld entry (ordered by name, after the shown
 * ones) lies between 1 and total − shown − (the other withheld entries, 1 each); where that is
 * narrower than MIN_WIDTH, the withheld entries are left out. Where the total is withheld itself,
 * any count in the list would bound it from below: the list is left empty. `leftOut` says that
 * entries were left out (the report then names the list among its withheld keys).
 */
export function topOccupationsShown(initialSessions: number, initialWithheld: boolean, occupations: OccupationCount[]): { entries: TopOccupation[]; leftOut: boolean } {
  const ranked = rankOccupations(occupations, SMALL);
  if (initialWithheld) return { entries: [], leftOut: ranked.length > 0 };
  const shown = ranked.filter((o) => o.count !== null);
  const withheld = ranked.length - shown.length;
  if (withheld && initialSessions - shown.reduce((s, o) => s + o.count!, 0) - withheld < MIN_WIDTH) return { entries: shown, leftOut: true };
  return { entries: ranked, leftOut: false };
}
