/** The network figures in the document: the report, a breakdown and a drill-down. */
import { BREAKDOWNS } from "@/lib/figures/counters";
import { COUNT_FIGURES, FIGURE_ORDER, TARGETS_KEY, TOP_OCCUPATIONS_KEY } from "@/lib/figures/definitions";
import { figuresDrilldown } from "@/lib/figures/drilldown";
import { figuresBreakdown, figuresReport } from "@/lib/figures/report";
import type { Translate } from "@/lib/i18n/translate";
import { date, failures, int, nullable, ok, operation, ref, resourceOf, uuid, type Section } from "./parts";
import type { JsonSchema } from "./types";
import { parameters } from "./zod-schemas";

/** What a report and an edition of it share: the period, the scope, the reference dates, the figures and their provenance. */
export function reportParts() {
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
  return { period, scope, reference, provenance, figureValues };
}

function figureSchemas(): Record<string, JsonSchema> {
  const { period, scope, reference, provenance, figureValues } = reportParts();
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
  // What every figures answer names first: the period and reference dates it was asked for, and its scope.
  const answered = { period, asOf: reference, completersAsOf: reference, scope };
  // A count of 1 or 2 is withheld (lib/clients/duplicates.ts).
  const smallCount: JsonSchema = {
    anyOf: [
      { type: "object", properties: { value: int, suppressed: { type: "boolean", const: false } }, required: ["value", "suppressed"] },
      { type: "object", properties: { value: { type: "null" }, suppressed: { type: "boolean", const: true } }, required: ["value", "suppressed"] },
    ],
  };
  const text = nullable({ type: "string" });
  return {
    FigureCell: cell,
    DuplicateCounts: {
      type: "array",
      items: {
        type: "object",
        properties: { regionId: nullable(uuid), name: text, nameEn: text, code: text, linked: smallCount, suspected: smallCount },
        required: ["regionId", "name", "nameEn", "code", "linked", "suspected"],
      },
    },
    FiguresReport: {
      type: "object",
      properties: {
        ...answered,
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
        ...answered,
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
        ...answered,
        by: { type: "string", enum: [...BREAKDOWNS] },
        keys: { type: "array", items: { type: "string" } },
        rows: { type: "array", items: row },
        total: row,
      },
      required: ["period", "asOf", "completersAsOf", "scope", "by", "keys", "rows", "total"],
    },
  };
}

export function figuresSection(t: Translate): Section {
  const figures = resourceOf(t, "figures");
  return {
    resources: [figures],
    paths: {
      "/api/v1/figures": {
        get: operation(t, figures, "report", "getFigures", {
          parameters: parameters(t, figuresReport.input),
          responses: { ...ok(t, "FiguresReport"), ...failures(401, 403, 404, 422, 503) },
        }),
      },
      "/api/v1/figures/breakdown": {
        get: operation(t, figures, "breakdown", "getFiguresBreakdown", {
          parameters: parameters(t, figuresBreakdown.input),
          responses: { ...ok(t, "FiguresBreakdown"), ...failures(401, 403, 404, 422, 503) },
        }),
      },
      "/api/v1/figures/duplicates": {
        get: operation(t, figures, "duplicates", "getDuplicateCounts", {
          responses: { ...ok(t, "DuplicateCounts"), ...failures(401, 403, 503) },
        }),
      },
      "/api/v1/figures/drilldown": {
        get: operation(t, figures, "drilldown", "getFiguresDrilldown", {
          parameters: parameters(t, figuresDrilldown.input),
          responses: { ...ok(t, "FiguresDrilldown"), ...failures(401, 403, 404, 422, 503) },
        }),
      },
    },
    schemas: figureSchemas(),
  };
}
