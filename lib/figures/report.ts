/**
 * The figures report and its breakdowns: period, reference dates and scope in; every key of
 * docs/figures.md out, with small cells suppressed below the network. Authorization lives in
 * `resolveScope`: a regional coordinator reaches their own region and what lies in it.
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { occupations, orgUnits, targets } from "@/db/schema";
import type { Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { countryName } from "@/lib/countries";
import { FieldErrors, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import { defineOperation } from "@/lib/operation";
import { id, isoDate } from "@/lib/validation";
import { type PersonCounter } from "./contributions";
import { BREAKDOWNS, CLIENT_BREAKDOWNS, counterTotals, personCount, personRowsAnswer, type Breakdown, type CounterRow, type Reference, type Scope } from "./counters";
import {
  COUNT_FIGURES,
  FIGURE_ORDER,
  INITIAL_SESSION_COUNTERS,
  SHARE_FIGURES,
  TARGETS_KEY,
  TOP_OCCUPATIONS_KEY,
  type CounterValues,
} from "./definitions";
import { ensureCompacted } from "./ledger";
import { provenanceOf, type Provenance } from "./presentation";
import { protectBreakdown, protectReport, TOTAL_ROW, type ValueTable } from "./protection";
import { rankOccupations, type OccupationCount, type TopOccupation } from "./ranking";
import { cellId } from "./suppression";

export type { TopOccupation };

const timestamp = z.iso.datetime({ offset: true });
/** A reference date: a day (its end in Europe/Berlin) or an exact instant. */
export const asOfSchema = z.union([isoDate, timestamp]);

const MAX_PERIOD_DAYS = 366 * 10;

export const queryShape = {
  from: isoDate,
  to: isoDate,
  asOf: asOfSchema.optional(),
  completersAsOf: asOfSchema.optional(),
  scope: z.union([z.literal("network"), id]).optional(),
};

export function checkPeriod(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], params: { key: "toBeforeFrom" } });
  else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_PERIOD_DAYS) ctx.addIssue({ code: "custom", path: ["to"], params: { key: "periodTooLong" } });
}

export const figuresQuerySchema = z.object(queryShape).strict().superRefine(checkPeriod);
export type FiguresQuery = z.output<typeof figuresQuerySchema>;

export const breakdownQuerySchema = z
  .object({ ...queryShape, by: z.enum(BREAKDOWNS) })
  .strict()
  .superRefine(checkPeriod);

/** The ledger bound for a reference date: deltas strictly before it count. */
export function referenceOf(asOf: string | undefined): Reference {
  if (!asOf) return { before: sql`(clock_timestamp() + interval '1 microsecond')` };
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return { before: sql`((${asOf}::date + 1)::timestamp at time zone 'Europe/Berlin')` };
  return { before: sql`(${asOf}::timestamptz + interval '1 microsecond')` };
}

export interface ResolvedScope extends Scope {
  name: string;
}

const LEVEL_OF = { network: "network", region: "region", subproject: "subproject", contact_point: "unit" } as const;

/** The scope asked for, if the actor may see it: regional coordinators their own region only. */
export async function resolveScope(tx: Tx, actor: Actor, requested: string | undefined, locale: Locale = "de"): Promise<ResolvedScope> {
  const wanted = requested ?? (actor.role === "regional_coordinator" ? actor.regionId! : "network");
  if (wanted === "network") {
    if (actor.role === "regional_coordinator") throw new ForbiddenError("scope");
    const [network] = await tx.select({ name: orgUnits.name, nameEn: orgUnits.nameEn }).from(orgUnits).where(eq(orgUnits.level, "network"));
    return { level: "network", id: null, name: (locale === "en" && network?.nameEn) || network?.name || "" };
  }
  const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, wanted));
  if (!unit) throw new NotFoundError("scope");
  if (actor.role === "regional_coordinator" && unit.regionId !== actor.regionId) throw new ForbiddenError("scope");
  return { level: LEVEL_OF[unit.level], id: unit.level === "network" ? null : unit.id, name: (locale === "en" && unit.nameEn) || unit.name };
}

