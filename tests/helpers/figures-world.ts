/**
 * A small network of two subprojects whose records, edits, deletions and client corrections go
 * through the app's operations, drawn by fast-check: what the figures engine is compared with the
 * recount on (tests/integration/figures-ledger.test.ts, recount.test.ts).
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { getDb } from "@/db/client";
import { occupations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { updateClient } from "@/lib/clients/commands";
import { compactLedger } from "@/lib/figures/ledger";
import { execute } from "@/lib/operation";
import { RECORD_OPERATIONS, type PresentedRecord } from "@/lib/records/commands";
import { kindSpec } from "@/lib/records/kinds";
import { makeActor, makeClient, makeOrg, newKey, updateInput } from "./factories";

type Org = Awaited<ReturnType<typeof makeOrg>>;
export const DATES = ["2019-01-01", "2019-02-28", "2019-03-15", "2019-07-01", "2019-12-31", "2020-01-01", "2020-03-31", "2020-12-31"];
const OUTCOME_DATES = ["2019-03-31", "2019-12-31", "2020-02-20", "2020-06-30", "2027-01-15"];
export const PERIODS: [string, string][] = [
  ["2019-01-01", "2019-12-31"],
  ["2020-01-01", "2020-12-31"],
  ["2019-01-01", "2019-06-30"],
  ["2019-03-01", "2020-06-30"],
  ["2019-03-15", "2019-03-31"],
];

export interface World {
  orgs: Org[];
  actor: Actor;
  occupationIds: string[];
  clients: { id: string; version: number }[];
  records: PresentedRecord[];
  schemes: PresentedRecord[];
  instants: string[];
}

/** One change, drawn at random. */
export const action = fc.oneof(
  { weight: 2, arbitrary: fc.record({ type: fc.constant("client" as const), cp: fc.nat(3), gender: fc.constantFrom("female", "male", "diverse"), occupation: fc.nat(3) }) },
  { weight: 10, arbitrary: fc.record({
    type: fc.constant("record" as const),
    kind: fc.constantFrom("advice_session", "advice_session", "fair_integration_session", "enrolment", "enrolment", "fair_integration_event", "job_training_scheme", "enrolment", "intercultural_activity", "skilled_worker_activity"),
    unit: fc.nat(3),
    client: fc.nat(50),
    date: fc.constantFrom(...DATES),
    variant: fc.nat(1023),
    amount: fc.integer({ min: 1, max: 40 }),
  }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant("edit" as const), record: fc.nat(200), date: fc.constantFrom(...DATES), variant: fc.nat(1023), client: fc.nat(50), unit: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("delete" as const), record: fc.nat(200) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("correctClient" as const), client: fc.nat(50), occupation: fc.nat(3), gender: fc.constantFrom("female", "male", "not_stated") }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("instant" as const) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("compact" as const) }) },
);

function kindData(kind: string, variant: number, amount: number, occurredOn: string): Record<string, unknown> {
  // Each field draws its own digits of `variant`, so that fields vary independently.
  const pick = <T>(values: readonly T[], digit = 0) => values[Math.floor(variant / 4 ** digit) % values.length];
  switch (kind) {
    case "advice_session":
      return { channel: "in_person", stage: pick(["initial", "initial", "follow_up"]), adviceType: pick(["recognition", "job_training", "recognition_and_job_training", "recognition"], 1), nextStep: "no_further_action" };
    case "fair_integration_session":
      return { channel: "phone", topics: ["wages"] };
    case "fair_integration_event":
      return { title: "Arbeitsrecht", participants: amount, topics: ["wages"] };
    case "job_training_scheme":
      return { title: "Anpassung", format: pick(["course", "individual", "course"], 1), measureType: "bridge_training", regulatedProfession: false, plannedEndOn: null };
    case "enrolment": {
      const outcome = pick(["successful", "successful", "ongoing", "discontinued"], 2);
      const outcomeOn = outcome === "ongoing" ? null : (OUTCOME_DATES.find((d, i) => d >= occurredOn && i >= Math.floor(variant / 64) % OUTCOME_DATES.length) ?? "2027-01-15");
      return { outcome, outcomeOn, achievement: outcome === "successful" ? "full_equivalence" : null, endOn: null };
    }
    case "intercultural_activity": {
      const activityType = pick(["training", "event", "consultation"], 3);
      return { targetGroup: pick(["labour_market", "business"], 4), activityType, participants: activityType === "consultation" ? null : amount, topics: ["intercultural_competence"] };
    }
    default:
      return { activityType: "event", peopleReached: amount };
  }
}

/** The database's clock now, as an ISO instant to the microsecond. */
export async function instant(): Promise<string> {
  const db = await getDb();
  const result = await db.execute(sql`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as t`);
  return (result.rows[0] as { t: string }).t;
}

