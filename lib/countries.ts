import countries from "i18n-iso-countries";
import de from "i18n-iso-countries/langs/de.json";
import en from "i18n-iso-countries/langs/en.json";
import { z } from "zod";
import type { Locale } from "@/lib/i18n/config";
import { defineOperation } from "@/lib/operation";

/**
 * Where the library's German list holds a name in English (i18n-iso-countries 7.14.0, the latest:
 * "UM" is "United States Minor Outlying Islands" in its de.json), the German name of the Unicode
 * CLDR, which browsers and Node show too. lib/countries.test.ts finds any further such name.
 */
export const GERMAN_NAME_FIXES: Record<string, string> = { UM: "Amerikanische Überseeinseln" };

countries.registerLocale({ ...de, countries: { ...de.countries, ...GERMAN_NAME_FIXES } });
countries.registerLocale(en);

/** ISO 3166-1 alpha-2 codes, from the maintained list (not typed by hand). */
export const COUNTRY_CODES = Object.keys(countries.getAlpha2Codes()).sort();

export { isCountryCode } from "./country-codes";

export function countryName(code: string | null | undefined, locale: Locale): string {
  if (!code) return "";
  return countries.getName(code, locale, { select: "official" }) ?? code;
}

/** Code and name pairs sorted by name in the given language, for pickers. */
export function countryOptions(locale: Locale): { code: string; name: string }[] {
  const collator = new Intl.Collator(locale);
  return COUNTRY_CODES.map((code) => ({ code, name: countryName(code, locale) })).sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * The countries with their names in the request's language (`GET /api/v1/countries`): the
 * ISO 3166-1 codes a client's qualification country and citizenship take. About 250: one answer.
 */
export const listCountries = defineOperation({
  name: "countries.list",
  access: "directory.view",
  audit: "none",
  input: z.object({ q: z.string().trim().max(200).optional() }).strict(),
  async run({ locale }, { q }) {
    const term = q?.toLocaleLowerCase(locale);
    const items = countryOptions(locale).filter((c) => !term || c.code.toLowerCase() === term || c.name.toLocaleLowerCase(locale).includes(term));
    return { items, locale };
  },
});
