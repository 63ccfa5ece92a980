/**
 * The import of outcomes from the monitoring (ESF or another source): a file of enrolments,
 * each named by its scheme and client reference as the export writes them, with the outcome,
 * what was achieved and the outcome date. Each changed enrolment is edited through the record
 * command's own update (a history version, the ledger's deltas), all or nothing, in the one
 * transaction execute() gives it; an enrolment whose outcome is already the file's is left as it is.
 * The import itself (its source and the file's date) is kept for the figure of successful completers.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { clients, orgUnits, outcomeImports, records, type RecordRow } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { pseudonymSecret } from "@/lib/clients/pseudonym";
import type { Locale } from "@/lib/i18n/config";
import { translator, type Translate } from "@/lib/i18n/translate";
import { zodErrorMap } from "@/lib/i18n/zod-errors";
import { defineOperation } from "@/lib/operation";
import { applyUpdate, present } from "@/lib/records/commands";
import { kindSpec, updateSchema } from "@/lib/records/kinds";
import { id, isoDate, todayInBerlin } from "@/lib/validation";
import type { RowError } from "./check";
import { COLUMNS, fieldOfHeader, headerLocale, headerOf, readCell, type Column } from "./columns";
import { fileHashOf, formatOfFile, refuseBadRows, targetOf, uploadedFile } from "./operations";
import { importKeysWith } from "./keys";
import { readTables, unreadableMessage } from "./read";
import { refsMadeBefore } from "./resolve";

/** Outcome files are small (one row per enrolment of a subproject); this bounds a wrong file. */
export const MAX_OUTCOME_ROWS = 20_000;

const FIELDS = ["schemeRef", "clientRef", "outcome", "achievement", "outcomeOn"] as const;
const ENROLMENT = kindSpec("enrolment");
/** The enrolment table's columns this import reads; its other ones (an export's date, end) are passed over. */
const OUTCOME_COLUMNS: Column[] = COLUMNS.enrolment.filter((c) => (FIELDS as readonly string[]).includes(c.field));
const REQUIRED = ["schemeRef", "clientRef", "outcome"];
/** The columns only an enrolment table has: a table with none of them is another kind's. */
const OUTCOME_ONLY = ["outcome", "achievement", "outcomeOn"];

const outcomesSchema = z
  .object({
    contactPointId: id,
    /** Where the outcomes come from, as the report names it ("ESF-Monitoring"). */
    source: z.string().trim().min(1).max(100),
    /** The date of the monitoring's file: the figure says "as reported on". */
    sourceOn: isoDate.refine((d) => d <= todayInBerlin(), { params: { key: "dateInFuture" } }),
    file: uploadedFile,
    fileName: z.string().trim().max(200).optional(),
  })
  .strict();

export interface OutcomesReport {
  id?: string;
  fileName: string;
  rows: number;
  /** Enrolments whose outcome the file changes (or, in a run, changed). */
  changed: number;
  /** Enrolments that already had the file's outcome. */
  unchanged: number;
  errors: RowError[];
  errorCount: number;
}

interface OutcomeRow {
  sheet: string | null;
  line: number;
  headers: Map<string, string>;
  values: Record<(typeof FIELDS)[number], string | undefined>;
}

interface Planned {
  before: RecordRow;
  fields: Record<string, unknown>;
}

/**
 * Every row of every table, read cell by cell with the import's own reading (labels, German dates).
 * A table without any outcome column is another kind's, as the export's workbook holds clients and
 * sessions beside its enrolments: passed over when some other table is read, else named as wrong.
 */
