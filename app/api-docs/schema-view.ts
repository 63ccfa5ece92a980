import type { JsonSchema, OpenApiDocument, Parameter } from "@/lib/api/openapi";

/** A limit on a value, said in words by the page (see api.docs.constraints). */
export type Constraint =
  | { key: "length" | "range" | "items"; min: number; max: number }
  | { key: "minLength" | "min" | "minItems"; min: number }
  | { key: "maxLength" | "max" | "maxItems"; max: number }
  | { key: "pattern"; pattern: string }
  | { key: "default"; value: string }
  | { key: "empty" | "null" };

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  values: string[];
  constraints: Constraint[];
  description?: string;
}

export function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace("#/components/schemas/", "");
  return doc.components.schemas[name] ?? {};
}

/** The alternatives a value may take: a union's branches, or the schema itself. */
function branches(schema: JsonSchema): JsonSchema[] {
  if (schema.anyOf) return schema.anyOf.flatMap(branches);
  if (Array.isArray(schema.type)) return schema.type.map((type) => ({ ...schema, type }));
  return [schema];
}

const isEmpty = (branch: JsonSchema) => branch.type === "null" || branch.const === "";

function typeOf(branch: JsonSchema): string {
  if (branch.type === "array") return `array<${branch.items ? typeLabel(branch.items) : "any"}>`;
  if (typeof branch.type === "string") return branch.format ? `${branch.type} (${branch.format})` : branch.type;
  return "any";
}

/** "string (date) | null": what a value may be, with "" and null (both mean "not given") set apart. */
export function typeLabel(schema: JsonSchema): string {
  const all = branches(schema);
  const kinds = [...new Set(all.filter((b) => !isEmpty(b)).map(typeOf))];
  if (all.some((b) => b.type === "null")) kinds.push("null");
  return kinds.join(" | ") || "any";
}

function allowedValues(schema: JsonSchema): string[] {
  return branches(schema).flatMap((branch) => {
    if (branch.type === "array" && branch.items) return allowedValues(branch.items);
    if (branch.enum) return branch.enum.map(String);
    if (branch.const !== undefined && branch.const !== "") return [String(branch.const)];
    return [];
  });
}

function limits(branch: JsonSchema, minKey: string, maxKey: string): [number | undefined, number | undefined] {
  return [branch[minKey] as number | undefined, branch[maxKey] as number | undefined];
}

function constraintsOf(schema: JsonSchema): Constraint[] {
  const out: Constraint[] = [];
  for (const branch of branches(schema)) {
    const pairs = [
      [limits(branch, "minLength", "maxLength"), "length", "minLength", "maxLength"],
      [limits(branch, "minimum", "maximum"), "range", "min", "max"],
      [limits(branch, "minItems", "maxItems"), "items", "minItems", "maxItems"],
    ] as const;
    for (const [[min, max], both, lower, upper] of pairs) {
      if (min !== undefined && max !== undefined) out.push({ key: both, min, max });
      else if (min !== undefined) out.push({ key: lower, min });
      else if (max !== undefined) out.push({ key: upper, max });
    }
    // A uuid's or an e-mail's pattern only restates its format.
    if (typeof branch.pattern === "string" && !branch.format) out.push({ key: "pattern", pattern: branch.pattern });
  }
  if (schema.default !== undefined) out.push({ key: "default", value: JSON.stringify(schema.default) });
  const all = branches(schema);
  if (all.some((b) => b.const === "")) out.push({ key: "empty" });
  else if (all.some((b) => b.type === "null")) out.push({ key: "null" });
  return out;
}

function row(name: string, schema: JsonSchema, required: boolean, description?: string): FieldRow {
  return { name, type: typeLabel(schema), required, values: allowedValues(schema), constraints: constraintsOf(schema), description: description ?? schema.description };
}

/** The fields of a request body, one row each, in the schema's order. */
export function bodyRows(doc: OpenApiDocument, schema: JsonSchema): FieldRow[] {
  const object = resolve(doc, schema);
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).map(([name, property]) => row(name, property, required.has(name)));
}

export function parameterRows(parameters: Parameter[]): (FieldRow & { in: Parameter["in"] })[] {
  return parameters.map((p) => ({ ...row(p.name, p.schema, p.required, p.description), in: p.in }));
}

const SAMPLE_UUID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

function sample(doc: OpenApiDocument, schema: JsonSchema): unknown {
  const branch = branches(resolve(doc, schema)).find((b) => !isEmpty(b)) ?? {};
  if (branch.enum) return branch.enum[0];
  if (branch.const !== undefined) return branch.const;
  if (branch.default !== undefined) return branch.default;
  switch (branch.type) {
    case "array":
      return branch.items ? [sample(doc, branch.items)] : [];
    case "integer":
    case "number":
      return Math.max(1, Number(branch.minimum ?? 1));
    case "boolean":
      return false;
    case "object":
      return exampleBody(doc, branch);
    default:
      if (branch.format === "email") return "name@example.org";
      return branch.format === "uuid" ? SAMPLE_UUID : branch.format === "date" ? "2026-03-02" : "…";
  }
}

/** A body with every required field filled in with a value its schema allows: the example on the page. */
export function exampleBody(doc: OpenApiDocument, schema: JsonSchema): Record<string, unknown> {
  const object = resolve(doc, schema);
  const required = new Set(object.required ?? []);
  return Object.fromEntries(Object.entries(object.properties ?? {}).filter(([name]) => required.has(name)).map(([name, p]) => [name, sample(doc, p)]));
}
