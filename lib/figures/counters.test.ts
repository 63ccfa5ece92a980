// @driver-independent: no database (README, Tests: run once).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { personRowsAnswer, wholeMonths } from "./counters";

const iso = (d: Date) => d.toISOString().slice(0, 10);
const day = fc.date({ min: new Date("1999-01-01T00:00:00Z"), max: new Date("2031-12-31T00:00:00Z"), noInvalidDate: true }).map(iso);
const period = fc.tuple(day, day).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
const month = fc.record({ year: fc.integer({ min: 1999, max: 2031 }), month: fc.integer({ min: 0, max: 11 }) });

const firstOf = (m: { year: number; month: number }) => iso(new Date(Date.UTC(m.year, m.month, 1)));
const lastOf = (m: { year: number; month: number }) => iso(new Date(Date.UTC(m.year, m.month + 1, 0)));

/** The whole months of a period, one by one. */
function monthsWithin(from: string, to: string): { year: number; month: number }[] {
  const out: { year: number; month: number }[] = [];
  for (let m = { year: Number(from.slice(0, 4)), month: Number(from.slice(5, 7)) - 1 }; firstOf(m) <= to; m = m.month === 11 ? { year: m.year + 1, month: 0 } : { year: m.year, month: m.month + 1 }) {
    if (firstOf(m) >= from && lastOf(m) <= to) out.push(m);
  }
  return out;
}

describe("the whole months of a period (wholeMonths)", () => {
  it("are the months that lie entirely inside it: first of the first, first and last day of the last", () => {
    fc.assert(
      fc.property(period, ({ from, to }) => {
        const months = monthsWithin(from, to);
        const result = wholeMonths(from, to);
        if (!months.length) expect(result.from > result.lastDay && result.from > result.to, JSON.stringify(result)).toBe(true);
        else expect(result).toEqual({ from: firstOf(months[0]), to: firstOf(months[months.length - 1]), lastDay: lastOf(months[months.length - 1]) });
      }),
    );
  });

  it("give a period of whole months back as it is", () => {
    fc.assert(
      fc.property(month, month, (a, b) => {
        const [first, last] = firstOf(a) <= firstOf(b) ? [a, b] : [b, a];
        expect(wholeMonths(firstOf(first), lastOf(last))).toEqual({ from: firstOf(first), to: firstOf(last), lastDay: lastOf(last) });
      }),
    );
  });

  it("leave out a month the period starts after its first day or ends before its last", () => {
    fc.assert(
      fc.property(month, fc.integer({ min: 2, max: 28 }), fc.integer({ min: 1, max: 27 }), (m, start, end) => {
        const first = firstOf(m);
        const last = lastOf(m);
        const late = `${first.slice(0, 8)}${String(start).padStart(2, "0")}`;
        const early = `${first.slice(0, 8)}${String(end).padStart(2, "0")}`;
        const empty = (r: ReturnType<typeof wholeMonths>) => r.from > r.lastDay;
        expect(empty(wholeMonths(late, last)), late).toBe(true);
        expect(empty(wholeMonths(first, early)), early).toBe(true);
        // The whole months around it stay.
        const before = wholeMonths(firstOf({ year: m.year - 1, month: m.month }), early);
        expect(before.lastDay < first).toBe(true);
        const after = wholeMonths(late, lastOf({ year: m.year + 1, month: m.month }));
        expect(after.from > last).toBe(true);
      }),
    );
  });
});

describe("whether the yearly person rows answer a period (personRowsAnswer)", () => {
  it("only for periods from 1 January to a day of the same year", () => {
    fc.assert(
      fc.property(period, ({ from, to }) => {
        expect(personRowsAnswer(from, to)).toBe(from.endsWith("-01-01") && to.slice(0, 4) === from.slice(0, 4));
      }),
    );
  });
});
