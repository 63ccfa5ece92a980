/** Clients in the document: search, create, read as a case, update, export. */
import { ERASURE_REASONS } from "@/db/schema";
import { createClient, patchClient, updateClient } from "@/lib/clients/commands";
import { exportClient, getClient, searchClients } from "@/lib/clients/queries";
import { personalShape, statisticalShape } from "@/lib/clients/schemas";
import type { Translate } from "@/lib/i18n/translate";
import { created, date, failures, int, json, nullable, ok, operation, pageOf, ref, resourceOf, timestamp, uuid, type Section } from "./parts";
import type { JsonSchema } from "./types";
import { body, idempotencyHeader, parameters, storedProperties } from "./zod-schemas";

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
      properties: {
        ...Object.fromEntries(summary.map((key) => [key, properties[key]])),
        lastContact: nullable(date),
        openReminders: { ...int, description: "Reminders not yet done" },
        overdueReminders: { ...int, description: "Open reminders due before today (Europe/Berlin)" },
      },
      required: [...summary, "lastContact", "openReminders", "overdueReminders"],
    },
    ClientPage: pageOf("ClientSummary"),
    Erasure: {
      type: "object",
      description: "One erasure of the client's personal data: a withdrawal of consent a user recorded, or the retention rule (no contact for retentionYears years since lastContactOn).",
      properties: {
        id: uuid,
        at: timestamp,
        reason: { type: "string", enum: [...ERASURE_REASONS] },
        actorId: nullable(uuid),
        actorName: nullable({ type: "string" }),
        retentionYears: nullable(int),
        lastContactOn: nullable(date),
      },
      required: ["id", "at", "reason", "actorId", "actorName", "retentionYears", "lastContactOn"],
    },
    KnownElsewhere: {
      type: "object",
      description:
        "A duplicate hint: another contact point where a client with the same keyed pseudonym of name and birth year (or one linked with this client) is registered. Names the contact point only, never the client there.",
      properties: {
        contactPointId: uuid,
        name: { type: "string" },
        nameEn: nullable({ type: "string" }),
        matches: int,
        linked: int,
      },
      required: ["contactPointId", "name", "nameEn", "matches", "linked"],
    },
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
        erasures: { type: "array", items: ref("Erasure") },
        knownElsewhere: { type: "array", items: ref("KnownElsewhere") },
      },
      required: ["client", "occupation", "consents", "activeConsent", "timeline", "schemes", "reminders", "erasures", "knownElsewhere"],
    },
  };
}

/** Everything held about one client (GDPR subject access), see exportClient. */
function exportSchema(): JsonSchema {
  return {
    type: "object",
    properties: {
      exportedAt: timestamp,
      client: ref("Client"),
      occupation: nullable({ type: "object", additionalProperties: true }),
      consents: { type: "array", items: { type: "object", additionalProperties: true } },
      records: { type: "array", items: { type: "object", additionalProperties: true } },
      history: { type: "array", items: { type: "object", additionalProperties: true } },
      reminders: { type: "array", items: { type: "object", additionalProperties: true } },
      erasures: { type: "array", items: ref("Erasure") },
      knownElsewhere: { type: "array", items: ref("KnownElsewhere") },
    },
    required: ["exportedAt", "client", "occupation", "consents", "records", "history", "reminders", "erasures", "knownElsewhere"],
  };
}

export function clientsSection(t: Translate): Section {
  const clients = resourceOf(t, "clients");
  return {
    resources: [clients],
    paths: {
      "/api/v1/clients": {
        get: operation(t, clients, "list", "listClients", {
          parameters: parameters(t, searchClients.input),
          responses: { ...ok(t, "ClientPage"), ...failures(401, 403, 422, 503) },
        }),
        post: operation(t, clients, "create", "createClient", {
          parameters: [idempotencyHeader(t, createClient.input)],
          requestBody: { required: true, content: json(ref("ClientCreate")) },
          responses: { ...created(t, "Client"), ...failures(401, 403, 413, 422, 503) },
        }),
      },
      "/api/v1/clients/{id}": {
        get: operation(t, clients, "get", "getClient", {
          parameters: parameters(t, getClient.input, ["id"]),
          responses: { ...ok(t, "ClientCase"), ...failures(401, 403, 404, 422, 503) },
        }),
        put: operation(t, clients, "update", "updateClient", {
          parameters: parameters(t, exportClient.input, ["id"]),
          requestBody: { required: true, content: json(ref("ClientUpdate")) },
          responses: { ...ok(t, "Client"), ...failures(401, 403, 404, 409, 413, 422, 503) },
        }),
        patch: operation(t, clients, "patch", "patchClient", {
          parameters: parameters(t, getClient.input, ["id"]),
          requestBody: { required: true, content: json(ref("ClientPatch")) },
          responses: { ...ok(t, "Client"), ...failures(401, 403, 404, 409, 413, 422, 503) },
        }),
      },
      "/api/v1/clients/{id}/export": {
        get: operation(t, clients, "export", "exportClient", {
          parameters: parameters(t, exportClient.input, ["id"]),
          responses: { ...ok(t, "ClientExport"), ...failures(401, 403, 404, 422, 503) },
        }),
      },
    },
    schemas: {
      ...clientSchemas(),
      ClientExport: exportSchema(),
      ClientCreate: body(t, createClient.input),
      ClientUpdate: body(t, updateClient.input, ["id"]),
      ClientPatch: body(t, patchClient.input, ["id"]),
    },
  };
}
