/**
 * The current year in Europe/Berlin, the calendar of the network: the latest
 * year of birth or arrival there can be. Free of zod, so forms can use it
 * without loading the schemas with the page.
 */
export function currentYearInBerlin(now = new Date()): number {
  return Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric" }).format(now));
}
