import { createHmac } from "node:crypto";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import { Checker } from "./check";
import { importKeysWith } from "./keys";
import { MAX_WORKBOOK_UNPACKED_MB, readTableBatches, readTables, unreadableMessage, WorkbookTooLarge, type TableEvent } from "./read";

async function events(text: string): Promise<TableEvent[]> {
  const all: TableEvent[] = [];
  for await (const event of readTables(new Blob([text]), "csv")) all.push(event);
  return all;
}

describe("reading a CSV file (lib/import/read.ts)", () => {
  it("gives every record with the line csv-parse's own info names, across quoted line breaks, blank lines and batches", async () => {
    const lines = ["Client reference,Date,Note", 'A,2019-01-01,"two', 'lines"', "", "B,2019-01-02,one"];
    for (let i = 0; i < 9_000; i++) lines.push(`R-${i},2019-01-03,${i % 7 ? "plain" : '"x\ny"'}`);
    const text = lines.join("\r\n") + "\r\n";
    const expected = (parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[]).map(
      ({ record, info }) => ({ type: "row", line: info.lines, cells: record }),
    );
    expect(await events(text)).toEqual([{ type: "table", sheet: null }, ...expected]);
    let batches = 0;
    for await (const _ of readTableBatches(new Blob([text]), "csv")) batches++;
    // Rows come a batch at a time, not one by one.
    expect(batches).toBeLessThan(expected.length / 100);
  });

  it("refuses a file csv-parse cannot read with its reason, rather than stopping without one", async () => {
    await expect(events('Client reference,Date\n"A,2019-01-01\n')).rejects.toThrow(/quote/i);
  });
});

describe("reading a workbook (lib/import/read.ts)", () => {
  /** A workbook with one sheet of sessions and, if asked, a part that unpacks to `paddingMB` MB of zeros (packed, a few KB). */
  async function workbook(paddingMB = 0): Promise<Blob> {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Sessions").addRows([["Client reference", "Date"], ["A", "2019-01-01"]]);
    const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
    if (paddingMB) zip.file("xl/media/padding.bin", new Uint8Array(paddingMB * 1024 * 1024));
    return new Blob([await zip.generateAsync({ type: "arraybuffer", compression: "DEFLATE" })]);
  }

  async function rowsOf(file: Blob): Promise<TableEvent[]> {
    const all: TableEvent[] = [];
    for await (const event of readTables(file, "xlsx")) all.push(event);
    return all;
  }

  it("reads a workbook within the limit", async () => {
    expect(await rowsOf(await workbook(1))).toEqual([
      { type: "table", sheet: "Sessions" },
      { type: "row", line: 1, cells: ["Client reference", "Date"] },
      { type: "row", line: 2, cells: ["A", "2019-01-01"] },
    ]);
  });

  it("refuses a workbook that unpacks to more than the limit before reading it, whatever it packs to, and says so in the user's language", async () => {
    const bomb = await workbook(MAX_WORKBOOK_UNPACKED_MB + 1);
    expect(bomb.size).toBeLessThan(1024 * 1024);
    const refusal = await rowsOf(bomb).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(WorkbookTooLarge);
    expect(unreadableMessage(translator("en"), refusal)).toBe(`The workbook unpacks to more than ${MAX_WORKBOOK_UNPACKED_MB} MB and is not read. Save it as a CSV file (up to 50 MB) or split it.`);
    expect(unreadableMessage(translator("de"), refusal)).toMatch(new RegExp(`^Die Arbeitsmappe ist entpackt größer als ${MAX_WORKBOOK_UNPACKED_MB} MB`));
  });
});

describe("checking a large file (lib/import/check.ts)", () => {
  it("lets the server's other work in between batches, rather than checking the whole file in one go", async () => {
    const lines = ["Client reference,Date,Advice stage,Type of advice,Channel,Outcome / next step"];
    for (let i = 0; i < 20_000; i++) lines.push(`C-${i % 100},2019-03-04,initial,recognition,phone,no_further_action`);
    const checker = new Checker(translator("en"), () => ({ error: "unknownOccupation" }), importKeysWith("secret"));
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    await checker.read(readTableBatches(new Blob([lines.join("\n")]), "csv"));
    clearInterval(timer);
    expect(checker.result).toMatchObject({ rows: 20_000, errorCount: 0 });
    expect(turns).toBeGreaterThan(0);
  });
});

describe("import keys (lib/import/keys.ts)", () => {
  it("are the HMAC-SHA-256 of the reference or of the row's content with its occurrence, as earlier imports kept them", () => {
    const keys = importKeysWith("secret");
    const hmac = (text: string) => createHmac("sha256", "secret").update(text).digest("base64url");
    expect(keys.ref("Zeynep")).toBe(`ref:${hmac("Zeynep")}`);
    expect(keys.row(keys.content("advice_session:[1]"), 2)).toBe(`row:${hmac("advice_session:[1]")}:2`);
  });
});
