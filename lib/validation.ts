import { z } from "zod";

/** A calendar date as YYYY-MM-DD that really exists (no 2019-02-30). */
export const isoDate = z
  .string()
  .trim()
  .refine((value) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    // Years the network can mean (and PostgreSQL can store).
    if (value < "1900-01-01" || value > "2100-12-31") return false;
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  }, { params: { key: "date" } });

export const id = z.string().uuid();

export const name = z.string().trim().min(1).max(200);

/** A search box's text (`?q=` on the admin lists): empty means no filter. */
export const searchText = z.string().trim().max(100).optional();

/** Optimistic concurrency: the version the edit started from. */
export const version = z.coerce.number().int().min(1);

/** Today's date in Europe/Berlin, the calendar of the network. */
export function todayInBerlin(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(now);
}
