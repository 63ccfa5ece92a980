/**
 * The import and export file format: one table per kind (a CSV file, or a sheet of a
 * workbook), a header row naming the columns in German or English, one row per client or
 * record. The headers are the format's own words (messages `import.columns`), not the forms'
 * labels, so that a relabelled form field never breaks a file.
 */
import type { RecordKind } from "@/db/schema";
import { GENDERS, GERMAN_LEVELS, QUALIFICATION_LEVELS, RESIDENCE_STATUSES } from "@/db/schema/values";
import { MESSAGES, type Locale } from "@/lib/i18n/config";
import { KINDS, kindSpec, type FieldSpec } from "@/lib/records/kinds";

export type ImportKind = "client" | RecordKind;

/** Clients first, then schemes: later tables refer to them by reference. */
export const IMPORT_KINDS: ImportKind[] = ["client", "job_training_scheme", ...KINDS.map((k) => k.kind).filter((k) => k !== "job_training_scheme")];

export type ColumnType = "ref" | "text" | "number" | "date" | "select" | "multiselect" | "checkbox" | "country" | "occupation";

export interface Column {
  /** The schema's field (or, for references, the column's own name). */
  field: string;
  type: ColumnType;
  options?: readonly string[];
  /** The column must be in the header (references and the fields that tell the kinds apart). */
  required?: boolean;
}

const CLIENT_COLUMNS: Column[] = [
  { field: "clientRef", type: "ref", required: true },
  { field: "gender", type: "select", options: GENDERS },
  { field: "birthYear", type: "number" },
  { field: "qualificationCountry", type: "country" },
  { field: "citizenship", type: "country" },
  { field: "residenceStatus", type: "select", options: RESIDENCE_STATUSES },
  { field: "inGermanySince", type: "number" },
  { field: "germanLevel", type: "select", options: GERMAN_LEVELS },
  { field: "qualificationLevel", type: "select", options: QUALIFICATION_LEVELS },
  { field: "occupation", type: "occupation" },
  { field: "regulatedProfession", type: "checkbox" },
];

function fieldColumn(f: FieldSpec): Column {
  const required = !("optional" in f && f.optional) && f.type !== "checkbox";
  if (f.type === "select" || f.type === "multiselect") return { field: f.name, type: f.type, options: f.options, required };
  return { field: f.name, type: f.type === "number" ? "number" : f.type === "date" ? "date" : f.type === "checkbox" ? "checkbox" : "text", required };
}

function recordColumns(kind: RecordKind): Column[] {
  const spec = kindSpec(kind);
  const refs: Column[] = [];
  if (kind === "job_training_scheme" || spec.unitLevel === "scheme") refs.push({ field: "schemeRef", type: "ref", required: true });
  if (spec.clientBased) refs.push({ field: "clientRef", type: "ref", required: true });
  return [...refs, { field: "occurredOn", type: "date", required: true }, ...spec.fields.map(fieldColumn)];
}

export const COLUMNS: Record<ImportKind, Column[]> = Object.fromEntries([
  ["client", CLIENT_COLUMNS],
  ...KINDS.map((k) => [k.kind, recordColumns(k.kind)]),
]) as Record<ImportKind, Column[]>;

type ImportMessages = (typeof MESSAGES)["de"]["import"];

export function headerOf(field: string, locale: Locale): string {
  return (MESSAGES[locale].import).columns[field as keyof ImportMessages["columns"]];
}

const norm = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

/** A header cell in either language (or the field's own name) → the field. */
const FIELD_BY_HEADER = new Map<string, string>();
for (const columns of Object.values(COLUMNS)) {
  for (const c of columns) for (const h of [c.field, headerOf(c.field, "de"), headerOf(c.field, "en")]) FIELD_BY_HEADER.set(norm(h), c.field);
}

export function fieldOfHeader(header: string): string | undefined {
  return FIELD_BY_HEADER.get(norm(header));
}

/** The header row's language: the one whose words it uses most (German on a tie). */
export function headerLocale(header: string[]): Locale {
  const score = (l: Locale) => header.filter((h) => Object.values(COLUMNS).some((cs) => cs.some((c) => norm(headerOf(c.field, l)) === norm(h)))).length;
  return score("en") > score("de") ? "en" : "de";
}

/**
 * The kind a header row is a table of: every column known to the kind and its required
 * columns all there. Null if none fits (or, which the column sets rule out, several).
 */
export function kindOfHeader(fields: (string | undefined)[]): ImportKind | null {
  const fits = IMPORT_KINDS.filter((kind) => {
    const own = new Set(COLUMNS[kind].map((c) => c.field));
    return fields.every((f) => f === undefined || own.has(f)) && COLUMNS[kind].every((c) => !c.required || fields.includes(c.field));
  });
  return fits.length === 1 ? fits[0] : null;
}

/** Value labels in both languages (messages `values`), for files that write "persönlich" rather than "in_person". */
function labelsOf(field: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const locale of ["de", "en"] as const) {
    const values = (MESSAGES[locale].values as Record<string, unknown>)[field];
    if (values && typeof values === "object") for (const [code, label] of Object.entries(values)) labels.set(norm(String(label)), code);
  }
  return labels;
}

const TRUE = new Set(["ja", "yes", "true", "wahr", "1", "x"]);
const FALSE = new Set(["nein", "no", "false", "falsch", "0"]);

export type Cell = string | number | boolean | Date | null | undefined;
export type CellValue = { value: unknown } | { error: string };

function isoOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A cell as the schema's input: blank is "not given" (undefined), a label becomes its code,
 * a German date (31.12.2019) an ISO one. What cannot be read is handed on as it is, for the
 * schema to refuse with the forms' message; only a yes/no the forms never see is refused here.
 */
export function readCell(column: Column, cell: Cell): CellValue {
  if (cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "")) return { value: undefined };
  if (column.type === "date") {
    if (cell instanceof Date) return { value: isoOf(cell) };
    const text = String(cell).trim();
    const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
    return { value: german ? `${german[3]}-${german[2].padStart(2, "0")}-${german[1].padStart(2, "0")}` : text };
  }
  const text = cell instanceof Date ? isoOf(cell) : String(cell).trim();
  switch (column.type) {
    case "checkbox": {
      if (typeof cell === "boolean") return { value: cell };
      if (TRUE.has(text.toLowerCase())) return { value: true };
      if (FALSE.has(text.toLowerCase())) return { value: false };
      return { error: "yesNo" };
    }
    case "select":
      return { value: codeOf(column.field, text) };
    case "multiselect":
      return { value: text.split("|").map((part) => codeOf(column.field, part.trim())).filter((v) => v !== "") };
    case "number":
      return { value: typeof cell === "number" ? cell : text };
    default:
      // An exported text that began like a formula carries an apostrophe in the CSV (lib/figures/export.ts guardFormula).
      return { value: /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text };
  }
}

const LABELS = new Map<string, Map<string, string>>();
function codeOf(field: string, text: string): string {
  if (!LABELS.has(field)) LABELS.set(field, labelsOf(field));
  return LABELS.get(field)!.get(norm(text)) ?? text;
}

/** A value as a cell of an exported file: codes as they are (they read back in either language), lists joined by "|". */
export function writeCell(column: Column, value: unknown, locale: Locale): string | number | null {
  if (value === null || value === undefined) return null;
  if (column.type === "checkbox") return locale === "de" ? (value ? "ja" : "nein") : value ? "yes" : "no";
  if (Array.isArray(value)) return value.join("|");
  return typeof value === "number" ? value : String(value);
}
