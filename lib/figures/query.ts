/** What a figures query asks for (a period, reference dates, a scope) and which periods may be asked for. */
import { z } from "zod";
import { FieldErrors } from "@/lib/errors";
import { id, isoDate } from "@/lib/validation";
import { BREAKDOWNS, type Scope } from "./counters";

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

/** The period and both reference dates as an answer names them: an absent reference date is the moment of the answer. */
export function answeredDates(q: { from: string; to: string; asOf?: string; completersAsOf?: string }) {
  const now = new Date().toISOString();
  return { period: { from: q.from, to: q.to }, asOf: q.asOf ?? now, completersAsOf: q.completersAsOf ?? q.asOf ?? now };
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
