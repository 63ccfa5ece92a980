/** The shapes of the OpenAPI 3.1 document, as far as /api/v1 and the /api-docs page use them. */

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

export type Method = "get" | "post" | "put" | "patch" | "delete";
export type Action = "list" | "create" | "get" | "update" | "patch" | "me" | "orgUnits" | "occupations" | "countries" | "delete" | "describe" | "report" | "breakdown" | "drilldown" | "duplicates" | "export" | "publish" | "editions" | "edition";

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export type Content = { "application/json": { schema: JsonSchema } };
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

export type Paths = Record<string, Partial<Record<Method, ApiOperation>>>;

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description?: string; "x-lotse-resource": string }[];
  paths: Paths;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, ApiResponse>;
    securitySchemes: Record<string, Record<string, string>>;
  };
}
