/**
 * What the fuzzing sends (tests/integration/fuzz.test.ts, fuzz-findings.test.ts): a dictionary of
 * the edge cases that break things mixed with arbitrary values, bodies past the input limits,
 * and query strings.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { GENDERS, GERMAN_LEVELS, QUALIFICATION_LEVELS, RESIDENCE_STATUSES } from "@/lib/clients/schemas";
import { MAX_BODY_BYTES, MAX_DEPTH, MAX_VALUES } from "@/lib/input-shape";
import * as kinds from "@/lib/records/kinds";

export const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\u202e",
  "😀",
  "%",
  "_",
  "\\",
  "'; drop table records; --",
  "null",
  "undefined",
  "NaN",
  "1e400",
  "-1",
  "0x10",
  "on",
  "true",
  "__proto__",
  "constructor",
  "x".repeat(250),
];
export const DATES = ["2019-05-14", "2019-02-29", "2020-02-29", "2019-13-01", "2019-00-10", "0000-01-01", "0001-01-01", "9999-12-31", "2019-5-1", "20190514", " 2019-05-14 ", "2019-05-14T10:00:00Z"];
export const ENUM_VALUES = [
  ...kinds.CHANNELS,
  ...kinds.STAGES,
  ...kinds.ADVICE_TYPES,
  ...kinds.NEXT_STEPS,
  ...kinds.FI_TOPICS,
  ...kinds.SCHEME_FORMATS,
  ...kinds.MEASURE_TYPES,
  ...kinds.ENROLMENT_OUTCOMES,
  ...kinds.ACHIEVEMENTS,
  ...kinds.TARGET_GROUPS,
  ...kinds.IO_ACTIVITY_TYPES,
  ...kinds.IO_TOPICS,
  ...kinds.SWN_ACTIVITY_TYPES,
  ...GENDERS,
  ...RESIDENCE_STATUSES,
  ...GERMAN_LEVELS,
  ...QUALIFICATION_LEVELS,
  "DE",
  "sy",
  "XX",
];
export const NUMBERS = [0, -1, 1, 1.5, 1899, 1900, 1990, 2100, 2101, 100_000, 100_001, 2 ** 31, Number.MAX_SAFE_INTEGER, -0, 1e308];

export function values(ids: string[]) {
  const text = fc.oneof(
    fc.constantFrom(...NASTY_STRINGS),
    fc.string({ maxLength: 10 }),
    fc.string({ unit: "binary-ascii", maxLength: 10 }),
    fc.string({ unit: "binary", maxLength: 4 }),
  );
  const scalar = fc.oneof(
    { weight: 3, arbitrary: text },
    { weight: 3, arbitrary: fc.constantFrom(...ENUM_VALUES) },
    { weight: 2, arbitrary: fc.constantFrom(...DATES) },
    { weight: 2, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) },
    { weight: 1, arbitrary: fc.oneof(fc.boolean(), fc.constant(null)) },
  );
  return fc.oneof(
    { weight: 6, arbitrary: scalar },
    { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

export type Step = { op: "drop"; key: string } | { op: "set"; key: string; value: unknown };
/** Bodies past the limits, in one field or (field null) as the whole body. */
export type ShapePlan =
  | { kind: "deep"; field: string | null; depth: number; arrays: boolean[] }
  | { kind: "wide"; field: string; count: number }
  | { kind: "huge"; field: string; bytes: number };
export type BodyPlan = { kind: "raw"; body: unknown } | { kind: "mutate"; steps: Step[] } | ShapePlan;

/**
 * A body built as text and as value side by side, because JSON.stringify itself
 * overflows the stack on deep values. `refusal` is the answer it must get.
 */
export class Shaped {
  constructor(
    readonly text: string,
    readonly value: unknown,
    readonly refusal: { status: number; via: "any" | "http" } | null,
  ) {}
}

/** `depth` levels of objects and arrays (in the order `arrays` repeats) around a 1, built in loops, not by recursion. */
export function nesting(depth: number, arrays: boolean[]): { text: string; value: unknown } {
  const isArray = (level: number) => arrays[level % arrays.length];
  let value: unknown = 1;
  for (let level = depth - 1; level >= 0; level--) value = isArray(level) ? [value] : { a: value };
  const open: string[] = [];
  const close: string[] = [];
  for (let level = 0; level < depth; level++) {
    open.push(isArray(level) ? "[" : '{"a":');
    close.push(isArray(level) ? "]" : "}");
  }
  return { text: `${open.join("")}1${close.reverse().join("")}`, value };
}