async function readRows(file: Blob, fileName: string, t: Translate, fail: (sheet: string | null, line: number, column: string, message: string) => void): Promise<OutcomeRow[]> {
  const rows: OutcomeRow[] = [];
  let table: { columns: (Column | undefined)[]; headers: Map<string, string> } | null | undefined;
  let sheet: string | null = null;
  let enrolmentTable = false;
  const otherTables: { sheet: string | null; line: number; message: string }[] = [];
  for await (const event of readTables(file, await formatOfFile(file, fileName))) {
    if (event.type === "table") {
      [sheet, table] = [event.sheet, undefined];
      continue;
    }
    if (table === undefined) {
      const cells = event.cells.map((c) => String(c ?? "").trim());
      const fields = cells.map((c) => (c ? fieldOfHeader(c) : undefined));
      const missing = REQUIRED.filter((f) => !fields.includes(f));
      const locale = headerLocale(cells);
      if (missing.length) {
        const message = t("import.outcomes.errors.missingColumns", { columns: missing.map((f) => headerOf(f, locale)).join(", ") });
        if (fields.some((f) => f && OUTCOME_ONLY.includes(f))) fail(sheet, event.line, "", message);
        else otherTables.push({ sheet, line: event.line, message });
        table = null;
        continue;
      }
      enrolmentTable = true;
      const headers = new Map(OUTCOME_COLUMNS.map((c) => [c.field, headerOf(c.field, locale)]));
      fields.forEach((f, i) => f && headers.set(f, cells[i]));
      table = { columns: fields.map((f) => OUTCOME_COLUMNS.find((c) => c.field === f)), headers };
      continue;
    }
    if (table === null) continue;
    if (rows.length >= MAX_OUTCOME_ROWS) {
      fail(sheet, event.line, "", t("import.errors.tooManyRows", { max: MAX_OUTCOME_ROWS }));
      break;
    }
    const values: Record<string, string | undefined> = {};
    table.columns.forEach((column, i) => {
      if (!column) return;
      const read = readCell(column, event.cells[i]);
      if ("error" in read) fail(sheet, event.line, table!.headers.get(column.field)!, t(`import.errors.${read.error}`));
      else values[column.field] = read.value as string | undefined;
    });
    rows.push({ sheet, line: event.line, headers: table.headers, values: values });
  }
  if (!enrolmentTable) for (const other of otherTables) fail(other.sheet, other.line, "", other.message);
  if (!rows.length && !table) fail(null, 1, "", t("import.errors.emptyFile"));
  return rows;
}

/** The contact point's enrolments the file names, by "scheme|client" reference (clients and schemes also by an earlier import's references). */
async function enrolmentsOf(tx: Tx, target: { contactPointId: string; subprojectId: string }, rows: OutcomeRow[]) {
  const clientRefs = [...new Set(rows.map((r) => r.values.clientRef).filter((r): r is string => !!r))];
  const schemeRefs = [...new Set(rows.map((r) => r.values.schemeRef).filter((r): r is string => !!r))];
  const clientIds = new Map<string, string>();
  const schemeIds = new Map<string, string>();
  const keys = importKeysWith(await pseudonymSecret(tx));
  const keyed = async (unitId: string, kind: string, refs: string[], into: Map<string, string>) => {
    for (const [ref, id] of await refsMadeBefore(tx, keys, unitId, kind, refs)) into.set(ref, id);
  };
  await keyed(target.contactPointId, "client", clientRefs, clientIds);
  await keyed(target.subprojectId, "job_training_scheme", schemeRefs, schemeIds);
  if (clientRefs.length) {
    const found = await tx.select({ id: clients.id, ref: clients.ref }).from(clients).where(and(eq(clients.contactPointId, target.contactPointId), inArray(clients.ref, clientRefs)));
    for (const c of found) if (!clientIds.has(c.ref)) clientIds.set(c.ref, c.id);
  }
  const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
  for (const ref of schemeRefs) if (!schemeIds.has(ref) && isUuid(ref)) schemeIds.set(ref, ref.toLowerCase());
  const byPair = new Map<string, RecordRow[]>();
  const ids = [...new Set(clientIds.values())];
  const schemes = [...new Set(schemeIds.values())];
  if (ids.length && schemes.length) {
    // Only the subproject's live enrolments of the contact point's clients: nothing of another unit is ever named.
    const found = await tx
      .select()
      .from(records)
      .where(and(eq(records.kind, "enrolment"), eq(records.unitId, target.subprojectId), isNull(records.deletedAt), inArray(records.parentId, schemes), inArray(records.clientId, ids)))
      .for("update");
    for (const r of found) byPair.set(`${r.parentId}|${r.clientId}`, [...(byPair.get(`${r.parentId}|${r.clientId}`) ?? []), r]);
  }
  return (row: OutcomeRow) => {
    const scheme = schemeIds.get(row.values.schemeRef ?? "");
    const client = clientIds.get(row.values.clientRef ?? "");
    return scheme && client ? (byPair.get(`${scheme}|${client}`) ?? []) : [];
  };
}