/** Makes the change through the app's operations (or notes an instant, or compacts the ledger). */
export async function apply(world: World, a: Record<string, any>): Promise<void> {
  const { actor, orgs } = world;
  const contactPoints = orgs.flatMap((o) => o.contactPoints.map((c) => c.id));
  const subprojects = orgs.map((o) => o.subproject.id);
  if (a.type === "client") {
    const client = await makeClient(actor, { contactPointId: contactPoints[a.cp], gender: a.gender, occupationId: world.occupationIds[a.occupation] });
    world.clients.push({ id: client.id, version: client.version });
  } else if (a.type === "record") {
    const spec = kindSpec(a.kind);
    if (spec.clientBased && !world.clients.length) return;
    const body: Record<string, unknown> = { idempotencyKey: newKey(), occurredOn: a.date, ...kindData(a.kind, a.variant, a.amount, a.date) };
    if (spec.unitLevel === "scheme") {
      const open = world.schemes.filter((s) => (s as Record<string, unknown>).format === "course" && s.occurredOn <= a.date);
      if (!open.length) return;
      body.schemeId = open[a.unit % open.length].id;
    } else body.unitId = spec.unitLevel === "contact_point" ? contactPoints[a.unit] : subprojects[a.unit % 2];
    if (spec.clientBased) body.clientId = world.clients[a.client % world.clients.length].id;
    const result = await execute(RECORD_OPERATIONS[spec.kind].create, actor, body);
    if (!result.ok) throw new Error(`create ${a.kind}: ${JSON.stringify(result.error)}`);
    (spec.kind === "job_training_scheme" ? world.schemes : world.records).push(result.value);
  } else if (a.type === "edit" || a.type === "delete") {
    if (!world.records.length) return;
    const index = a.record % world.records.length;
    const record = world.records[index];
    const spec = kindSpec(record.kind);
    if (a.type === "delete") {
      const result = await execute(RECORD_OPERATIONS[spec.kind].remove, actor, { id: record.id, version: record.version });
      if (!result.ok) throw new Error(`delete: ${JSON.stringify(result.error)}`);
      world.records.splice(index, 1);
      return;
    }
    const scheme = world.schemes.find((s) => s.id === record.parentId);
    const date = spec.kind === "enrolment" && scheme && a.date < scheme.occurredOn ? scheme.occurredOn : a.date;
    const overrides: Record<string, unknown> = { occurredOn: date, ...kindData(spec.kind, a.variant, 7, date) };
    if (spec.unitLevel !== "scheme") overrides.unitId = spec.unitLevel === "contact_point" ? contactPoints[a.unit] : subprojects[a.unit % 2];
    if (spec.clientBased) overrides.clientId = world.clients[a.client % world.clients.length].id;
    const result = await execute(RECORD_OPERATIONS[spec.kind].update, actor, updateInput(spec, record, overrides));
    if (!result.ok) throw new Error(`edit ${spec.kind}: ${JSON.stringify(result.error)}`);
    world.records[index] = result.value;
  } else if (a.type === "correctClient") {
    if (!world.clients.length) return;
    const client = world.clients[a.client % world.clients.length];
    // A full update: the fields it does not correct are emptied, by name.
    const emptied = { birthYear: null, citizenship: null, inGermanySince: null, germanLevel: null, qualificationLevel: null, regulatedProfession: null, fullName: null, phone: null, email: null, notes: null };
    const result = await execute(updateClient, actor, {
      id: client.id,
      version: client.version,
      ...emptied,
      gender: a.gender,
      residenceStatus: "tolerated",
      occupationId: world.occupationIds[a.occupation],
      qualificationCountry: "UA",
    });
    if (!result.ok) throw new Error(`client: ${JSON.stringify(result.error)}`);
    client.version = result.value.version;
  } else if (a.type === "instant") {
    world.instants.push(await instant());
  } else if (a.type === "compact") {
    const db = await getDb();
    await db.transaction((tx) => compactLedger(tx, new Date()));
  }
}

/**
 * Two organisations, an adviser in both, four occupations, four clients and 70 records that
 * have every kind of record in every variant, so each figure is non-zero somewhere.
 */
export async function makeWorld(): Promise<World> {
  const orgs = [await makeOrg(), await makeOrg()];
  const actor = await makeActor("adviser", { unitIds: orgs.map((o) => o.subproject.id) });
  const db = await getDb();
  const rows = await db
    .insert(occupations)
    .values([0, 1, 2, 3].map((i) => ({ nameDe: `Beruf ${i} ${randomUUID().slice(0, 6)}`, nameEn: `Occupation ${i} ${randomUUID().slice(0, 6)}` })))
    .returning();
  const world: World = { orgs, actor, occupationIds: rows.map((r) => r.id), clients: [], records: [], schemes: [], instants: [] };
  for (let i = 0; i < 4; i++) await apply(world, { type: "client", cp: i, gender: "female", occupation: i });
  const kinds = ["job_training_scheme", "advice_session", "fair_integration_session", "fair_integration_event", "enrolment", "intercultural_activity", "skilled_worker_activity"];
  for (let i = 0; i < 70; i++) {
    await apply(world, { type: "record", kind: kinds[i % kinds.length], unit: i % 4, client: i, date: DATES[i % 5], variant: Math.floor(i / kinds.length) * 103, amount: 1 + (i % 9) });
  }
  return world;
}
