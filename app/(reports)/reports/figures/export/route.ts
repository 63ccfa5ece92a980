import { figuresDownload } from "@/lib/figures/download";

export const dynamic = "force-dynamic";
export const GET = figuresDownload;
