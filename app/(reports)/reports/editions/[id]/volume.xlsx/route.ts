import { downloadResponse } from "@/app/api/_http/download";
import { editionVolumeDownload } from "@/lib/editions/download";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return downloadResponse(await editionVolumeDownload((await params).id));
}
