import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import type { Delta, Level } from "@/lib/figures/contributions";
import { counterTotals, type Breakdown, type CounterRow, type Scope } from "@/lib/figures/counters";
import { compactLedger, insertDeltas, startOfDayBerlin } from "@/lib/figures/ledger";
import { makeOrg } from "../helpers/factories";

/*
 * The compacted totals (by occurred date and by the date each delta took effect) against the
 * definition of the ledger: for a reference instant R, the sum of the deltas with `at` < R.
 * Deltas with effect times spread over months are written straight into an emptied ledger,
 * compacted step by step (at day boundaries and in the middle of a day), and read for reference
 * instants before, at and after each compaction point, at month starts, day starts and inside
 * days, for periods of whole months, with edge days and inside one month. All in one
 * transaction that is rolled back, so the shared test database keeps its ledger.
 */

class Rollback extends Error {}

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const berlinDay = (ms: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date(ms));

interface Written {
  delta: Delta;
  at: number;
}

function sum(written: Written[], q: { from: string; to: string; before: number; scope: Scope; by: Breakdown | null }): Map<string, { n: number; amount: number }> {
  const out = new Map<string, { n: number; amount: number }>();
  for (const { delta: d, at } of written) {
    if (at >= q.before || d.occurredOn < q.from || d.occurredOn > q.to) continue;
    let group: string | null;
    if (q.scope.level === "network" && q.by === "region") group = (d.level === "record" || d.level === "region") ? d.regionId : null;
    else if (q.scope.level === "network") group = d.level === "record" || d.level === "network" ? "" : null;
    else group = (d.level === "record" || d.level === "region") && d.regionId === q.scope.id ? "" : null;
    if (group === null) continue;
    if (q.by === "month") group = d.occurredOn.slice(0, 7);
    if (q.by === "gender" || q.by === "country") {
      if (!d.dims) continue;
      group = q.by === "gender" ? d.dims.gender : (d.dims.qualificationCountry ?? "");
    }
    const key = `${d.counter}|${group}`;
    const seen = out.get(key) ?? { n: 0, amount: 0 };
    out.set(key, { n: seen.n + d.n, amount: seen.amount + d.amount });
  }
  for (const [key, v] of out) if (v.n === 0 && v.amount === 0) out.delete(key);
  return out;
}

const asMap = (rows: CounterRow[]) => new Map(rows.filter((r) => r.n !== 0 || r.amount !== 0).map((r) => [`${r.counter}|${r.group}`, { n: r.n, amount: r.amount }]));

describe("figures totals by effect date", () => {
  it("equal the sum of the deltas before any reference instant, before and after the compaction point", { timeout: 300_000 }, async () => {
    const [orgA, orgB] = [await makeOrg(), await makeOrg()];
    const regions = [orgA.region.id, orgB.region.id];
    const next = random(20191231);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    const first = Date.parse("2019-01-01T00:00:00Z");
    const written: Written[] = [];
    for (let i = 0; i < 1500; i++) {
      const occurred = first + Math.floor(next() * 730) * DAY;
      // Mostly within days of the occurrence, some months later; some exactly at a Berlin midnight.
      const lag = next() < 0.8 ? next() * 12 * DAY : next() * 300 * DAY;
      let at = occurred + Math.floor(lag);
      if (next() < 0.15) at = startOfDayBerlin(berlinDay(at)).getTime();
      const level: Level = pick(["record", "record", "record", "network", "region"] as const);
      const regionId = level === "network" ? null : next() < 0.9 ? pick(regions) : null;
      const withDims = level === "record" && next() < 0.7;
      written.push({
        at,
        delta: {
          counter: pick(["advice.initial.recognition", "advice.followUp", "jobTraining.successful"]),
          occurredOn: isoDay(occurred),
          level,
          unitId: null,
          subprojectId: null,
          regionId,
          recordId: null,
          clientId: null,
          dims: withDims ? { gender: pick(["female", "male", "diverse"]), residenceStatus: "tolerated", qualificationCountry: pick(["UA", "SY", null]), occupationId: null } : null,
          n: pick([1, 1, 1, -1]),
          amount: Math.floor(next() * 9),
          notBefore: null,
        },
      });
    }
    const compactions = ["2019-03-01", "2019-07-17", "2019-07-17T10:30:00Z", "2019-11-01", "2020-02-29", "2020-08-01T21:15:00Z", "2021-02-01"].map((p) =>
      p.includes("T") ? Date.parse(p) : startOfDayBerlin(p).getTime(),
    );
    const periods: [string, string][] = [
      ["2019-01-01", "2019-12-31"],
      ["2020-01-01", "2020-12-31"],
      ["2019-03-15", "2019-09-10"],
      ["2019-07-01", "2019-07-31"],
      ["2019-07-05", "2019-07-20"],
      ["2019-06-30", "2020-02-01"],
    ];
    const queries: { scope: Scope; by: Breakdown | null }[] = [
      { scope: { level: "network", id: null }, by: null },
      { scope: { level: "network", id: null }, by: "region" },
      { scope: { level: "network", id: null }, by: "month" },
      { scope: { level: "network", id: null }, by: "gender" },
      { scope: { level: "region", id: regions[0] }, by: null },
      { scope: { level: "region", id: regions[1] }, by: "country" },
    ];
    const db = await getDb();
    let checked = 0;
    let grains: string[] = [];
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`truncate figure_deltas, figure_totals`);
        await tx.execute(sql`update figure_compaction set until = '-infinity'`);
        await insertDeltas(
          tx,
          written.map((w) => w.delta),
          written.map((w) => new Date(w.at).toISOString()),
        );
        for (const [step, point] of compactions.entries()) {
          await compactLedger(tx, new Date(point));
          const references = [
            point,
            point - 1,
            point + 3_600_000,
            point + 2 * DAY,
            point - 17 * DAY,
            startOfDayBerlin(berlinDay(point).slice(0, 8) + "01").getTime(),
            startOfDayBerlin(berlinDay(point - 40 * DAY)).getTime(),
            startOfDayBerlin(berlinDay(point - 40 * DAY)).getTime() + 13 * 3_600_000 + 7,
            startOfDayBerlin(berlinDay(point + 20 * DAY).slice(0, 8) + "01").getTime(),
            Date.parse("2018-12-31T12:00:00Z"),
            Date.parse("2022-06-01T00:00:00Z"),
          ];
          for (const [i, before] of references.entries()) {
            const [from, to] = periods[(step + i) % periods.length];
            for (const { scope, by } of queries) {
              const rows = await counterTotals(tx, { from, to, ref: { before: sql`${new Date(before).toISOString()}::timestamptz` }, scope, by });
              const label = `compacted to ${new Date(point).toISOString()}, as of ${new Date(before).toISOString()}, ${from}..${to}, ${scope.level} by ${by}`;
              expect(Object.fromEntries(asMap(rows)), label).toEqual(Object.fromEntries(sum(written, { from, to, before, scope, by })));
              checked++;
            }
          }
        }
        const kinds = await tx.execute(sql`select grain || '×' || effect_grain as kind from figure_totals group by 1 order by 1`);
        grains = (kinds.rows as { kind: string }[]).map((r) => r.kind);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(checked).toBe(compactions.length * 11 * 6);
    // Every kind of row the totals keep was written (and so read).
    expect(grains).toEqual(["day×month", "month×day", "month×month", "month×year"]);
  });
});
