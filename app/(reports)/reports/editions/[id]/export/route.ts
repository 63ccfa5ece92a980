import { downloadResponse } from "@/app/api/_http/download";
import { editionDownload } from "@/lib/editions/download";

export const dynamic = "force-dynamic";

/** ?format=csv|xlsx */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return downloadResponse(await editionDownload((await params).id, new URL(request.url).searchParams.get("format")));
}
