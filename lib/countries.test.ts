// @driver-independent: no database (README, Tests: run once).
import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, countryName, countryOptions } from "@/lib/countries";

/** German names the same as the English ones although CLDR spells them otherwise: both spellings are German (Duden). */
const GERMAN_TOO: Record<string, string> = { BW: "Botswana", MO: "Macao" };

describe("country names", () => {
  it("the German list holds no name left in English: where it equals the English name, it is CLDR's German name too", () => {
    const cldr = new Intl.DisplayNames(["de"], { type: "region" });
    const english = COUNTRY_CODES.filter((code) => countryName(code, "de") === countryName(code, "en"))
      .filter((code) => countryName(code, "de") !== cldr.of(code) && GERMAN_TOO[code] !== countryName(code, "de"))
      .map((code) => `${code} ${countryName(code, "de")}`);
    expect(english).toEqual([]);
    expect(countryName("UM", "de")).toBe("Amerikanische Überseeinseln");
    expect(countryName("UM", "en")).toBe("United States Minor Outlying Islands");
  });

  it("the picker's options hold every code once, in the language's alphabetical order", () => {
    const de = countryOptions("de");
    expect(de.map((o) => o.code).sort()).toEqual(COUNTRY_CODES);
    expect(de.find((o) => o.code === "UM")?.name).toBe("Amerikanische Überseeinseln");
    const names = de.map((o) => o.name);
    expect(names.indexOf("Ägypten")).toBeLessThan(names.indexOf("Albanien"));
  });
});
