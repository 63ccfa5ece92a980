import { downloadResponse } from "@/app/api/_http/download";
import { figuresDownload } from "@/lib/figures/download";

export const dynamic = "force-dynamic";

/** ?format=csv|xlsx and the report page's own query string (with `by`, a breakdown's). */
export async function GET(request: Request): Promise<Response> {
  return downloadResponse(await figuresDownload(Object.fromEntries(new URL(request.url).searchParams)));
}
