/**
 * The dry run: every row of every table read, checked against the same schemas as the forms
 * (their messages, in the user's language, under the column's header as the file spells it).
 * Nothing is written; the rows that pass are planned for lib/import/write.ts.
 */
import type { z } from "zod";
import { createClientSchema } from "@/lib/clients/schemas";
import type { Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/translate";
import { zodErrorMap } from "@/lib/i18n/zod-errors";
import { createSchema, kindSpec } from "@/lib/records/kinds";
import { COLUMNS, fieldOfHeader, headerLocale, headerOf, kindOfHeader, readCell, type Column, type ImportKind } from "./columns";
import type { ImportKeys } from "./keys";
import type { TableEvent } from "./read";

export const MAX_ROWS = 200_000;
/** Errors listed in full; beyond this only counted (a file with every row wrong says so in its first ones). */
export const MAX_LISTED_ERRORS = 1_000;

export interface RowError {
  sheet: string | null;
  line: number;
  column: string;
  message: string;
}

export interface PlannedRow {
  sheet: string | null;
  line: number;
  /** The schema's output (without the placeholders for unit, client, scheme). */
  values: Record<string, unknown>;
  clientRef?: string;
  schemeRef?: string;
  /** What makes the row the same in a later import (see keyOf). */
  key: string;
  /** Headers of this row's table, for errors found later (references). */
  headers: Map<string, string>;
}

export interface Checked {
  tables: Map<ImportKind, PlannedRow[]>;
  errors: RowError[];
  errorCount: number;
  rows: number;
}

/** Stands in for ids the file gives by reference, resolved after the schema check (lib/import/resolve.ts). */
export const PLACEHOLDER = "00000000-0000-4000-8000-000000000000";

const SCHEMA_FIELD_TO_COLUMN: Record<string, string> = { clientId: "clientRef", schemeId: "schemeRef", occupationId: "occupation" };

type Occupations = (name: string) => { id: string } | { error: string };

function schemaOf(kind: ImportKind): z.ZodType {
  return kind === "client" ? createClientSchema : createSchema(kindSpec(kind));
}

/**
 * The row's content as one text: the schema's output has its fields in the schema's order,
 * whatever the file's column order, so the same row gives the same text.
 */
function canonical(value: Record<string, unknown>, clientRef?: string, schemeRef?: string): string {
  return JSON.stringify([clientRef ?? null, schemeRef ?? null, ...Object.entries(value)]);
}

export class Checker {
  private readonly schemas = new Map<ImportKind, z.ZodType>();
  private readonly map: ReturnType<typeof zodErrorMap>;
  readonly result: Checked = { tables: new Map(), errors: [], errorCount: 0, rows: 0 };
  private readonly seen = new Map<string, number>();
  private readonly refLines = new Map<string, number>();
  private readonly strings = new Map<string, string>();

  constructor(
    private readonly t: Translate,
    private readonly occupation: Occupations,
    private readonly keys: ImportKeys,
    /** Told the rows read so far, after each batch. */
    private readonly onRows: (rows: number) => void = () => undefined,
  ) {
    this.map = zodErrorMap(t);
  }

  fail(sheet: string | null, line: number, column: string, message: string): void {
    this.result.errorCount++;
    if (this.result.errors.length < MAX_LISTED_ERRORS) this.result.errors.push({ sheet, line, column, message });
  }

  /** Reads every table of the file; stops early only when the file has too many rows. */
  async read(batches: AsyncIterable<TableEvent[]>): Promise<void> {
    let sheet: string | null = null;
    let table: { kind: ImportKind; columns: (Column | undefined)[]; headers: Map<string, string>; locale: Locale } | null | undefined;
    for await (const batch of batches) {
      for (const event of batch) {
        if (event.type === "table") {
          sheet = event.sheet;
          table = undefined;
          continue;
        }
        if (table === undefined) {
          table = this.header(sheet, event.line, event.cells.map((c) => String(c ?? "").trim()));
          continue;
        }
        if (table === null) continue;
        if (++this.result.rows > MAX_ROWS) {
          this.fail(sheet, event.line, "", this.t("import.errors.tooManyRows", { max: MAX_ROWS }));
          return;
        }
        this.row(sheet, event.line, event.cells, table);
      }
      this.onRows(this.result.rows);
      // Other requests in between batches: a file in memory would otherwise be read and checked in one go, the server deaf meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!this.result.tables.size && !this.result.errorCount) this.fail(null, 1, "", this.t("import.errors.emptyFile"));
  }

  private header(sheet: string | null, line: number, cells: string[]) {
    const fields = cells.map((c) => (c ? fieldOfHeader(c) : undefined));
    const kind = kindOfHeader(fields);
    if (!kind) {
      this.fail(sheet, line, "", this.t("import.errors.unknownTable", { columns: cells.filter(Boolean).join(", ") }));
      return null;
    }
    const locale = headerLocale(cells);
    const columns = fields.map((f) => COLUMNS[kind].find((c) => c.field === f));
    const headers = new Map(COLUMNS[kind].map((c) => [c.field, headerOf(c.field, locale)]));
    fields.forEach((f, i) => f && headers.set(f, cells[i]));
    if (!this.result.tables.has(kind)) this.result.tables.set(kind, []);
    return { kind, columns, headers, locale };
  }

  private row(sheet: string | null, line: number, cells: unknown[], table: { kind: ImportKind; columns: (Column | undefined)[]; headers: Map<string, string> }) {
    const { kind, columns, headers } = table;
    const input: Record<string, unknown> = {};
    let bad = false;
    const failField = (field: string, message: string) => {
      if (!bad) bad = true;
      this.fail(sheet, line, headers.get(field) ?? field, message);
    };
    columns.forEach((column, i) => {
      if (!column) return;
      const read = readCell(column, cells[i] as never);
      if ("error" in read) failField(column.field, this.t(`import.errors.${read.error}`));
      else input[column.field] = read.value;
    });
    const clientRef = input.clientRef as string | undefined;
    const schemeRef = input.schemeRef as string | undefined;
    for (const [field, ref] of [["clientRef", clientRef], ["schemeRef", schemeRef]] as const) {
      if (field in input || headers.has(field)) {
        if (COLUMNS[kind].some((c) => c.field === field) && !ref) failField(field, this.t("errors.required"));
        else if (ref && ref.length > 100) failField(field, this.t("import.errors.refTooLong"));
      }
    }
    const { clientRef: _c, schemeRef: _s, occupation, ...fields } = input;
    if (kind === "client") {
      fields.contactPointId = PLACEHOLDER;
      if (typeof occupation === "string") {
        const found = this.occupation(occupation);
        if ("error" in found) failField("occupation", this.t(`import.errors.${found.error}`));
        else fields.occupationId = found.id;
      }
    } else {
      const spec = kindSpec(kind);
      if (spec.unitLevel === "scheme") fields.schemeId = PLACEHOLDER;
      else fields.unitId = PLACEHOLDER;
      if (spec.clientBased) fields.clientId = PLACEHOLDER;
    }
    fields.idempotencyKey = "import-row";
    if (!this.schemas.has(kind)) this.schemas.set(kind, schemaOf(kind));
    const parsed = this.schemas.get(kind)!.safeParse(fields, { error: this.map });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        failField(SCHEMA_FIELD_TO_COLUMN[field] ?? field, issue.message);
      }
    }
    // A client or scheme is named by its reference once per file: a second row would be a second one.
    const ownRef = kind === "client" ? clientRef : kind === "job_training_scheme" ? schemeRef : undefined;
    if (ownRef) {
      const earlier = this.refLines.get(`${kind}:${ownRef}`);
      if (earlier !== undefined) failField(kind === "client" ? "clientRef" : "schemeRef", this.t("import.errors.duplicateRef", { line: earlier }));
      else this.refLines.set(`${kind}:${ownRef}`, line);
    }
    if (bad || !parsed.success) return;
    const { idempotencyKey: _k, unitId: _u, schemeId: _si, clientId: _ci, contactPointId: _cp, ...values } = parsed.data as Record<string, unknown>;
    for (const field in values) values[field] = this.interned(values[field]);
    const key = this.keyOf(kind, values, clientRef, schemeRef, ownRef);
    this.result.tables.get(kind)!.push({ sheet, line, values, clientRef: this.interned(clientRef) as string | undefined, schemeRef: this.interned(schemeRef) as string | undefined, key, headers });
  }

  /**
   * A client or scheme is the same in a later file if its reference is; any other row if its
   * content (as the schema read it, references as written) is, counted among identical rows of
   * the file: two identical sessions on one day are two sessions, and a second import of the
   * file finds both.
   */
  private keyOf(kind: ImportKind, values: Record<string, unknown>, clientRef?: string, schemeRef?: string, ownRef?: string): string {
    if (ownRef) return this.keys.ref(ownRef);
    // Identical rows are counted by their keyed content: the file's contents are not held twice.
    const content = this.keys.content(`${kind}:${canonical(values, clientRef, schemeRef)}`);
    const n = (this.seen.get(content) ?? 0) + 1;
    this.seen.set(content, n);
    return this.keys.row(content, n);
  }

  /**
   * One copy of each short text of the file (codes, dates, references): a large file repeats
   * the same few values in every row, which would otherwise each be held as a string of its own.
   */
  private interned(value: unknown): unknown {
    if (typeof value !== "string" || value.length > 40) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
}
