import type { z } from "zod";

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The query parameters a list page passes on to its operation: the first value of each, only
 * those its own field of the schema accepts. A link someone shortened or typed by hand shows the
 * list without the broken filter rather than an error page; empty form fields are no filter.
 */
export function validParams(schema: z.ZodObject, raw: SearchParams, keys: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of keys) {
    const value = Array.isArray(raw[key]) ? raw[key][0] : raw[key];
    const field = schema.shape[key] as z.ZodType | undefined;
    if (typeof value !== "string" || !value.trim() || !field) continue;
    if (field.safeParse(value).success) picked[key] = value.trim();
  }
  return picked;
}

/** A list page's address with these parameters (empty ones left out). */
export function listHref(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
