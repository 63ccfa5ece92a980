import { exportRecords } from "@/lib/import/export";
import { fileResponse } from "@/lib/import/http";

export const dynamic = "force-dynamic";

/** ?contactPointId=…&format=csv&kind=… or &format=xlsx: the contact point's data in the import's format. */
export async function GET(request: Request): Promise<Response> {
  return fileResponse(request, exportRecords);
}
