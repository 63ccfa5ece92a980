// @driver-independent: no database (README, Tests: run once).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactionPoint, startOfDayBerlin } from "./ledger";

const berlin = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
/** An instant as a wall clock in Berlin: "YYYY-MM-DD, HH:MM:SS". */
const wallClock = (d: Date) => berlin.format(d);
const iso = (d: Date) => d.toISOString().slice(0, 10);

const day = fc.date({ min: new Date("1980-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }).map(iso);
/** The days around the changes to and from summer time, where an hour is missing or doubled. */
const dstDay = fc.tuple(fc.integer({ min: 1981, max: 2099 }), fc.constantFrom(2, 9), fc.integer({ min: 24, max: 31 })).map(([y, m, d]) => iso(new Date(Date.UTC(y, m, d))));
const plusDays = (ymd: string, n: number) => iso(new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86_400_000));

describe("the start of a day in Berlin (startOfDayBerlin)", () => {
  it("is midnight of that day on Berlin's clock, and a millisecond earlier it is still the day before", () => {
    fc.assert(
      fc.property(fc.oneof(day, dstDay), (ymd) => {
        const start = startOfDayBerlin(ymd);
        expect(wallClock(start)).toBe(`${ymd}, 00:00:00`);
        expect(wallClock(new Date(start.getTime() - 1)).slice(0, 10)).toBe(plusDays(ymd, -1));
      }),
    );
  });

  it("grows with the day, by 23, 24 or 25 hours from one day to the next", () => {
    fc.assert(
      fc.property(fc.oneof(day, dstDay), day, (a, b) => {
        const hours = (startOfDayBerlin(plusDays(a, 1)).getTime() - startOfDayBerlin(a).getTime()) / 3_600_000;
        expect([23, 24, 25]).toContain(hours);
        expect(Math.sign(startOfDayBerlin(b).getTime() - startOfDayBerlin(a).getTime())).toBe(Math.sign(Date.parse(b) - Date.parse(a)));
      }),
    );
  });
});

describe("the compaction point", () => {
  it("is the start of yesterday in Berlin, at least a day before now", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1981-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }), (now) => {
        const point = compactionPoint(now);
        const today = wallClock(now).slice(0, 10);
        const yesterday = plusDays(today, -1);
        // Yesterday by the calendar, except in the hour after midnight that follows a 23-hour day
        // (24 hours ago was the day before yesterday), and in the last hour of a 25-hour day (24
        // hours ago was today's own midnight).
        const day = wallClock(point).slice(0, 10);
        if (day === today) expect((startOfDayBerlin(plusDays(today, 1)).getTime() - startOfDayBerlin(today).getTime()) / 3_600_000).toBe(25);
        else expect([yesterday, plusDays(yesterday, -1)]).toContain(day);
        expect(wallClock(point).slice(12)).toBe("00:00:00");
        expect(point.getTime()).toBeLessThanOrEqual(now.getTime() - 24 * 3_600_000);
        expect(point.getTime()).toBeGreaterThan(now.getTime() - 49 * 3_600_000);
      }),
      // Always tried: the last hour of the 25-hour day 2067-10-30 (a CI run drew it once), and the
      // last hour of 2026's 25-hour day and the first hour after its 23-hour day.
      { examples: [[new Date("2067-10-30T22:00:00.000Z")], [new Date("2026-10-25T22:30:00.000Z")], [new Date("2026-03-29T22:30:00.000Z")]] },
    );
  });
});
