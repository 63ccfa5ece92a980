import { z } from "zod";
import { createClient, updateClient } from "@/lib/clients/commands";
import { exportClient, getClient, searchClients } from "@/lib/clients/queries";
import { personalShape, statisticalShape } from "@/lib/clients/schemas";
import type { Locale } from "@/lib/i18n/config";
import { translator, type Translate } from "@/lib/i18n/translate";
import { BREAKDOWNS } from "@/lib/figures/counters";
import { COUNT_FIGURES, FIGURE_ORDER, TARGETS_KEY, TOP_OCCUPATIONS_KEY } from "@/lib/figures/definitions";
import { figuresDrilldown } from "@/lib/figures/drilldown";
import { figuresBreakdown, figuresReport } from "@/lib/figures/report";
import { getEdition, publishEdition } from "@/lib/editions/operations";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { KINDS, type KindSpec } from "@/lib/records/kinds";
import { isoDate } from "@/lib/validation";

export const API_VERSION = "1.0.0";
export const OPENAPI_PATH = "/api/v1/openapi.json";

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  $ref?: string;
  additionalProperties?: boolean | JsonSchema;
  [keyword: string]: unknown;
}

export type Method = "get" | "post" | "put" | "delete";
export type Action = "list" | "create" | "get" | "update" | "delete" | "describe" | "report" | "breakdown" | "drilldown" | "export" | "publish" | "editions" | "edition";

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

type Content = { "application/json": { schema: JsonSchema } };
export type ApiResponse = { $ref: string } | { description: string; content?: Content; headers?: Record<string, unknown> };

export interface ApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters?: Parameter[];
  requestBody?: { required: true; content: Content };
  responses: Record<string, ApiResponse>;
  security?: Record<string, string[]>[];
  /** What the human-readable page groups and names the operation by. */
  "x-lotse": { resource: string; action: Action };
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description?: string; "x-lotse-resource": string }[];
  paths: Record<string, Partial<Record<Method, ApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, ApiResponse>;
    securitySchemes: Record<string, Record<string, string>>;
  };
}

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
function body(t: Translate, schema: z.ZodType, omit: string[] = []): JsonSchema {
  const json = objectSchema(schema);
  for (const key of omit) delete json.properties![key];
  // The key may come as the Idempotency-Key header instead (see app/api/_http/routes.ts).
  json.required = json.required!.filter((key) => !omit.includes(key) && key !== "idempotencyKey");
  noted(t, json.properties!);
  return json;
}

/** Path and query parameters: the operation's input fields, named where the route reads them. */
function parameters(t: Translate, schema: z.ZodType, inPath: string[] = []): Parameter[] {
  const json = objectSchema(schema);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: inPath.includes(name) ? "path" : "query",
    required: inPath.includes(name) || json.required!.includes(name),
    ...(NOTED_FIELDS.includes(name) ? { description: t(`api.fields.${name}`) } : {}),
    schema: property,
  }));
}

function idempotencyHeader(t: Translate, schema: z.ZodType): Parameter {
  return { name: "Idempotency-Key", in: "header", required: false, description: t("api.fields.idempotencyHeader"), schema: objectSchema(schema).properties!.idempotencyKey };
}

/** Stored values: the output schema, or for a transformed field (no output schema) its input schema. */
function storedProperties(shape: Record<string, z.ZodType>): { properties: Record<string, JsonSchema>; required: string[] } {
  const schema = z.object(shape);
  const output = toJson(schema, "output");
  const input = toJson(schema, "input");
  const properties = output.properties ?? {};
  for (const [key, value] of Object.entries(properties)) if (Object.keys(value).length === 0) properties[key] = input.properties![key];
  return { properties, required: Object.keys(properties) };
}

