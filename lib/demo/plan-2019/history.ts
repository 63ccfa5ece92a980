import { diff } from "@/lib/history";
import { snapshotOf, type HistoryRow, type RecordRow } from "./rows";

/** Both history versions of each record with two (records still at version 1 get theirs from the inserting statement). */
export function historyOfChangedRecords(records: RecordRow[]): HistoryRow[] {
  const history: HistoryRow[] = [];
  for (const r of records) {
    if (r.version === 1) continue;
    const first = r.firstData ?? r.data;
    history.push({ subjectId: r.id, subjectType: "record", version: 1, op: "create", actorId: r.createdBy, at: r.createdAt, snapshot: snapshotOf(r, first), changes: null });
    if (r.deletedAt) {
      history.push({ subjectId: r.id, subjectType: "record", version: 2, op: "delete", actorId: r.deletedBy!, at: r.deletedAt, snapshot: snapshotOf(r, r.data), changes: null });
    } else {
      history.push({
        subjectId: r.id,
        subjectType: "record",
        version: 2,
        op: "update",
        actorId: r.updatedBy!,
        at: r.updatedAt,
        snapshot: snapshotOf(r, r.data),
        changes: diff(snapshotOf(r, first), snapshotOf(r, r.data)),
      });
    }
  }
  return history;
}
