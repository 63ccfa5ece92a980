/**
 * Counters of distinct people do not add up over days like the other counters: a person counts
 * once in the period. The ledger's yearly rows answer for whole years; any other period is
 * counted exactly, and completers are counted at their own reference date.
 */
import type { Tx } from "@/db/client";
import type { PersonCounter } from "./contributions";
import { counterTotals, personCount, personRowsAnswer, type Breakdown, type CounterRow, type Reference, type Scope } from "./counters";

const COMPLETER: PersonCounter = "jobTraining.completer";
const PERSON: PersonCounter = "fairIntegration.person";
const PERSON_COUNTER_LIST: PersonCounter[] = [PERSON, COMPLETER];

/** The counters to read from the ledger's totals: completers are read with their own reference date. */
export function totalsCounters(counters: string[] | undefined): string[] | undefined {
  return counters?.filter((c) => c !== COMPLETER);
}

interface PeopleQuery {
  from: string;
  to: string;
  scope: Scope;
  by: Breakdown | null;
  ref: Reference;
  completersRef: Reference;
  /** Whether `totals` already holds the completers' rows, read at completersRef. */
  completersRead: boolean;
  /** The counters asked for (absent: all). */
  counters?: string[];
}

/** The ledger's totals with the people counters replaced by distinct counts for the period. */
export async function withPeopleCounted(tx: Tx, totals: CounterRow[], q: PeopleQuery): Promise<CounterRow[]> {
  const base = { from: q.from, to: q.to, scope: q.scope, by: q.by };
  const wants = (c: string) => !q.counters || q.counters.includes(c);
  const yearly = personRowsAnswer(q.from, q.to);
  const keepCompleters = yearly && q.completersRead;
  let rows = keepCompleters ? totals : totals.filter((r) => r.counter !== COMPLETER);
  if (!yearly) rows = rows.filter((r) => r.counter !== PERSON);
  if (wants(COMPLETER) && !keepCompleters) {
    rows.push(...(yearly ? await counterTotals(tx, { ...base, ref: q.completersRef, counters: [COMPLETER] }) : await personCount(tx, { ...base, ref: q.completersRef, counter: COMPLETER })));
  }
  if (!yearly && wants(PERSON)) rows.push(...(await personCount(tx, { ...base, ref: q.ref, counter: PERSON })));
  return rows.filter((r) => !PERSON_COUNTER_LIST.includes(r.counter as PersonCounter) || wants(r.counter));
}
