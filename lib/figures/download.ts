import "server-only";
import { UNKNOWN_FORMAT, downloadFormat, type Download } from "@/lib/download";
import type { Result } from "@/lib/operation";
import { serverI18n } from "@/lib/i18n/server";
import { perform } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { breakdownTable, reportTable, toCsv, toXlsx, type ExportTable } from "./export";
import { figuresBreakdown, figuresReport } from "./report";
import { figuresQuery, readFiguresRequest } from "./request";
import { figuresLatestYear } from "./years";

/**
 * A download of the "in figures" report (or, with `by`, of a breakdown), asked for with the same
 * query string as the pages and read through the same operations for the signed-in user, so a
 * file holds exactly what that user may see on the page.
 */
export async function figuresDownload(search: Record<string, string>): Promise<Result<Download>> {
  const format = downloadFormat(search.format);
  if (!format) return { ok: false, error: UNKNOWN_FORMAT };
  const { t, locale } = await serverI18n();
  // Without a year the page showed the latest one with records; a refused user is refused by the report below.
  const latestYear = async () => {
    const latest = await perform(figuresLatestYear, {});
    return latest.ok ? latest.value : Number(todayInBerlin().slice(0, 4));
  };
  const asked = await readFiguresRequest(search, { t, latestYear });
  if (!asked.ok) return { ok: false, error: { kind: "validation", fieldErrors: asked.fieldErrors } };
  const query = figuresQuery(asked.params);

  let table: ExportTable;
  if (search.by !== undefined) {
    const result = await perform(figuresBreakdown, { ...query, by: asked.by });
    if (!result.ok) return result;
    table = breakdownTable(result.value, t);
  } else {
    const result = await perform(figuresReport, query);
    if (!result.ok) return result;
    table = reportTable(result.value, t);
  }
  const content = format === "csv" ? toCsv(table, locale) : new Uint8Array(await toXlsx(table));
  return { ok: true, value: { format, fileName: `${table.fileName}.${format}`, content } };
}
