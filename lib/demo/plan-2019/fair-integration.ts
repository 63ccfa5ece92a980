/** Fair Integration: advice sessions on rights at work (each client seen one to four times) and group events. */
import { addMinutes, fitToSum, isoOf, maxDate, type Random } from "../demo-random";
import type { PlanBuilder } from "./builder";
import { adviceDays, entryTime, eventDays } from "./calendar";
import { EU, FAIR_COUNTRIES, FAIR_OCCUPATIONS, LEVELS_FAIR, birthYear, gender } from "./client-profiles";
import { FIGURES_2019 } from "./figures";
import type { ClientRow, PlanRegion, PlanUnit, RecordRow } from "./rows";

/** A Fair Integration contact point of the region, or its first contact point, which also hosts Fair Integration hours. */
function fairPoint(rng: Random, region: PlanRegion): PlanUnit {
  return region.fairPoints.length && rng.chance(0.7) ? rng.pick(region.fairPoints) : region.homePoint;
}

/** One to three topics, in the form's order. */
function fairTopics(rng: Random): string[] {
  const n = rng.weighted([[1, 55], [2, 35], [3, 10]] as const);
  const chosen = new Set<string>();
  while (chosen.size < n) {
    chosen.add(rng.weighted([["wages", 30], ["working_time", 20], ["holidays", 10], ["dismissal_termination", 20], ["health_insurance", 12], ["residence_law", 15], ["other", 8]] as const));
  }
  return ["wages", "working_time", "holidays", "dismissal_termination", "health_insurance", "residence_law", "other"].filter((t) => chosen.has(t));
}

/** The sessions, grouped by client. */
export function planFairIntegrationSessions(plan: PlanBuilder, pickFairRegion: () => PlanRegion): RecordRow[][] {
  const { rng, occupations, clients, newId, newRef, newRecord } = plan;
  const fairSessionsByClient: RecordRow[][] = [];
  for (let i = 0; i < FIGURES_2019.fairIntegrationIndividuals; i++) {
    const region = pickFairRegion();
    const point = fairPoint(rng, region);
    const country = rng.weighted(FAIR_COUNTRIES);
    const born = birthYear(rng);
    const eu = EU.has(country);
    const status: ClientRow["residenceStatus"] = eu
      ? rng.weighted([["eu_eea_ch", 92], ["not_stated", 8]] as const)
      : rng.weighted([["asylum_seeker", 30], ["tolerated", 16], ["third_country_permit", 46], ["german", 2], ["not_stated", 6]] as const);
    const occupation = rng.chance(0.4) ? occupations.get(rng.pick(FAIR_OCCUPATIONS))! : null;
    const firstDay = adviceDays.sample(rng)!;
    const client: ClientRow = {
      id: newId(),
      ref: newRef(),
      contactPointId: point.id,
      gender: gender(rng, 0.3),
      birthYear: rng.chance(0.95) ? Math.min(born + 8, 2001) : null,
      qualificationCountry: occupation || rng.chance(0.3) ? country : null,
      citizenship: status === "german" ? "DE" : country,
      residenceStatus: status,
      inGermanySince: rng.chance(0.9) ? rng.int(eu ? 2012 : 2014, 2019) : null,
      germanLevel: rng.chance(0.05) ? null : rng.weighted(LEVELS_FAIR),
      qualificationLevel: rng.weighted([["other", 45], ["vocational", 40], ["academic", 15]] as const),
      occupationId: occupation?.id ?? null,
      regulatedProfession: occupation ? occupation.regulated : null,
      createdBy: region.adviserId,
      createdAt: entryTime(rng, firstDay),
    };
    clients.push(client);
    const r = rng.next();
    const count = r < 0.7 ? 1 : r < 0.9 ? 2 : r < 0.97 ? 3 : 4;
    const sessions: RecordRow[] = [];
    let day: number | undefined = firstDay;
    for (let k = 0; k < count && day !== undefined; k++) {
      sessions.push(
        newRecord({
          kind: "fair_integration_session",
          unitId: point.id,
          clientId: client.id,
          parentId: null,
          occurredOn: isoOf(day),
          data: { channel: rng.weighted([["in_person", 70], ["phone", 20], ["email", 5], ["video", 5]] as const), topics: fairTopics(rng) },
          createdBy: region.adviserId,
          createdAt: k === 0 ? addMinutes(client.createdAt, rng.int(1, 5)) : maxDate(entryTime(rng, day), addMinutes(client.createdAt, rng.int(10, 60))),
        }),
      );
      day = adviceDays.sample(rng, day + 4, day + 60);
    }
    fairSessionsByClient.push(sessions);
  }
  return fairSessionsByClient;
}

const EVENT_TITLES = [
  "Infoveranstaltung Arbeitsrecht für Geflüchtete",
  "Workshop Mindestlohn und Arbeitszeit",
  "Meine Rechte im Minijob",
  "Arbeitsvertrag – worauf achten?",
  "Kündigung: was tun?",
  "Krankenversicherung und Lohnfortzahlung",
  "Workshop Urlaubsanspruch und Überstunden",
  "Informationsabend Arbeits- und Aufenthaltsrecht",
  "Infoveranstaltung in der Gemeinschaftsunterkunft",
  "Workshop im Integrationskurs: Arbeit in Deutschland",
];

export function planFairIntegrationEvents(plan: PlanBuilder, pickFairRegion: () => PlanRegion): void {
  const { rng, newRecord } = plan;
  const eventParticipants = fitToSum(
    rng,
    Array.from({ length: FIGURES_2019.fairIntegrationEvents }, () => rng.int(6, 24)),
    FIGURES_2019.fairIntegrationEventParticipants,
    Array(FIGURES_2019.fairIntegrationEvents).fill(4),
    Array(FIGURES_2019.fairIntegrationEvents).fill(45),
  );
  for (const participants of eventParticipants) {
    const region = pickFairRegion();
    const day = eventDays.sample(rng)!;
    newRecord({
      kind: "fair_integration_event",
      unitId: fairPoint(rng, region).id,
      clientId: null,
      parentId: null,
      occurredOn: isoOf(day),
      data: { title: rng.pick(EVENT_TITLES), participants, topics: fairTopics(rng) },
      createdBy: region.adviserId,
      createdAt: entryTime(rng, day),
    });
  }
}
