/**
 * Reads an uploaded file as a stream of tables: a CSV file is one table, a workbook one per
 * sheet. A CSV file streams through csv-parse, so a large one is never held as text; a
 * workbook is read whole (see xlsxBatches).
 */
import { Readable } from "node:stream";
import { Parser, type Options } from "csv-parse";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Translate } from "@/lib/i18n/translate";
import type { Cell } from "./columns";

export type ImportFormat = "csv" | "xlsx";

export type TableEvent = { type: "table"; sheet: string | null } | { type: "row"; line: number; cells: Cell[] };

export function formatOf(fileName: string): ImportFormat | null {
  const lower = fileName.toLowerCase();
  return lower.endsWith(".csv") ? "csv" : lower.endsWith(".xlsx") ? "xlsx" : null;
}

function nodeStream(file: Blob): Readable {
  return Readable.fromWeb(file.stream() as import("node:stream/web").ReadableStream<Uint8Array>);
}

/** German Excel writes ";" between fields, English ",": the first line tells which. */
async function delimiterOf(file: Blob): Promise<string> {
  const head = await file.slice(0, 64 * 1024).text();
  const firstLine = head.split(/\r?\n/, 1)[0];
  const count = (c: string) => firstLine.split(c).length;
  return count(";") > count(",") ? ";" : count("\t") > count(",") ? "\t" : ",";
}

/**
 * csv-parse's parser, each record handed on with the line it ended on: what its `info` option
 * gives, read from the parser's running count as the record is pushed, without the copy of
 * every statistic that option makes per record.
 */
class LineParser extends Parser {
  override push(record: unknown, encoding?: BufferEncoding): boolean {
    return super.push(record === null ? null : { type: "row", line: this.info.lines, cells: record as string[] }, encoding);
  }
}

/**
 * A readable stream taken a batch at a time: what it holds now, or, when it holds nothing, what
 * it holds next (null at its end). Its error is kept from the moment it is wrapped, whenever it
 * comes, and thrown by the next call.
 */
const MAX_BATCH = 512;

function batchesOf<T>(stream: Readable): () => Promise<T[] | null> {
  let failure: Error | null = null;
  stream.on("error", (error: Error) => (failure ??= error));
  return async () => {
    for (;;) {
      if (failure) throw failure;
      const batch: T[] = [];
      // At most a batch's worth: each read() may parse more of what is buffered, up to the whole file.
      for (let item = stream.read() as T | null; item !== null; item = batch.length < MAX_BATCH ? (stream.read() as T | null) : null) batch.push(item);
      if (batch.length) return batch;
      if (stream.readableEnded) return null;
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off("readable", done).off("end", done).off("error", done);
          resolve();
        };
        stream.on("readable", done).on("end", done).on("error", done);
      });
    }
  };
}

async function* csvBatches(file: Blob): AsyncGenerator<TableEvent[]> {
  yield [{ type: "table", sheet: null }];
  // A few hundred rows parsed ahead, taken a batch at a time: one await per batch, not per row.
  // Not more: rows that wait long are kept by the garbage collector as if they were to last.
  const parser = nodeStream(file).pipe(
    new LineParser({ bom: true, delimiter: await delimiterOf(file), relax_column_count: true, skip_empty_lines: true, readableHighWaterMark: 512 } as Options),
  );
  const next = batchesOf<TableEvent>(parser);
  for (let batch = await next(); batch; batch = await next()) yield batch;
}

/** A cell as its value: a formula's result, a rich text's text, a hyperlink's text. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    if ("result" in value) return cellValue(value.result);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
  }
  return String(value);
}

/** The largest file taken: a 200,000-row CSV of sessions is about 20 MB. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** The same limit as the messages name it. */
export const MAX_FILE_MB = MAX_FILE_BYTES / 1024 / 1024;

/**
 * The most a workbook may hold unpacked. exceljs holds about nine times its unpacked XML while
 * it reads (see xlsxBatches): a sheet of 200,000 sessions (the most rows an import takes) is 52 MB
 * unpacked and takes 470 MiB of the server's 1024 (scripts/server-heap.mjs); its import peaked
 * at 980 MiB resident, and worked. The 50 MB upload limit bounds only the packed file,
 * which may unpack to a thousand times its size.
 */
export const MAX_WORKBOOK_UNPACKED_MB = 56;

/** A workbook that unpacks to more than MAX_WORKBOOK_UNPACKED_MB: refused before it is read. */
export class WorkbookTooLarge extends Error {
  constructor() {
    super(`the workbook unpacks to more than ${MAX_WORKBOOK_UNPACKED_MB} MB`);
  }
}

/**
 * Unpacks every part of the workbook once, counting, and stops at the limit: the sizes a zip
 * archive declares may lie, what inflating gives does not.
 */
async function assertUnpackedWithinLimit(bytes: ArrayBuffer): Promise<void> {
  const zip = await JSZip.loadAsync(bytes);
  let left = MAX_WORKBOOK_UNPACKED_MB * 1024 * 1024;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const stream = entry.nodeStream("nodebuffer");
    await new Promise<void>((resolve, reject) => {
      stream.on("data", (chunk: Buffer) => {
        left -= chunk.length;
        if (left >= 0) return;
        stream.pause();
        stream.removeAllListeners("data");
        reject(new WorkbookTooLarge());
      });
      stream.on("end", resolve);
      stream.on("error", reject);
    });
  }
}

/**
 * A workbook is read whole: exceljs 4.4's streaming reader loses the shared strings and sheet
 * names of a workbook that stores them after its sheets, as exceljs itself writes them (so our
 * own export would not read back). What it unpacks to is bounded first.
 */
async function* xlsxBatches(file: Blob): AsyncGenerator<TableEvent[]> {
  const bytes = await file.arrayBuffer();
  await assertUnpackedWithinLimit(bytes);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  for (const worksheet of workbook.worksheets) {
    const events: TableEvent[] = [{ type: "table", sheet: worksheet.name }];
    worksheet.eachRow((row) => {
      const values = row.values as ExcelJS.CellValue[];
      // exceljs counts columns from 1: values[0] is always empty.
      const cells = values.slice(1).map(cellValue);
      if (!cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""))) events.push({ type: "row", line: row.number, cells });
    });
    yield events;
  }
}

/** Why a file could not be read, in the user's language. */
export function unreadableMessage(t: Translate, error: unknown): string {
  if (error instanceof WorkbookTooLarge) return t("import.errors.workbookTooLarge", { max: MAX_WORKBOOK_UNPACKED_MB, csvMax: MAX_FILE_MB });
  return t("import.errors.unreadable", { reason: error instanceof Error ? error.message.slice(0, 200) : String(error) });
}

/** The file's tables, a batch of events at a time (the rows parsed so far, or a sheet). */
export function readTableBatches(file: Blob, format: ImportFormat): AsyncGenerator<TableEvent[]> {
  return format === "csv" ? csvBatches(file) : xlsxBatches(file);
}

export async function* readTables(file: Blob, format: ImportFormat): AsyncGenerator<TableEvent> {
  for await (const batch of readTableBatches(file, format)) yield* batch;
}
