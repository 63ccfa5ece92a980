import type { z } from "zod";
import type { Translate } from "./translate";

/** Id fields whose empty value means "nothing chosen yet": the message says what to choose. */
const CHOICE_FIELDS = new Set(["clientId", "contactPointId", "unitId", "schemeId", "regionId", "parentId", "userId", "actorId", "occupationId", "consentPurposeId"]);
/** Pattern fields with a message of their own (a regular expression says nothing to a person). */
const PATTERN_FIELDS = new Set(["kldbCode"]);
/** The `expected` types of an invalid_type issue that have a message saying what is needed. */
const EXPECTED = new Set(["int", "number", "string", "boolean", "array", "object"]);

/**
 * A union's branches have their messages already; the one that says most is
 * the branch the value came closest to: not one that refused its type, nor the
 * "" branch of a field that may be left blank.
 */
function unionMessage(branches: z.core.$ZodIssue[][]): string | undefined {
  const isBlankBranch = (issues: z.core.$ZodIssue[]) => issues.every((i) => i.code === "invalid_value" && i.values.every(isBlank));
  const candidates = branches.filter((issues) => issues.length > 0 && !isBlankBranch(issues));
  const closest = candidates.find((issues) => issues.every((i) => i.code !== "invalid_type")) ?? candidates[0];
  return closest?.[0]?.message;
}

function isBlank(input: unknown) {
  return input === undefined || input === null || (typeof input === "string" && input.trim() === "");
}

/**
 * One error map for forms (zodResolver) and the server (safeParse): every
 * message comes from the catalogue in the user's language and says what the
 * field needs (with its bound, if any). The message is reported under the
 * field's path, so the form shows it beside the field's label and an API
 * caller finds the field's name as the key. Domain rules raise `custom`
 * issues carrying `params.key`, a key under `errors.` (other params are the
 * message's values).
 */
export function zodErrorMap(t: Translate) {
  return (issue: z.core.$ZodRawIssue): string => {
    const field = String(issue.path?.at(-1) ?? "");
    const choose = () => (CHOICE_FIELDS.has(field) ? t(`errors.chooseField.${field}`) : t("errors.choose"));
    switch (issue.code) {
      case "custom": {
        const { key = "invalid", ...values } = (issue.params ?? {}) as { key?: string } & Record<string, string | number>;
        return t(`errors.${key}`, values);
      }
      case "too_small":
        if (issue.origin === "string") return Number(issue.minimum) <= 1 ? t("errors.required") : t("errors.tooShort", { min: Number(issue.minimum) });
        if (issue.origin === "array" || issue.origin === "set") return t("errors.chooseAtLeast", { min: Number(issue.minimum) });
        return t(issue.inclusive === false ? "errors.tooSmallExclusive" : "errors.tooSmall", { min: String(issue.minimum) });
      case "too_big":
        if (issue.origin === "string") return t("errors.tooLong", { max: Number(issue.maximum) });
        if (issue.origin === "array" || issue.origin === "set") return t("errors.chooseAtMost", { max: Number(issue.maximum) });
        return t(issue.inclusive === false ? "errors.tooBigExclusive" : "errors.tooBig", { max: String(issue.maximum) });
      case "invalid_format":
        if (issue.format === "email") return t("errors.email");
        if (issue.format === "date") return t("errors.date");
        if (issue.format === "uuid" || issue.format === "guid") {
          return isBlank(issue.input) ? choose() : t("errors.uuid");
        }
        if (issue.format === "regex" && PATTERN_FIELDS.has(field)) return t(`errors.pattern.${field}`);
        return t("errors.format");
      case "invalid_value":
        return t("errors.choice");
      case "invalid_type":
        if (CHOICE_FIELDS.has(field)) return isBlank(issue.input) ? choose() : t("errors.uuid");
        if (isBlank(issue.input)) return t("errors.required");
        return EXPECTED.has(issue.expected) ? t(`errors.expected.${issue.expected}`) : t("errors.type");
      case "not_multiple_of":
        return t("errors.notMultipleOf", { divisor: String(issue.divisor) });
      case "invalid_union": {
        // A discriminated union names no branch when its discriminator matches none: that field is a choice.
        if (issue.errors.length === 0 && "discriminator" in issue) {
          const chosen = (issue.input as Record<string, unknown> | undefined)?.[String(issue.discriminator)];
          return isBlank(chosen) ? choose() : t("errors.choice");
        }
        return unionMessage(issue.errors) ?? t("errors.invalid");
      }
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
