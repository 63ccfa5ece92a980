/** Where a record is made: a region by its size, an advice point by its kind, a Fair Integration point or the region's home point. */
import type { Random } from "@/lib/demo/demo-random";
import type { GenState } from "./state.mjs";
import type { GenRegion, GenUnit } from "./rows.mjs";

/** Picks by weight with a binary search (the advice points are many and picked millions of times). */
export class Picker<T> {
  private readonly values: T[];
  private readonly cumulative: number[] = [];
  constructor(pairs: readonly (readonly [T, number])[]) {
    this.values = pairs.map(([v]) => v);
    let total = 0;
    for (const [, w] of pairs) this.cumulative.push((total += w));
  }
  pick(rng: Random): T {
    const r = rng.next() * this.cumulative[this.cumulative.length - 1];
    let a = 0;
    let b = this.cumulative.length - 1;
    while (a < b) {
      const m = (a + b) >> 1;
      if (this.cumulative[m] > r) b = m;
      else a = m + 1;
    }
    return this.values[a];
  }
}

/** Each region by its size; within it a permanent office sees three times a mobile stop's clients. */
export function advicePointPicker(regions: GenRegion[]): Picker<{ region: GenRegion; point: GenUnit & { permanent: boolean } }> {
  return new Picker(
    regions.flatMap((region) => {
      const kindWeight = region.advicePoints.reduce((s, p) => s + (p.permanent ? 3 : 1), 0);
      return region.advicePoints.map((point) => [{ region, point }, (region.weight * (point.permanent ? 3 : 1)) / kindWeight] as const);
    }),
  );
}

export function pickRegion(g: GenState, accept: (r: GenRegion) => boolean = () => true): GenRegion {
  return g.rng.weighted(g.regions.filter(accept).map((r) => [r, r.weight] as const));
}

export function fairPoint(g: GenState, region: GenRegion): GenUnit {
  return region.fairPoints.length && g.rng.chance(0.7) ? g.rng.pick(region.fairPoints) : region.homePoint;
}
