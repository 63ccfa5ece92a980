// @driver-independent: no database (README, Tests: run once).
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { loginSchema } from "@/lib/auth/schemas";
import { currentYearInBerlin } from "@/lib/calendar";
import { createClientSchema } from "@/lib/clients/schemas";
import { figuresQuerySchema } from "@/lib/figures/query";
import { searchSchema } from "@/lib/figures/request";
import { OPERATIONS } from "@/lib/operation-catalogue";
import { KINDS } from "@/lib/records/kinds";
import { LOCALES, type Locale } from "./config";
import { translator } from "./translate";
import { fieldErrors, zodErrorMap } from "./zod-errors";

/*
 * What "a message names the field" means in this app: forms show a field's
 * messages beside its label (app/components/form.tsx, Field) and the API answers
 * `fieldErrors` keyed by the field's path. So every issue a field's value raises
 * must sit under that field's path (never the path-less `_form`), and its text
 * must state the field's own rule (with its bound, if it has one, or what is to
 * be chosen) rather than a message that fits any field ("Ungültiger Wert.",
 * "Das Format ist ungültig.", "Der Wert hat den falschen Typ.").
 */

/** zod's own English texts: none of them may reach a person. */
const RAW_LIBRARY_TEXT = /invalid input|expected .*received|too (small|big)|unrecognized key|invalid (string|option|enum|uuid|email|date)|must (be|have|contain)/i;

/** Messages that fit any field and so say nothing about this one. */
function genericMessages(locale: Locale): string[] {
  const t = translator(locale);
  return ["errors.invalid", "errors.format", "errors.type"].map((key) => t(key));
}

/** Values that break one rule or another of nearly any field: missing, blank, wrong type, out of range, not a whole number, too long, unknown choice, bad format, a year in the future. */
const VIOLATIONS: unknown[] = [
  undefined,
  null,
  "",
  "   ",
  -5,
  0,
  1.5,
  "1.5",
  1e12,
  "abc",
  "x".repeat(10_001),
  true,
  "zzz-not-a-value",
  ["zzz-not-a-value"],
  [],
  {},
  "2019-02-30",
  "not-a-uuid",
  2090,
  "2090",
];

type Shape = Record<string, z.ZodType>;

/** The object shapes a schema parses (through wrappers, pipes, unions, preprocessing). */
function shapesOf(schema: z.ZodType, seen = new Set<unknown>()): Shape[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, any>;
  switch (def.type) {
    case "object":
      return [def.shape as Shape];
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return shapesOf(def.innerType, seen);
    case "pipe":
      return [...shapesOf(def.in, seen), ...shapesOf(def.out, seen)];
    case "union":
      return (def.options as z.ZodType[]).flatMap((o) => shapesOf(o, seen));
    case "intersection":
      return [...shapesOf(def.left, seen), ...shapesOf(def.right, seen)];
    case "lazy":
      return shapesOf(def.getter(), seen);
    default:
      return [];
  }
}

/** Every field path of a schema, nested objects included. */
function fieldPaths(schema: z.ZodType, prefix: string[] = [], depth = 0): string[][] {
  if (depth > 3) return [];
  return shapesOf(schema).flatMap((shape) =>
    Object.entries(shape).flatMap(([key, field]) => [[...prefix, key], ...fieldPaths(field, [...prefix, key], depth + 1)]),
  );
}

function inputWith(path: string[], value: unknown): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  let node = input;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else node = (node[key] = {});
  });
  return input;
}

const schemas: { name: string; schema: (t: ReturnType<typeof translator>) => z.ZodType }[] = [
  ...OPERATIONS.map((op) => ({ name: op.name, schema: () => op.input })),
  ...KINDS.map((spec) => ({ name: `kind ${spec.kind}`, schema: () => spec.data })),
  // Parsed with the same error map outside an operation: the figures pages' query string, the figures engine's query, the login form.
  { name: "figures page query", schema: (t: ReturnType<typeof translator>) => searchSchema(t, "2026-06-30") },
  { name: "figures query", schema: () => figuresQuerySchema },
  { name: "login", schema: () => loginSchema },
];

