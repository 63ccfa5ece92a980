/**
 * The ranked list of `advice.topOccupations` (docs/figures.md): the five reference occupations with
 * the most initial sessions, most first, ties by the German name in German collation whatever
 * the reader's language, so that the list is the same in every language.
 */

export interface TopOccupation {
  id: string;
  /** The name in the reader's language. */
  name: string;
  /** Withheld (below the network, a count of 1 or 2): null, with `suppressed`. */
  count: number | null;
  suppressed?: true;
}

export interface OccupationCount {
  id: string;
  name: string;
  nameDe: string;
  count: number;
}

export const TOP_OCCUPATIONS = 5;

const german = new Intl.Collator("de");

/**
 * `withhold` says which counts may not be shown (none for the network). A withheld entry must not
 * give its count away through its place either: withheld entries come after the shown ones, and
 * which of them are listed and in what order depends on their German names only.
 */
export function rankOccupations(all: OccupationCount[], withhold: (count: number) => boolean = () => false): TopOccupation[] {
  const present = all.filter((o) => o.count > 0);
  const shown = present.filter((o) => !withhold(o.count)).sort((a, b) => b.count - a.count || german.compare(a.nameDe, b.nameDe));
  const withheld = present.filter((o) => withhold(o.count)).sort((a, b) => german.compare(a.nameDe, b.nameDe));
  return [
    ...shown.map((o) => ({ id: o.id, name: o.name, count: o.count })),
    ...withheld.map((o) => ({ id: o.id, name: o.name, count: null, suppressed: true as const })),
  ].slice(0, TOP_OCCUPATIONS);
}
