import { z } from "zod";
import { id, isoDate, todayInBerlin } from "@/lib/validation";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const instant = z.iso.datetime({ offset: true });

/** A reference date as the figures engine reads it: a day (its end in Europe/Berlin) or an exact instant. */
const referenceDate = z
  .string()
  .trim()
  .refine((v) => (DAY.test(v) ? isoDate.safeParse(v).success : instant.safeParse(v).success), { params: { key: "referenceDate" } });

/** A blank form field is no value: the completers' reference date then is `asOf`. */
const blankIsAbsent = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const MAX_PERIOD_DAYS = 366 * 10;

const isLastOfMonth = (day: string) => {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
};

/**
 * Whether figures as of this reference date can no longer change: its moment has passed. A day
 * means its end, so today's date (Berlin) is still open, and so is any instant after `now`.
 */
export function referenceHasPassed(reference: string, now = new Date()): boolean {
  return DAY.test(reference) ? reference < todayInBerlin(now) : Date.parse(reference) <= now.getTime();
}

/**
 * What a network coordinator publishes: title, period and reference dates (figures.md, "Editions").
 * The publish form and POST /api/v1/editions share it. Reference dates must lie in the past: the
 * figures of an edition must not change after it went out.
 */
export const publishEditionSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    from: isoDate,
    to: isoDate,
    asOf: referenceDate,
    completersAsOf: z.preprocess(blankIsAbsent, referenceDate.optional()),
    /** "network" (the default) or a regional network's id. */
    scope: z.preprocess(blankIsAbsent, z.union([z.literal("network"), id]).optional()),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], params: { key: "toBeforeFrom" } });
    else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_PERIOD_DAYS) ctx.addIssue({ code: "custom", path: ["to"], params: { key: "periodTooLong" } });
    // Below the network, single days must not be differenced: whole calendar months only (figures.md).
    if (q.scope && q.scope !== "network") {
      if (isoDate.safeParse(q.from).success && !q.from.endsWith("-01")) ctx.addIssue({ code: "custom", path: ["from"], params: { key: "wholeMonths" } });
      if (isoDate.safeParse(q.to).success && !isLastOfMonth(q.to)) ctx.addIssue({ code: "custom", path: ["to"], params: { key: "wholeMonths" } });
    }
    const now = new Date();
    for (const field of ["asOf", "completersAsOf"] as const) {
      const value = q[field];
      if (value && referenceDate.safeParse(value).success && !referenceHasPassed(value, now)) ctx.addIssue({ code: "custom", path: [field], params: { key: "referenceInFuture" } });
    }
  });

export type PublishEditionInput = z.output<typeof publishEditionSchema>;
