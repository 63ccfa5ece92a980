/**
 * The enrolments' outcomes, recorded as their second version. Exactly
 * FIGURES_2019.successfulCompleters distinct clients have a successful outcome dated (and
 * recorded) on or before the completers' reference date.
 */
import { addMinutes, isoOf, maxDate, nextWorkday, officeTime, type Random } from "../demo-random";
import type { AdviceCase } from "./advice-clients";
import { COMPLETERS_DAY } from "./calendar";
import { FIGURES_2019 } from "./figures";
import type { EnrolmentPlan } from "./job-training";

export function planEnrolmentOutcomes(rng: Random, enrolments: EnrolmentPlan[]): void {
  const outcomeScore = new Map<EnrolmentPlan, number>();
  for (const e of enrolments) outcomeScore.set(e, rng.next() * (e.plannedEnd <= COMPLETERS_DAY ? 1 : 0.4));
  const bestByClient = new Map<AdviceCase, EnrolmentPlan>();
  for (const e of enrolments) {
    const best = bestByClient.get(e.case);
    if (!best || outcomeScore.get(e)! > outcomeScore.get(best)!) bestByClient.set(e.case, e);
  }
  const ranked = [...bestByClient.entries()].sort((a, b) => outcomeScore.get(b[1])! - outcomeScore.get(a[1])!);
  if (ranked.length < FIGURES_2019.successfulCompleters) throw new Error("Fewer enrolled clients than completers");
  const completerClients = new Set(ranked.slice(0, FIGURES_2019.successfulCompleters).map(([c]) => c));
  const completedEnrolments = new Set(ranked.slice(0, FIGURES_2019.successfulCompleters).map(([, e]) => e));

  const setOutcome = (e: EnrolmentPlan, outcome: "successful" | "discontinued", outcomeDay: number, recordedAt: Date) => {
    const r = e.record;
    r.firstData = r.data;
    r.data = {
      endOn: isoOf(outcomeDay),
      outcome,
      achievement: outcome === "successful" ? (e.regulated && rng.chance(0.75) ? "full_equivalence" : "job_entry_at_level") : null,
      outcomeOn: isoOf(outcomeDay),
    };
    r.version = 2;
    r.updatedAt = maxDate(recordedAt, addMinutes(r.createdAt, 60));
    r.updatedBy = r.createdBy;
  };
  const successBeforeCutoff = (e: EnrolmentPlan) => {
    const earliest = e.start + 28;
    const day =
      e.plannedEnd <= COMPLETERS_DAY ? Math.max(earliest, e.plannedEnd - rng.int(0, 14)) : rng.int(Math.min(earliest, COMPLETERS_DAY), COMPLETERS_DAY);
    const outcomeDay = Math.min(day, COMPLETERS_DAY - 1);
    // Recorded on one of the next fourteen days, but (being counted) no later than the completers' reference date.
    const recordDay = Math.min(nextWorkday(outcomeDay + rng.int(1, 14)), COMPLETERS_DAY);
    setOutcome(e, "successful", outcomeDay, officeTime(rng, recordDay));
  };
  for (const e of enrolments) {
    if (completedEnrolments.has(e)) {
      successBeforeCutoff(e);
      continue;
    }
    const r = rng.next();
    if (completerClients.has(e.case) && r < 0.35) {
      successBeforeCutoff(e);
    } else if (r < 0.12) {
      const outcomeDay = e.start + rng.int(14, 200);
      setOutcome(e, "discontinued", outcomeDay, officeTime(rng, nextWorkday(outcomeDay + rng.int(1, 21))));
    } else if (r < 0.4 && e.plannedEnd > COMPLETERS_DAY - 30) {
      // Successful, but only after the completers' reference date (and recorded after it too).
      const outcomeDay = Math.max(e.plannedEnd + rng.int(-10, 30), COMPLETERS_DAY + rng.int(1, 20));
      setOutcome(e, "successful", outcomeDay, officeTime(rng, nextWorkday(outcomeDay + rng.int(1, 14))));
    }
  }
}
