import "server-only";
import { UNKNOWN_FORMAT, downloadFormat, type Download } from "@/lib/download";
import type { Result } from "@/lib/operation";
import { serverI18n } from "@/lib/i18n/server";
import { perform } from "@/lib/server";
import { editionCsv, editionFileName, editionXlsx, volumeXlsx } from "./files";
import { editionFiles } from "./operations";

/** The edition's report as CSV or XLSX, for the signed-in user, read through editions.files. */
export async function editionDownload(id: string, askedFormat: string | null): Promise<Result<Download>> {
  const format = downloadFormat(askedFormat);
  if (!format) return { ok: false, error: UNKNOWN_FORMAT };
  const result = await perform(editionFiles, { id });
  if (!result.ok) return result;
  const { summary, published } = result.value;
  const { t, locale } = await serverI18n();
  if (format === "csv") return { ok: true, value: { format, fileName: editionFileName(summary, ".csv"), content: editionCsv(published, locale) } };
  return { ok: true, value: { format, fileName: editionFileName(summary, ".xlsx"), content: new Uint8Array(await editionXlsx(summary, published, t)) } };
}

/** The table volume: the report and every breakdown of the edition, one sheet each. */
export async function editionVolumeDownload(id: string): Promise<Result<Download>> {
  const result = await perform(editionFiles, { id });
  if (!result.ok) return result;
  const { summary, published } = result.value;
  const { t } = await serverI18n();
  return { ok: true, value: { format: "xlsx", fileName: editionFileName(summary, "-volume.xlsx"), content: new Uint8Array(await volumeXlsx(summary, published, t)) } };
}
