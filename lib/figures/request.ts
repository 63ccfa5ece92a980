/**
 * The "in figures" pages and their exports are asked for by period, scope and reference dates in
 * the query string. This reads those parameters the same way for the pages and the downloads, so
 * that an export holds what the page showed. A value that is not understood is an error naming
 * its parameter: a figure for another year or another reference date than the one asked for,
 * shown as if it were the one, would be worse than no figure.
 */
import { z } from "zod";
import type { Translate } from "@/lib/i18n/translate";
import { fieldErrors, zodErrorMap } from "@/lib/i18n/zod-errors";
import { id, isoDate, todayInBerlin } from "@/lib/validation";
import { BREAKDOWNS, type Breakdown } from "./counters";
import { asOfSchema, figuresQuerySchema } from "./query";

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first year the picker offers: before it the network kept no records in Lotse. */
export const FIRST_YEAR = 2000;

/** A whole year, a half, a quarter of it, or any period from–to. */
export const PERIODS = ["year", "h1", "h2", "q1", "q2", "q3", "q4", "custom"] as const;
export type Period = (typeof PERIODS)[number];

const PRESETS: Record<Exclude<Period, "custom">, [string, string]> = {
  year: ["01-01", "12-31"],
  h1: ["01-01", "06-30"],
  h2: ["07-01", "12-31"],
  q1: ["01-01", "03-31"],
  q2: ["04-01", "06-30"],
  q3: ["07-01", "09-30"],
  q4: ["10-01", "12-31"],
};

export interface FiguresParams {
  period: Period;
  /** The year of a whole year, half or quarter; of a custom period, the year it starts in. */
  year: number;
  from: string;
  to: string;
  /** "network" or an org unit; absent: the operation's default (the network, or a regional coordinator's region). */
  scope?: string;
  asOf?: string;
  completersAsOf?: string;
}

/** The parameters, named as in the query string and the form. */
export const FIELDS = ["year", "period", "from", "to", "scope", "asOf", "completersAsOf", "by"] as const;
export type Field = (typeof FIELDS)[number];
export type FormValues = Partial<Record<Field, string>>;

export type FiguresRequest =
  | { ok: true; params: FiguresParams; by: Breakdown }
  | { ok: false; fieldErrors: Partial<Record<Field, string[]>>; values: FormValues };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/**
 * A preset period of a year. The running year's later months hold nothing yet, so it ends with
 * the running month: at its last day, since below the network periods are whole months.
 */
export function periodOf(year: number, period: Exclude<Period, "custom">, today = todayInBerlin()): { from: string; to: string } {
  const [first, last] = PRESETS[period];
  const from = `${year}-${first}`;
  const end = `${year}-${last}`;
  const monthEnd = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0)).toISOString().slice(0, 10);
  return { from, to: from <= today && end > monthEnd ? monthEnd : end };
}

/** The figures pages' query string (exported for the test that walks every schema's messages). */
export function searchSchema(t: Translate, today: string) {
  const lastYear = Number(today.slice(0, 4));
  const year = z
    .string()
    .refine((v) => /^\d{4}$/.test(v) && Number(v) >= FIRST_YEAR && Number(v) <= lastYear, { error: () => t("figures.errors.year", { first: String(FIRST_YEAR), last: String(lastYear) }) })
    .transform(Number);
  const reference = z.string().refine((v) => asOfSchema.safeParse(v).success, { error: () => t("figures.errors.referenceDate") });
  const scope = z.string().refine((v) => v === "network" || id.safeParse(v).success, { error: () => t("errors.choice") });
  return z
    .object({
      year: year.optional(),
      period: z.enum(PERIODS).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      scope: scope.optional(),
      asOf: reference.optional(),
      completersAsOf: reference.optional(),
      by: z.enum(BREAKDOWNS).optional(),
    })
    .superRefine((q, ctx) => {
      const custom = q.period === "custom" || (!q.period && Boolean(q.from || q.to));
      for (const field of ["from", "to"] as const) {
        if (custom && !q[field]) ctx.addIssue({ code: "custom", path: [field], message: t("figures.errors.customNeedsDates") });
        if (!custom && q[field]) ctx.addIssue({ code: "custom", path: [field], message: t("figures.errors.onlyCustom") });
      }
    });
}

/**
 * Reads the query string of a figures page or export. Without a year the pages open on
 * `latestYear()`, the latest one with records. A period the figures engine refuses (the end
 * before the start, longer than it allows) is named as the form names it.
 */
export async function readFiguresRequest(search: SearchParams, options: { t: Translate; latestYear: () => Promise<number>; today?: string }): Promise<FiguresRequest> {
  const { t, today = todayInBerlin() } = options;
  const values: FormValues = {};
  for (const field of FIELDS) {
    const value = one(search[field]);
    if (value !== undefined) values[field] = value;
  }
  const parsed = searchSchema(t, today).safeParse(values, { error: zodErrorMap(t) });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error), values };
  const q = parsed.data;
  const reference = { ...(q.scope ? { scope: q.scope } : {}), ...(q.asOf ? { asOf: q.asOf } : {}), ...(q.completersAsOf ? { completersAsOf: q.completersAsOf } : {}) };
  let params: FiguresParams;
  if (q.period === "custom" || (!q.period && q.from)) {
    params = { period: "custom", year: Number(q.from!.slice(0, 4)), from: q.from!, to: q.to!, ...reference };
  } else {
    const period = q.period ?? "year";
    const year = q.year ?? (await options.latestYear());
    params = { period, year, ...periodOf(year, period, today), ...reference };
  }
  const checked = figuresQuerySchema.safeParse(figuresQuery(params), { error: zodErrorMap(t) });
  if (!checked.success) return { ok: false, fieldErrors: fieldErrors(checked.error), values };
  return { ok: true, params, by: q.by ?? "region" };
}

/** The input of `figuresReport` (and, with `by`, of `figuresBreakdown`). */
export function figuresQuery(p: FiguresParams) {
  return {
    from: p.from,
    to: p.to,
    ...(p.scope ? { scope: p.scope } : {}),
    ...(p.asOf ? { asOf: p.asOf } : {}),
    ...(p.completersAsOf ? { completersAsOf: p.completersAsOf } : {}),
  };
}

/** The form's values for the figures shown, as the query string names them. */
export function formValues(p: FiguresParams, by?: Breakdown): FormValues {
  return {
    year: String(p.year),
    period: p.period,
    ...(p.period === "custom" ? { from: p.from, to: p.to } : {}),
    ...(p.scope ? { scope: p.scope } : {}),
    ...(p.asOf ? { asOf: p.asOf } : {}),
    ...(p.completersAsOf ? { completersAsOf: p.completersAsOf } : {}),
    ...(by ? { by } : {}),
  };
}

/** The query string that asks for the same figures again (links between the pages and the exports). */
export function figuresSearch(p: FiguresParams, extra: Record<string, string> = {}): string {
  const entries: [string, string][] = [];
  if (p.period === "custom") entries.push(["period", "custom"], ["from", p.from], ["to", p.to]);
  else {
    entries.push(["year", String(p.year)]);
    if (p.period !== "year") entries.push(["period", p.period]);
  }
  if (p.scope) entries.push(["scope", p.scope]);
  if (p.asOf) entries.push(["asOf", p.asOf]);
  if (p.completersAsOf) entries.push(["completersAsOf", p.completersAsOf]);
  return new URLSearchParams([...entries, ...Object.entries(extra)]).toString();
}
