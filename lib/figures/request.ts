/**
 * The "in figures" pages and their exports are asked for by year, scope and reference dates in
 * the query string. This turns those parameters into the input of the figures operations, the
 * same way for the pages and the downloads, so that an export holds what the page showed.
 */
import { BREAKDOWNS, type Breakdown } from "./counters";
import { asOfSchema } from "./report";
import { id, todayInBerlin } from "@/lib/validation";

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first year the picker offers: before it the network kept no records in Lotse. */
export const FIRST_YEAR = 2000;

export interface FiguresParams {
  year: number;
  /** "network" or an org unit; absent: the operation's default (the network, or a regional coordinator's region). */
  scope?: string;
  asOf?: string;
  completersAsOf?: string;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/** The year before the current one is the last one complete. */
export const lastFullYear = (today = todayInBerlin()) => Number(today.slice(0, 4)) - 1;

/**
 * Reads the parameters. A malformed value is ignored (the default applies) rather than answered
 * with an error page: these come from links and a GET form. A well-formed scope the actor may not
 * see is passed on, so that the operation refuses it.
 */
export function figuresParams(search: SearchParams, today = todayInBerlin()): FiguresParams {
  const year = Number(one(search.year));
  const currentYear = Number(today.slice(0, 4));
  const scope = one(search.scope);
  const date = (v: string | undefined) => (v && asOfSchema.safeParse(v).success ? v : undefined);
  return {
    year: Number.isInteger(year) && year >= FIRST_YEAR && year <= currentYear ? year : lastFullYear(today),
    scope: scope === "network" || (scope && id.safeParse(scope).success) ? scope : undefined,
    asOf: date(one(search.asOf)),
    completersAsOf: date(one(search.completersAsOf)),
  };
}

export function breakdownOf(search: SearchParams): Breakdown {
  const by = one(search.by);
  return (BREAKDOWNS as readonly string[]).includes(by ?? "") ? (by as Breakdown) : "region";
}

/** The whole year; the running year up to today (its later days hold nothing yet). */
export function periodOf(year: number, today = todayInBerlin()): { from: string; to: string } {
  const end = `${year}-12-31`;
  return { from: `${year}-01-01`, to: end < today ? end : today };
}

/** The input of `figuresReport` (and, with `by`, of `figuresBreakdown`). */
export function figuresQuery(p: FiguresParams, today = todayInBerlin()) {
  return {
    ...periodOf(p.year, today),
    ...(p.scope ? { scope: p.scope } : {}),
    ...(p.asOf ? { asOf: p.asOf } : {}),
    ...(p.completersAsOf ? { completersAsOf: p.completersAsOf } : {}),
  };
}

/** The query string that asks for the same figures again (links between the pages and the exports). */
export function figuresSearch(p: FiguresParams, extra: Record<string, string> = {}): string {
  const entries: [string, string][] = [["year", String(p.year)]];
  if (p.scope) entries.push(["scope", p.scope]);
  if (p.asOf) entries.push(["asOf", p.asOf]);
  if (p.completersAsOf) entries.push(["completersAsOf", p.completersAsOf]);
  return new URLSearchParams([...entries, ...Object.entries(extra)]).toString();
}
