import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { recordCounters, type RecordState } from "./contributions";
import { figuresMarkdown } from "./definitions-doc";
import { COUNTER_NAMES, PERSON_COUNTERS, RECORD_COUNTERS } from "./ledger-counters";
import { LEDGER_FORMAT, LEDGER_VERSION, ledgerVersion } from "./ledger-version";
import { FIGURES } from "./registry";

const record = (kind: RecordState["kind"], data: Record<string, unknown>): RecordState => ({ id: "r", kind, unitId: "u", clientId: "c", occurredOn: "2019-05-01", data });

describe("the figures registry", () => {
  it("names every figure once, with labels and a definition in both languages", () => {
    expect(new Set(FIGURES.map((f) => f.key)).size).toBe(FIGURES.length);
    for (const f of FIGURES) {
      for (const text of [f.label.de, f.label.en, f.definition.de, f.definition.en]) expect(text.trim(), f.key).not.toBe("");
      expect(f.label.de, f.key).not.toBe(f.label.en);
    }
  });

  it("makes figures only of counters the ledger keeps, and every counter counts in some figure", () => {
    const used = new Set(FIGURES.flatMap((f) => [...f.counters, ...(f.kind === "share" ? f.part : [])]));
    for (const counter of used) expect(COUNTER_NAMES, counter).toContain(counter);
    const drawnFrom = new Set(Object.values(PERSON_COUNTERS).map((p) => p.fromCounter as string));
    for (const counter of Object.keys(RECORD_COUNTERS)) expect(used.has(counter) || drawnFrom.has(counter), counter).toBe(true);
  });

  it("is what docs/figures.md says (npm run docs:figures writes it)", () => {
    expect(readFileSync("docs/figures.md", "utf8")).toBe(figuresMarkdown());
  });
});

describe("the ledger's counters", () => {
  it("count each kind of record as the figures define it", () => {
    const names = (r: RecordState) => recordCounters(r).map((c) => [c.counter, c.amount, c.notBefore]);
    expect(names(record("advice_session", { stage: "initial", adviceType: "recognition_and_job_training" }))).toEqual([["advice.initial.recognition_and_job_training", 0, null]]);
    expect(names(record("advice_session", { stage: "follow_up", adviceType: "recognition" }))).toEqual([["advice.followUp", 0, null]]);
    expect(names(record("fair_integration_event", { participants: 14 }))).toEqual([["fairIntegration.event", 14, null]]);
    expect(names(record("job_training_scheme", { format: "individual" }))).toEqual([["jobTraining.scheme.individual", 0, null]]);
    expect(names(record("enrolment", { outcome: "ongoing", outcomeOn: null }))).toEqual([["jobTraining.enrolment", 0, null]]);
    expect(names(record("enrolment", { outcome: "successful", outcomeOn: "2020-02-01" }))).toEqual([
      ["jobTraining.enrolment", 0, null],
      ["jobTraining.successful", 0, "2020-02-01"],
    ]);
    // A success without its date cannot be placed in time: it waits for the date.
    expect(names(record("enrolment", { outcome: "successful", outcomeOn: null }))).toEqual([["jobTraining.enrolment", 0, null]]);
    expect(names(record("intercultural_activity", { targetGroup: "business", activityType: "event", participants: "12" }))).toEqual([["interculturalOpening.business.event", 12, null]]);
    expect(names(record("skilled_worker_activity", { activityType: "counselling", peopleReached: 30 }))).toEqual([["skilledWorkerNetworks.activity", 30, null]]);
  });

  it("give the ledger a version that changes with any counter's rule", () => {
    const counters = { record: RECORD_COUNTERS, person: PERSON_COUNTERS };
    expect(ledgerVersion(LEDGER_FORMAT, counters)).toBe(LEDGER_VERSION);
    const changed = { ...RECORD_COUNTERS, "advice.followUp": { ...RECORD_COUNTERS["advice.followUp"], where: { stage: "initial" } } };
    expect(ledgerVersion(LEDGER_FORMAT, { ...counters, record: changed })).not.toBe(LEDGER_VERSION);
    const amount = { ...RECORD_COUNTERS, "fairIntegration.event": { ...RECORD_COUNTERS["fairIntegration.event"], amount: undefined } };
    expect(ledgerVersion(LEDGER_FORMAT, { ...counters, record: amount })).not.toBe(LEDGER_VERSION);
    expect(ledgerVersion(LEDGER_FORMAT + 1, counters)).not.toBe(LEDGER_VERSION);
  });
});
