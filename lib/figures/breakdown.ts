/** A breakdown: the count figures per group (month, region, gender, ...) and for the scope, with small cells withheld below the network. */
import { and, eq, inArray, sql } from "drizzle-orm";
import { occupations, orgUnits } from "@/db/schema";
import type { Tx } from "@/db/client";
import { countryName } from "@/lib/countries";
import { german } from "@/lib/listing";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import { CLIENT_BREAKDOWNS, type Breakdown, type CounterRow, type Scope } from "./counters";
import { COUNT_FIGURES, type CounterValues } from "./definitions";
import { protectBreakdown, TOTAL_ROW, type ValueTable } from "./protection";
import { answeredDates, type FiguresQuery } from "./query";
import type { ResolvedScope } from "./scope";
import { cellId } from "./suppression";
import { counterRows, prepareRead, values } from "./totals";

export type Cell = { value: number } | { value: null; suppressed: true };

export interface BreakdownRow {
  /** What the row groups by, as the API names it (a region or an occupation by its id). */
  group: string;
  label: string;
  /** The group as people know it, for the code column of an export: a region's ISO code (DE-BY), an occupation's KldB code. */
  code: string;
  cells: Record<string, Cell>;
}

export interface FiguresBreakdown {
  period: { from: string; to: string };
  asOf: string;
  completersAsOf: string;
  scope: ResolvedScope;
  by: Breakdown;
  /** The figures broken down, in order. */
  keys: string[];
  rows: BreakdownRow[];
  /** The scope's totals (not suppressed for the network). */
  total: BreakdownRow;
}

function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    months.push(key);
    if (key >= last) return months;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
}

async function groupLabels(tx: Tx, by: Breakdown, scope: Scope, present: string[], q: FiguresQuery, locale: Locale): Promise<{ group: string; label: string; code?: string }[]> {
  const t = translator(locale);
  switch (by) {
    case "month": {
      const fmt = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
      return monthsOf(q.from, q.to).map((m) => ({ group: m, label: fmt.format(new Date(`${m}-15T00:00:00Z`)) }));
    }
    case "region": {
      const label = locale === "en" ? sql<string>`coalesce(${orgUnits.nameEn}, ${orgUnits.name})` : sql<string>`${orgUnits.name}`;
      const regions = await tx
        .select({ id: orgUnits.id, code: orgUnits.code, name: label })
        .from(orgUnits)
        .where(and(eq(orgUnits.level, "region"), scope.level === "network" ? undefined : eq(orgUnits.id, (await regionOf(tx, scope))!)))
        .orderBy(german(label), orgUnits.id);
      return regions.map((r) => ({ group: r.id, label: r.name, code: r.code ?? "" }));
    }
    case "gender":
      return ["female", "male", "diverse", "not_stated"].map((g) => ({ group: g, label: t(`values.gender.${g}`) }));
    case "residence":
      return ["eu_eea_ch", "third_country_permit", "asylum_seeker", "tolerated", "abroad", "german", "not_stated"].map((g) => ({ group: g, label: t(`values.residenceStatus.${g}`) }));
    case "country":
      return present.map((code) => ({ group: code, label: code ? countryName(code, locale) : t("figures.notStated") })).sort((a, b) => a.label.localeCompare(b.label, locale));
    case "occupation": {
      const ids = present.filter(Boolean);
      const rows = ids.length ? await tx.select().from(occupations).where(inArray(occupations.id, ids)) : [];
      const labels = rows.map((o) => ({ group: o.id, label: locale === "de" ? o.nameDe : o.nameEn, code: o.kldbCode ?? "" })).sort((a, b) => a.label.localeCompare(b.label, locale));
      return present.includes("") ? [...labels, { group: "", label: t("figures.notStated") }] : labels;
    }
  }
}

async function regionOf(tx: Tx, scope: Scope): Promise<string | null> {
  if (scope.level === "region") return scope.id;
  const [unit] = await tx.select({ regionId: orgUnits.regionId }).from(orgUnits).where(eq(orgUnits.id, scope.id!));
  return unit?.regionId ?? null;
}

/** Every figure of a breakdown per group and for the scope, exactly as counted, with the groups' labels. */
export async function breakdownValues(tx: Tx, q: FiguresQuery & { by: Breakdown }, scope: ResolvedScope, locale: Locale): Promise<ValueTable & { groups: { group: string; label: string; code?: string }[] }> {
  const figures = COUNT_FIGURES.filter((f) => f.clientBased || !CLIENT_BREAKDOWNS.includes(q.by));
  const rows = await counterRows(tx, q, scope, q.by);
  const totalRows = await counterRows(tx, q, scope, null);
  const byGroup = new Map<string, CounterRow[]>();
  for (const r of rows) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  const present = [...byGroup.entries()].filter(([, rs]) => rs.some((r) => r.n !== 0 || r.amount !== 0)).map(([g]) => g);
  const groups = await groupLabels(tx, q.by, scope, present, q, locale);
  const valuesOf = (c: CounterValues) => Object.fromEntries(figures.map((f) => [f.key, f.value(c)]));
  const total = valuesOf(values(totalRows));
  // Below the network the scope lies in one region, whose row is the scope's total (a subproject's
  // or contact point's distinct people are counted at its own level, without a region).
  const oneRegion = q.by === "region" && scope.level !== "network";
  return {
    keys: figures.map((f) => f.key),
    groups,
    rows: groups.map((g) => ({ group: g.group, values: oneRegion ? total : valuesOf(values(byGroup.get(g.group) ?? [])) })),
    total,
  };
}

export async function buildBreakdown(tx: Tx, q: FiguresQuery & { by: Breakdown }, scope: ResolvedScope, locale: Locale): Promise<FiguresBreakdown> {
  await prepareRead(tx);
  const table = await breakdownValues(tx, q, scope, locale);
  const withheld = protectBreakdown(table, q.by, scope.level === "network");
  const cellsOf = (row: string, values: Record<string, number>): Record<string, Cell> =>
    Object.fromEntries(table.keys.map((k) => [k, withheld.has(cellId(row, k)) ? { value: null, suppressed: true } : { value: values[k] }]));
  return {
    ...answeredDates(q),
    scope,
    by: q.by,
    keys: table.keys,
    rows: table.groups.map((g, i) => ({ ...g, code: g.code ?? g.group, cells: cellsOf(g.group, table.rows[i].values) })),
    total: { group: "total", code: "total", label: translator(locale)("figures.total"), cells: cellsOf(TOTAL_ROW, table.total) },
  };
}
