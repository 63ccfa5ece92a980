// @driver-independent: no database (README, Tests: run once).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GET } from "@/app/api/v1/openapi.json/route";
import { Endpoint } from "@/app/api-docs/Endpoint";
import { bodyRows, exampleBody, parameterRows, typeLabel } from "@/app/api-docs/schema-view";
import { openApiDocument, type JsonSchema, type OpenApiDocument } from "@/lib/api/openapi";
import { createClient, patchClient, updateClient } from "@/lib/clients/commands";
import { publishEdition } from "@/lib/editions/operations";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { translator } from "@/lib/i18n/translate";
import { KINDS, STAGES, createSchema } from "@/lib/records/kinds";

const doc = openApiDocument("en");

function schemaNamed(name: string): JsonSchema {
  return doc.components.schemas[name];
}

function pascal(text: string) {
  return text.replace(/(^|[-_])(\w)/g, (_, _s, c: string) => c.toUpperCase());
}

/** Every `$ref` anywhere in the document, as the path it points at. */
function refs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refs);
  if (!node || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) => (key === "$ref" && typeof value === "string" ? [value] : refs(value)));
}

function at(document: OpenApiDocument, ref: string): unknown {
  return ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
}

/** The issues a schema reports for a body, by field, leaving out the cross-field rules (custom issues but a missing field). */
function shapeIssues(schema: z.ZodType, body: Record<string, unknown>): Set<string> {
  const result = schema.safeParse(body);
  if (result.success) return new Set();
  // A field missing from a full update is a custom issue too, but of that field alone (lib/validation.ts `required`).
  const ofField = (i: z.core.$ZodIssue) => i.code !== "custom" || (i.params as { key?: string } | undefined)?.key === "fieldMissing";
  return new Set(result.error.issues.filter(ofField).map((i) => String(i.path[0] ?? "_form")));
}

