/**
 * Deterministic building blocks for the demo data: a seeded PRNG (never Math.random, so every
 * seed run produces the same data), calendar arithmetic on day numbers, and Europe/Berlin
 * office-hour timestamps. Pure: no database access.
 */

/** sfc32: a small, fast PRNG with good statistical quality; `seed` picks the stream. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 20; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    let { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)];
  }

  /** Picks by weight from `[value, weight]` pairs. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [value, w] of pairs) {
      r -= w;
      if (r < 0) return value;
    }
    return pairs[pairs.length - 1][0];
  }

  /** `k` distinct values of `values` (k <= length), in random order. */
  sample<T>(values: readonly T[], k: number): T[] {
    const copy = [...values];
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, k);
  }

  shuffle<T>(values: T[]): T[] {
    for (let i = values.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [values[i], values[j]] = [values[j], values[i]];
    }
    return values;
  }

  /** A version 4 UUID made of this stream's bits, so that ids are reproducible too. */
  uuid(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
    const w = [hex(this.next() * 4294967296), hex(this.next() * 4294967296), hex(this.next() * 4294967296), hex(this.next() * 4294967296)].join("");
    const variant = ((parseInt(w[16], 16) & 0x3) | 0x8).toString(16);
    return `${w.slice(0, 8)}-${w.slice(8, 12)}-4${w.slice(13, 16)}-${variant}${w.slice(17, 20)}-${w.slice(20, 32)}`;
  }
}

/**
 * Whole numbers that add up to exactly `target`, each within its bounds: starts from the
 * given values scaled to the target, then moves single units at random positions.
 */
export function fitToSum(rng: Random, values: number[], target: number, min: number[], max: number[]): number[] {
  const lo = min.reduce((s, v) => s + v, 0);
  const hi = max.reduce((s, v) => s + v, 0);
  if (target < lo || target > hi) throw new Error(`fitToSum: ${target} is outside [${lo}, ${hi}]`);
  const sum = values.reduce((s, v) => s + v, 0) || 1;
  const out = values.map((v, i) => Math.min(max[i], Math.max(min[i], Math.round((v * target) / sum))));
  let diff = target - out.reduce((s, v) => s + v, 0);
  while (diff !== 0) {
    const i = Math.floor(rng.next() * out.length);
    if (diff > 0 && out[i] < max[i]) {
      out[i]++;
      diff--;
    } else if (diff < 0 && out[i] > min[i]) {
      out[i]--;
      diff++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Calendar: days are numbered from 1970-01-01 (UTC), so arithmetic is plain integers.
// ---------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;

const dayCache = new Map<string, number>();
export function dayOf(iso: string): number {
  let day = dayCache.get(iso);
  if (day === undefined) {
    day = Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY);
    dayCache.set(iso, day);
  }
  return day;
}

const isoCache = new Map<number, string>();
export function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (!iso) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Month 1–12 of a day. */
export function monthOf(day: number): number {
  return Number(isoOf(day).slice(5, 7));
}

/** Nationwide public holidays 2019/2020 (regional ones are left out). */
const HOLIDAYS = new Set(
  [
    "2019-01-01", "2019-04-19", "2019-04-22", "2019-05-01", "2019-05-30", "2019-06-10", "2019-10-03", "2019-12-25", "2019-12-26",
    "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-01", "2020-05-21", "2020-06-01", "2020-10-03", "2020-12-25", "2020-12-26",
  ].map(dayOf),
);

export function isWorkday(day: number): boolean {
  const w = weekday(day);
  return w !== 0 && w !== 6 && !HOLIDAYS.has(day);
}

export function nextWorkday(day: number): number {
  let d = day;
  while (!isWorkday(d)) d++;
  return d;
}

/** Samples working days of a range, weighted per month (seasons: summer and Christmas are quieter). */
export class DaySampler {
  private readonly days: number[] = [];
  private readonly cumulative: number[] = [];

  constructor(from: string, to: string, monthWeights: readonly number[], dayWeight: (day: number) => number = () => 1) {
    let total = 0;
    for (let d = dayOf(from); d <= dayOf(to); d++) {
      if (!isWorkday(d)) continue;
      const w = monthWeights[monthOf(d) - 1] * dayWeight(d);
      if (w <= 0) continue;
      total += w;
      this.days.push(d);
      this.cumulative.push(total);
    }
  }

  get first(): number {
    return this.days[0];
  }

  get last(): number {
    return this.days[this.days.length - 1];
  }

  /** A day; with `after`, a day strictly after it (or undefined when none is left). */
  sample(rng: Random, after?: number, before?: number): number | undefined {
    const lowIndex = after === undefined ? 0 : this.indexAfter(after);
    const highIndex = before === undefined ? this.days.length : this.indexAfter(before - 1);
    if (lowIndex >= highIndex) return undefined;
    const lo = lowIndex === 0 ? 0 : this.cumulative[lowIndex - 1];
    const hi = this.cumulative[highIndex - 1];
    const r = lo + rng.next() * (hi - lo);
    let a = lowIndex;
    let b = highIndex - 1;
    while (a < b) {
      const m = (a + b) >> 1;
      if (this.cumulative[m] > r) b = m;
      else a = m + 1;
    }
    return this.days[a];
  }

  /** Index of the first day strictly after `day`. */
  private indexAfter(day: number): number {
    let a = 0;
    let b = this.days.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (this.days[m] > day) b = m;
      else a = m + 1;
    }
    return a;
  }
}

// ---------------------------------------------------------------------------
// Europe/Berlin wall-clock times
// ---------------------------------------------------------------------------

function lastSundayOf(year: number, month: number): number {
  let d = dayOf(`${year}-${String(month + 1).padStart(2, "0")}-01`) - 1;
  while (weekday(d) !== 0) d--;
  return d;
}

/** UTC offset of Europe/Berlin in minutes on a day (summer time from the last Sunday of March to the last Sunday of October). */
const offsetCache = new Map<number, number>();
export function berlinOffsetMinutes(day: number): number {
  let offset = offsetCache.get(day);
  if (offset === undefined) {
    const year = Number(isoOf(day).slice(0, 4));
    offset = day >= lastSundayOf(year, 3) && day < lastSundayOf(year, 10) ? 120 : 60;
    offsetCache.set(day, offset);
  }
  return offset;
}

/** The instant of a Berlin wall-clock time (minutes after midnight) on a day. */
export function berlinTime(day: number, minuteOfDay: number): Date {
  return new Date(day * MS_PER_DAY + (minuteOfDay - berlinOffsetMinutes(day)) * 60_000);
}

/** The end of a day in Berlin (the last millisecond), e.g. a report's reference date. */
export function endOfBerlinDay(iso: string): Date {
  const day = dayOf(iso);
  return new Date(berlinTime(day + 1, 0).getTime() - 1);
}

/** The Berlin calendar day of an instant. */
export function berlinDayOf(at: Date): number {
  const utcDay = Math.floor(at.getTime() / MS_PER_DAY);
  return Math.floor((at.getTime() + berlinOffsetMinutes(utcDay) * 60_000) / MS_PER_DAY);
}

/** A time during office hours (08:00–18:29) on a day. */
export function officeTime(rng: Random, day: number): Date {
  return berlinTime(day, 8 * 60 + rng.int(0, 10 * 60 + 29));
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

export function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
