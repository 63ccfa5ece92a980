// @driver-independent: no database (README, Tests: run once).
import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import { figuresSearch, periodOf, readFiguresRequest, type FiguresRequest, type SearchParams } from "./request";

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
});