const uuid: JsonSchema = { type: "string", format: "uuid" };
const date: JsonSchema = { type: "string", format: "date" };
const timestamp: JsonSchema = { type: "string", format: "date-time" };
const int: JsonSchema = { type: "integer" };
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: "null" }] });
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema): Content => ({ "application/json": { schema } });

function pascal(text: string): string {
  return text.replace(/(^|[-_])(\w)/g, (_, _sep, c: string) => c.toUpperCase());
}

function pageOf(item: string): JsonSchema {
  return {
    type: "object",
    properties: { items: { type: "array", items: ref(item) }, page: int, pageSize: int, total: int },
    required: ["items", "page", "pageSize", "total"],
  };
}

function recordSchema(spec: KindSpec): JsonSchema {
  const data = storedProperties(spec.data.shape);
  const properties: Record<string, JsonSchema> = {
    id: uuid,
    kind: { type: "string", const: spec.kind },
    unitId: uuid,
    clientId: spec.clientBased ? uuid : { type: "null" },
    parentId: spec.unitLevel === "scheme" ? uuid : { type: "null" },
    occurredOn: date,
    ...data.properties,
    version: int,
    createdBy: uuid,
    createdAt: timestamp,
    updatedBy: nullable(uuid),
    updatedAt: timestamp,
    deletedAt: nullable(timestamp),
    deletedBy: nullable(uuid),
  };
  return { type: "object", properties, required: Object.keys(properties) };
}

function clientSchemas(): Record<string, JsonSchema> {
  const stored = storedProperties({ ...statisticalShape, ...personalShape });
  const properties: Record<string, JsonSchema> = {
    id: uuid,
    ref: { type: "string", description: "K-XXXX-XXXX" },
    contactPointId: uuid,
    ...stored.properties,
    version: int,
    createdBy: nullable(uuid),
    createdAt: timestamp,
    updatedAt: timestamp,
  };
  const summary = ["id", "ref", "fullName", "contactPointId", "gender", "qualificationCountry", "version"];
  const loose: JsonSchema = { type: "object", additionalProperties: true };
  return {
    Client: { type: "object", properties, required: Object.keys(properties) },
    ClientSummary: {
      type: "object",
      properties: { ...Object.fromEntries(summary.map((key) => [key, properties[key]])), lastContact: nullable(date) },
      required: [...summary, "lastContact"],
    },
    ClientPage: pageOf("ClientSummary"),
    ClientCase: {
      type: "object",
      properties: {
        client: ref("Client"),
        occupation: nullable(loose),
        consents: { type: "array", items: loose },
        activeConsent: nullable(loose),
        timeline: { type: "array", items: { type: "object", properties: { id: uuid, kind: { type: "string" }, version: int }, additionalProperties: true } },
        schemes: { type: "object", additionalProperties: { type: "object", additionalProperties: true } },
        reminders: { type: "array", items: loose },
      },
      required: ["client", "occupation", "consents", "activeConsent", "timeline", "schemes", "reminders"],
    },
  };
}

