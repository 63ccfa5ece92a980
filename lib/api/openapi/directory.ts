/** Who the caller is and the lists a client program looks ids up in: org units, occupations, countries. */
import type { Translate } from "@/lib/i18n/translate";
import { listCountries } from "@/lib/countries";
import { searchOccupations } from "@/lib/occupations";
import { listVisibleUnits } from "@/lib/org/queries";
import { date, failures, nullable, ok, operation, pageOf, resourceOf, uuid, type Section } from "./parts";
import type { JsonSchema } from "./types";
import { parameters } from "./zod-schemas";

const text: JsonSchema = { type: "string" };
const LEVELS = ["network", "region", "subproject", "contact_point"];
const ROLES = ["adviser", "regional_coordinator", "network_coordinator", "admin"];

function object(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: "object", properties, required: Object.keys(properties) };
}

function directorySchemas(): Record<string, JsonSchema> {
  const unit = {
    id: uuid,
    level: { type: "string", enum: LEVELS },
    parentId: nullable(uuid),
    regionId: nullable(uuid),
    name: text,
    nameEn: nullable(text),
    town: nullable(text),
    activeFrom: date,
    activeUntil: nullable(date),
  };
  return {
    Me: object({
      user: object({ id: uuid, name: text, email: text }),
      role: { type: "string", enum: ROLES },
      scope: { type: "string", enum: ["units", "region", "network"] },
      regionId: nullable(uuid),
      locale: { type: "string", enum: ["de", "en"] },
      units: { type: "array", items: object({ ...unit, assigned: { type: "boolean" } }) },
    }),
    OrgUnit: object({
      ...unit,
      code: nullable(text),
      contactPointKind: nullable({ type: "string", enum: ["permanent", "mobile"] }),
      priorityArea: nullable(text),
    }),
    OrgUnitPage: pageOf("OrgUnit"),
    Occupation: object({ id: uuid, name: text, nameDe: text, nameEn: text, kldbCode: nullable(text), active: { type: "boolean" } }),
    OccupationPage: pageOf("Occupation"),
    Countries: object({
      locale: { type: "string", enum: ["de", "en"] },
      items: { type: "array", items: object({ code: { type: "string", pattern: "^[A-Z]{2}$" }, name: text }) },
    }),
  };
}

export function directorySection(t: Translate): Section {
  const me = resourceOf(t, "me");
  const units = resourceOf(t, "org_units");
  const occupations = resourceOf(t, "occupations");
  const countries = resourceOf(t, "countries");
  return {
    resources: [me, units, occupations, countries],
    paths: {
      "/api/v1/me": {
        get: operation(t, me, "me", "getMe", { responses: { ...ok(t, "Me"), ...failures(401, 503) } }),
      },
      "/api/v1/org-units": {
        get: operation(t, units, "orgUnits", "listOrgUnits", {
          parameters: parameters(t, listVisibleUnits.input),
          responses: { ...ok(t, "OrgUnitPage"), ...failures(401, 422, 503) },
        }),
      },
      "/api/v1/occupations": {
        get: operation(t, occupations, "occupations", "listOccupations", {
          parameters: parameters(t, searchOccupations.input),
          responses: { ...ok(t, "OccupationPage"), ...failures(401, 403, 422, 503) },
        }),
      },
      "/api/v1/countries": {
        get: operation(t, countries, "countries", "listCountries", {
          parameters: parameters(t, listCountries.input),
          responses: { ...ok(t, "Countries"), ...failures(401, 422, 503) },
        }),
      },
    },
    schemas: directorySchemas(),
  };
}
