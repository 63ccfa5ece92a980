import "server-only";
import { httpStatus } from "@/lib/operation";
import { serverI18n } from "@/lib/i18n/server";
import { perform } from "@/lib/server";
import { editionCsv, editionFileName, editionXlsx, volumeXlsx } from "./files";
import { editionFiles } from "./operations";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function file(body: string | Uint8Array<ArrayBuffer>, type: string, name: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${name}"`,
      // Who may read an edition depends on who asks: never kept by a shared cache.
      "Cache-Control": "private, no-store",
    },
  });
}

type Params = { params: Promise<{ id: string }> };

/** The edition's report as CSV or XLSX (?format=csv|xlsx), for the signed-in user, read through editions.files. */
export async function editionDownload(request: Request, { params }: Params): Promise<Response> {
  const format = new URL(request.url).searchParams.get("format");
  if (format !== "csv" && format !== "xlsx") return Response.json({ error: { kind: "validation", fieldErrors: { format: ["csv, xlsx"] } } }, { status: 422 });
  const result = await perform(editionFiles, { id: (await params).id });
  if (!result.ok) return Response.json({ error: result.error }, { status: httpStatus(result.error) });
  const { summary, published } = result.value;
  const { t, locale } = await serverI18n();
  if (format === "csv") return file(editionCsv(published, locale), "text/csv; charset=utf-8", editionFileName(summary, ".csv"));
  return file(new Uint8Array(await editionXlsx(summary, published, t)), XLSX, editionFileName(summary, ".xlsx"));
}

/** The table volume: the report and every breakdown of the edition, one sheet each. */
export async function editionVolumeDownload(_request: Request, { params }: Params): Promise<Response> {
  const result = await perform(editionFiles, { id: (await params).id });
  if (!result.ok) return Response.json({ error: result.error }, { status: httpStatus(result.error) });
  const { summary, published } = result.value;
  const { t } = await serverI18n();
  return file(new Uint8Array(await volumeXlsx(summary, published, t)), XLSX, editionFileName(summary, "-volume.xlsx"));
}
