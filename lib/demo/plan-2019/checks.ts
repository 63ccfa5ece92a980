import { berlinTime, dayOf } from "../demo-random";
import { COMPLETERS_END, REF_END, YEAR_FROM, YEAR_TO } from "./calendar";
import { FIGURES_2019 } from "./figures";
import type { EnrolmentPlan } from "./job-training";
import type { ClientRow, RecordRow } from "./rows";

/** A final check of the time line: throws if the plan would not give the published figures as of the reference dates. */
export function checkTimeline(clients: ClientRow[], records: RecordRow[], enrolments: EnrolmentPlan[], touched: Set<RecordRow>): void {
  // The completers as counted by outcome date and as counted by what was on record at the completers' reference date agree.
  const completedByDate = new Set<string>();
  const completedOnRecord = new Set<string>();
  for (const e of enrolments) {
    const r = e.record;
    if (r.data.outcome !== "successful") continue;
    if ((r.data.outcomeOn as string) <= FIGURES_2019.completersAsOf) completedByDate.add(r.clientId!);
    if (r.updatedAt.getTime() <= COMPLETERS_END.getTime()) completedOnRecord.add(r.clientId!);
  }
  if (completedByDate.size !== FIGURES_2019.successfulCompleters || completedOnRecord.size !== FIGURES_2019.successfulCompleters) {
    throw new Error(`Completers: ${completedByDate.size} by date, ${completedOnRecord.size} on record`);
  }
  for (const c of clients) {
    if (c.createdAt.getTime() > REF_END.getTime()) throw new Error(`Client ${c.ref} created after the reference date`);
  }
  const lateIds = new Set(records.filter((r) => touched.has(r) && r.createdAt.getTime() > REF_END.getTime()).map((r) => r.id));
  for (const r of records) {
    if (r.occurredOn < YEAR_FROM || r.occurredOn > YEAR_TO) throw new Error(`Record dated ${r.occurredOn}`);
    if (!lateIds.has(r.id) && r.createdAt.getTime() > REF_END.getTime()) throw new Error(`Record of ${r.occurredOn} created after the reference date`);
    if (r.createdAt.getTime() < berlinTime(dayOf(r.occurredOn), 0).getTime()) throw new Error(`Record of ${r.occurredOn} created before it happened`);
    if (r.updatedAt.getTime() < r.createdAt.getTime()) throw new Error("Record updated before it was created");
  }
}
