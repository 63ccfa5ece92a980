/**
 * docs/record-kinds.md, written from the record kinds (lib/records/kinds.ts), the client schema,
 * the org tree's values and the roles' permissions, so that the document cannot drift from what
 * the app accepts (`npm run docs:kinds` writes it; lib/records/kinds-doc.test.ts checks it is current).
 * The field tables come from the OpenAPI document, which is generated from the same zod schemas
 * the operations parse.
 */
import { CONTACT_POINT_KINDS, PRIORITY_AREAS } from "@/db/schema/values";
import { openApiDocument, type JsonSchema, type OpenApiDocument } from "@/lib/api/openapi";
import { PERMISSIONS, ROLES } from "@/lib/auth/permissions";
import { MESSAGES } from "@/lib/i18n/config";
import { KINDS, type KindSpec } from "./kinds";

/** Cross-field rules the zod refinements of a kind enforce, in words. */
export const KIND_RULES: Partial<Record<KindSpec["kind"], string[]>> = {
  enrolment: [
    "An outcome other than `ongoing` needs `outcomeOn`.",
    "`successful` needs `achievement`; any other outcome must leave it empty.",
    "`endOn` and `outcomeOn` cannot be before the start (`occurredOn`).",
    "An `individual` scheme takes one enrolment; a `course` takes many.",
  ],
  intercultural_activity: ["`participants` is required unless the activity is a `consultation` (a consultation counts as one session)."],
};

const UNIT_LEVEL = {
  contact_point: "a contact point (`unitId`)",
  subproject: "a subproject (`unitId`)",
  scheme: "its job-training scheme's subproject (`schemeId`)",
} as const;

