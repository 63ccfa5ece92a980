import "server-only";
import { httpStatus } from "@/lib/operation";
import type { Locale } from "@/lib/i18n/config";
import { serverI18n } from "@/lib/i18n/server";
import { perform } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { breakdownTable, reportTable, toCsv, toXlsx, type ExportTable } from "./export";
import { figuresBreakdown, figuresReport } from "./report";
import { figuresQuery, readFiguresRequest } from "./request";
import { figuresLatestYear } from "./years";

const FORMATS = {
  csv: { type: "text/csv; charset=utf-8", body: async (table: ExportTable, locale: Locale) => toCsv(table, locale) },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: async (table: ExportTable) => new Uint8Array(await toXlsx(table)) },
} as const;

/**
 * A download of the "in figures" report (or, with `by`, of a breakdown), asked for with the same
 * query string as the pages and read through the same operations for the signed-in user, so a
 * file holds exactly what that user may see on the page.
 */
export async function figuresDownload(request: Request): Promise<Response> {
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const extension = search.format as keyof typeof FORMATS;
  const format = Object.hasOwn(FORMATS, extension) ? FORMATS[extension] : undefined;
  if (!format) return Response.json({ error: { kind: "validation", fieldErrors: { format: ["csv, xlsx"] } } }, { status: 422 });
  const { t, locale } = await serverI18n();
  // Without a year the page showed the latest one with records; a refused user is refused by the report below.
  const latestYear = async () => {
    const latest = await perform(figuresLatestYear, {});
    return latest.ok ? latest.value : Number(todayInBerlin().slice(0, 4));
  };
  const asked = await readFiguresRequest(search, { t, latestYear });
  if (!asked.ok) return Response.json({ error: { kind: "validation", fieldErrors: asked.fieldErrors } }, { status: 422 });
  const query = figuresQuery(asked.params);

  let table: ExportTable;
  if (search.by !== undefined) {
    const result = await perform(figuresBreakdown, { ...query, by: asked.by });
    if (!result.ok) return Response.json({ error: result.error }, { status: httpStatus(result.error) });
    table = breakdownTable(result.value, t);
  } else {
    const result = await perform(figuresReport, query);
    if (!result.ok) return Response.json({ error: result.error }, { status: httpStatus(result.error) });
    table = reportTable(result.value, t);
  }
  return new Response(await format.body(table, locale), {
    headers: {
      "Content-Type": format.type,
      "Content-Disposition": `attachment; filename="${table.fileName}.${extension}"`,
      // Figures depend on who asks: never kept by a shared cache.
      "Cache-Control": "private, no-store",
    },
  });
}
