/**
 * The current year in Europe/Berlin, the calendar of the network: the latest
 * year of birth or arrival there can be. Free of zod, so forms can use it
 * without loading the schemas with the page.
 */
export function currentYearInBerlin(now = new Date()): number {
  return Number(YEAR_IN_BERLIN.format(now));
}

// Made once: a formatter costs more to make than to use, and an import checks a year per row.
const YEAR_IN_BERLIN = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric" });