function describeValue(value: unknown) {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Everything wrong with the messages of one parse, as readable lines. */
function problemsOf(schemaName: string, locale: Locale, input: unknown, issues: z.core.$ZodIssue[], generic: string[]): string[] {
  const problems: string[] = [];
  const where = `${schemaName} [${locale}] ${describeValue(input)}`;
  const boundsByPath = new Map<string, number>();
  for (const issue of issues) {
    // An unknown field is reported under its own name (fieldErrors), so that is its path.
    const path = [...issue.path, ...(issue.code === "unrecognized_keys" ? [issue.keys.join(",")] : [])].join(".");
    const line = `${where} → ${path || "_form"}: ${issue.code}: "${issue.message}"`;
    if (RAW_LIBRARY_TEXT.test(issue.message) || /^errors\./.test(issue.message)) problems.push(`raw library text or missing message: ${line}`);
    if (generic.includes(issue.message)) problems.push(`message fits any field: ${line}`);
    if (!path) problems.push(`not under a field: ${line}`);
    if (issue.code === "too_small" || issue.code === "too_big") {
      boundsByPath.set(path, (boundsByPath.get(path) ?? 0) + 1);
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const isRequired = issue.code === "too_small" && issue.origin === "string" && Number(bound) <= 1;
      if (!isRequired && !issue.message.includes(String(bound)) && !issue.message.includes(Number(bound).toLocaleString(locale))) {
        problems.push(`bound not named: ${line}`);
      }
    }
  }
  for (const [path, count] of boundsByPath) {
    if (count > 1) problems.push(`${count} bounds at once (contradicting minima or maxima): ${where} → ${path}: ${issues.filter((i) => i.path.join(".") === path).map((i) => `"${i.message}"`).join(", ")}`);
  }
  return problems;
}

describe("every validation message names its rule and its field, in both languages", () => {
  for (const locale of LOCALES) {
    it(`${locale}: no raw library text, no generic message, no contradicting bounds`, () => {
      const t = translator(locale);
      const generic = genericMessages(locale);
      const problems: string[] = [];
      let parses = 0;
      for (const { name, schema: make } of schemas) {
        const schema = make(t);
        const inputs: unknown[] = [{}, undefined, "not an object", { zzzUnknownField: 1 }];
        for (const path of fieldPaths(schema)) for (const value of VIOLATIONS) inputs.push(inputWith(path, value));
        for (const input of inputs) {
          const parsed = schema.safeParse(input, { error: zodErrorMap(t) });
          parses++;
          if (parsed.success) continue;
          // The whole input being no object at all is the body's problem, not a field's.
          const issues = typeof input === "object" && input !== null ? parsed.error.issues : parsed.error.issues.filter((i) => i.path.length > 0);
          problems.push(...problemsOf(name, locale, input, issues, generic));
        }
      }
      expect(parses).toBeGreaterThan(1000);
      expect([...new Set(problems)]).toEqual([]);
    });
  }
});

/** The field's messages as the API answers them and the form shows them. */
function messagesFor(schema: z.ZodType, input: unknown, locale: Locale): Record<string, string[]> {
  const parsed = schema.safeParse(input, { error: zodErrorMap(translator(locale)) });
  return parsed.success ? {} : fieldErrors(parsed.error);
}

const kind = (k: string) => KINDS.find((spec) => spec.kind === k)!.data;
const createRecord = (k: string) => OPERATIONS.find((op) => op.name === `records.${k}.create`)!.input;

describe("the messages the field test found wanting", () => {
  it("a headcount below its minimum gets one message with the real bound, not two contradicting minima", () => {
    for (const participants of [-5, 0]) {
      expect(messagesFor(kind("fair_integration_event"), { participants }, "de").participants).toEqual(["Bitte eine Zahl ab 1 angeben."]);
      expect(messagesFor(kind("fair_integration_event"), { participants }, "en").participants).toEqual(["Please enter a number of at least 1."]);
    }
  });

  it("a record without a chosen client asks for a client", () => {
    expect(messagesFor(createRecord("advice_session"), { clientId: "" }, "de").clientId).toEqual(["Bitte eine Person auswählen."]);
    expect(messagesFor(createRecord("advice_session"), {}, "en").clientId).toEqual(["Please choose a client."]);
  });

  it("a fraction where a count is needed asks for a whole number", () => {
    expect(messagesFor(kind("skilled_worker_activity"), { peopleReached: 1.5 }, "de").peopleReached).toEqual(["Bitte eine ganze Zahl angeben."]);
    expect(messagesFor(kind("skilled_worker_activity"), { peopleReached: "1.5" }, "en").peopleReached).toEqual(["Please enter a whole number."]);
  });

  it("a birth year or year of arrival in the future is refused, this year is not", () => {
    const year = currentYearInBerlin();
    expect(messagesFor(createClientSchema, { birthYear: 2090 }, "de").birthYear).toEqual(["Das Jahr darf nicht in der Zukunft liegen."]);
    expect(messagesFor(createClientSchema, { inGermanySince: String(year + 2) }, "en").inGermanySince).toEqual(["The year must not be in the future."]);
    expect(messagesFor(createClientSchema, { birthYear: 1899 }, "de").birthYear).toEqual(["Bitte eine Zahl ab 1900 angeben."]);
    expect(messagesFor(createClientSchema, { birthYear: year - 1 }, "de").birthYear).toBeUndefined();
  });

  it("a date message does not prescribe a format the browser's date field does not show", () => {
    for (const locale of LOCALES) {
      const message = messagesFor(createRecord("advice_session"), { occurredOn: "2019-02-30" }, locale).occurredOn;
      expect(message).toEqual([translator(locale)("errors.date")]);
      expect(message[0]).not.toMatch(/JJJJ|YYYY|MM|TT|DD/);
    }
  });
});
