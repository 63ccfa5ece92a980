/** The days of 2019 and when records of them were typed in. */
import { DaySampler, type Random, dayOf, endOfBerlinDay, isoOf, isWorkday, nextWorkday, officeTime } from "../demo-random";
import { FIGURES_2019 } from "./figures";

export const YEAR_FROM = "2019-01-01";
export const YEAR_TO = "2019-12-31";
export const REF_DAY = dayOf(FIGURES_2019.asOf);
export const REF_END = endOfBerlinDay(FIGURES_2019.asOf);
export const COMPLETERS_DAY = dayOf(FIGURES_2019.completersAsOf);
export const COMPLETERS_END = endOfBerlinDay(FIGURES_2019.completersAsOf);

// Relative activity per month, January first: quieter at Easter, in the summer holidays and at Christmas.
const ADVICE_MONTHS = [1.0, 1.05, 1.08, 0.95, 1.0, 0.93, 0.88, 0.74, 1.02, 1.07, 1.08, 0.72];
const EVENT_MONTHS = [0.7, 1.0, 1.15, 1.0, 1.1, 1.05, 0.75, 0.45, 1.1, 1.2, 1.25, 0.6];
// A new funding round started on 2019-01-01: schemes ramp up in the spring.
const SCHEME_MONTHS = [0.35, 0.6, 0.95, 1.1, 1.05, 0.95, 0.85, 0.75, 1.35, 1.25, 1.0, 0.45];
/** Christmas Eve and New Year's Eve: offices mostly closed. */
const quietDays = (d: number) => (isoOf(d).endsWith("-12-24") || isoOf(d).endsWith("-12-31") ? 0.15 : 1);

/** The day a record dated `day` was typed in: mostly the same day, sometimes up to ten days later, never after the reference date. */
function entryDay(rng: Random, day: number): number {
  const r = rng.next();
  const delay = r < 0.45 ? 0 : r < 0.65 ? 1 : r < 0.75 ? 2 : rng.int(3, 10);
  // Typed in on a working day; a weekend moves it back (never before the day itself, never past ten days).
  let d = day + delay;
  while (d > day && !isWorkday(d)) d--;
  return Math.min(d, REF_DAY);
}

export function entryTime(rng: Random, day: number): Date {
  return officeTime(rng, entryDay(rng, day));
}

/** An office-hours time on a working day within [from, to] (days). */
export function timeBetween(rng: Random, from: number, to: number): Date {
  for (let attempt = 0; attempt < 50; attempt++) {
    const d = rng.int(from, to);
    if (isWorkday(d)) return officeTime(rng, d);
  }
  return officeTime(rng, nextWorkday(from));
}

/** Days drawn for advice sessions and consultations, for group events, and for the start of job-training schemes. */
export const adviceDays = new DaySampler(YEAR_FROM, YEAR_TO, ADVICE_MONTHS, quietDays);
export const eventDays = new DaySampler(YEAR_FROM, YEAR_TO, EVENT_MONTHS, quietDays);
export const schemeDays = new DaySampler("2019-01-14", YEAR_TO, SCHEME_MONTHS, quietDays);
