// @driver-independent: no database (README, Tests: run once).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inScope, netted, personEntries, scopesOf, type Delta, type Place } from "./contributions";

/** Few distinct dates, so that points share dates and the staircase has ties. */
const day = fc.constantFrom("2019-01-01", "2019-02-15", "2019-03-31", "2019-07-01", "2019-12-31", "2020-01-01");
const point = fc.record({ x: day, y: fc.option(day, { nil: null }) });
const points = fc.array(point, { maxLength: 8 });
const DAYS = ["2018-12-31", "2019-01-01", "2019-02-15", "2019-03-01", "2019-03-31", "2019-07-01", "2019-12-31", "2020-01-01", "2020-06-30"];

/** Whether a candidate record with date x that counts from y is in the period up to `to` as of R. */
const counts = (p: { x: string; y: string | null }, to: string, r: string) => p.x <= to && (p.y === null || p.y <= r);

describe("a person's entries (personEntries)", () => {
  it("sum to 1 for a period up to `to` as of R exactly when some candidate record counts then, else to 0", () => {
    fc.assert(
      fc.property(points, (ps) => {
        const entries = personEntries(ps);
        for (const to of DAYS) {
          for (const r of DAYS) {
            const sum = entries.filter((e) => counts(e, to, r)).reduce((s, e) => s + e.n, 0);
            expect(sum, `to ${to}, R ${r}`).toBe(ps.some((p) => counts(p, to, r)) ? 1 : 0);
          }
        }
      }),
    );
  });

  it("put the +1 that remains at the earliest date that counts (the person's month in a monthly breakdown)", () => {
    fc.assert(
      fc.property(points, fc.constantFrom(...DAYS), (ps, r) => {
        const live = personEntries(ps).filter((e) => e.y === null || e.y <= r);
        const counted = ps.filter((p) => p.y === null || p.y <= r).map((p) => p.x);
        // Summed day by day along x, the running total steps from 0 to 1 at the first counted date and stays there.
        let running = 0;
        for (const x of [...new Set(live.map((e) => e.x))].sort()) {
          running += live.filter((e) => e.x === x).reduce((s, e) => s + e.n, 0);
          expect(running, x).toBe(counted.length && x >= counted.sort()[0] ? 1 : 0);
        }
      }),
    );
  });

  it("do not depend on the order of the records, and give nothing for none", () => {
    expect(personEntries([])).toEqual([]);
    fc.assert(
      fc.property(
        points.chain((ps) => fc.tuple(fc.constant(ps), fc.shuffledSubarray(ps, { minLength: ps.length, maxLength: ps.length }))),
        ([ps, shuffled]) => {
          expect(personEntries(shuffled)).toEqual(personEntries(ps));
        },
      ),
    );
  });

  it("write at most one +1 per record and one −1 between two of them, no two at the same point", () => {
    fc.assert(
      fc.property(points, (ps) => {
        const entries = personEntries(ps);
        expect(new Set(entries.map((e) => `${e.x} ${e.y}`)).size).toBe(entries.length);
        const plus = entries.filter((e) => e.n === 1).length;
        expect(plus).toBeLessThanOrEqual(ps.length);
        expect(entries.length).toBe(ps.length ? 2 * plus - 1 : 0);
      }),
    );
  });
});

const uuid = fc.constantFrom("u1", "u2", "u3");
const place: fc.Arbitrary<Place> = fc.record({ unitId: fc.option(uuid, { nil: null }), subprojectId: fc.constantFrom("s1", "s2"), regionId: fc.option(fc.constantFrom("r1", "r2"), { nil: null }) });

describe("scopes of a place", () => {
  it("are the levels the place lies in, each once, and the network always", () => {
    fc.assert(
      fc.property(place, place, (a, b) => {
        const scopes = scopesOf(a);
        expect(new Set(scopes.map((s) => s.level)).size).toBe(scopes.length);
        expect(scopes).toContainEqual({ level: "network", id: null });
        for (const scope of scopes) expect(inScope(a, scope), JSON.stringify(scope)).toBe(true);
        // Another place lies in exactly those of a's scopes that its own scopes name too.
        for (const scope of scopes) expect(inScope(b, scope), JSON.stringify(scope)).toBe(scopesOf(b).some((s) => s.level === scope.level && s.id === scope.id));
      }),
    );
  });
});

const delta: fc.Arbitrary<Delta> = fc.record({
  counter: fc.constantFrom("advice.followUp", "fairIntegration.person"),
  occurredOn: fc.constantFrom("2019-01-01", "2019-05-05"),
  level: fc.constantFrom("record", "network"),
  unitId: fc.constant(null),
  subprojectId: fc.constantFrom("s1", null),
  regionId: fc.constant(null),
  recordId: fc.constantFrom("a", "b", null),
  clientId: fc.constant(null),
  dims: fc.constant(null),
  n: fc.constantFrom(1, -1),
  amount: fc.integer({ min: -3, max: 3 }),
  notBefore: fc.constantFrom(null, "2020-02-01"),
});

/** n and amount summed per key (everything but n and amount). */
function sums(deltas: Delta[]): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const { n, amount, ...key } of deltas) {
    const k = JSON.stringify(key);
    const [sn, sa] = out.get(k) ?? [0, 0];
    if (sn + n === 0 && sa + amount === 0) out.delete(k);
    else out.set(k, [sn + n, sa + amount]);
  }
  return out;
}

describe("netted deltas", () => {
  it("sum to what the deltas sum to, one row per key, none that is all zero", () => {
    fc.assert(
      fc.property(fc.array(delta, { maxLength: 12 }), (deltas) => {
        const result = netted(deltas);
        expect(sums(result)).toEqual(sums(deltas));
        expect(result.length).toBe(sums(deltas).size);
        expect(result.every((d) => d.n !== 0 || d.amount !== 0)).toBe(true);
      }),
    );
  });

  it("leave nothing of a change and its undoing", () => {
    fc.assert(
      fc.property(fc.array(delta, { maxLength: 12 }), (deltas) => {
        expect(netted([...deltas, ...deltas.map((d) => ({ ...d, n: -d.n, amount: -d.amount }))])).toEqual([]);
      }),
    );
  });
});
