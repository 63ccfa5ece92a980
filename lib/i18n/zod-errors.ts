import type { z } from "zod";
import type { Translate } from "./translate";

/**
 * One error map for forms (zodResolver) and the server (safeParse): every
 * message comes from the catalogue in the user's language. Domain rules raise
 * `custom` issues carrying `params.key`, a key under `errors.`.
 */
export function zodErrorMap(t: Translate) {
  return (issue: z.core.$ZodRawIssue): string => {
    switch (issue.code) {
      case "custom":
        return t(`errors.${(issue.params as { key?: string } | undefined)?.key ?? "invalid"}`);
      case "too_small":
        if (issue.origin === "string") return Number(issue.minimum) <= 1 ? t("errors.required") : t("errors.tooShort", { min: Number(issue.minimum) });
        if (issue.origin === "array") return t("errors.chooseAtLeast", { min: Number(issue.minimum) });
        return t("errors.tooSmall", { min: String(issue.minimum) });
      case "too_big":
        if (issue.origin === "string") return t("errors.tooLong", { max: Number(issue.maximum) });
        return t("errors.tooBig", { max: String(issue.maximum) });
      case "invalid_format":
        return issue.format === "email" ? t("errors.email") : issue.format === "date" ? t("errors.date") : t("errors.format");
      case "invalid_value":
        return t("errors.choice");
      case "invalid_type":
        return issue.input === undefined || issue.input === null || issue.input === "" ? t("errors.required") : t("errors.type");
      case "unrecognized_keys":
        return t("errors.unknownField");
      default:
        return t("errors.invalid");
    }
  };
}

/** Field path → messages, the shape every 422 answer and every form uses. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  // A Map, because a field may be called "constructor" or "__proto__".
  const out = new Map<string, string[]>();
  for (const issue of error.issues) {
    const prefix = issue.path.length ? `${issue.path.join(".")}.` : "";
    // An unknown field is reported under its own name, so the caller sees which one.
    const fields = issue.code === "unrecognized_keys" ? issue.keys.map((k) => `${prefix}${k}`) : [issue.path.length ? issue.path.join(".") : "_form"];
    for (const field of fields) out.set(field, [...(out.get(field) ?? []), issue.message]);
  }
  return Object.fromEntries(out);
}

/**
 * Paths of strings PostgreSQL cannot store (a NUL character, or half of a
 * surrogate pair): refused up front with the field named, never a failed write.
 */
export function unstorableTextPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value === "string") return value.includes("\u0000") || !value.isWellFormed() ? [path.join(".") || "_form"] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorableTextPaths(v, [...path, String(i)]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => unstorableTextPaths(v, [...path, k]));
  return [];
}
