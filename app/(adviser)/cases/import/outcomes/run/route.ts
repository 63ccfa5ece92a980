import { uploadResponse } from "@/app/api/_http/upload";
import { runOutcomeImport } from "@/lib/import/outcomes";

export const dynamic = "force-dynamic";

/** The import of an outcomes file: every changed enrolment edited in one transaction, or none (422 with the bad rows). */
export async function POST(request: Request): Promise<Response> {
  return uploadResponse(request, runOutcomeImport, ["source", "sourceOn"]);
}