function figureSchemas(): Record<string, JsonSchema> {
  const period: JsonSchema = { type: "object", properties: { from: date, to: date }, required: ["from", "to"] };
  const scope: JsonSchema = {
    type: "object",
    properties: { level: { type: "string", enum: ["network", "region", "subproject", "unit"] }, id: nullable(uuid), name: { type: "string" } },
    required: ["level", "id", "name"],
  };
  const reference: JsonSchema = { type: "string", description: "YYYY-MM-DD or ISO 8601 timestamp" };
  const count = nullable(int);
  const provenance: JsonSchema = {
    type: "object",
    properties: { source: { type: "string", enum: ["records", "orgTree", "targets"] }, asOf: reference },
    required: ["source", "asOf"],
  };
  const figureValues: Record<string, JsonSchema> = Object.fromEntries(
    FIGURE_ORDER.map((key) => [
      key,
      key === TOP_OCCUPATIONS_KEY
        ? {
            type: "array",
            items: { type: "object", properties: { id: uuid, name: { type: "string" }, count, suppressed: { type: "boolean", const: true } }, required: ["id", "name", "count"] },
          }
        : key === TARGETS_KEY
          ? nullable({
              type: "object",
              properties: { target: int, from: date, to: date, reached: int, shareReached: { type: "number" }, shareElapsed: { type: "number" } },
              required: ["target", "from", "to", "reached", "shareReached", "shareElapsed"],
            })
          : count,
    ]),
  );
  const cell: JsonSchema = {
    anyOf: [
      { type: "object", properties: { value: int }, required: ["value"] },
      { type: "object", properties: { value: { type: "null" }, suppressed: { type: "boolean", const: true } }, required: ["value", "suppressed"] },
    ],
  };
  const row: JsonSchema = {
    type: "object",
    properties: { group: { type: "string" }, label: { type: "string" }, code: { type: "string" }, cells: { type: "object", additionalProperties: ref("FigureCell") } },
    required: ["group", "label", "code", "cells"],
  };
  return {
    FigureCell: cell,
    FiguresReport: {
      type: "object",
      properties: {
        period,
        asOf: reference,
        completersAsOf: reference,
        scope,
        figures: { type: "object", properties: figureValues, required: FIGURE_ORDER },
        suppressed: { type: "array", items: { type: "string" } },
        provenance: {
          type: "object",
          description: "Per figure: its source and the reference date it uses (a day or an instant).",
          properties: Object.fromEntries(FIGURE_ORDER.map((key) => [key, provenance])),
          required: FIGURE_ORDER,
        },
      },
      required: ["period", "asOf", "completersAsOf", "scope", "figures", "suppressed", "provenance"],
    },
    FiguresDrilldown: {
      type: "object",
      properties: {
        figure: { type: "string", enum: COUNT_FIGURES.map((f) => f.key) },
        period,
        asOf: reference,
        completersAsOf: reference,
        scope,
        path: { type: "array", items: { type: "object", properties: { id: uuid, name: { type: "string" } }, required: ["id", "name"] } },
        total: ref("FigureCell"),
        rows: {
          type: "array",
          items: {
            type: "object",
            properties: { id: uuid, level: { type: "string", enum: ["region", "subproject", "contact_point"] }, name: { type: "string" }, cell: ref("FigureCell"), hasChildren: { type: "boolean" } },
            required: ["id", "level", "name", "cell", "hasChildren"],
          },
        },
      },
      required: ["figure", "period", "asOf", "completersAsOf", "scope", "path", "total", "rows"],
    },
    FiguresBreakdown: {
      type: "object",
      properties: {
        period,
        asOf: reference,
        completersAsOf: reference,
        scope,
        by: { type: "string", enum: [...BREAKDOWNS] },
        keys: { type: "array", items: { type: "string" } },
        rows: { type: "array", items: row },
        total: row,
      },
      required: ["period", "asOf", "completersAsOf", "scope", "by", "keys", "rows", "total"],
    },
    ...editionSchemas({ period, scope, reference, figureValues }),
  };
}

