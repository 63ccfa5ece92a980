/**
 * The export of a contact point's data in the import's own format: the clients' statistical
 * fields (never names or contact details) and every live record, one table per kind, with the
 * columns of lib/import/columns.ts. Imported into an empty contact point it gives the same
 * data, and so the same figures (tests/integration/import.test.ts).
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { clients, occupations, orgUnits, records } from "@/db/schema";
import { type Download } from "@/lib/download";
import { FieldError } from "@/lib/errors";
import { guardFormula } from "@/lib/figures/export";
import { stringify } from "csv-stringify/sync";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import { defineOperation } from "@/lib/operation";
import { kindSpec } from "@/lib/records/kinds";
import { id } from "@/lib/validation";
import { COLUMNS, IMPORT_KINDS, headerOf, writeCell, type ImportKind } from "./columns";

type Row = (string | number | null)[];
interface Table {
  kind: ImportKind;
  header: string[];
  rows: Row[];
}

const kindEnum = z.enum(IMPORT_KINDS as [ImportKind, ...ImportKind[]]);

function sheetName(kind: ImportKind, locale: Locale): string {
  const t = translator(locale);
  const label = kind === "client" ? t("import.kinds.client") : t(`recordKinds.${kind}.plural`);
  // Excel allows 31 characters and none of []:*?/\ in a sheet's name.
  return label.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
}

const headerRow = (kind: ImportKind, locale: Locale) => COLUMNS[kind].map((c) => headerOf(c.field, locale));

/** A table's rows from values by field. */
function rowOf(kind: ImportKind, values: Record<string, unknown>, locale: Locale): Row {
  return COLUMNS[kind].map((c) => writeCell(c, values[c.field], locale));
}

async function tablesOf(tx: Tx, contactPointId: string, subprojectId: string, locale: Locale, only?: ImportKind): Promise<Table[]> {
  const kinds = only ? [only] : IMPORT_KINDS;
  const theClients = await tx
    .select({ client: clients, occupationDe: occupations.nameDe, occupationEn: occupations.nameEn })
    .from(clients)
    .leftJoin(occupations, eq(occupations.id, clients.occupationId))
    .where(eq(clients.contactPointId, contactPointId))
    .orderBy(asc(clients.ref));
  const refOf = new Map(theClients.map((c) => [c.client.id, c.client.ref]));
  const tables: Table[] = [];
  for (const kind of kinds) {
    const rows: Row[] = [];
    if (kind === "client") {
      for (const { client, occupationDe, occupationEn } of theClients) {
        rows.push(rowOf(kind, { ...client, clientRef: client.ref, occupation: locale === "de" ? occupationDe : occupationEn }, locale));
      }
    } else {
      const spec = kindSpec(kind);
      const unitId = spec.unitLevel === "contact_point" ? contactPointId : subprojectId;
      const found = await tx
        .select()
        .from(records)
        .where(and(eq(records.kind, kind), eq(records.unitId, unitId), isNull(records.deletedAt)))
        .orderBy(asc(records.occurredOn), asc(records.createdAt), asc(records.id));
      for (const r of found) {
        // A subproject's enrolments of another contact point's clients are that contact point's to export.
        if (spec.clientBased && !refOf.has(r.clientId!)) continue;
        const schemeRef = kind === "job_training_scheme" ? r.id : r.parentId;
        rows.push(rowOf(kind, { ...r.data, occurredOn: r.occurredOn, clientRef: r.clientId ? refOf.get(r.clientId) : null, schemeRef }, locale));
      }
    }
    tables.push({ kind, header: headerRow(kind, locale), rows });
  }
  return tables;
}

/** RFC 4180 as the figures' files write it: ";" and a byte order mark for German Excel, "," for English. */
function csvOf(table: Table, locale: Locale): string {
  const guard = (c: string | number | null) => (typeof c === "string" ? guardFormula(c) : c);
  return stringify([table.header, ...table.rows.map((r) => r.map(guard))], { bom: true, delimiter: locale === "de" ? ";" : ",", record_delimiter: "windows", quoted_match: /[\r\n]/ });
}

/**
 * One sheet per kind; texts as text cells (never evaluated), numbers as numbers. Written row by
 * row through exceljs' streaming writer: a workbook built whole held every cell as an object
 * (100,000 sessions took the server past 1 GB), where this holds one row at a time besides the
 * zip being written. Strings are written inline, which the import's reader takes as it takes
 * shared ones.
 */
async function xlsxOf(tables: Table[], locale: Locale): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = "Lotse";
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.kind, locale), { views: [{ state: "frozen", ySplit: 1 }] });
    // Widths are part of a sheet's opening, so they are set before its first row.
    sheet.columns = table.header.map((h) => ({ width: Math.min(40, Math.max(12, h.length + 2)) }));
    const head = sheet.addRow(table.header);
    head.font = { bold: true };
    head.commit();
    for (const r of table.rows) sheet.addRow(r.map((c) => c ?? null)).commit();
    sheet.commit();
  }
  await workbook.commit();
  const file = Buffer.concat(chunks);
  return new Uint8Array(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
}

async function download(tables: Table[], format: "csv" | "xlsx", base: string, locale: Locale): Promise<Download> {
  if (format === "csv") return { format, fileName: `${base}-${tables[0].kind}.csv`, content: csvOf(tables[0], locale) };
  return { format, fileName: `${base}.xlsx`, content: await xlsxOf(tables, locale) };
}

/** CSV holds one kind (the one asked for); XLSX every kind, or the one asked for. */
const fileSchema = z.object({ format: z.enum(["csv", "xlsx"]), kind: kindEnum.optional() }).strict();

export const exportRecords = defineOperation({
  name: "imports.export",
  access: "cases.work",
  audit: "none",
  input: fileSchema.extend({ contactPointId: id }).strict(),
  async run({ actor, tx, locale }, { contactPointId, format, kind }): Promise<Download> {
    const [unit] = await tx.select({ parentId: orgUnits.parentId }).from(orgUnits).where(and(eq(orgUnits.id, contactPointId), eq(orgUnits.level, "contact_point")));
    if (!unit || !actor.contactPointIds.includes(contactPointId)) throw new FieldError("contactPointId", "notYourUnit");
    const only = format === "csv" ? (kind ?? "client") : kind;
    return download(await tablesOf(tx, contactPointId, unit.parentId!, locale, only), format, "lotse-export", locale);
  },
});

/** The empty tables with their header rows in the user's language: what a file to import looks like. */
export const importTemplate = defineOperation({
  name: "imports.template",
  access: "records.import",
  audit: "none",
  input: fileSchema,
  async run({ locale }, { format, kind }): Promise<Download> {
    const kinds = format === "csv" ? [kind ?? "client"] : kind ? [kind] : IMPORT_KINDS;
    return download(kinds.map((k) => ({ kind: k, header: headerRow(k, locale), rows: [] })), format, `lotse-template-${locale}`, locale);
  },
});

