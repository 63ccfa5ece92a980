// @driver-independent: no database (README, Tests: run once).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import { FIRST_YEAR, figuresSearch, periodOf, PERIODS, readFiguresRequest, type FiguresParams, type FiguresRequest, type SearchParams } from "./request";

const TODAY = "2026-11-25";
const de = translator("de");
const en = translator("en");

/** The pages open on the latest year with records: here 2019, not the running year or the one before. */
const read = (search: SearchParams, t = de) => readFiguresRequest(search, { t, today: TODAY, latestYear: async () => 2019 });

function errorsOf(request: FiguresRequest) {
  if (request.ok) throw new Error(`expected errors, got ${JSON.stringify(request.params)}`);
  return request.fieldErrors;
}

describe("figures request", () => {
  it("opens on the latest year with records when no year is asked for", async () => {
    expect(await read({})).toMatchObject({ ok: true, params: { period: "year", year: 2019, from: "2019-01-01", to: "2019-12-31" } });
    expect(await read({ period: "q2" })).toMatchObject({ ok: true, params: { period: "q2", year: 2019, from: "2019-04-01", to: "2019-06-30" } });
  });

  it("names every parameter it does not understand instead of showing other figures", async () => {
    expect(Object.keys(errorsOf(await read({ asOf: "2019-02-30" })))).toEqual(["asOf"]);
    expect(Object.keys(errorsOf(await read({ completersAsOf: "soon" })))).toEqual(["completersAsOf"]);
    expect(Object.keys(errorsOf(await read({ year: "abc" })))).toEqual(["year"]);
    expect(Object.keys(errorsOf(await read({ year: "1999" })))).toEqual(["year"]);
    expect(Object.keys(errorsOf(await read({ year: "2027" })))).toEqual(["year"]);
    expect(Object.keys(errorsOf(await read({ from: "2019-02-30", to: "2019-13-01" }))).sort()).toEqual(["from", "to"]);
    expect(Object.keys(errorsOf(await read({ period: "q5", scope: "everything", by: "planet" }))).sort()).toEqual(["by", "period", "scope"]);
    expect(errorsOf(await read({ year: "abc" }, en)).year).toEqual(["Please give a year from 2000 to 2026."]);
    expect(errorsOf(await read({ asOf: "2019-02-30" })).asOf).toEqual(["Bitte ein gültiges Datum (JJJJ-MM-TT) oder einen Zeitpunkt nach ISO 8601 angeben."]);
    // The values as they were asked for, to show with the errors.
    const bad = await read({ asOf: "2019-02-30", year: "2019" });
    expect(bad.ok || bad.values).toEqual({ asOf: "2019-02-30", year: "2019" });
  });

  it("offers halves, quarters and custom periods; the running year's periods end with the running month", async () => {
    expect(periodOf(2019, "h1")).toEqual({ from: "2019-01-01", to: "2019-06-30" });
    expect(periodOf(2019, "h2")).toEqual({ from: "2019-07-01", to: "2019-12-31" });
    expect(periodOf(2019, "q4")).toEqual({ from: "2019-10-01", to: "2019-12-31" });
    expect(periodOf(2026, "q4", TODAY)).toEqual({ from: "2026-10-01", to: "2026-11-30" });
    expect(periodOf(2026, "year", TODAY)).toEqual({ from: "2026-01-01", to: "2026-11-30" });
    expect(periodOf(2026, "q4", "2026-12-31")).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(periodOf(2026, "q3", TODAY)).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    const custom = await read({ period: "custom", from: "2019-03-01", to: "2019-05-31", scope: "network", asOf: "2020-01-07" });
    expect(custom).toEqual({ ok: true, by: "region", params: { period: "custom", year: 2019, from: "2019-03-01", to: "2019-05-31", scope: "network", asOf: "2020-01-07" } });
    // From and to alone mean a custom period.
    expect(await read({ from: "2019-03-01", to: "2019-05-31" })).toMatchObject({ ok: true, params: { period: "custom" } });
  });

  it("refuses a custom period without both ends, backwards or too long, and dates beside another kind of period", async () => {
    expect(Object.keys(errorsOf(await read({ period: "custom", from: "2019-03-01" })))).toEqual(["to"]);
    expect(errorsOf(await read({ period: "custom", from: "2019-05-31", to: "2019-03-01" })).to).toEqual(["Das Ende darf nicht vor dem Beginn liegen."]);
    expect(Object.keys(errorsOf(await read({ period: "custom", from: "2000-01-01", to: "2019-03-01" })))).toEqual(["to"]);
    expect(Object.keys(errorsOf(await read({ period: "q1", from: "2019-03-01" })))).toEqual(["from"]);
  });

  it("asks for the same figures again in links", async () => {
    const quarter = await read({ year: "2019", period: "q1", asOf: "2020-01-07" });
    if (!quarter.ok) throw new Error("refused");
    expect(figuresSearch(quarter.params, { format: "csv" })).toBe("year=2019&period=q1&asOf=2020-01-07&format=csv");
    const custom = await read({ from: "2019-03-01", to: "2019-05-31" });
    if (!custom.ok) throw new Error("refused");
    expect(await read(Object.fromEntries(new URLSearchParams(figuresSearch(custom.params))))).toEqual(custom);
  });

  describe("for any period", () => {
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    const day = (min: string, max: string) => fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map(iso);
    const preset = fc.constantFrom(...PERIODS.filter((p): p is Exclude<typeof p, "custom"> => p !== "custom"));
    const reference = fc.option(fc.oneof(day("2000-01-01", "2030-12-31"), fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString())), { nil: undefined });
    const params: fc.Arbitrary<FiguresParams> = fc.oneof(
      fc.record({ year: fc.integer({ min: FIRST_YEAR, max: Number(TODAY.slice(0, 4)) }), period: preset, asOf: reference, scope: fc.constantFrom(undefined, "network") }).map(({ year, period, asOf, scope }) => ({
        period,
        year,
        ...periodOf(year, period, TODAY),
        ...(asOf ? { asOf } : {}),
        ...(scope ? { scope } : {}),
      })),
      fc.record({ from: day("2000-01-01", "2026-11-25"), days: fc.nat(365 * 3), completersAsOf: reference }).map(({ from, days, completersAsOf }) => ({
        period: "custom" as const,
        year: Number(from.slice(0, 4)),
        from,
        to: iso(new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000)),
        ...(completersAsOf ? { completersAsOf } : {}),
      })),
    );

    it("a link asks for the same figures again", async () => {
      await fc.assert(
        fc.asyncProperty(params, fc.constantFrom(undefined, "month", "gender"), async (p, by) => {
          const again = await read(Object.fromEntries(new URLSearchParams(figuresSearch(p, by ? { by } : {}))));
          expect(again).toEqual({ ok: true, params: p, by: by ?? "region" });
        }),
        { numRuns: 50 },
      );
    });

    it("a preset period lies in its year and ends with the running month at the latest", () => {
      fc.assert(
        fc.property(fc.integer({ min: FIRST_YEAR, max: 2030 }), preset, day("2000-01-01", "2030-12-31"), (year, period, today) => {
          const { from, to } = periodOf(year, period, today);
          expect(from <= to).toBe(true);
          expect([from.slice(0, 4), to.slice(0, 4)]).toEqual([String(year), String(year)]);
          expect(from.endsWith("-01")).toBe(true);
          // The last day of a month, never a month after the running one (unless the whole period lies ahead).
          expect(iso(new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000)).endsWith("-01")).toBe(true);
          if (from <= today) expect(to.slice(0, 7) <= today.slice(0, 7)).toBe(true);
          else expect(periodOf(year, period, today)).toEqual(periodOf(year, period, "2099-12-31"));
        }),
      );
    });
  });
});
