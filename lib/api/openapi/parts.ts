/** The small pieces every resource's part of the document is built from: scalar schemas, references, operations, responses. */
import type { Translate } from "@/lib/i18n/translate";
import type { Action, ApiOperation, ApiResponse, Content, JsonSchema, Paths } from "./types";

export const uuid: JsonSchema = { type: "string", format: "uuid" };
export const date: JsonSchema = { type: "string", format: "date" };
export const timestamp: JsonSchema = { type: "string", format: "date-time" };
export const int: JsonSchema = { type: "integer" };
export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: "null" }] });
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: JsonSchema): Content => ({ "application/json": { schema } });

export function pascal(text: string): string {
  return text.replace(/(^|[-_])(\w)/g, (_, _sep, c: string) => c.toUpperCase());
}

export function pageOf(item: string): JsonSchema {
  return {
    type: "object",
    properties: { items: { type: "array", items: ref(item) }, page: int, pageSize: int, total: int },
    required: ["items", "page", "pageSize", "total"],
  };
}

/** A success response whose body is the named component schema. */
export function ok(t: Translate, schema: string, status = "200"): Record<string, ApiResponse> {
  return { [status]: { description: t(`api.responses.${status}`), content: json(ref(schema)) } };
}

/** A create's answer: 201 with what it made, the same again for a repeat, which says so in a header. */
export function created(t: Translate, schema: string): Record<string, ApiResponse> {
  return {
    "201": {
      description: t("api.responses.201"),
      content: json(ref(schema)),
      headers: { "Idempotent-Replayed": { description: t("api.fields.replayed"), schema: { type: "string", const: "true" } } },
    },
  };
}

export function failures(...statuses: number[]): Record<string, ApiResponse> {
  const names: Record<number, string> = { 401: "Unauthenticated", 403: "Forbidden", 404: "NotFound", 409: "Conflict", 413: "TooLarge", 422: "Invalid", 503: "Unavailable" };
  return Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/${names[s]}` }]));
}

/** A resource as the document names it: its tag and its names in the locale. */
export interface Resource {
  key: string;
  tag: string;
  one: string;
  other: string;
}

export function resourceOf(t: Translate, key: string): Resource {
  return { key, tag: t(`api.resources.${key}.title`), one: t(`api.resources.${key}.one`), other: t(`api.resources.${key}.other`) };
}

export function operation(t: Translate, resource: Resource, action: Action, id: string, rest: Omit<ApiOperation, "operationId" | "summary" | "description" | "tags" | "x-lotse">): ApiOperation {
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

/** One resource's (or a family of resources') share of the document. */
export interface Section {
  resources: Resource[];
  paths: Paths;
  schemas: Record<string, JsonSchema>;
}
