/**
 * What a recount from the records table ("table" in as-of.ts) cannot know for a past reference
 * date R: the state at R of a record that existed then but was changed after it. Every figure
 * drawn from such a record's kind is named, never guessed; a figure that counts records or people
 * (each such record adds 0 or 1) is still bounded: between the recount without those records and
 * that plus their number.
 */
import { sql } from "drizzle-orm";
import { boundOf, existed, known, recordsAt, type AsOf, type Runner } from "./as-of";
import type { Figures } from "./figures";

export interface Uncheckable {
  why: string;
  /** Records whose state at the reference date is unknown. */
  records: number;
  /**
   * Whether the figure counts records or people, so that each such record adds 0 or 1 to it:
   * then the true value lies between the recount without them and that plus their number.
   */
  bounded: boolean;
}

/** The record kinds each figure is drawn from (the org tree's figures: none). */
function kindsOf(key: string): string[] {
  if (key.startsWith("advice.") || key === "targets.initialSessions") return ["advice_session"];
  if (key.startsWith("fairIntegration.")) return key.includes("groupEvent") ? ["fair_integration_event"] : ["fair_integration_session"];
  if (key === "jobTraining.participantsCommencing" || key === "jobTraining.successfulCompleters") return ["enrolment"];
  if (key.startsWith("jobTraining.")) return ["job_training_scheme"];
  if (key.startsWith("interculturalOpening.")) return ["intercultural_activity"];
  if (key.startsWith("skilledWorkerNetworks.")) return ["skilled_worker_activity"];
  return [];
}

const BOUNDED = /^(advice\.(initialSessions|initialByType\..*|followUpSessions)|fairIntegration\.(individualsAdvised|adviceSessions|groupEvents)|jobTraining\.(schemesStarted|schemesByFormat\..*|participantsCommencing|successfulCompleters)|interculturalOpening\.\w+\.(trainings|events|trainingEventsTotal|consultations))$/;

/** The keys of `unchecked` whose value lies outside what the recount bounds (see Uncheckable). */
export function outsideBounds(endpoint: Figures, counted: Figures, unchecked: Map<string, Uncheckable>): string[] {
  const problems: string[] = [];
  for (const [key, u] of unchecked) {
    if (!u.bounded) continue;
    const [value, known] = [endpoint[key], counted[key]];
    if (typeof value !== "number" || typeof known !== "number" || value < known || value > known + u.records)
      problems.push(`${key}: endpoint ${JSON.stringify(value)}, recount without the ${u.records} changed records ${JSON.stringify(known)} (must lie between it and ${typeof known === "number" ? known + u.records : "?"})`);
  }
  return problems;
}

/**
 * The figures a recount from the records table as of `asOf` cannot check, each with why: records
 * of its kinds anywhere in the network that existed at the reference date and were changed after
 * it, or, for the top occupations, clients corrected after it (the table has them as they are now).
 */
export async function uncheckable(db: Runner, q: { from: string; to: string; asOf?: AsOf }, keys: string[]): Promise<Map<string, Uncheckable>> {
  const bound = await boundOf(db, q.asOf);
  const [target] = (await db.execute(sql`select from_on::text from targets where key = 'initialSessions'`)).rows as { from_on: string }[];
  const lo = target && target.from_on < q.from ? target.from_on : q.from;
  const rows = (
    await db.execute(sql`
      select x.kind::text, count(*) filter (where x.occurred_on between ${q.from}::date and ${q.to}::date) as in_period, count(*) as n from records x
      where ${existed(bound)} and not ${known(bound)} and x.occurred_on between ${lo}::date and ${q.to}::date group by 1`)
  ).rows as { kind: string; in_period: unknown; n: unknown }[];
  const changed = new Map(rows.map((r) => [r.kind, { inPeriod: Number(r.in_period), n: Number(r.n) }]));
  const [{ clients }] = (
    await db.execute(sql`
      select count(distinct c.id) as clients from ${recordsAt("table", bound)} x join clients c on c.id = x.client_id
      where x.kind = 'advice_session' and x.occurred_on between ${q.from}::date and ${q.to}::date and c.version > 1 and c.updated_at >= ${bound.before}::timestamptz`)
  ).rows as { clients: unknown }[];
  const out = new Map<string, Uncheckable>();
  for (const key of keys) {
    const reasons: string[] = [];
    let records = 0;
    for (const kind of kindsOf(key)) {
      const c = changed.get(kind);
      // The target counts the round's initial sessions from its start, not only the period's.
      const n = key === "targets.initialSessions" ? c?.n : c?.inPeriod;
      if (n) reasons.push(`${n} ${kind} records changed after the reference date`);
      records += n ?? 0;
    }
    if (key === "advice.topOccupations" && Number(clients)) reasons.push(`${Number(clients)} clients corrected after the reference date`);
    if (reasons.length) out.set(key, { why: reasons.join(", "), records, bounded: BOUNDED.test(key) });
  }
  return out;
}
