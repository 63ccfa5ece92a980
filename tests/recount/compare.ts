/** Compares a set of figures with their recount (tests/recount/figures.ts). */
import { FIGURE_ORDER } from "@/lib/figures/definitions";

type Figures = Record<string, unknown>;

/** JSON with object keys sorted, so that equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** Every key of docs/figures.md where the endpoint and the recount differ (top occupations by id and count, in order); `skip`: keys not checked. */
export function differences(endpoint: Figures, counted: Figures, skip: ReadonlySet<string> = new Set(), keyList: readonly string[] = FIGURE_ORDER): string[] {
  const problems: string[] = [];
  const keys = new Set([...keyList, ...Object.keys(endpoint), ...Object.keys(counted)]);
  for (const key of keys) {
    if (skip.has(key)) continue;
    if (!(key in counted)) problems.push(`${key}: not recounted`);
    else if (!(key in endpoint)) problems.push(`${key}: missing from the endpoint`);
    else {
      const normal = (v: unknown) => canonical(key === "advice.topOccupations" ? (v as { id: string; count: number }[]).map((o) => [o.id, o.count]) : v);
      const a = normal(endpoint[key]);
      const b = normal(counted[key]);
      if (a !== b) problems.push(`${key}: endpoint ${a}, recount ${b}`);
    }
  }
  return problems;
}