export function shapedBody(plan: ShapePlan, valid: () => Record<string, unknown>): Shaped {
  const part =
    plan.kind === "deep"
      ? nesting(plan.depth, plan.arrays)
      : plan.kind === "wide"
        ? { text: `[${new Array(plan.count).fill("0").join(",")}]`, value: new Array(plan.count).fill(0) }
        : { text: JSON.stringify("x".repeat(plan.bytes)), value: "x".repeat(plan.bytes) };
  const refusal =
    plan.kind === "deep"
      ? plan.depth + (plan.field === null ? 0 : 1) > MAX_DEPTH
        ? ({ status: 422, via: "any" } as const)
        : null
      : plan.kind === "wide"
        ? plan.count > MAX_VALUES
          ? ({ status: 422, via: "any" } as const)
          : null
        : ({ status: 413, via: "http" } as const);
  if (plan.field === null) return new Shaped(part.text, part.value, refusal);
  const marker = `@@${randomUUID()}@@`;
  const body = valid();
  const text = JSON.stringify({ ...body, [plan.field]: marker }).replace(`"${marker}"`, () => part.text);
  Object.defineProperty(body, plan.field, { value: part.value, enumerable: true, writable: true, configurable: true });
  return new Shaped(text, body, refusal);
}

export function shapePlans(fields: string[], withHuge: boolean): fc.Arbitrary<ShapePlan>[] {
  const field = fc.constantFrom(...fields);
  const arrays = fc.array(fc.boolean(), { minLength: 1, maxLength: 4 });
  const depth = fc.oneof(fc.integer({ min: 1, max: MAX_DEPTH + 2 }), fc.integer({ min: 1, max: 10_000 }), fc.constant(10_000));
  const plans: fc.Arbitrary<ShapePlan>[] = [
    fc.record({ kind: fc.constant("deep" as const), field: fc.option(field, { nil: null }), depth, arrays }),
    fc.record({ kind: fc.constant("wide" as const), field, count: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: MAX_VALUES + 1, max: 2 * MAX_VALUES })) }),
  ];
  if (withHuge) plans.push(fc.record({ kind: fc.constant("huge" as const), field, bytes: fc.integer({ min: MAX_BODY_BYTES + 1, max: 3 * MAX_BODY_BYTES }) }));
  return plans;
}

/** Arbitrary JSON (objects or not), field soups, and valid bodies with a few fields dropped, changed or added. */
export function bodyPlans(fields: string[], ids: string[], withNonObjects: boolean) {
  const value = values(ids);
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "constructor", "id", "version", "createdBy", "deletedAt", "kind", "data")) });
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ op: fc.constant("drop" as const), key: fc.constantFrom(...fields) }),
    fc.record({ op: fc.constant("set" as const), key, value }),
  );
  const plans: fc.Arbitrary<BodyPlan>[] = [
    // At least one change: unchanged valid bodies would spend the time on successful writes.
    fc.record({ kind: fc.constant("mutate" as const), steps: fc.array(step, { minLength: 1, maxLength: 4 }) }),
    fc.record({ kind: fc.constant("raw" as const), body: fc.dictionary(key, value, { maxKeys: 8 }) }),
  ];
  if (withNonObjects) plans.push(fc.record({ kind: fc.constant("raw" as const), body: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 10 }).map((s) => ({ __text: s }))) }));
  // Now and then the valid body itself, so that the success path (and what follows it) is exercised too.
  const unchanged = fc.constant<BodyPlan>({ kind: "mutate", steps: [] });
  // Bodies over 1 MiB only where the size is checked: the route handler (the operation level only sees values).
  const shaped = fc.oneof(...shapePlans(fields, withNonObjects));
  return fc.oneof(
    { weight: 1, arbitrary: unchanged },
    { weight: 8, arbitrary: plans[0] },
    { weight: 3, arbitrary: plans[1] },
    { weight: 2, arbitrary: shaped },
    ...(plans[2] ? [{ weight: 1, arbitrary: plans[2] }] : []),
  );
}

/** The body a plan stands for, as JSON would carry it (no undefined, no -0, no prototype tricks). */
export function bodyOf(plan: BodyPlan, valid: () => Record<string, unknown>): unknown {
  if (plan.kind === "deep" || plan.kind === "wide" || plan.kind === "huge") return shapedBody(plan, valid);
  if (plan.kind === "raw") return plan.body;
  const body: Record<string, unknown> = valid();
  for (const step of plan.steps) {
    if (step.op === "drop") delete body[step.key];
    else Object.defineProperty(body, step.key, { value: step.value, enumerable: true, writable: true, configurable: true });
  }
  return body;
}

/** What the route handler would get from the wire: a JSON text, or (for { __text }) a text that may not be JSON. */
export function wireText(body: unknown): string {
  if (body instanceof Shaped) return body.text;
  if (body && typeof body === "object" && "__text" in body && Object.keys(body).length === 1) return String((body as { __text: string }).__text);
  return JSON.stringify(body) ?? "";
}

export function queryPlans(fields: string[], ids: string[]) {
  const value = fc.oneof(fc.constantFrom(...NASTY_STRINGS, ...DATES, ...ids, "1", "2", "0", "200", "201", "-5", "1.5", "1000001"), fc.string({ maxLength: 8 }), fc.string({ unit: "binary-ascii", maxLength: 6 }));
  const key = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.tuple(key, value), { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString()) },
    { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 20 }) },
  );
}

