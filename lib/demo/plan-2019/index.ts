/**
 * The demo network's 2019: clients and records generated so that the network figures for
 * 2019-01-01..2019-12-31 as of 2020-01-07 (end of day, Europe/Berlin; completers as of
 * 2020-02-20) come out exactly as published in "The Network IQ in figures" (see
 * `FIGURES_2019`). Pure and deterministic (seeded PRNG): no database access here; the caller
 * passes the org units and users and inserts the result (see `../records-2019.ts`).
 *
 * What "as of the reference date" means for the data below (and why the exact counts hold):
 * - every record counted was created (history version 1) between its date and 2020-01-07;
 * - about 50 records were deleted after 2020-01-07 (moved initial sessions, duplicate
 *   follow-ups, a few Fair Integration sessions and consultations): they still count as of
 *   2020-01-07, and the counts above include them;
 * - about 50 records were entered late, after 2020-01-07, with a 2019 date (re-entries of the
 *   moved sessions, follow-ups caught up in January, consultations): they do NOT count as of
 *   2020-01-07, so they come on top of the counts above;
 * - 10 duplicate initial sessions were entered and deleted again within 2019: they never count;
 * - 100 initial sessions had their advice type corrected before 2020-01-07 (the corrected
 *   value counts) and 30 after it (the original value counts);
 * - enrolments are entered as `ongoing`; their outcome comes later as version 2. Exactly 1,853
 *   distinct clients have a `successful` outcome dated on or before 2020-02-20, and each of
 *   those outcomes was recorded on or before 2020-02-20; further successful outcomes are dated
 *   (and recorded) after 2020-02-20.
 *
 * One module per record kind plans that kind's records; they draw from one random stream, so
 * they run in the fixed order below, and a change to one changes every later one's data.
 */
import { planAdviceClients } from "./advice-clients";
import { planAdviceSessions } from "./advice-sessions";
import { createPlanBuilder } from "./builder";
import { checkTimeline } from "./checks";
import { planEnrolmentOutcomes } from "./enrolment-outcomes";
import { planFairIntegrationEvents, planFairIntegrationSessions } from "./fair-integration";
import { historyOfChangedRecords } from "./history";
import { planInterculturalOpening } from "./intercultural-opening";
import { planJobTraining } from "./job-training";
import { planLateChanges } from "./late-changes";
import type { Plan, PlanInput } from "./rows";
import { planSkilledWorkerNetworks } from "./skilled-worker-networks";

export { FIGURES_2019 } from "./figures";
export type { ClientRow, HistoryRow, Plan, PlanInput, PlanRegion, RecordRow } from "./rows";

export function planRecords2019(input: PlanInput): Plan {
  const plan = createPlanBuilder(input);
  const adviceCases = planAdviceClients(plan);
  // Schemes and enrolments come before the sessions, so that the clients who enrol were
  // referred to job training in their initial session.
  const enrolments = planJobTraining(plan, adviceCases);
  planEnrolmentOutcomes(plan.rng, enrolments);
  const followUps = planAdviceSessions(plan, adviceCases);
  const pickFairRegion = plan.regionPicker((r) => r.weight);
  const fairSessionsByClient = planFairIntegrationSessions(plan, pickFairRegion);
  planFairIntegrationEvents(plan, pickFairRegion);
  const consultations = planInterculturalOpening(plan);
  planSkilledWorkerNetworks(plan);
  const touched = planLateChanges(plan, { adviceCases, followUps, fairSessionsByClient, consultations });
  const history = historyOfChangedRecords(plan.records);
  checkTimeline(plan.clients, plan.records, enrolments, touched);
  return { clients: plan.clients, records: plan.records, history };
}
