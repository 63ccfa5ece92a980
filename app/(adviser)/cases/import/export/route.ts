import { exportRecords } from "@/lib/import/export";
import { queryDownloadResponse } from "@/app/api/_http/download";

export const dynamic = "force-dynamic";

/** ?contactPointId=…&format=csv&kind=… or &format=xlsx: the contact point's data in the import's format. */
export async function GET(request: Request): Promise<Response> {
  return queryDownloadResponse(request, exportRecords);
}
