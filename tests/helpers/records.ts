/** Small helpers the record tests share (records.test.ts, records-scope.test.ts, enrolments.test.ts). */
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { records, type RecordKind } from "@/db/schema";
import type { OperationError, Result } from "@/lib/operation";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import type { KindSpec } from "@/lib/records/kinds";

export const ops = (spec: KindSpec) => RECORD_OPERATIONS[spec.kind];
export const errorOf = <R>(result: Result<R>): OperationError | undefined => (result.ok ? undefined : result.error);

/** One edit per kind that changes exactly one of the kind's own fields. */
export const EDITS: Record<RecordKind, Record<string, unknown>> = {
  advice_session: { channel: "video" },
  fair_integration_session: { topics: ["holidays"] },
  fair_integration_event: { participants: 30 },
  job_training_scheme: { title: "Brückenmaßnahme Pflege" },
  enrolment: { endOn: "2019-11-30" },
  intercultural_activity: { participants: 20 },
  skilled_worker_activity: { peopleReached: 55 },
};

/** A record's row as it is in the table (deleted ones too). */
export async function rowOf(id: string) {
  const [row] = await (await getDb()).select().from(records).where(eq(records.id, id));
  return row;
}
