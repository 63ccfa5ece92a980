import type { z } from "zod";
import { downloadFormat, UNKNOWN_FORMAT, type Download, type DownloadFormat } from "@/lib/download";
import { httpStatus, type Access, type Operation, type Result } from "@/lib/operation";
import { perform } from "@/lib/server";

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

/** A download whose query (`format`, and what the operation needs besides) is the operation's input. */
export async function queryDownloadResponse<A extends Access, S extends z.ZodType>(request: Request, op: Operation<A, S, Download>): Promise<Response> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const format = downloadFormat(query.format);
  return downloadResponse(format ? await perform(op, { ...query, format }) : { ok: false, error: UNKNOWN_FORMAT });
}
