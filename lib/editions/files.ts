/**
 * An edition's files, written from the tables stored at publication: the CSV holds exactly the
 * published rows (no moment of download inside), so it comes out byte for byte the same every
 * time. The XLSX files carry the edition's title, publication and definitions' version on their
 * info sheet; the table volume holds the report and every breakdown, one sheet each.
 */
import ExcelJS from "exceljs";
import { addInfoSheet, addTableSheet, slug, toCsv, toXlsx } from "@/lib/figures/export";
import type { Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/translate";
import type { EditionSummary, PublishedLanguage } from "./content";

export function editionFileName(summary: EditionSummary, suffix = ""): string {
  return `lotse-edition-${slug(summary.title)}-${summary.id.slice(0, 8)}${suffix}`;
}

export function editionCsv(published: PublishedLanguage, locale: Locale): string {
  return toCsv(published.tables.report, locale);
}

function editionMeta(summary: EditionSummary, t: Translate): [string, string][] {
  return [
    [t("editions.files.edition"), summary.title],
    [t("editions.files.publishedAt"), summary.publishedAt],
    [t("editions.files.definitionsVersion"), summary.definitionsVersion],
    [t("editions.files.permalink"), `/reports/editions/${summary.id}`],
  ];
}

export async function editionXlsx(summary: EditionSummary, published: PublishedLanguage, t: Translate): Promise<Buffer> {
  const table = published.tables.report;
  return toXlsx({ ...table, meta: [...editionMeta(summary, t), ...table.meta] });
}

/** Excel refuses sheet names longer than 31 characters or holding any of : \ / ? * [ ]. */
const sheetName = (text: string) => text.replace(/[:\\/?*[\]]/g, " ").slice(0, 31);

export async function volumeXlsx(summary: EditionSummary, published: PublishedLanguage, t: Translate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Lotse";
  const { report, breakdowns } = published.tables;
  addTableSheet(workbook, sheetName(t("editions.files.reportSheet")), report);
  published.breakdowns.forEach((b, i) => addTableSheet(workbook, sheetName(t(`figures.by.${b.by}`)), breakdowns[i]));
  addInfoSheet(workbook, sheetName(report.sheets.info), [...editionMeta(summary, t), ...report.meta]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
