// @driver-independent: no database (README, Tests: run once).
import { describe, expect, it } from "vitest";
import { rankOccupations, type OccupationCount } from "./ranking";
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
});
