import type { Download, DownloadFormat } from "@/lib/download";
import { httpStatus, type Result } from "@/lib/operation";

const CONTENT_TYPES: Record<DownloadFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** A report download as an attachment, or its refusal as JSON with the matching status. */
export function downloadResponse(result: Result<Download>): Response {
  if (!result.ok) return Response.json({ error: result.error }, { status: httpStatus(result.error) });
  const { format, fileName, content } = result.value;
  return new Response(content, {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${fileName}"`,
      // What a report holds depends on who asks: never kept by a shared cache.
      "Cache-Control": "private, no-store",
    },
  });
}
