/**
 * The ledger's counters, as data: which records each one counts and what it sums. The write
 * path, the rebuild from the history and the benchmark's generator all read records through
 * `recordCounters` (contributions.ts), which only interprets this table; the ledger's version
 * is a hash of it (rebuild.ts), so that changing what a counter counts rebuilds the ledger.
 */
import type { RecordKind } from "@/db/schema";
import { ADVICE_TYPES, IO_ACTIVITY_TYPES, SCHEME_FORMATS, TARGET_GROUPS } from "@/lib/records/kinds";

export interface RecordCounterDefinition {
  kind: RecordKind;
  /** Fields of the record that must hold exactly these values. */
  where: Readonly<Record<string, string>>;
  /** The record field summed as the counter's amount (participants, people reached). */
  amount?: string;
  /** A date field of the record: the record counts only once it is set, from the start of that day. */
  countsFrom?: string;
}

const advice: Record<string, RecordCounterDefinition> = Object.fromEntries(
  ADVICE_TYPES.map((type) => [`advice.initial.${type}`, { kind: "advice_session", where: { stage: "initial", adviceType: type } }]),
);

const schemes: Record<string, RecordCounterDefinition> = Object.fromEntries(
  SCHEME_FORMATS.map((format) => [`jobTraining.scheme.${format}`, { kind: "job_training_scheme", where: { format } }]),
);

const opening: Record<string, RecordCounterDefinition> = Object.fromEntries(
  TARGET_GROUPS.flatMap((targetGroup) =>
    IO_ACTIVITY_TYPES.map((activityType) => [
      `interculturalOpening.${targetGroup}.${activityType}`,
      { kind: "intercultural_activity", where: { targetGroup, activityType }, amount: "participants" },
    ]),
  ),
);

/** Every per-record counter: a record adds +1 (and its amount) to each counter it matches. */
export const RECORD_COUNTERS: Readonly<Record<string, RecordCounterDefinition>> = {
  ...advice,
  "advice.followUp": { kind: "advice_session", where: { stage: "follow_up" } },
  "fairIntegration.session": { kind: "fair_integration_session", where: {} },
  "fairIntegration.event": { kind: "fair_integration_event", where: {}, amount: "participants" },
  ...schemes,
  "jobTraining.enrolment": { kind: "enrolment", where: {} },
  "jobTraining.successful": { kind: "enrolment", where: { outcome: "successful" }, countsFrom: "outcomeOn" },
  ...opening,
  "skilledWorkerNetworks.activity": { kind: "skilled_worker_activity", where: {}, amount: "peopleReached" },
};

/** Counters that count distinct people, and the per-record counter each is drawn from. */
export const PERSON_COUNTERS = {
  "fairIntegration.person": { kind: "fair_integration_session", fromCounter: "fairIntegration.session" },
  "jobTraining.completer": { kind: "enrolment", fromCounter: "jobTraining.successful" },
} as const satisfies Record<string, { kind: RecordKind; fromCounter: string }>;
export type PersonCounter = keyof typeof PERSON_COUNTERS;

/** Every counter a figure can be made of. */
export const COUNTER_NAMES: readonly string[] = [...Object.keys(RECORD_COUNTERS), ...Object.keys(PERSON_COUNTERS)];

/** Whether a record matches a counter's definition. */
export function matches(definition: RecordCounterDefinition, kind: RecordKind, data: Record<string, unknown>): boolean {
  if (definition.kind !== kind) return false;
  if (Object.entries(definition.where).some(([field, value]) => data[field] !== value)) return false;
  return definition.countsFrom === undefined || typeof data[definition.countsFrom] === "string";
}
