/**
 * Reports and breakdowns as tables for download (CSV, XLSX). One set of rows for both formats,
 * so that the two files always hold the same values; every cell the operation withheld (a 1 or 2,
 * or a value that would give one away) is written as "<3".
 */
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/translate";
import { COUNT_FIGURES, ORG_FIGURES, SHARE_FIGURES, TARGETS_KEY, TOP_OCCUPATIONS_KEY } from "./definitions";
import { provenanceOf, SUPPRESSED } from "./presentation";
import { SMALL } from "./suppression";
import type { Cell, FiguresBreakdown } from "./breakdown";
import type { FiguresReport, TopOccupation } from "./report";
import type { TargetProgress } from "./target-progress";

export { SUPPRESSED };

export type ExportCell = string | number | null;

export interface ExportTable {
  /** The file name without extension, ASCII only. */
  fileName: string;
  /** Names of the XLSX sheets: the table, and what it shows. */
  sheets: { table: string; info: string };
  /** What the figures are: scope, period, reference dates (the XLSX info sheet). */
  meta: [string, string][];
  header: string[];
  rows: ExportCell[][];
}

const COUNTS = new Set<string>([...COUNT_FIGURES.map((f) => f.key), ...ORG_FIGURES]);
const SHARES = new Set(SHARE_FIGURES.map((f) => f.key));

/**
 * A count as written: below the network a 1 or 2 never leaves the server, even if a caller
 * handed in an unsuppressed value (the operation already withholds them; this is the last gate).
 */
function countCell(value: number | null, belowNetwork: boolean): ExportCell {
  if (value === null) return belowNetwork ? SUPPRESSED : null;
  return belowNetwork && SMALL(value) ? SUPPRESSED : value;
}

function periodLabel(period: { from: string; to: string }): string {
  const year = period.from.slice(0, 4);
  return period.from === `${year}-01-01` && period.to === `${year}-12-31` ? year : `${period.from}_${period.to}`;
}

export function slug(text: string): string {
  const ascii = text
    .normalize("NFKD")
    .replace(/ß/g, "ss")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return ascii || "scope";
}

function fileName(data: FiguresReport | FiguresBreakdown, by?: string): string {
  const scope = data.scope.level === "network" ? "network" : slug(data.scope.name);
  return ["lotse-figures", periodLabel(data.period), scope, ...(by ? [`by-${by}`] : [])].join("-");
}

const sheetsOf = (t: Translate) => ({ table: t("figures.export.sheet"), info: t("figures.export.infoSheet") });

function metaOf(data: FiguresReport | FiguresBreakdown, t: Translate): [string, string][] {
  return [
    [t("figures.export.title"), t("figures.title")],
    [t("figures.export.scope"), data.scope.level === "network" ? t("figures.scope.network") : data.scope.name],
    [t("figures.export.period"), `${data.period.from} – ${data.period.to}`],
    [t("figures.export.asOf"), data.asOf],
    [t("figures.export.completersAsOf"), data.completersAsOf],
    [t("figures.export.suppressedNote"), SUPPRESSED],
  ];
}

/** The report as rows: key, figure, value, source, reference date. */
export function reportTable(report: FiguresReport, t: Translate): ExportTable {
  const below = report.scope.level !== "network";
  const rows: ExportCell[][] = [];
  const row = (key: string, label: string, value: ExportCell, provenanceKey = key) => {
    const p = provenanceOf(provenanceKey, report);
    const source = t(`figures.sources.${p.source}`);
    rows.push([key, label, value, p.imported ? `${source}; ${t("figures.importedOutcomes", { source: p.imported.source, date: p.imported.on })}` : source, p.asOf]);
  };
  for (const [key, value] of Object.entries(report.figures)) {
    const label = t(`figures.labels.${key}`);
    if (key === TOP_OCCUPATIONS_KEY) {
      (value as TopOccupation[]).forEach((o, i) => row(`${key}.${i + 1}`, `${label} (${i + 1}): ${o.name}`, countCell(o.count, below), key));
      // Entries left out of the list so that none of their counts can be worked out.
      if (report.suppressed.includes(key)) row(`${key}.withheld`, `${label}: ${t("figures.topWithheld")}`, SUPPRESSED, key);
    } else if (key === TARGETS_KEY) {
      const target = value as TargetProgress | null;
      if (!target) row(key, label, null);
      else {
        row(`${key}.target`, `${label}: ${t("figures.target.target")}`, target.target, key);
        row(`${key}.until`, `${label}: ${t("figures.target.until")}`, target.to, key);
        row(`${key}.reached`, `${label}: ${t("figures.target.reached")}`, target.reached, key);
        row(`${key}.shareReached`, `${label}: ${t("figures.target.shareReached")} (%)`, target.shareReached, key);
        row(`${key}.shareElapsed`, `${label}: ${t("figures.target.shareElapsed")} (%)`, target.shareElapsed, key);
      }
    } else if (SHARES.has(key)) {
      row(key, `${label} (%)`, report.suppressed.includes(key) ? SUPPRESSED : (value as number | null));
    } else if (COUNTS.has(key)) {
      row(key, label, report.suppressed.includes(key) ? SUPPRESSED : countCell(value as number | null, below));
    }
  }
  return {
    fileName: fileName(report),
    sheets: sheetsOf(t),
    meta: metaOf(report, t),
    header: [t("figures.export.key"), t("figures.export.figure"), t("figures.export.value"), t("figures.export.source"), t("figures.export.referenceDate")],
    rows,
  };
}