export function values(rows: CounterRow[]): CounterValues {
  const n = new Map<string, number>();
  const amount = new Map<string, number>();
  for (const r of rows) {
    n.set(r.counter, (n.get(r.counter) ?? 0) + r.n);
    amount.set(r.counter, (amount.get(r.counter) ?? 0) + r.amount);
  }
  return { n: (c) => n.get(c) ?? 0, amount: (c) => amount.get(c) ?? 0 };
}

const PERSON_COUNTER_LIST: PersonCounter[] = ["fairIntegration.person", "jobTraining.completer"];

/** All counter rows of a report or breakdown, with both reference dates applied and distinct people counted exactly. */
export async function counterRows(tx: Tx, q: FiguresQuery, scope: Scope, by: Breakdown | null, counters?: string[]): Promise<CounterRow[]> {
  const base = { from: q.from, to: q.to, scope, by };
  const ref = referenceOf(q.asOf);
  const completersRef = referenceOf(q.completersAsOf ?? q.asOf);
  const wants = (c: string) => !counters || counters.includes(c);
  let rows = await counterTotals(tx, { ...base, ref, counters: counters?.filter((c) => c !== "jobTraining.completer") });
  rows = rows.filter((r) => r.counter !== "jobTraining.completer");
  const yearly = personRowsAnswer(q.from, q.to);
  if (!yearly) rows = rows.filter((r) => r.counter !== "fairIntegration.person");
  if (wants("jobTraining.completer")) {
    rows.push(...(yearly ? await counterTotals(tx, { ...base, ref: completersRef, counters: ["jobTraining.completer"] }) : await personCount(tx, { ...base, ref: completersRef, counter: "jobTraining.completer" })));
  }
  if (!yearly && wants("fairIntegration.person")) rows.push(...(await personCount(tx, { ...base, ref, counter: "fairIntegration.person" })));
  return rows.filter((r) => !PERSON_COUNTER_LIST.includes(r.counter as PersonCounter) || wants(r.counter));
}

