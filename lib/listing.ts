import { and, or, sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * Names sorted as a German reader expects: "Ärztin/Arzt" beside "Arzt", not after "Zahnarzt"
 * (byte order puts every umlaut last), upper and lower case together. ICU's root collation
 * ("und-x-icu") orders German as DIN 5007-1 does (ä as a, ß as ss) and exists on both drivers:
 * PGlite carries ICU, Debian's PostgreSQL is built with it. A tailored "de-…-x-icu" collation
 * does not exist on PGlite, and locales PGlite lacks fall back to the root order silently.
 */
export function german(column: AnyColumn | SQL): SQL {
  return sql`${column} collate "und-x-icu"`;
}

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Rows where every word of `q` occurs, in any case, in at least one of `columns`: "köln mobil"
 * finds the mobile contact point in Köln. Nothing to search for: no condition.
 */
export function matchesWords(q: string | undefined, columns: (AnyColumn | SQL)[]): SQL | undefined {
  const words = (q ?? "").split(/\s+/).filter(Boolean).slice(0, 10);
  if (!words.length) return undefined;
  return and(...words.map((word) => or(...columns.map((column) => sql`${column} ilike ${`%${escapeLike(word)}%`}`))));
}
