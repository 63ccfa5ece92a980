/** When things happen: the generated years, how many of a kind fall on each day, and when a record was typed in. */
import { berlinTime, dayOf, isoOf, isWorkday, monthOf, type Random } from "@/lib/demo/demo-random";

export const FIRST_DAY = dayOf("2019-01-01");
/** The last day records are dated; later changes of them run up to the horizon. */
export const LAST_DAY = dayOf("2026-10-31");
/** Nothing is written after this instant (start of the day, Berlin): the data lie in the past. */
export const HORIZON = berlinTime(dayOf("2026-11-14"), 0).getTime();

/** Splits a stream's expected total over the days by weight, with exact cumulative rounding. */
export class DailyCounts {
  private cumulative = 0;
  private emitted = 0;
  constructor(
    private readonly perWeight: number,
    private readonly weight: (day: number) => number,
  ) {}
  take(day: number): number {
    this.cumulative += this.perWeight * this.weight(day);
    const n = Math.floor(this.cumulative) - this.emitted;
    this.emitted += n;
    return n;
  }
}

/** A stream of `perYear` at the 2019 scale, times `scale`, over the working days by the months' weights (little at Christmas). */
export function dailyStream(scale: number, months: readonly number[], perYear: number): DailyCounts {
  const weight = (day: number) => (isWorkday(day) ? months[monthOf(day) - 1] * (/-12-(24|31)$/.test(isoOf(day)) ? 0.15 : 1) : 0);
  let total = 0;
  for (let d = FIRST_DAY; d <= LAST_DAY; d++) total += weight(d);
  const years = (LAST_DAY - FIRST_DAY + 1) / 365.25;
  return new DailyCounts((perYear * scale * years) / total, weight);
}

export function workdayAfter(day: number): number {
  let d = day;
  while (!isWorkday(d)) d++;
  return d;
}

/** When a record dated `day` was typed in: mostly that day, sometimes up to ten days later (a working day, office hours). */
export function entryTime(rng: Random, day: number): number {
  const r = rng.next();
  const delay = r < 0.45 ? 0 : r < 0.65 ? 1 : r < 0.75 ? 2 : rng.int(3, 10);
  let d = day + delay;
  while (d > day && !isWorkday(d)) d--;
  return berlinTime(d, 8 * 60 + rng.int(0, 629)).getTime();
}
