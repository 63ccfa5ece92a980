/** Clients: who comes to advice or to Fair Integration, with their statistical data and all of their records. */
import { isoOf, type Random } from "@/lib/demo/demo-random";
import { topics } from "./activities.mjs";
import { refOf, uuid7 } from "./ids.mjs";
import { emitClient, record, remove, update, type Planned } from "./lifecycle.mjs";
import { ADVICE_COUNTRIES, EU, FAIR_COUNTRIES, FAIR_TOPICS, REFUGEE_ORIGINS } from "./mix.mjs";
import { fairPoint, pickRegion } from "./places.mjs";
import type { Batch, ClientRow } from "./rows.mjs";
import { enrol } from "./schemes.mjs";
import type { GenState } from "./state.mjs";
import { HORIZON, entryTime, workdayAfter } from "./timing.mjs";

function newClient(g: GenState, contactPointId: string, createdAt: number, f: Omit<ClientRow, "id" | "ref" | "contactPointId" | "createdAt" | "birthYear">): ClientRow {
  const born = 1957 + Math.round((g.rng.next() + g.rng.next()) * 20);
  return { id: uuid7(g.ids, createdAt), ref: refOf(g.clientCount++), contactPointId, birthYear: g.rng.chance(0.98) ? born : null, createdAt, ...f };
}

function gender(rng: Random, femaleShare: number): string {
  const r = rng.next();
  if (r < 0.002) return "diverse";
  if (r < 0.008) return "not_stated";
  return rng.chance(femaleShare) ? "female" : "male";
}

function residence(rng: Random, country: string): string {
  if (EU.has(country)) return rng.weighted([["eu_eea_ch", 88], ["abroad", 10], ["not_stated", 2]] as const);
  if (REFUGEE_ORIGINS.has(country)) return rng.weighted([["third_country_permit", 55], ["asylum_seeker", 18], ["tolerated", 5], ["german", 6], ["abroad", 4], ["not_stated", 2]] as const);
  return rng.weighted([["third_country_permit", 60], ["abroad", 22], ["german", 6], ["asylum_seeker", 2], ["tolerated", 1], ["not_stated", 2]] as const);
}

/** A client of recognition and job-training advice: the initial session, follow-ups, enrolments. */
export function adviceClient(g: GenState, day: number, out: Batch): void {
  const { region, point } = g.advicePoints.pick(g.rng);
  const occupation = g.rng.weighted(g.occupations);
  const country = g.rng.weighted(ADVICE_COUNTRIES);
  const residenceStatus = residence(g.rng, country);
  const createdAt = entryTime(g.rng, day);
  if (createdAt > HORIZON) return;
  const client = newClient(g, point.id, createdAt, {
    gender: gender(g.rng, occupation ? 0.6 : 0.52),
    qualificationCountry: g.rng.chance(0.995) ? country : null,
    citizenship: residenceStatus === "german" ? "DE" : g.rng.chance(0.95) ? country : null,
    residenceStatus,
    inGermanySince: residenceStatus === "abroad" ? null : g.rng.int(2000, Number(isoOf(day).slice(0, 4))),
    germanLevel: g.rng.weighted([["none", 5], ["A1", 8], ["A2", 13], ["B1", 27], ["B2", 24], ["C1", 16], ["C2", 5], [null, 2]] as const),
    qualificationLevel: occupation ? (occupation.level === "mixed" ? (g.rng.chance(0.55) ? "academic" : "vocational") : occupation.level) : g.rng.weighted([["academic", 35], ["vocational", 40], ["other", 20], [null, 5]] as const),
    occupationId: occupation?.id ?? null,
    regulatedProfession: occupation ? occupation.regulated : g.rng.weighted([[true, 30], [false, 55], [null, 15]] as const),
  });
  out.clients.push(client);
  const abroad = residenceStatus === "abroad";
  const recognitionShare = occupation?.regulated ? 0.72 : 0.42;
  const type = g.rng.chance(recognitionShare) ? "recognition" : g.rng.chance(0.72) ? "recognition_and_job_training" : "job_training";
  const planned: Planned[] = [];

  const initial = record(g, "advice_session", point.id, client.id, null, day, createdAt + g.rng.int(1, 6) * 60_000, {
    channel: abroad ? g.rng.weighted([["email", 45], ["video", 25], ["phone", 20], ["in_person", 10]] as const) : g.rng.weighted([["in_person", 75], ["phone", 15], ["email", 6], ["video", 4]] as const),
    stage: "initial",
    adviceType: type,
    nextStep: type === "recognition" ? "referred_recognition_authority" : "referred_job_training",
  });
  planned.push(initial);
  // A few initial sessions get their advice type corrected, a few are entered twice and the duplicate deleted.
  if (g.rng.chance(0.002)) update(initial, initial.row.createdAt + g.rng.int(1, 30) * 86_400_000, { ...initial.row.data, adviceType: type === "recognition" ? "recognition_and_job_training" : "recognition" });
  if (g.rng.chance(0.003)) {
    const duplicate = record(g, "advice_session", point.id, client.id, null, day, initial.row.createdAt + g.rng.int(1, 4) * 60_000, { ...initial.row.data });
    remove(duplicate, duplicate.row.createdAt + g.rng.int(1, 5) * 86_400_000);
    planned.push(duplicate);
  }

  const r = g.rng.next();
  let last = day;
  for (let k = r < 0.095 ? 1 : r < 0.11 ? 2 : 0; k > 0; k--) {
    last = workdayAfter(last + g.rng.int(6, 150));
    planned.push(
      record(g, "advice_session", point.id, client.id, null, last, entryTime(g.rng, last), {
        channel: g.rng.weighted([["in_person", 35], ["phone", 35], ["email", 25], ["video", 5]] as const),
        stage: "follow_up",
        adviceType: type,
        nextStep: "no_further_action",
      }),
    );
  }

  if (type !== "recognition" && region.trainingSubprojects.length && g.rng.chance(0.23)) {
    let from = day;
    for (let k = g.rng.chance(0.05) ? 2 : 1; k > 0; k--) from = enrol(g, region, client, from, planned);
  }
  emitClient(g.places, client, planned, out);
}

