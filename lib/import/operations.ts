/**
 * Import of a file (CSV or XLSX): `imports.check` is the dry run, `imports.run` the import,
 * all or nothing, in the one transaction execute() gives it. Both read and check the whole
 * file the same way; the run writes only when no row is bad.
 */
import { createHash, randomUUID } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { seeAllClients } from "@/db/row-security";
import { imports, orgUnits } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { FieldError, InvalidFields } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import { defineOperation } from "@/lib/operation";
import { id } from "@/lib/validation";
import { pseudonymSecret } from "@/lib/clients/pseudonym";
import { Checker, type RowError } from "./check";
import { importKeysWith } from "./keys";
import { formatOf, MAX_FILE_BYTES, MAX_FILE_MB, readTableBatches, unreadableMessage, type ImportFormat } from "./read";
import { endProgress, runningImports, startProgress, type ImportProgress } from "./progress";
import { occupationLookup, resolve, type Target } from "./resolve";
import { countsOf, writeImport, type KindCount } from "./write";

/**
 * The largest upload request: the file and the form around it. next.config.js lets requests of
 * this size through its proxy whole (Next.js passes only the first 10 MB on by default);
 * lib/import/upload-limit.test.ts holds the two together.
 */
export const MAX_UPLOAD_BYTES = MAX_FILE_BYTES + 64 * 1024;

/** An uploaded file (a File from the page's form, or a Blob from an API caller), not empty and within the limit. */
export const uploadedFile = z
  .custom<Blob>((value) => value instanceof Blob, { params: { key: "fileRequired" } })
  .refine((f) => f.size > 0, { params: { key: "fileRequired" } })
  .refine((f) => f.size <= MAX_FILE_BYTES, { params: { key: "fileTooLarge", max: MAX_FILE_MB } });

const importSchema = z
  .object({
    contactPointId: id,
    file: uploadedFile,
    /** The file's name, if the Blob is no File (an API caller); decides CSV or XLSX with the content. */
    fileName: z.string().trim().max(200).optional(),
  })
  .strict();

export interface ImportReport {
  /** The import's id (a run only). */
  id?: string;
  fileName: string;
  rows: number;
  counts: Record<string, KindCount>;
  errors: RowError[];
  errorCount: number;
}

/** Advisers import into their own contact points, admins into any; the records of a subproject go to the contact point's. */
export async function targetOf(tx: Tx, actor: Actor, contactPointId: string): Promise<Target> {
  const [unit] = await tx.select({ level: orgUnits.level, parentId: orgUnits.parentId }).from(orgUnits).where(eq(orgUnits.id, contactPointId));
  const mayImport = actor.role === "admin" || actor.contactPointIds.includes(contactPointId);
  if (!unit || unit.level !== "contact_point" || !mayImport) throw new FieldError("contactPointId", "notYourUnit");
  // An admin's migration reads the clients of the chosen contact point, which row security hides from a user without units.
  if (actor.role === "admin") await seeAllClients(tx);
  return { contactPointId, subprojectId: unit.parentId! };
}

export async function formatOfFile(file: Blob, name: string): Promise<ImportFormat> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  // A workbook is a zip archive ("PK\3\4"), whatever it is called.
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4) return "xlsx";
  return formatOf(name) === "xlsx" ? "xlsx" : "csv";
}

const fileNameOf = (input: z.output<typeof importSchema>) => input.fileName ?? (input.file instanceof File ? input.file.name : "upload.csv");

async function checkFile(tx: Tx, actor: Actor, locale: Locale, input: z.output<typeof importSchema>, progress?: ImportProgress) {
  const t = translator(locale);
  const target = await targetOf(tx, actor, input.contactPointId);
  const fileName = fileNameOf(input);
  const keys = importKeysWith(await pseudonymSecret(tx));
  const checker = new Checker(t, await occupationLookup(tx), keys, (rows) => {
    if (progress) progress.checked = rows;
  });
  try {
    await checker.read(readTableBatches(input.file, await formatOfFile(input.file, fileName)));
  } catch (error) {
    checker.fail(null, 0, "", unreadableMessage(t, error));
  }
  const resolved = await resolve(tx, checker.result, target, keys, t, (row, field, message) => checker.fail(row.sheet, row.line, row.headers.get(field) ?? field, message));
  const { errors, errorCount, rows } = checker.result;
  // By table and row; within a row in the order found (the file's columns, then references).
  errors.sort((a, b) => (a.sheet ?? "").localeCompare(b.sheet ?? "") || a.line - b.line);
  const report: ImportReport = { fileName, rows, counts: countsOf(resolved), errors, errorCount };
  return { target, resolved, report };
}

