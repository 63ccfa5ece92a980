import { editionDownload } from "@/lib/editions/download";

export const dynamic = "force-dynamic";
export const GET = editionDownload;