/** A client of Fair Integration (labour rights advice): one to four sessions. */
export function fairClient(g: GenState, day: number, out: Batch): void {
  const region = pickRegion(g);
  const point = fairPoint(g, region);
  const country = g.rng.weighted(FAIR_COUNTRIES);
  const eu = EU.has(country);
  const occupation = g.fairOccupations.length && g.rng.chance(0.4) ? g.rng.pick(g.fairOccupations) : null;
  const createdAt = entryTime(g.rng, day);
  if (createdAt > HORIZON) return;
  const status = eu
    ? g.rng.weighted([["eu_eea_ch", 92], ["not_stated", 8]] as const)
    : g.rng.weighted([["asylum_seeker", 30], ["tolerated", 16], ["third_country_permit", 46], ["german", 2], ["not_stated", 6]] as const);
  const client = newClient(g, point.id, createdAt, {
    gender: gender(g.rng, 0.3),
    qualificationCountry: occupation || g.rng.chance(0.3) ? country : null,
    citizenship: status === "german" ? "DE" : country,
    residenceStatus: status,
    inGermanySince: g.rng.chance(0.9) ? g.rng.int(2012, Number(isoOf(day).slice(0, 4))) : null,
    germanLevel: g.rng.weighted([["none", 12], ["A1", 22], ["A2", 28], ["B1", 25], ["B2", 10], ["C1", 3]] as const),
    qualificationLevel: g.rng.weighted([["other", 45], ["vocational", 40], ["academic", 15]] as const),
    occupationId: occupation?.id ?? null,
    regulatedProfession: occupation ? occupation.regulated : null,
  });
  out.clients.push(client);
  const planned: Planned[] = [];
  const r = g.rng.next();
  let sessionDay = day;
  for (let k = 0, count = r < 0.7 ? 1 : r < 0.9 ? 2 : r < 0.97 ? 3 : 4; k < count; k++) {
    const createdAtK = k === 0 ? createdAt + g.rng.int(1, 5) * 60_000 : entryTime(g.rng, sessionDay);
    const session = record(g, "fair_integration_session", point.id, client.id, null, sessionDay, createdAtK, {
      channel: g.rng.weighted([["in_person", 70], ["phone", 20], ["email", 5], ["video", 5]] as const),
      topics: topics(g.rng, FAIR_TOPICS),
    });
    // A few repeat sessions turn out to be duplicates and are deleted.
    if (k > 0 && g.rng.chance(0.01)) remove(session, session.row.createdAt + g.rng.int(1, 20) * 86_400_000);
    planned.push(session);
    sessionDay = workdayAfter(sessionDay + g.rng.int(4, 60));
  }
  emitClient(g.places, client, planned, out);
}