/** A breakdown as rows: one per group (code, label, a column per figure), then the total. */
export function breakdownTable(breakdown: FiguresBreakdown, t: Translate): ExportTable {
  const below = breakdown.scope.level !== "network";
  const cell = (c: Cell | undefined, protect: boolean): ExportCell => {
    if (!c) return null;
    if (c.value === null) return SUPPRESSED;
    return protect && SMALL(c.value) ? SUPPRESSED : c.value;
  };
  const line = (r: FiguresBreakdown["total"], protect: boolean): ExportCell[] => [r.code, r.label, ...breakdown.keys.map((k) => cell(r.cells[k], protect))];
  return {
    fileName: fileName(breakdown, breakdown.by),
    sheets: sheetsOf(t),
    meta: [...metaOf(breakdown, t), [t("figures.export.by"), t(`figures.by.${breakdown.by}`)]],
    header: [t("figures.export.code"), t(`figures.by.${breakdown.by}`), ...breakdown.keys.map((k) => t(`figures.labels.${k}`))],
    // Groups are always below the network; the total only when the scope is.
    rows: [...breakdown.rows.map((r) => line(r, true)), line(breakdown.total, below)],
  };
}

/**
 * Spreadsheet programs run a cell that starts with one of these as a formula; names of units and
 * occupations are typed by people, so such a text is prefixed with an apostrophe (OWASP's advice).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export const guardFormula = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

/**
 * RFC 4180 (CRLF, quotes doubled), UTF-8 with a byte order mark so that Excel reads umlauts right.
 * German Excel reads a CSV with its list separator (";") and decimal comma; the English file
 * keeps comma and point. Numbers are written without thousands separators in both, so that
 * they arrive as numbers.
 */
export function toCsv(table: ExportTable, locale: Locale = "en"): string {
  const guard = (c: ExportCell) => (typeof c === "string" ? guardFormula(c) : c);
  const german = locale === "de";
  return stringify(
    [table.header, ...table.rows].map((r) => r.map(guard)),
    {
      bom: true,
      delimiter: german ? ";" : ",",
      cast: { number: (n) => (german ? String(n).replace(".", ",") : String(n)) },
      record_delimiter: "windows",
      // csv-stringify quotes only the record delimiter itself; a bare line feed must be quoted too.
      quoted_match: /[\r\n]/,
    },
  );
}

/**
 * The table on the first sheet, what it shows on the second. Texts are written as text cells,
 * which Excel never evaluates, so they are kept as they are (no apostrophe as in the CSV).
 */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Lotse";
  addTableSheet(workbook, table.sheets.table, table);
  addInfoSheet(workbook, table.sheets.info, table.meta);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One table on a sheet of its own: a bold, frozen header, numbers as numbers, "<3" right-aligned. */
export function addTableSheet(workbook: ExcelJS.Workbook, name: string, table: Pick<ExportTable, "header" | "rows">): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(table.header).font = { bold: true };
  for (const r of table.rows) {
    const added = sheet.addRow(r.map((c) => c ?? ""));
    added.eachCell((c) => {
      if (typeof c.value === "number") c.numFmt = Number.isInteger(c.value) ? "#,##0" : "0.0";
      else if (c.value === SUPPRESSED) c.alignment = { horizontal: "right" };
    });
  }
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(...[table.header, ...table.rows].map((r) => String(r[i] ?? "").length));
    column.width = Math.min(60, Math.max(10, longest + 2));
  });
}

/** What the tables show (scope, period, reference dates), one label and value a row. */
export function addInfoSheet(workbook: ExcelJS.Workbook, name: string, meta: [string, string][]): void {
  const info = workbook.addWorksheet(name);
  for (const [label, value] of meta) info.addRow([label, value]);
  info.getColumn(1).font = { bold: true };
  info.getColumn(1).width = 40;
  info.getColumn(2).width = 40;
}
