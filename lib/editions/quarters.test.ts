// @driver-independent: no database (README, Tests: run once).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { publishableQuarters, quarterOf, type Quarter } from "./quarters";
import { referenceHasPassed } from "./schemas";

const plusDays = (ymd: string, n: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const year = fc.integer({ min: 2000, max: 2099 });
const quarter = fc.constantFrom<Quarter["quarter"]>(1, 2, 3, 4);
const next = (q: Quarter) => (q.quarter === 4 ? quarterOf(q.year + 1, 1) : quarterOf(q.year, (q.quarter + 1) as Quarter["quarter"]));

describe("quarters", () => {
  it("tile the year: each starts the day after the one before ends, the first on 1 January, the last ends on 31 December", () => {
    fc.assert(
      fc.property(year, quarter, (y, q) => {
        const it = quarterOf(y, q);
        expect(next(it).from).toBe(plusDays(it.to, 1));
        expect(it.from.slice(5, 7)).toBe(String(3 * q - 2).padStart(2, "0"));
        expect(it.from.endsWith("-01")).toBe(true);
        expect(plusDays(it.to, 1).endsWith("-01")).toBe(true);
        expect(it.asOf).toBe(plusDays(it.to, 7));
      }),
    );
    expect(quarterOf(2019, 1).from).toBe("2019-01-01");
    expect(quarterOf(2019, 4).to).toBe("2019-12-31");
  });

  it("publishable in one click: the latest ones whose reference date has passed, latest first, one after another", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2001-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }), fc.integer({ min: 1, max: 8 }), (now, count) => {
        const quarters = publishableQuarters(count, now);
        expect(quarters).toHaveLength(count);
        for (const q of quarters) expect(referenceHasPassed(q.asOf, now), q.asOf).toBe(true);
        for (let i = 1; i < count; i++) expect(next(quarters[i])).toEqual(quarters[i - 1]);
        // None later has passed yet.
        expect(referenceHasPassed(next(quarters[0]).asOf, now)).toBe(false);
      }),
    );
  });
});
