import { importTemplate } from "@/lib/import/export";
import { queryDownloadResponse } from "@/app/api/_http/download";

export const dynamic = "force-dynamic";

/** ?format=csv&kind=… (one kind) or ?format=xlsx (every kind): the header rows in the user's language. */
export async function GET(request: Request): Promise<Response> {
  return queryDownloadResponse(request, importTemplate);
}