async function checkOutcomes(tx: Tx, actor: Actor, locale: Locale, input: z.output<typeof outcomesSchema>) {
  const t = translator(locale);
  const target = await targetOf(tx, actor, input.contactPointId);
  const fileName = input.fileName ?? (input.file instanceof File ? input.file.name : "upload.csv");
  const errors: RowError[] = [];
  const fail = (sheet: string | null, line: number, column: string, message: string) => void errors.push({ sheet, line, column, message });
  let rows: OutcomeRow[] = [];
  try {
    rows = await readRows(input.file, fileName, t, fail);
  } catch (error) {
    fail(null, 0, "", unreadableMessage(t, error));
  }
  const enrolmentOf = await enrolmentsOf(tx, target, rows);
  const schema = updateSchema(ENROLMENT);
  const map = zodErrorMap(t);
  const today = todayInBerlin();
  const seen = new Map<string, number>();
  const planned: Planned[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const { sheet, line, headers, values } = row;
    const column = (field: string) => headers.get(field) ?? field;
    const missing = REQUIRED.filter((f) => !values[f as keyof typeof values]);
    for (const f of missing) fail(sheet, line, column(f), t("errors.required"));
    if (missing.length) continue;
    const found = enrolmentOf(row);
    if (found.length !== 1) {
      fail(sheet, line, column("clientRef"), t(found.length ? "import.outcomes.errors.ambiguousEnrolment" : "import.outcomes.errors.unknownEnrolment"));
      continue;
    }
    const before = found[0];
    const earlier = seen.get(before.id);
    if (earlier !== undefined) {
      fail(sheet, line, column("clientRef"), t("import.outcomes.errors.duplicateEnrolment", { line: earlier }));
      continue;
    }
    seen.set(before.id, line);
    // The stored enrolment with the file's outcome, through the edit form's schema and rules.
    const { kind: _kind, ...stored } = present(before) as Record<string, unknown>;
    const current = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, stored[key] ?? null]));
    const parsed = schema.safeParse({ ...current, outcome: values.outcome, achievement: values.achievement ?? null, outcomeOn: values.outcomeOn ?? null }, { error: map });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fail(sheet, line, column(String(issue.path[0] ?? "outcome")), issue.message);
      continue;
    }
    const fields = parsed.data as Record<string, unknown>;
    if (typeof fields.outcomeOn === "string" && fields.outcomeOn > today) {
      fail(sheet, line, column("outcomeOn"), t("errors.dateInFuture"));
      continue;
    }
    const same = (["outcome", "achievement", "outcomeOn"] as const).every((k) => (before.data[k] ?? null) === (fields[k] ?? null));
    if (same) unchanged++;
    else planned.push({ before, fields });
  }
  errors.sort((a, b) => (a.sheet ?? "").localeCompare(b.sheet ?? "") || a.line - b.line);
  const report: OutcomesReport = { fileName, rows: rows.length, changed: planned.length, unchanged, errors: errors.slice(0, 1000), errorCount: errors.length };
  return { target, planned, report };
}

export const checkOutcomeImport = defineOperation({
  name: "imports.checkOutcomes",
  access: "records.import",
  audit: "none",
  input: outcomesSchema,
  async run({ actor, tx, locale }, input): Promise<OutcomesReport> {
    return (await checkOutcomes(tx, actor, locale, input)).report;
  },
});

export const runOutcomeImport = defineOperation({
  name: "imports.runOutcomes",
  access: "records.import",
  audit: "change",
  input: outcomesSchema,
  async run({ actor, tx, locale }, input): Promise<OutcomesReport> {
    const { target, planned, report } = await checkOutcomes(tx, actor, locale, input);
    refuseBadRows(report, locale);
    // Each changed enrolment as the form would edit it: a new version, its history, the ledger's deltas.
    for (const { before, fields } of planned) await applyUpdate(tx, actor, ENROLMENT, before, fields);
    const [unit] = await tx.select({ regionId: orgUnits.regionId }).from(orgUnits).where(eq(orgUnits.id, target.contactPointId));
    const fileHash = await fileHashOf(input.file);
    const [made] = await tx
      .insert(outcomeImports)
      .values({
        actorId: actor.userId,
        contactPointId: target.contactPointId,
        subprojectId: target.subprojectId,
        regionId: unit?.regionId ?? null,
        source: input.source,
        sourceOn: input.sourceOn,
        fileName: report.fileName,
        fileHash,
        rows: report.rows,
        changed: report.changed,
      })
      .returning({ id: outcomeImports.id });
    return { ...report, id: made.id };
  },
});
