// @driver-independent: no database (README, Tests: run once).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankOccupations, TOP_OCCUPATIONS, type OccupationCount } from "./ranking";
import { SMALL as suppress } from "./suppression";

const occupation = (nameDe: string, nameEn: string, count: number): OccupationCount => ({ id: nameEn, name: nameEn, nameDe, count });

describe("top occupations", () => {
  it("break ties by the German name in German collation, whatever the language shown", () => {
    const ranked = rankOccupations([occupation("Zahnarzt/Zahnärztin", "Dentist", 7), occupation("Bäcker/in", "Baker", 7), occupation("Ärztin/Arzt", "Physician", 7), occupation("Pflegefachkraft", "Nurse", 9)]);
    // German collation puts Ä with A (a plain code-point comparison would put it after Z); English order would start with Baker.
    expect(ranked.map((o) => o.name)).toEqual(["Nurse", "Physician", "Baker", "Dentist"]);
  });

  it("keep the five with most sessions and leave out occupations without any", () => {
    const all = ["A", "B", "C", "D", "E", "F"].map((n, i) => occupation(n, n, 10 + i));
    expect(rankOccupations([...all, occupation("Ä", "Zero", 0)]).map((o) => o.name)).toEqual(["F", "E", "D", "C", "B"]);
  });

  it("put withheld entries after the shown ones, by German name only, with a null count and suppressed", () => {
    const ranked = rankOccupations(
      [occupation("Zimmerer/Zimmerin", "Carpenter", 2), occupation("Dolmetscher/in", "Interpreter", 1), occupation("Erzieher/in", "Educator", 3), occupation("Übersetzer/in", "Translator", 2)],
      suppress,
    );
    expect(ranked).toEqual([
      { id: "Educator", name: "Educator", count: 3 },
      { id: "Interpreter", name: "Interpreter", count: null, suppressed: true },
      { id: "Translator", name: "Translator", count: null, suppressed: true },
      { id: "Carpenter", name: "Carpenter", count: null, suppressed: true },
    ]);
  });

  it("choose which withheld entries to list by name, not by their hidden counts", () => {
    const shown = ["Q", "R", "S", "T"].map((n) => occupation(n, n, 50));
    // Only one place is left: "Anwalt" (1) must take it over "Zimmerer" (2), or the list would tell which count is higher.
    const ranked = rankOccupations([...shown, occupation("Zimmerer", "Carpenter", 2), occupation("Anwalt", "Lawyer", 1)], suppress);
    expect(ranked.map((o) => [o.name, o.count])).toEqual([["Q", 50], ["R", 50], ["S", 50], ["T", 50], ["Lawyer", null]]);
  });

  describe("for any counts", () => {
    const NAMES = ["Ärztin", "Arzt", "Bäcker", "Dolmetscher", "Erzieher", "Zimmerer", "Übersetzer", "Pfleger"];
    const occupations = fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: NAMES.length }).chain((names) =>
      fc.tuple(...names.map((n) => fc.nat(6).map((count) => occupation(n, `en ${n}`, count)))),
    );
    const withPermutation = occupations.chain((all) => fc.tuple(fc.constant(all), fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length })));

    it("list at most five, none without sessions, the shown ones by count, most first, then the withheld", () => {
      fc.assert(
        fc.property(occupations, fc.boolean(), (all, protect) => {
          const ranked = rankOccupations(all, protect ? suppress : undefined);
          expect(ranked.length).toBe(Math.min(TOP_OCCUPATIONS, all.filter((o) => o.count > 0).length));
          const counts = ranked.map((o) => o.count);
          const shown = counts.filter((c) => c !== null);
          expect(counts.slice(0, shown.length)).toEqual(shown);
          expect(shown).toEqual([...shown].sort((a, b) => b - a));
          expect(shown.every((c) => c > 0 && !(protect && suppress(c)))).toBe(true);
          // No occupation left out has more sessions than a shown one.
          const listed = new Set(ranked.map((o) => o.id));
          const lowest = Math.min(...shown);
          for (const o of all) if (!listed.has(o.id) && !(protect && suppress(o.count))) expect(o.count, o.nameDe).toBeLessThanOrEqual(lowest);
        }),
      );
    });

    it("do not depend on the order the counts come in", () => {
      fc.assert(
        fc.property(withPermutation, fc.boolean(), ([all, shuffled], protect) => {
          expect(rankOccupations(shuffled, protect ? suppress : undefined)).toEqual(rankOccupations(all, protect ? suppress : undefined));
        }),
      );
    });

    it("give no withheld count away: swapping the withheld counts (1 and 2) changes nothing", () => {
      fc.assert(
        fc.property(occupations, (all) => {
          const swapped = all.map((o) => (suppress(o.count) ? { ...o, count: 3 - o.count } : o));
          expect(rankOccupations(swapped, suppress)).toEqual(rankOccupations(all, suppress));
        }),
      );
    });
  });
});
