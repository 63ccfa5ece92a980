/** From the zod schemas the operations parse to JSON Schemas, request bodies and parameters. */
import { z } from "zod";
import type { Translate } from "@/lib/i18n/translate";
import { isoDate } from "@/lib/validation";
import type { JsonSchema, Parameter } from "./types";

const SAFE = Number.MAX_SAFE_INTEGER;

/** The JSON Schema of what the server accepts (`input`: before coercion, defaults and transforms) or stores (`output`). */
function toJson(schema: z.ZodType, io: "input" | "output" = "input"): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema }) => {
      // A date is a refined string: JSON Schema cannot see the refinement, so name its format.
      if ((zodSchema as unknown) === isoDate) jsonSchema.format = "date";
      // z.int() states the safe-integer range; it only adds noise here.
      if (jsonSchema.maximum === SAFE) delete jsonSchema.maximum;
      if (jsonSchema.minimum === -SAFE) delete jsonSchema.minimum;
    },
  }) as JsonSchema;
  delete json.$schema;
  return flatten(json);
}

/** `anyOf` inside `anyOf` (a nullable union) as one list: the same schema, easier to read. */
function flatten(schema: JsonSchema): JsonSchema {
  for (const [key, value] of Object.entries(schema)) {
    if (Array.isArray(value)) schema[key] = value.map((v) => (v && typeof v === "object" ? flatten(v as JsonSchema) : v));
    else if (value && typeof value === "object") schema[key] = flatten(value as JsonSchema);
  }
  if (schema.anyOf) schema.anyOf = schema.anyOf.flatMap((branch) => (branch.anyOf && Object.keys(branch).length === 1 ? branch.anyOf : [branch]));
  return schema;
}

/**
 * An object schema with the truth about which fields may be left out.
 * toJSONSchema cannot see through z.preprocess, which turns a missing checkbox
 * into false or a missing "" into null, so each field is asked directly.
 */
function objectSchema(schema: z.ZodType): JsonSchema {
  const json = toJson(schema);
  const shape: Record<string, z.ZodType> = schema instanceof z.ZodObject ? schema.shape : {};
  json.required = Object.keys(json.properties ?? {}).filter((key) => shape[key] && !shape[key].safeParse(undefined).success);
  return json;
}

const NOTED_FIELDS = [
  ...["idempotencyKey", "version", "id", "occurredOn", "unitId", "schemeId", "clientId", "contactPointId"],
  ...["qualificationCountry", "citizenship", "occupationId", "from", "to", "page", "pageSize", "q"],
  ...["asOf", "completersAsOf", "scope", "by", "title"],
];

function noted(t: Translate, properties: Record<string, JsonSchema>) {
  for (const [name, property] of Object.entries(properties)) {
    if (NOTED_FIELDS.includes(name)) property.description = t(`api.fields.${name}`);
  }
}

/** A request body: the operation's input without what the path carries. */
export function body(t: Translate, schema: z.ZodType, omit: string[] = []): JsonSchema {
  const json = objectSchema(schema);
  for (const key of omit) delete json.properties![key];
  // The key may come as the Idempotency-Key header instead (see app/api/_http/routes.ts).
  json.required = json.required!.filter((key) => !omit.includes(key) && key !== "idempotencyKey");
  noted(t, json.properties!);
  return json;
}

/** Path and query parameters: the operation's input fields, named where the route reads them. */
export function parameters(t: Translate, schema: z.ZodType, inPath: string[] = []): Parameter[] {
  const json = objectSchema(schema);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: inPath.includes(name) ? "path" : "query",
    required: inPath.includes(name) || json.required!.includes(name),
    ...(NOTED_FIELDS.includes(name) ? { description: t(`api.fields.${name}`) } : {}),
    schema: property,
  }));
}

export function idempotencyHeader(t: Translate, schema: z.ZodType): Parameter {
  return { name: "Idempotency-Key", in: "header", required: false, description: t("api.fields.idempotencyHeader"), schema: objectSchema(schema).properties!.idempotencyKey };
}

/** Stored values: the output schema, or for a transformed field (no output schema) its input schema. */
export function storedProperties(shape: Record<string, z.ZodType>): { properties: Record<string, JsonSchema>; required: string[] } {
  const schema = z.object(shape);
  const output = toJson(schema, "output");
  const input = toJson(schema, "input");
  const properties = output.properties ?? {};
  for (const [key, value] of Object.entries(properties)) if (Object.keys(value).length === 0) properties[key] = input.properties![key];
  return { properties, required: Object.keys(properties) };
}
