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

/**
 * A field a full update (PUT) must name. Missing, it is refused by name; null or "" empties it.
 * Never read as "not stated": leaving a field out must not reset what is stored.
 */
export function required<T extends z.ZodType>(field: T) {
  return z.preprocess((value, ctx) => {
    if (value === undefined) ctx.addIssue({ code: "custom", input: value, params: { key: "fieldMissing" } });
    return value;
  }, field);
}

/** Every field of a shape, each one `required`. */
export function everyField<S extends Record<string, z.ZodType>>(shape: S): { [K in keyof S]: ReturnType<typeof required<S[K]>> } {
  return Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, required(field)])) as { [K in keyof S]: ReturnType<typeof required<S[K]>> };
}

/**
 * The partial update (PATCH) of a full one: the same fields and rules, each of them optional
 * except `keep` (the id and version). A field left out stays as it is; a field sent is checked
 * as in the full update. Cross-field rules are checked on the merged record by the command.
 */
export function partialOf<T extends z.ZodObject, K extends keyof T["shape"] & string>(full: T, keep: readonly K[]) {
  const mask = Object.fromEntries(Object.keys(full.shape).filter((key) => !keep.includes(key as K)).map((key) => [key, true as const]));
  type Shape = T["shape"];
  return (full as z.ZodObject).partial(mask as never) as unknown as z.ZodObject<{ [P in keyof Shape]: P extends K ? Shape[P] : z.ZodOptional<Shape[P]> }, z.core.$strict>;
}
