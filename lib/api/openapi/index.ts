/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the operations parse.
 * Each resource contributes its paths and schemas (./directory, ./clients, ./records, ./figures, ./editions);
 * this module puts them together in the order the document lists them.
 */
import type { Locale } from "@/lib/i18n/config";
import { translator, type Translate } from "@/lib/i18n/translate";
import { clientsSection } from "./clients";
import { directorySection } from "./directory";
import { editionsSection } from "./editions";
import { errorResponses, errorSchema } from "./errors";
import { figuresSection } from "./figures";
import { json, operation, resourceOf, type Section } from "./parts";
import { recordsSection } from "./records";
import type { OpenApiDocument } from "./types";

export type { Action, ApiOperation, ApiResponse, JsonSchema, Method, OpenApiDocument, Parameter } from "./types";

export const API_VERSION = "1.0.0";
export const OPENAPI_PATH = "/api/v1/openapi.json";

/** The document describes itself: the one operation open without a session. */
function describeSection(t: Translate): Section {
  const meta = resourceOf(t, "openapi");
  return {
    resources: [meta],
    paths: {
      [OPENAPI_PATH]: {
        get: operation(t, meta, "describe", "getOpenApiDocument", {
          security: [],
          responses: { "200": { description: t("api.responses.200"), content: json({ type: "object" }) } },
        }),
      },
    },
    schemas: {},
  };
}

function build(locale: Locale): OpenApiDocument {
  const t = translator(locale);
  const clients = clientsSection(t);
  const records = recordsSection(t);
  const figures = figuresSection(t);
  const editions = editionsSection(t);
  const directory = directorySection(t);
  const sections = [directory, clients, records, figures, editions, describeSection(t)];
  return {
    openapi: "3.1.0",
    info: { title: "Lotse API", version: API_VERSION, description: t("api.info") },
    servers: [{ url: "/" }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: sections.flatMap((s) => s.resources).map((r) => ({ name: r.tag, "x-lotse-resource": r.key })),
    paths: Object.assign({}, ...sections.map((s) => s.paths)) as OpenApiDocument["paths"],
    components: {
      schemas: { ...directory.schemas, ...clients.schemas, ...records.schemas, Error: errorSchema(t), ...figures.schemas, ...editions.schemas },
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