/** The English message at a dotted path, or undefined where there is none. */
function message(path: string): string | undefined {
  let node: unknown = MESSAGES.en;
  for (const part of path.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

const cell = (text: string) => text.replaceAll("|", "\\|");
const code = (text: string | number) => `\`${text}\``;

/** The values with their English labels, where a label says more than the value itself. */
function enumText(field: string, values: unknown[]): string {
  return values
    .map((v) => {
      const label = message(`values.${field}.${String(v)}`);
      const plain = String(v).replaceAll("_", " ").toLowerCase();
      return label && label.toLowerCase() !== plain ? `${code(String(v))} (${label})` : code(String(v));
    })
    .join(", ");
}

/** What a JSON Schema property accepts, in a few words. Empty strings and null both mean "not given". */
function describe(field: string, schema: JsonSchema): string {
  const branches = schema.anyOf?.filter((b) => b.type !== "null" && b.const !== "") ?? [schema];
  const s = branches[0] ?? schema;
  const types = ([] as unknown[]).concat(s.type ?? []).filter((t) => t !== "null");
  if (s.enum) return `one of ${enumText(field, s.enum)}`;
  if (s.type === "array") {
    return `${String(s.minItems ?? 0)} to ${String(s.maxItems)} of ${enumText(field, s.items?.enum ?? [])}`;
  }
  if (s.format === "uuid") return "id (UUID)";
  if (s.format === "date") return "date (YYYY-MM-DD)";
  if (s.format === "email") return `e-mail address, at most ${String(s.maxLength)} characters`;
  if (types.includes("integer")) {
    const note = s.description ? `, ${s.description}` : "";
    return `whole number${s.minimum !== undefined ? ` from ${String(s.minimum)}` : ""}${s.maximum !== undefined ? ` to ${String(s.maximum)}` : ""}${note}`;
  }
  if (types.includes("boolean")) return "yes / no";
  if (types.includes("string") && schema.description) return cell(schema.description);
  if (types.includes("string")) return `text${s.minLength ? `, ${String(s.minLength)} to ${String(s.maxLength)} characters` : s.maxLength ? `, at most ${String(s.maxLength)} characters` : ""}`;
  return "any";
}

function fieldTable(schema: JsonSchema, label: (field: string) => string | undefined, skip: string[] = []): string[] {
  const required = new Set(schema.required);
  const rows = Object.entries(schema.properties ?? {})
    .filter(([name]) => !skip.includes(name))
    .map(([name, property]) => `| ${code(name)} | ${cell(label(name) ?? "")} | ${required.has(name) ? "yes" : "no"} | ${cell(describe(name, property))} |`);
  return ["| field | label | required | accepts |", "| --- | --- | --- | --- |", ...rows];
}

function createSchemaOf(doc: OpenApiDocument, path: string): JsonSchema {
  const ref = doc.paths[path]?.post?.requestBody?.content["application/json"].schema.$ref;
  if (!ref) throw new Error(`record kinds doc: no POST ${path} body in the OpenAPI document`);
  return doc.components.schemas[ref.split("/").pop()!];
}

function kindSection(doc: OpenApiDocument, spec: KindSpec): string[] {
  const texts = `recordKinds.${spec.kind}`;
  const label = (field: string) =>
    field === "occurredOn" ? message(`${texts}.occurredOn`) : field === "unitId" ? message(`fields.unit.${spec.unitLevel}`) : message(`fields.${field}`);
  const rules = KIND_RULES[spec.kind] ?? [];
  return [
    `## ${message(`${texts}.name`)} (${code(spec.kind)})`,
    "",
    `${message(`${texts}.description`)} Belongs to ${UNIT_LEVEL[spec.unitLevel]}; ${spec.clientBased ? "names a client (`clientId`)" : "names no client"}. API: ${code(`/api/v1/${spec.slug}`)}.`,
    "",
    ...fieldTable(createSchemaOf(doc, `/api/v1/${spec.slug}`), label, ["idempotencyKey"]),
    "",
    ...(rules.length ? ["Rules across fields:", "", ...rules.map((r) => `- ${r}`), ""] : []),
  ];
}

function rolesTable(): string[] {
  const permissions = Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[];
  return [
    `| permission | ${ROLES.map((r) => code(r)).join(" | ")} |`,
    `| --- | ${ROLES.map(() => "---").join(" | ")} |`,
    ...permissions.map((p) => `| ${code(p)} | ${ROLES.map((r) => ((PERMISSIONS[p] as readonly string[]).includes(r) ? "yes" : "–")).join(" | ")} |`),
  ];
}

export function recordKindsMarkdown(): string {
  const doc = openApiDocument("en");
  const clientLabel = (field: string) => message(`clients.${field.replace(/Id$/, "")}`);
  return [
    "# What Lotse records",
    "",
    "<!-- Written by `npm run docs:kinds` from lib/records/kinds.ts, lib/clients/schemas.ts, db/schema/values.ts and lib/auth/permissions.ts; do not edit by hand. -->",
    "",
    "The organisation, the people who use the app, the clients and the seven kinds of record the",
    "network counts. How records become figures: [reporting.md](reporting.md) and [figures.md](figures.md).",
    "The field tables list what a create accepts (the form and `POST /api/v1/…` share one schema);",
    "an empty string and `null` both mean \"not given\".",
    "",
    "## The organisation",
    "",
    "One tree, maintained by admins, never hard-coded: the **network** (one; it has a funding round",
    "and targets) → **regional networks** (one per federal state, known by its ISO 3166-2 code such",
    "as `DE-BY`) → **subprojects** (run by a provider, each with a priority area) → **contact points**",
    "(where advice happens). National subprojects (competence centres, the coordination project)",
    "hang directly off the network, in no region. Every record hangs off one unit.",
    "",
    `- Priority areas of a subproject: ${PRIORITY_AREAS.map((a) => code(a)).join(", ")}.`,
    `- Kinds of contact point: ${CONTACT_POINT_KINDS.map((k) => code(k)).join(", ")}.`,
    "- Every unit is active from a date and, once closed, until a date. Units are never deleted:",
    "  closing sets the end date (and closes the units below it on the same day), so a closed unit",
    "  keeps its history in every report.",
    "",
    "## Roles",
    "",
    "- **adviser**: assigned to contact points or subprojects (a subproject brings its contact",
    "  points); keeps the clients and records of those units and nobody else's.",
    "- **regional coordinator**: the figures of their own regional network, never personal data.",
    "- **network coordinator**: the figures of the whole network and of each region, never personal data.",
    "- **admin**: users, the org tree, the occupations catalogue, API tokens, targets and the audit",
    "  trail; no client data.",
    "",
    "What each role may do at all (`lib/auth/permissions.ts`). Whether the unit concerned is the",
    "actor's own (own contact point, own region) is checked by each operation on top of this; a",
    "record or client of another unit answers \"not found\".",
    "",
    ...rolesTable(),
    "",
    "## Clients",
    "",
    "A client is a person advised: the case that sessions, enrolments and reminders belong to. So",
    "that repeat sessions and distinct people can be counted without names, each client has a",
    "pseudonymous reference (`ref`) the app generates, not derived from the name, and statistical",
    "attributes. A client belongs to one contact point (`contactPointId`).",
    "",
    "- **Personal data** (name, phone, e-mail, notes, and the notes of follow-up reminders) is",
    "  optional and kept only with a recorded **consent**: the day it was given (not in the future),",
    "  its purpose chosen from the list the admins keep (`consentPurposeId`; it brings the version of",
    "  the consent text), and who recorded it. Without a consent in force a reminder note is refused",
    "  (`note`). Only advisers of the client's contact point see it; the database's row-level",
    "  security holds them to it as well.",
    "- **Erasure**: withdrawing the consent erases the personal data and the reminders and keeps the",
    "  pseudonymous statistical record and its records, so every figure stays the same. The",
    "  retention job does the same for clients without contact for `LOTSE_RETENTION_YEARS` years",
    "  (default 3), counting the last contact from every day the person was involved: a record's",
    "  date and its date fields (an enrolment's outcome and end), a consent given, a reminder done.",
    "  Each erasure is on record with its cause (`erasures` in the case and the export): who recorded",
    "  the withdrawal, or the retention period and the last contact.",
    "- **Subject access**: everything held about a client can be downloaded as one JSON file",
    "  (`GET /api/v1/clients/{id}/export`).",
    "- **History**: each change of the statistical attributes is kept as a version; a correction",
    "  also corrects the figures (as of its time, never earlier reference dates).",
    "",
    ...fieldTable(createSchemaOf(doc, "/api/v1/clients"), clientLabel, ["idempotencyKey"]),
    "",
    "## Every record",
    "",
    "Besides its kind's own fields, every record has: its unit, the client (for the kinds that name",
    "one), the day it happened (`occurredOn`; for schemes and enrolments their start), who entered it",
    "and when, who changed it last and when, a `version`, and a full history (each version with who,",
    "when and what changed). Deletion is a recorded change (`deletedAt`, `deletedBy`), never a silent",
    "loss.",
    "",
    "- A create carries an `idempotencyKey` (8 to 100 characters, or the `Idempotency-Key` header):",
    "  the same create sent again makes no second record and answers as the first did (201, with",
    "  `Idempotent-Replayed: true`); the same key with another body is refused (422).",
    "- An edit and a deletion carry the `version` they started from; a stale one is refused with",
    "  the current values (409). A full edit (the form, `PUT`) names every field: one left out is",
    "  refused (422), never reset. `PATCH` changes only the fields it names.",
    "",
    ...KINDS.flatMap((spec) => kindSection(doc, spec)),
  ].join("\n");
}