/** An edition: what was published (the report's figures, their suppression and provenance, every breakdown) and the corrections since. */
function editionSchemas(parts: { period: JsonSchema; scope: JsonSchema; reference: JsonSchema; figureValues: Record<string, JsonSchema> }): Record<string, JsonSchema> {
  const { period, scope, reference, figureValues } = parts;
  const summary: Record<string, JsonSchema> = {
    id: uuid,
    title: { type: "string" },
    period,
    asOf: reference,
    completersAsOf: reference,
    scope,
    definitionsVersion: { type: "string" },
    publishedAt: timestamp,
    publishedBy: { type: "object", properties: { id: uuid, name: { type: "string" } }, required: ["id", "name"] },
  };
  const anyValue: JsonSchema = { description: "As in FiguresReport.figures" };
  const correction: JsonSchema = {
    type: "object",
    properties: {
      key: { type: "string" },
      published: anyValue,
      current: anyValue,
      publishedSuppressed: { type: "boolean" },
      currentSuppressed: { type: "boolean" },
      difference: nullable({ type: "number" }),
      changed: { type: "boolean" },
    },
    required: ["key", "published", "current", "publishedSuppressed", "currentSuppressed", "difference", "changed"],
  };
  const provenance: JsonSchema = { type: "object", properties: { source: { type: "string", enum: ["records", "orgTree", "targets"] }, asOf: reference }, required: ["source", "asOf"] };
  return {
    EditionSummary: { type: "object", properties: summary, required: Object.keys(summary) },
    Edition: {
      type: "object",
      properties: {
        ...summary,
        figures: { type: "object", properties: figureValues, required: FIGURE_ORDER },
        suppressed: { type: "array", items: { type: "string" } },
        provenance: { type: "object", additionalProperties: provenance },
        breakdowns: { type: "array", items: ref("FiguresBreakdown") },
        corrections: {
          type: "object",
          properties: { asOf: timestamp, completersAsOf: timestamp, figures: { type: "array", items: correction } },
          required: ["asOf", "completersAsOf", "figures"],
        },
      },
      required: [...Object.keys(summary), "figures", "suppressed", "provenance", "breakdowns", "corrections"],
    },
  };
}

const ERROR_KINDS = ["unauthenticated", "forbidden", "not_found", "validation", "conflict", "too_large", "unavailable"];

function errorResponses(t: Translate): Record<string, ApiResponse> {
  const error = { "application/json": { schema: ref("Error") } };
  return {
    Unauthenticated: { description: t("api.responses.401"), content: error, headers: { "WWW-Authenticate": { schema: { type: "string" } } } },
    Forbidden: { description: t("api.responses.403"), content: error },
    NotFound: { description: t("api.responses.404"), content: error },
    Conflict: { description: t("api.responses.409"), content: error },
    Invalid: { description: t("api.responses.422"), content: error },
    TooLarge: { description: t("api.responses.413"), content: error },
    Unavailable: { description: t("api.responses.503"), content: error },
  };
}

