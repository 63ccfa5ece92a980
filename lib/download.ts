import type { OperationError } from "@/lib/operation";

/** The file formats of the reports' downloads. */
export type DownloadFormat = "csv" | "xlsx";

/** A file for the signed-in user: its content and name; the route handler sends it as an attachment. */
export interface Download {
  format: DownloadFormat;
  fileName: string;
  content: string | Uint8Array<ArrayBuffer>;
}

/** The format asked for, if it is one of ours. */
export function downloadFormat(asked: string | null | undefined): DownloadFormat | undefined {
  return asked === "csv" || asked === "xlsx" ? asked : undefined;
}

export const UNKNOWN_FORMAT: OperationError = { kind: "validation", fieldErrors: { format: ["csv, xlsx"] } };
