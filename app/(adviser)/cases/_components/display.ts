import type { createFormatter } from "use-intl/core";
import type { ErasureOnRecord } from "@/lib/clients/queries";
import type { PresentedRecord } from "@/lib/records/commands";
import type { FieldSpec, KindSpec } from "@/lib/records/kinds";

// Works on the server (serverI18n) and in the browser (useTranslations/useFormatter) alike.
export type Format = ReturnType<typeof createFormatter>;
export type T = (key: string, values?: Record<string, string | number | Date>) => string;

export const EMPTY = "—";

export interface ClientOption {
  id: string;
  ref: string;
  fullName: string | null;
}

export const clientLabel = (c: ClientOption) => (c.fullName ? `${c.ref} · ${c.fullName}` : c.ref);

/** What a form or a view needs to know of a kind: plain data, so that pages pass it to the browser without zod. */
export type KindLayout = Pick<KindSpec, "kind" | "slug" | "unitLevel" | "clientBased" | "fields">;

export function layoutOf(spec: KindSpec): KindLayout {
  return { kind: spec.kind, slug: spec.slug, unitLevel: spec.unitLevel, clientBased: spec.clientBased, fields: spec.fields };
}

/** A calendar date (YYYY-MM-DD) in the reader's language; noon UTC so no time zone moves it a day. */
export function day(format: Format, value: string | null | undefined): string {
  return value ? format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "medium" }) : EMPTY;
}

export function moment(format: Format, value: Date | string | null | undefined): string {
  return value ? format.dateTime(new Date(value), { dateStyle: "medium", timeStyle: "short" }) : EMPTY;
}

/** Why, when and by whom a client's personal data was erased: a withdrawal someone recorded, or the retention rule. */
export function erasureText(t: T, format: Format, erasure: Omit<ErasureOnRecord, "id" | "actorId">): string {
  const date = moment(format, erasure.at);
  return erasure.reason === "retention"
    ? t("clients.erasedByRetention", { date, years: erasure.retentionYears ?? 0, lastContact: day(format, erasure.lastContactOn) })
    : t("clients.erasedByWithdrawal", { date, name: erasure.actorName ?? EMPTY });
}

/** A value of one of a kind's own fields, as a person reads it. */
export function fieldValue(t: T, format: Format, field: FieldSpec, value: unknown): string {
  if (value === null || value === undefined || value === "") return EMPTY;
  switch (field.type) {
    case "select":
      return t(`values.${field.name}.${String(value)}`);
    case "multiselect":
      return Array.isArray(value) && value.length ? format.list(value.map((v) => t(`values.${field.name}.${String(v)}`))) : EMPTY;
    case "number":
      return typeof value === "number" ? format.number(value) : String(value);
    case "date":
      return day(format, String(value));
    case "checkbox":
      return value ? t("values.yes") : t("values.no");
    default:
      return String(value);
  }
}

export interface Names {
  units: Record<string, string>;
  clients?: Record<string, string>;
  schemes?: Record<string, string>;
}

/** The shared fields plus the kind's own, as label/value rows. */
export function recordRows(t: T, format: Format, spec: KindLayout, record: Record<string, unknown>, names: Names): [string, string][] {
  const rows: [string, string][] = [[t(`recordKinds.${spec.kind}.occurredOn`), day(format, record.occurredOn as string)]];
  if (spec.unitLevel === "scheme") {
    const schemeId = (record.parentId ?? record.schemeId) as string | undefined;
    rows.push([t("fields.schemeId"), (schemeId && names.schemes?.[schemeId]) || EMPTY]);
  } else {
    rows.push([t(`fields.unit.${spec.unitLevel}`), names.units[record.unitId as string] ?? EMPTY]);
  }
  if (spec.clientBased) rows.push([t("fields.clientId"), names.clients?.[record.clientId as string] ?? EMPTY]);
  for (const field of spec.fields) rows.push([t(`fields.${field.name}`), fieldValue(t, format, field, record[field.name])]);
  return rows;
}

/** One line for lists and the timeline: the kind's own fields that say most. */
export function summary(t: T, format: Format, spec: KindLayout, record: Record<string, unknown>): string {
  return spec.fields
    .filter((f) => record[f.name] !== null && record[f.name] !== undefined && record[f.name] !== "" && f.type !== "checkbox")
    // A date says what it is ("Datum des Ergebnisses: 20.12.2019"): a row may hold several.
    .map((f) => (f.type === "date" ? t("clients.dateLine", { label: t(`fields.${f.name}`), date: fieldValue(t, format, f, record[f.name]) }) : fieldValue(t, format, f, record[f.name])))
    .join(" · ");
}

/** A job-training scheme by its title (an enrolment names its scheme so). */
export function schemeTitle(record: PresentedRecord): string {
  return record.kind === "job_training_scheme" ? record.title : "";
}