/** The org tree's figures on the period's last day, within the scope. */
async function orgFigures(tx: Tx, scope: Scope, day: string) {
  const within: SQL =
    scope.level === "network"
      ? sql`true`
      : scope.level === "region"
        ? sql`u.region_id = ${scope.id}::uuid`
        : scope.level === "subproject"
          ? sql`(u.id = ${scope.id}::uuid or u.parent_id = ${scope.id}::uuid)`
          : sql`u.id = ${scope.id}::uuid`;
  const result = await tx.execute(sql`
    select
      count(*) filter (where u.level = 'contact_point')::int as total,
      count(*) filter (where u.level = 'contact_point' and u.contact_point_kind = 'permanent')::int as permanent,
      count(*) filter (where u.level = 'contact_point' and u.contact_point_kind = 'mobile')::int as mobile,
      count(*) filter (where u.level = 'region')::int as regions,
      count(*) filter (where u.level = 'subproject')::int as subprojects
    from org_units u
    where ${within} and u.active_from <= ${day}::date and (u.active_until is null or u.active_until >= ${day}::date)`);
  const r = result.rows[0] as Record<string, number>;
  return {
    "contactPoints.total": r.total,
    "contactPoints.permanent": r.permanent,
    "contactPoints.mobile": r.mobile,
    "organisation.regionalNetworks": r.regions,
    "organisation.subprojects": r.subprojects,
  };
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

export interface TargetProgress {
  target: number;
  from: string;
  to: string;
  reached: number;
  /** Percent of the target reached, one decimal. */
  shareReached: number;
  /** Percent of the round's time elapsed at the period's end, one decimal. */
  shareElapsed: number;
}

async function targetProgress(tx: Tx, q: FiguresQuery): Promise<TargetProgress | null> {
  const [target] = await tx.select().from(targets).where(eq(targets.key, "initialSessions"));
  if (!target || q.to < target.fromOn) return null;
  const until = q.to < target.toOn ? q.to : target.toOn;
  const rows = await counterTotals(tx, { from: target.fromOn, to: until, ref: referenceOf(q.asOf), scope: { level: "network", id: null }, by: null, counters: INITIAL_SESSION_COUNTERS });
  const reached = rows.reduce((s, r) => s + r.n, 0);
  const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1;
  const oneDecimal = (x: number) => Math.round(x * 10) / 10;
  return {
    target: target.value,
    from: target.fromOn,
    to: target.toOn,
    reached,
    shareReached: oneDecimal((100 * reached) / target.value),
    shareElapsed: oneDecimal(Math.min(100, (100 * days(target.fromOn, until)) / days(target.fromOn, target.toOn))),
  };
}

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

/**
 * The report's queries read a few hundred rows, but the planner cannot see how few deltas lie
 * past the compaction point and estimates millions at scale; PostgreSQL's JIT then spends
 * ~27 ms per query compiling (measured by `npm run bench` at 10M records). Off for this transaction.
 */
export async function prepareRead(tx: Tx): Promise<void> {
  await ensureCompacted(tx);
  await tx.execute(sql`set local jit = off`);
}

/** The period and both reference dates as an answer names them: an absent reference date is the moment of the answer. */
export function answeredDates(q: { from: string; to: string; asOf?: string; completersAsOf?: string }) {
  const now = new Date().toISOString();
  return { period: { from: q.from, to: q.to }, asOf: q.asOf ?? now, completersAsOf: q.completersAsOf ?? q.asOf ?? now };
}

export async function buildReport(tx: Tx, q: FiguresQuery, scope: ResolvedScope, locale: Locale): Promise<FiguresReport> {
  await prepareRead(tx);
  const { raw, occupations: counts } = await countAll(tx, q, scope, locale);
  const dates = answeredDates(q);
  const head = { ...dates, scope, provenance: Object.fromEntries(FIGURE_ORDER.map((key) => [key, provenanceOf(key, dates)])) };
  if (scope.level === "network") return { ...head, figures: Object.fromEntries(FIGURE_ORDER.map((k) => [k, raw[k]])), suppressed: [] };
  const numbers = Object.fromEntries(Object.entries(raw).filter((e): e is [string, number] => typeof e[1] === "number"));
  const months = await breakdownValues(tx, { ...q, by: "month" }, scope, locale);
  const { withheld, topOccupations } = protectReport(numbers, months, counts);
  const figures: Record<string, FigureValue> = {};
  for (const key of FIGURE_ORDER) figures[key] = key === TOP_OCCUPATIONS_KEY ? topOccupations : withheld.has(key) ? null : raw[key];
  return { ...head, figures, suppressed: FIGURE_ORDER.filter((k) => withheld.has(k)) };
}

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
      const regions = await tx
        .select({ id: orgUnits.id, code: orgUnits.code, name: locale === "en" ? sql<string>`coalesce(${orgUnits.nameEn}, ${orgUnits.name})` : orgUnits.name })
        .from(orgUnits)
        .where(and(eq(orgUnits.level, "region"), scope.level === "network" ? undefined : eq(orgUnits.id, (await regionOf(tx, scope))!)))
        .orderBy(orgUnits.name);
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
async function breakdownValues(tx: Tx, q: FiguresQuery & { by: Breakdown }, scope: ResolvedScope, locale: Locale): Promise<ValueTable & { groups: { group: string; label: string; code?: string }[] }> {
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

const lastDayOfMonth = (day: string) => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).toISOString().slice(0, 10);

/**
 * Below the network periods are whole months (README, "Protection of small cells"): two periods
 * a day apart would otherwise give that day's counts away, however well each is protected.
 */
export function requireWholeMonths(q: { from: string; to: string }, scope: Scope): void {
  if (scope.level === "network") return;
  const keys: Record<string, string> = {};
  if (!q.from.endsWith("-01")) keys.from = "wholeMonthFrom";
  if (lastDayOfMonth(q.to) !== q.to) keys.to = "wholeMonthTo";
  if (Object.keys(keys).length) throw new FieldErrors(keys);
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