/** A file with bad rows is refused whole: 422 on `file`, with the count and every listed row. */
export function refuseBadRows(report: { errors: RowError[]; errorCount: number }, locale: Locale): void {
  if (!report.errorCount) return;
  const t = translator(locale);
  const rows = report.errors.map((e) => `${e.sheet ? `${e.sheet}: ` : ""}${t("import.line")} ${e.line}${e.column ? `, ${e.column}` : ""}: ${e.message}`);
  throw new InvalidFields({ file: [t("import.bad", { count: report.errorCount }), ...rows] });
}

/** What the imports table records of the file: its SHA-256. */
export async function fileHashOf(file: Blob): Promise<string> {
  return createHash("sha256").update(new Uint8Array(await file.arrayBuffer())).digest("hex");
}

export const checkImport = defineOperation({
  name: "imports.check",
  access: "records.import",
  audit: "none",
  input: importSchema,
  async run({ actor, tx, locale }, input): Promise<ImportReport> {
    return (await checkFile(tx, actor, locale, input)).report;
  },
});

export const runImport = defineOperation({
  name: "imports.run",
  access: "records.import",
  audit: "change",
  input: importSchema,
  async run({ actor, tx, locale }, input): Promise<ImportReport> {
    // Shown on the page while it runs (lib/import/progress.ts), under the id its row will have.
    const progress = startProgress({ id: randomUUID(), actorId: actor.userId, unitId: input.contactPointId, fileName: fileNameOf(input) });
    try {
      const { target, resolved, report } = await checkFile(tx, actor, locale, input, progress);
      refuseBadRows(report, locale);
      const fileHash = await fileHashOf(input.file);
      const [made] = await tx
        .insert(imports)
        .values({ id: progress.id, actorId: actor.userId, unitId: target.contactPointId, fileName: report.fileName, fileHash, status: "done", rows: report.rows, counts: report.counts, finishedAt: new Date() })
        .returning({ id: imports.id });
      progress.phase = "writing";
      progress.toWrite = Object.values(report.counts).reduce((n, c) => n + c.added, 0);
      await writeImport(tx, actor, target, resolved, made.id, (rows) => (progress.written = rows));
      return { ...report, id: made.id };
    } finally {
      endProgress(progress.id);
    }
  },
});

export interface ListedImport {
  id: string;
  at: Date;
  fileName: string;
  /** "done", or "running" with its progress. */
  status: string;
  rows: number;
  counts: Record<string, KindCount>;
  unitId: string;
  unitName: string;
  progress?: Pick<ImportProgress, "phase" | "checked" | "written" | "toWrite">;
}

/** The user's own imports, newest first, those still running in this process first: what the page shows after returning to it. */
export const listImports = defineOperation({
  name: "imports.list",
  access: "records.import",
  audit: "none",
  input: z.object({}).strict(),
  async run({ actor, tx }): Promise<ListedImport[]> {
    const running = runningImports(actor.userId);
    const names = running.length ? await tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, running.map((p) => p.unitId))) : [];
    const ended = await tx
      .select({ id: imports.id, at: imports.createdAt, fileName: imports.fileName, status: imports.status, rows: imports.rows, counts: imports.counts, unitId: imports.unitId, unitName: orgUnits.name })
      .from(imports)
      .innerJoin(orgUnits, eq(orgUnits.id, imports.unitId))
      .where(and(eq(imports.actorId, actor.userId)))
      .orderBy(desc(imports.createdAt))
      .limit(20);
    return [
      ...running.map((p) => ({
        id: p.id,
        at: p.startedAt,
        fileName: p.fileName,
        status: "running",
        rows: p.checked,
        counts: {},
        unitId: p.unitId,
        unitName: names.find((n) => n.id === p.unitId)?.name ?? "",
        progress: { phase: p.phase, checked: p.checked, written: p.written, toWrite: p.toWrite },
      })),
      // A row of an import that has just ended may be there already.
      ...ended.filter((e) => !running.some((p) => p.id === e.id)),
    ];
  },
});