describe("OpenAPI document", () => {
  it("is an OpenAPI 3.1 document with info, servers and both ways to sign in", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("Lotse API");
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(doc.servers).toEqual([{ url: "/" }]);
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie" });
    expect(doc.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    expect(() => JSON.parse(JSON.stringify(doc))).not.toThrow();
  });

  it("covers the caller and the lists, clients, every record kind, the figures, the editions and itself, with unique operation ids", () => {
    const expected: Record<string, string[]> = {
      "/api/v1/me": ["get"],
      "/api/v1/org-units": ["get"],
      "/api/v1/occupations": ["get"],
      "/api/v1/countries": ["get"],
      "/api/v1/clients": ["get", "post"],
      "/api/v1/clients/{id}": ["get", "patch", "put"],
      "/api/v1/clients/{id}/export": ["get"],
      "/api/v1/openapi.json": ["get"],
      "/api/v1/figures": ["get"],
      "/api/v1/figures/breakdown": ["get"],
      "/api/v1/figures/drilldown": ["get"],
      "/api/v1/figures/duplicates": ["get"],
      "/api/v1/editions": ["get", "post"],
      "/api/v1/editions/{id}": ["get"],
    };
    for (const spec of KINDS) {
      expected[`/api/v1/${spec.slug}`] = ["get", "post"];
      expected[`/api/v1/${spec.slug}/{id}`] = ["delete", "get", "patch", "put"];
    }
    expect(Object.fromEntries(Object.entries(doc.paths).map(([path, item]) => [path, Object.keys(item).sort()]))).toEqual(expected);
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths["/api/v1/openapi.json"].get!.security).toEqual([]);
  });

  it("resolves every $ref, and every error answer is the shared error schema", () => {
    for (const ref of refs(doc)) expect(at(doc, ref), ref).toBeDefined();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) < 400) continue;
          const target = ("$ref" in response ? at(doc, response.$ref) : response) as { content: { "application/json": { schema: JsonSchema } } };
          expect(target.content["application/json"].schema, `${method} ${path} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
        }
      }
    }
    expect(schemaNamed("Error").properties!.error.properties!.kind.enum).toEqual(
      expect.arrayContaining(["unauthenticated", "forbidden", "not_found", "validation", "conflict"]),
    );
  });

  it("answers with the statuses each kind of operation can give", () => {
    for (const spec of KINDS) {
      const list = doc.paths[`/api/v1/${spec.slug}`];
      const one = doc.paths[`/api/v1/${spec.slug}/{id}`];
      expect(Object.keys(list.get!.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "422"]));
      expect(Object.keys(list.post!.responses)).toEqual(expect.arrayContaining(["201", "401", "403", "422"]));
      expect(Object.keys(one.get!.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "404"]));
      expect(Object.keys(one.put!.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "404", "409", "422"]));
      expect(Object.keys(one.patch!.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "404", "409", "422"]));
      expect(list.post!.responses["201"]).toMatchObject({ headers: { "Idempotent-Replayed": { schema: { const: "true" } } } });
      expect(Object.keys(one.delete!.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "404", "409", "422"]));
    }
  });

  it("names the list filters, the delete version and the Idempotency-Key header", () => {
    for (const spec of KINDS) {
      const list = doc.paths[`/api/v1/${spec.slug}`].get!.parameters!;
      expect(list.map((p) => p.name)).toEqual(["from", "to", "unitId", "clientId", "clientRef", "adviserId", "page", "pageSize"]);
      expect(list.every((p) => p.in === "query" && !p.required)).toBe(true);
      const remove = doc.paths[`/api/v1/${spec.slug}/{id}`].delete!.parameters!;
      expect(remove).toEqual([
        expect.objectContaining({ name: "id", in: "path", required: true }),
        expect.objectContaining({ name: "version", in: "query", required: true }),
      ]);
      const create = doc.paths[`/api/v1/${spec.slug}`].post!;
      expect(create.parameters).toEqual([expect.objectContaining({ name: "Idempotency-Key", in: "header", required: false })]);
      expect(schemaNamed(`${pascal(spec.kind)}Create`).required).not.toContain("idempotencyKey");
    }
    expect(doc.paths["/api/v1/clients"].post!.parameters![0].name).toBe("Idempotency-Key");
    expect(doc.paths["/api/v1/clients"].get!.parameters!.map((p) => p.name)).toEqual(["q", "contactPointId", "reminders", "lastContactFrom", "lastContactTo", "sort", "order", "page", "pageSize"]);
  });

  it("describes exactly the fields the server parses, with the right ones required", () => {
    const bodies = [
      ...KINDS.flatMap((spec) => [
        { name: `${pascal(spec.kind)}Create`, schema: RECORD_OPERATIONS[spec.kind].create.input, fromPath: [] as string[] },
        { name: `${pascal(spec.kind)}Update`, schema: RECORD_OPERATIONS[spec.kind].update.input, fromPath: ["id"] },
        { name: `${pascal(spec.kind)}Patch`, schema: RECORD_OPERATIONS[spec.kind].patch.input, fromPath: ["id"] },
      ]),
      { name: "ClientCreate", schema: createClient.input as z.ZodType, fromPath: [] },
      { name: "ClientUpdate", schema: updateClient.input as z.ZodType, fromPath: ["id"] },
      { name: "ClientPatch", schema: patchClient.input as z.ZodType, fromPath: ["id"] },
      { name: "EditionPublish", schema: publishEdition.input as z.ZodType, fromPath: [] },
    ];
    for (const { name, schema, fromPath } of bodies) {
      const json = schemaNamed(name);
      const shape = (schema as z.ZodObject).shape;
      expect(Object.keys(json.properties!).sort(), name).toEqual(Object.keys(shape).filter((k) => !fromPath.includes(k)).sort());
      // A body with just the required fields has no field missing or malformed (cross-field rules aside) ...
      const fromRoute = Object.fromEntries(fromPath.map((key) => [key, "3fa85f64-5717-4562-b3fc-2c963f66afa6"]));
      const full: Record<string, unknown> = { ...exampleBody(doc, json), ...("idempotencyKey" in shape ? { idempotencyKey: "key-12345678" } : {}), ...fromRoute };
      expect([...shapeIssues(schema, full)], name).toEqual([]);
      // ... and leaving out a required one is an error on that field, leaving out any other is not.
      // (idempotencyKey is the exception: the Idempotency-Key header may carry it instead.)
      for (const field of Object.keys(json.properties!).filter((f) => f !== "idempotencyKey")) {
        const { [field]: _left, ...rest } = full;
        const missing = shapeIssues(schema, rest).has(field);
        expect(missing, `${name}.${field}`).toBe(json.required!.includes(field));
      }
    }
  });

  it("sees through z.preprocess: a missing checkbox or blank is optional, a missing topic list is not", () => {
    const scheme = schemaNamed("JobTrainingSchemeCreate");
    expect(scheme.required).not.toContain("regulatedProfession");
    expect(scheme.properties!.regulatedProfession.type).toBe("boolean");
    expect(scheme.properties!.plannedEndOn.anyOf).toEqual(expect.arrayContaining([{ type: "string", format: "date" }, { type: "null" }]));
    expect(schemaNamed("FairIntegrationEventCreate").required).toContain("topics");
    expect(schemaNamed("AdviceSessionCreate").properties!.stage.enum).toEqual([...STAGES]);
    expect(schemaNamed("ClientCreate").required).toEqual(["contactPointId"]);
  });

  it("requires every field of a full update and only the version of a partial one", () => {
    const fields = (name: string) => Object.keys(schemaNamed(name).properties!);
    for (const spec of KINDS) {
      const one = pascal(spec.kind);
      expect([...schemaNamed(`${one}Update`).required!].sort(), one).toEqual(fields(`${one}Update`).sort());
      expect(fields(`${one}Patch`).sort(), one).toEqual(fields(`${one}Update`).sort());
      expect(schemaNamed(`${one}Patch`).required, one).toEqual(["version"]);
    }
    const consent = ["consentGivenOn", "consentPurposeId"];
    expect([...schemaNamed("ClientUpdate").required!].sort()).toEqual(fields("ClientUpdate").filter((f) => !consent.includes(f)).sort());
    expect(schemaNamed("ClientUpdate").required).toContain("citizenship");
    expect(schemaNamed("ClientPatch").required).toEqual(["version"]);
  });

  it("gives a page example that the server accepts as it is", () => {
    const body = exampleBody(doc, schemaNamed("AdviceSessionCreate"));
    const spec = KINDS.find((k) => k.kind === "advice_session")!;
    expect(createSchema(spec).safeParse({ ...body, idempotencyKey: "example-key-1" }).success).toBe(true);
  });

  it("is the same document in German, only in other words", () => {
    const de = openApiDocument("de");
    expect(Object.keys(de.paths)).toEqual(Object.keys(doc.paths));
    expect(Object.keys(de.components.schemas)).toEqual(Object.keys(doc.components.schemas));
    expect(de.paths["/api/v1/advice-sessions"].get!.summary).toBe("Beratungsgespräche auflisten");
    expect(doc.paths["/api/v1/advice-sessions"].get!.summary).toBe("List advice sessions");
  });
});

describe("API page helpers", () => {
  it("render a schema as rows of name, type, requiredness and allowed values", () => {
    const rows = bodyRows(doc, { $ref: "#/components/schemas/EnrolmentCreate" });
    const outcome = rows.find((r) => r.name === "outcome")!;
    expect(outcome).toMatchObject({ type: "string", required: true, values: ["ongoing", "successful", "discontinued"] });
    const achievement = rows.find((r) => r.name === "achievement")!;
    expect(achievement).toMatchObject({ type: "string | null", required: false, values: ["full_equivalence", "job_entry_at_level"] });
    expect(achievement.constraints).toContainEqual({ key: "empty" });
    expect(typeLabel(schemaNamed("EnrolmentCreate").properties!.outcomeOn)).toBe("string (date) | null");
    const topics = bodyRows(doc, schemaNamed("FairIntegrationSessionCreate")).find((r) => r.name === "topics")!;
    expect(topics.type).toBe("array<string>");
    expect(topics.constraints).toContainEqual({ key: "items", min: 1, max: 7 });
    const params = parameterRows(doc.paths["/api/v1/enrolments"].get!.parameters!);
    expect(params.find((p) => p.name === "pageSize")!.constraints).toEqual(expect.arrayContaining([{ key: "range", min: 1, max: 200 }, { key: "default", value: "50" }]));
  });
});

describe("API page", () => {
  it("shows an endpoint's method, path, summary, body fields and answers from the document", () => {
    const de = openApiDocument("de");
    const path = "/api/v1/fair-integration-events";
    const html = renderToStaticMarkup(createElement(Endpoint, { t: translator("de"), doc: de, path, method: "post", op: de.paths[path].post! }));
    expect(html).toContain(">POST<");
    expect(html).toContain(`<code>${path}</code>`);
    expect(html).toContain("Gruppenveranstaltung Faire Integration anlegen");
    for (const field of ["title", "participants", "topics", "occurredOn", "unitId", "Idempotency-Key"]) expect(html).toContain(`<code>${field}</code>`);
    expect(html).toContain("<code>dismissal_termination</code>");
    for (const status of ["201", "401", "403", "422"]) expect(html).toContain(`<code>${status}</code>`);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("answers the document publicly, cacheable, in English or in German", async () => {
    const response = GET(new Request("http://localhost/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = (await response.json()) as OpenApiDocument;
    expect(body).toEqual(JSON.parse(JSON.stringify(doc)));
    const german = (await GET(new Request("http://localhost/api/v1/openapi.json?lang=de")).json()) as OpenApiDocument;
    expect(german.paths["/api/v1/clients"].post!.summary).toBe("Fall anlegen");
  });
});
