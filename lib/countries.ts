import countries from "i18n-iso-countries";
import de from "i18n-iso-countries/langs/de.json";
import en from "i18n-iso-countries/langs/en.json";
import type { Locale } from "@/lib/i18n/config";

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
