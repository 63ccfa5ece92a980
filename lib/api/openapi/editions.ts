/** Editions in the document: publish the figures, list the editions, read one with its corrections. */
import { getEdition, publishEdition } from "@/lib/editions/operations";
import { FIGURE_ORDER } from "@/lib/figures/definitions";
import type { Translate } from "@/lib/i18n/translate";
import { reportParts } from "./figures";
import { failures, json, nullable, ok, operation, ref, resourceOf, timestamp, uuid, type Section } from "./parts";
import type { JsonSchema } from "./types";
import { body, parameters } from "./zod-schemas";

/** An edition: what was published (the report's figures, their suppression and provenance, every breakdown) and the corrections since. */
function editionSchemas(): Record<string, JsonSchema> {
  const { period, scope, reference, provenance, figureValues } = reportParts();
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

export function editionsSection(t: Translate): Section {
  const editions = resourceOf(t, "editions");
  return {
    resources: [editions],
    paths: {
      "/api/v1/editions": {
        get: operation(t, editions, "editions", "listEditions", {
          responses: { "200": { description: t("api.responses.200"), content: json({ type: "array", items: ref("EditionSummary") }) }, ...failures(401, 403, 503) },
        }),
        post: operation(t, editions, "publish", "publishEdition", {
          requestBody: { required: true, content: json(ref("EditionPublish")) },
          responses: { "201": { description: t("api.responses.201published"), content: json(ref("EditionSummary")) }, ...failures(401, 403, 413, 422, 503) },
        }),
      },
      "/api/v1/editions/{id}": {
        get: operation(t, editions, "edition", "getEdition", {
          parameters: parameters(t, getEdition.input, ["id"]),
          responses: { ...ok(t, "Edition"), ...failures(401, 403, 404, 422, 503) },
        }),
      },
    },
    schemas: { ...editionSchemas(), EditionPublish: body(t, publishEdition.input) },
  };
}
