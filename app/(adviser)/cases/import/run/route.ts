import { uploadResponse } from "@/app/api/_http/upload";
import { runImport } from "@/lib/import/operations";

export const dynamic = "force-dynamic";

/** The import of an upload: all rows in one transaction, or none (422 with the bad rows). */
export async function POST(request: Request): Promise<Response> {
  return uploadResponse(request, runImport);
}
