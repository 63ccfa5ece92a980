/** Records in the document: per kind a resource with list, create, read, update and delete. */
import type { Translate } from "@/lib/i18n/translate";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { KINDS, type KindSpec } from "@/lib/records/kinds";
import { created, date, failures, int, json, nullable, ok, operation, pageOf, pascal, ref, resourceOf, timestamp, uuid, type Resource, type Section } from "./parts";
import type { JsonSchema, Paths } from "./types";
import { body, idempotencyHeader, parameters, storedProperties } from "./zod-schemas";

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

function recordPaths(t: Translate, spec: KindSpec, resource: Resource): Paths {
  const ops = RECORD_OPERATIONS[spec.kind];
  const one = pascal(spec.kind);
  const many = pascal(spec.slug);
  return {
    [`/api/v1/${spec.slug}`]: {
      get: operation(t, resource, "list", `list${many}`, {
        parameters: parameters(t, ops.list.input),
        responses: { ...ok(t, `${one}Page`), ...failures(401, 403, 422, 503) },
      }),
      post: operation(t, resource, "create", `create${one}`, {
        parameters: [idempotencyHeader(t, ops.create.input)],
        requestBody: { required: true, content: json(ref(`${one}Create`)) },
        responses: { ...created(t, one), ...failures(401, 403, 413, 422, 503) },
      }),
    },
    [`/api/v1/${spec.slug}/{id}`]: {
      get: operation(t, resource, "get", `get${one}`, {
        parameters: parameters(t, ops.get.input, ["id"]),
        responses: { ...ok(t, one), ...failures(401, 403, 404, 422, 503) },
      }),
      put: operation(t, resource, "update", `update${one}`, {
        parameters: parameters(t, ops.get.input, ["id"]),
        requestBody: { required: true, content: json(ref(`${one}Update`)) },
        responses: { ...ok(t, one), ...failures(401, 403, 404, 409, 413, 422, 503) },
      }),
      patch: operation(t, resource, "patch", `patch${one}`, {
        parameters: parameters(t, ops.get.input, ["id"]),
        requestBody: { required: true, content: json(ref(`${one}Patch`)) },
        responses: { ...ok(t, one), ...failures(401, 403, 404, 409, 413, 422, 503) },
      }),
      delete: operation(t, resource, "delete", `delete${one}`, {
        parameters: parameters(t, ops.remove.input, ["id"]),
        responses: { ...ok(t, "Deleted"), ...failures(401, 403, 404, 409, 422, 503) },
      }),
    },
  };
}

export function recordsSection(t: Translate): Section {
  const section: Section = { resources: [], paths: {}, schemas: {} };
  for (const spec of KINDS) {
    const resource = resourceOf(t, spec.kind);
    section.resources.push(resource);
    Object.assign(section.paths, recordPaths(t, spec, resource));
    const name = pascal(spec.kind);
    const ops = RECORD_OPERATIONS[spec.kind];
    section.schemas[name] = recordSchema(spec);
    section.schemas[`${name}Page`] = pageOf(name);
    section.schemas[`${name}Create`] = body(t, ops.create.input);
    section.schemas[`${name}Update`] = body(t, ops.update.input, ["id"]);
    section.schemas[`${name}Patch`] = body(t, ops.patch.input, ["id"]);
  }
  section.schemas.Deleted = { type: "object", properties: { id: uuid, deleted: { type: "boolean", const: true }, version: int }, required: ["id", "deleted", "version"] };
  return section;
}
