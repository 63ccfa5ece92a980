import { uploadResponse } from "@/app/api/_http/upload";
import { checkOutcomeImport } from "@/lib/import/outcomes";

export const dynamic = "force-dynamic";

/** The dry run of an outcomes file: every bad row, and how many outcomes it would change. */
export async function POST(request: Request): Promise<Response> {
  return uploadResponse(request, checkOutcomeImport, ["source", "sourceOn"]);
}
