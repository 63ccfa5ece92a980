import { uploadResponse } from "@/app/api/_http/upload";
import { checkImport } from "@/lib/import/operations";

export const dynamic = "force-dynamic";

/** The dry run of an upload: every bad row with its line, column and reason; nothing is written. */
export async function POST(request: Request): Promise<Response> {
  return uploadResponse(request, checkImport);
}
