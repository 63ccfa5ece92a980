/** How /api/v1 reports a failure: the Error schema and the shared responses per status. */
import type { Translate } from "@/lib/i18n/translate";
import { ref } from "./parts";
import type { ApiResponse, JsonSchema } from "./types";

const ERROR_KINDS = ["unauthenticated", "forbidden", "not_found", "validation", "conflict", "too_large", "unavailable"];

export function errorSchema(t: Translate): JsonSchema {
  return {
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
}

export function errorResponses(t: Translate): Record<string, ApiResponse> {
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