const failures = (...statuses: number[]): Record<string, ApiResponse> => {
  const names: Record<number, string> = { 401: "Unauthenticated", 403: "Forbidden", 404: "NotFound", 409: "Conflict", 413: "TooLarge", 422: "Invalid", 503: "Unavailable" };
  return Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/${names[s]}` }]));
};

interface Resource {
  key: string;
  tag: string;
  one: string;
  other: string;
}

function operation(t: Translate, resource: Resource, action: Action, id: string, rest: Omit<ApiOperation, "operationId" | "summary" | "description" | "tags" | "x-lotse">): ApiOperation {
  const names = { resource: resource.one, resources: resource.other };
  return {
    operationId: id,
    summary: t(`api.summaries.${action}`, names),
    description: t(`api.descriptions.${action}`, names),
    tags: [resource.tag],
    ...rest,
    "x-lotse": { resource: resource.key, action },
  };
}

function recordPaths(t: Translate, spec: KindSpec, resource: Resource): OpenApiDocument["paths"] {
  const ops = RECORD_OPERATIONS[spec.kind];
  const one = pascal(spec.kind);
  const many = pascal(spec.slug);
  const ok = (schema: string, status = "200") => ({ [status]: { description: t(`api.responses.${status}`), content: json(ref(schema)) } });
  return {
    [`/api/v1/${spec.slug}`]: {
      get: operation(t, resource, "list", `list${many}`, {
        parameters: parameters(t, ops.list.input),
        responses: { ...ok(`${one}Page`), ...failures(401, 403, 422, 503) },
      }),
      post: operation(t, resource, "create", `create${one}`, {
        parameters: [idempotencyHeader(t, ops.create.input)],
        requestBody: { required: true, content: json(ref(`${one}Create`)) },
        responses: { ...ok(one, "201"), ...failures(401, 403, 413, 422, 503) },
      }),
    },
    [`/api/v1/${spec.slug}/{id}`]: {
      get: operation(t, resource, "get", `get${one}`, {
        parameters: parameters(t, ops.get.input, ["id"]),
        responses: { ...ok(one), ...failures(401, 403, 404, 422, 503) },
      }),
      put: operation(t, resource, "update", `update${one}`, {
        parameters: parameters(t, ops.get.input, ["id"]),
        requestBody: { required: true, content: json(ref(`${one}Update`)) },
        responses: { ...ok(one), ...failures(401, 403, 404, 409, 413, 422, 503) },
      }),
      delete: operation(t, resource, "delete", `delete${one}`, {
        parameters: parameters(t, ops.remove.input, ["id"]),
        responses: { ...ok("Deleted"), ...failures(401, 403, 404, 409, 422, 503) },
      }),
    },
  };
}

function resourceOf(t: Translate, key: string): Resource {
  return { key, tag: t(`api.resources.${key}.title`), one: t(`api.resources.${key}.one`), other: t(`api.resources.${key}.other`) };
}

function build(locale: Locale): OpenApiDocument {
  const t = translator(locale);
  const clients = resourceOf(t, "clients");
  const meta = resourceOf(t, "openapi");
  const ok = (schema: string, status = "200") => ({ [status]: { description: t(`api.responses.${status}`), content: json(ref(schema)) } });
  const paths: OpenApiDocument["paths"] = {
    "/api/v1/clients": {
      get: operation(t, clients, "list", "listClients", {
        parameters: parameters(t, searchClients.input),
        responses: { ...ok("ClientPage"), ...failures(401, 403, 422, 503) },
      }),
      post: operation(t, clients, "create", "createClient", {
        parameters: [idempotencyHeader(t, createClient.input)],
        requestBody: { required: true, content: json(ref("ClientCreate")) },
        responses: { ...ok("Client", "201"), ...failures(401, 403, 413, 422, 503) },
      }),
    },
    "/api/v1/clients/{id}": {
      get: operation(t, clients, "get", "getClient", {
        parameters: parameters(t, getClient.input, ["id"]),
        responses: { ...ok("ClientCase"), ...failures(401, 403, 404, 422, 503) },
      }),
      put: operation(t, clients, "update", "updateClient", {
        parameters: parameters(t, getClient.input, ["id"]),
        requestBody: { required: true, content: json(ref("ClientUpdate")) },
        responses: { ...ok("Client"), ...failures(401, 403, 404, 409, 413, 422, 503) },
      }),
    },
  };
  paths["/api/v1/clients/{id}/export"] = {
    get: operation(t, clients, "export", "exportClient", {
      parameters: parameters(t, exportClient.input, ["id"]),
      responses: { ...ok("ClientExport"), ...failures(401, 403, 404, 422, 503) },
    }),
  };
  const schemas: Record<string, JsonSchema> = {
    ...clientSchemas(),
    ClientExport: {
      type: "object",
      properties: {
        exportedAt: timestamp,
        client: ref("Client"),
        occupation: nullable({ type: "object", additionalProperties: true }),
        consents: { type: "array", items: { type: "object", additionalProperties: true } },
        records: { type: "array", items: { type: "object", additionalProperties: true } },
        history: { type: "array", items: { type: "object", additionalProperties: true } },
        reminders: { type: "array", items: { type: "object", additionalProperties: true } },
      },
      required: ["exportedAt", "client", "occupation", "consents", "records", "history", "reminders"],
    },
    ClientCreate: body(t, createClient.input),
    ClientUpdate: body(t, updateClient.input, ["id"]),
  };
  const resources = [clients];
  for (const spec of KINDS) {
    const resource = resourceOf(t, spec.kind);
    resources.push(resource);
    Object.assign(paths, recordPaths(t, spec, resource));
    const name = pascal(spec.kind);
    const ops = RECORD_OPERATIONS[spec.kind];
    schemas[name] = recordSchema(spec);
    schemas[`${name}Page`] = pageOf(name);
    schemas[`${name}Create`] = body(t, ops.create.input);
    schemas[`${name}Update`] = body(t, ops.update.input, ["id"]);
  }
  schemas.Deleted = { type: "object", properties: { id: uuid, deleted: { type: "boolean", const: true }, version: int }, required: ["id", "deleted", "version"] };
  schemas.Error = {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["kind"],
        properties: {
          kind: { type: "string", enum: ERROR_KINDS },
          fieldErrors: { type: "object", description: t("api.fields.fieldErrors"), additionalProperties: { type: "array", items: { type: "string" } } },
          current: { description: t("api.fields.current") },
          reason: { type: "string" },
          message: { type: "string" },
        },
      },
    },
  };
  const figures = resourceOf(t, "figures");
  resources.push(figures);
  paths["/api/v1/figures"] = {
    get: operation(t, figures, "report", "getFigures", {
      parameters: parameters(t, figuresReport.input),
      responses: { ...ok("FiguresReport"), ...failures(401, 403, 404, 422, 503) },
    }),
  };
  paths["/api/v1/figures/breakdown"] = {
    get: operation(t, figures, "breakdown", "getFiguresBreakdown", {
      parameters: parameters(t, figuresBreakdown.input),
      responses: { ...ok("FiguresBreakdown"), ...failures(401, 403, 404, 422, 503) },
    }),
  };
  paths["/api/v1/figures/drilldown"] = {
    get: operation(t, figures, "drilldown", "getFiguresDrilldown", {
      parameters: parameters(t, figuresDrilldown.input),
      responses: { ...ok("FiguresDrilldown"), ...failures(401, 403, 404, 422, 503) },
    }),
  };
  Object.assign(schemas, figureSchemas());
  const editions = resourceOf(t, "editions");
  resources.push(editions);
  paths["/api/v1/editions"] = {
    get: operation(t, editions, "editions", "listEditions", {
      responses: { "200": { description: t("api.responses.200"), content: json({ type: "array", items: ref("EditionSummary") }) }, ...failures(401, 403, 503) },
    }),
    post: operation(t, editions, "publish", "publishEdition", {
      requestBody: { required: true, content: json(ref("EditionPublish")) },
      responses: { "201": { description: t("api.responses.201published"), content: json(ref("EditionSummary")) }, ...failures(401, 403, 413, 422, 503) },
    }),
  };
  paths["/api/v1/editions/{id}"] = {
    get: operation(t, editions, "edition", "getEdition", {
      parameters: parameters(t, getEdition.input, ["id"]),
      responses: { ...ok("Edition"), ...failures(401, 403, 404, 422, 503) },
    }),
  };
  schemas.EditionPublish = body(t, publishEdition.input);
  paths[OPENAPI_PATH] = {
    get: operation(t, meta, "describe", "getOpenApiDocument", {
      security: [],
      responses: { "200": { description: t("api.responses.200"), content: json({ type: "object" }) } },
    }),
  };
  resources.push(meta);
  return {
    openapi: "3.1.0",
    info: { title: "Lotse API", version: API_VERSION, description: t("api.info") },
    servers: [{ url: "/" }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: resources.map((r) => ({ name: r.tag, "x-lotse-resource": r.key })),
    paths,
    components: {
      schemas,
      responses: errorResponses(t),
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: t("api.security.bearer") },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: t("api.security.cookie") },
      },
    },
  };
}

const built = new Map<Locale, OpenApiDocument>();

/** The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the operations parse. */
export function openApiDocument(locale: Locale = "en"): OpenApiDocument {
  if (!built.has(locale)) built.set(locale, build(locale));
  return structuredClone(built.get(locale)!);
}
