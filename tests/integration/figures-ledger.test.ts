import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { occupations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { updateClient } from "@/lib/clients/commands";
import { compactLedger } from "@/lib/figures/ledger";
import { rebuildLedger } from "@/lib/figures/rebuild";
import { computeFigures, type TopOccupation } from "@/lib/figures/report";
import type { Scope } from "@/lib/figures/counters";
import { execute } from "@/lib/operation";
import { RECORD_OPERATIONS, type PresentedRecord } from "@/lib/records/commands";
import { kindSpec } from "@/lib/records/kinds";
import { makeActor, makeClient, makeOrg, newKey, updateInput } from "../helpers/factories";

/*
 * The figures engine against a recount written here from scratch: random records, edits,
 * deletions and client corrections through the app's operations, then every figure for several
 * periods, scopes and reference dates, compared with a count over the history table.
 */

type Org = Awaited<ReturnType<typeof makeOrg>>;
const DATES = ["2019-01-01", "2019-02-28", "2019-03-15", "2019-07-01", "2019-12-31", "2020-01-01", "2020-03-31", "2020-12-31"];
const OUTCOME_DATES = ["2019-03-31", "2019-12-31", "2020-02-20", "2020-06-30", "2027-01-15"];
const PERIODS: [string, string][] = [
  ["2019-01-01", "2019-12-31"],
  ["2020-01-01", "2020-12-31"],
  ["2019-01-01", "2019-06-30"],
  ["2019-03-01", "2020-06-30"],
  ["2019-03-15", "2019-03-31"],
];

interface World {
  orgs: Org[];
  actor: Actor;
  occupationIds: string[];
  clients: { id: string; version: number }[];
  records: PresentedRecord[];
  schemes: PresentedRecord[];
  instants: string[];
}

// --- the recount -----------------------------------------------------------------------------

interface Version {
  subjectId: string;
  type: "record" | "client";
  version: number;
  op: string;
  atMicros: bigint;
  kind: string | null;
  s: Record<string, any>;
}

async function loadHistory(): Promise<Version[]> {
  const db = await getDb();
  const result = await db.execute(sql`
    select h.subject_id, h.subject_type, h.version, h.op, (extract(epoch from h.at) * 1000000)::bigint::text as micros, h.snapshot, r.kind
    from history h left join records r on h.subject_type = 'record' and r.id = h.subject_id`);
  return (result.rows as any[]).map((r) => ({ subjectId: r.subject_id, type: r.subject_type, version: r.version, op: r.op, atMicros: BigInt(r.micros), kind: r.kind, s: r.snapshot }));
}

async function boundMicros(asOf: string | undefined): Promise<{ micros: bigint; day: string }> {
  const db = await getDb();
  const result = await db.execute(
    asOf === undefined
      ? sql`select (extract(epoch from clock_timestamp()) * 1000000)::bigint::text as micros, to_char(clock_timestamp() at time zone 'Europe/Berlin', 'YYYY-MM-DD') as day`
      : /^\d{4}-\d{2}-\d{2}$/.test(asOf)
        ? sql`select ((extract(epoch from ((${asOf}::date + 1)::timestamp at time zone 'Europe/Berlin')) * 1000000)::bigint - 1)::text as micros, ${asOf} as day`
        : sql`select (extract(epoch from ${asOf}::timestamptz) * 1000000)::bigint::text as micros, to_char(${asOf}::timestamptz at time zone 'Europe/Berlin', 'YYYY-MM-DD') as day`,
  );
  const row = result.rows[0] as { micros: string; day: string };
  return { micros: BigInt(row.micros), day: row.day };
}

/** The latest version of each subject written at or before the bound; deleted ones dropped. */
function asOf(history: Version[], type: "record" | "client", micros: bigint): Map<string, Version> {
  const latest = new Map<string, Version>();
  for (const v of history) {
    if (v.type !== type || v.atMicros > micros) continue;
    const seen = latest.get(v.subjectId);
    if (!seen || seen.version < v.version) latest.set(v.subjectId, v);
  }
  for (const [id, v] of latest) if (v.op === "delete") latest.delete(id);
  return latest;
}

async function recount(history: Version[], units: Map<string, { subprojectId: string; regionId: string | null }>, q: { from: string; to: string; asOf?: string; completersAsOf?: string }, scope: Scope) {
  const inScope = (unitId: string) => {
    const u = units.get(unitId);
    if (!u) return false;
    if (scope.level === "network") return true;
    if (scope.level === "region") return u.regionId === scope.id;
    if (scope.level === "subproject") return u.subprojectId === scope.id;
    return unitId === scope.id;
  };
  const live = (micros: bigint) =>
    [...asOf(history, "record", micros).values()].filter((v) => v.s.occurredOn >= q.from && v.s.occurredOn <= q.to && inScope(v.s.unitId));
  const bound = await boundMicros(q.asOf);
  const recs = live(bound.micros);
  const clientsThen = asOf(history, "client", bound.micros);
  const of = (kind: string, test: (s: Record<string, any>) => boolean = () => true) => recs.filter((v) => v.kind === kind && test(v.s));
  const sum = (vs: Version[], field: string) => vs.reduce((n, v) => n + Number(v.s[field] ?? 0), 0);
  const initial = of("advice_session", (s) => s.stage === "initial");
  const io = (group: string, type: string) => of("intercultural_activity", (s) => s.targetGroup === group && s.activityType === type);
  const schemes = of("job_training_scheme");
  const share = (part: number) => (schemes.length ? Math.floor((100 * part) / schemes.length + 0.5) : 0);
  const courses = schemes.filter((v) => v.s.format === "course").length;
  const completersBound = await boundMicros(q.completersAsOf ?? q.asOf);
  const completers = new Set(
    live(completersBound.micros)
      .filter((v) => v.kind === "enrolment" && v.s.outcome === "successful" && v.s.outcomeOn <= completersBound.day)
      .map((v) => v.s.clientId),
  );
  const figures: Record<string, unknown> = {
    "advice.initialSessions": initial.length,
    "advice.initialByType.recognition": initial.filter((v) => v.s.adviceType === "recognition").length,
    "advice.initialByType.recognitionAndJobTraining": initial.filter((v) => v.s.adviceType === "recognition_and_job_training").length,
    "advice.initialByType.jobTraining": initial.filter((v) => v.s.adviceType === "job_training").length,
    "advice.followUpSessions": of("advice_session", (s) => s.stage === "follow_up").length,
    "fairIntegration.individualsAdvised": new Set(of("fair_integration_session").map((v) => v.s.clientId)).size,
    "fairIntegration.adviceSessions": of("fair_integration_session").length,
    "fairIntegration.groupEvents": of("fair_integration_event").length,
    "fairIntegration.groupEventParticipants": sum(of("fair_integration_event"), "participants"),
    "jobTraining.schemesStarted": schemes.length,
    "jobTraining.schemesByFormat.course": courses,
    "jobTraining.schemesByFormat.individual": schemes.length - courses,
    "jobTraining.shareByFormat.course": share(courses),
    "jobTraining.shareByFormat.individual": share(schemes.length - courses),
    "jobTraining.participantsCommencing": of("enrolment").length,
    "jobTraining.successfulCompleters": completers.size,
    "skilledWorkerNetworks.peopleReached": sum(of("skilled_worker_activity"), "peopleReached"),
  };
  for (const [key, group] of [["labourMarket", "labour_market"], ["business", "business"]]) {
    const [t, e, c] = [io(group, "training"), io(group, "event"), io(group, "consultation")];
    Object.assign(figures, {
      [`interculturalOpening.${key}.trainings`]: t.length,
      [`interculturalOpening.${key}.trainingParticipants`]: sum(t, "participants"),
      [`interculturalOpening.${key}.events`]: e.length,
      [`interculturalOpening.${key}.eventParticipants`]: sum(e, "participants"),
      [`interculturalOpening.${key}.trainingEventsTotal`]: t.length + e.length,
      [`interculturalOpening.${key}.individualsTotal`]: sum(t, "participants") + sum(e, "participants"),
      [`interculturalOpening.${key}.consultations`]: c.length,
    });
  }
  // Top occupations: the clients' occupations as they stood at the reference date too.
  const byOccupation = new Map<string, number>();
  for (const v of initial) {
    const occupation = clientsThen.get(v.s.clientId)?.s.occupationId;
    if (occupation) byOccupation.set(occupation, (byOccupation.get(occupation) ?? 0) + 1);
  }
  return { figures, occupationCounts: byOccupation };
}

// --- random changes ------------------------------------------------------------------------

const action = fc.oneof(
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

async function instant(): Promise<string> {
  const db = await getDb();
  const result = await db.execute(sql`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as t`);
  return (result.rows[0] as { t: string }).t;
}

async function apply(world: World, a: Record<string, any>): Promise<void> {
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
    const result = await execute(updateClient, actor, { id: client.id, version: client.version, gender: a.gender, residenceStatus: "tolerated", occupationId: world.occupationIds[a.occupation], qualificationCountry: "UA" });
    if (!result.ok) throw new Error(`client: ${JSON.stringify(result.error)}`);
    client.version = result.value.version;
  } else if (a.type === "instant") {
    world.instants.push(await instant());
  } else if (a.type === "compact") {
    const db = await getDb();
    await db.transaction((tx) => compactLedger(tx, new Date()));
  }
}

async function unitsMap(): Promise<Map<string, { subprojectId: string; regionId: string | null }>> {
  const db = await getDb();
  const result = await db.execute(sql`select id, level, parent_id, region_id from org_units where level in ('contact_point', 'subproject')`);
  return new Map(
    (result.rows as { id: string; level: string; parent_id: string; region_id: string | null }[]).map((u) => [
      u.id,
      { subprojectId: u.level === "contact_point" ? u.parent_id : u.id, regionId: u.region_id },
    ]),
  );
}

async function engine(q: { from: string; to: string; asOf?: string; completersAsOf?: string }, scope: Scope) {
  const db = await getDb();
  return db.transaction((tx) => computeFigures(tx, q, scope, "en"));
}

describe("figures engine", () => {
  let world: World;

  beforeAll(async () => {
    const orgs = [await makeOrg(), await makeOrg()];
    const actor = await makeActor("adviser", { unitIds: orgs.map((o) => o.subproject.id) });
    const db = await getDb();
    const rows = await db
      .insert(occupations)
      .values([0, 1, 2, 3].map((i) => ({ nameDe: `Beruf ${i} ${randomUUID().slice(0, 6)}`, nameEn: `Occupation ${i} ${randomUUID().slice(0, 6)}` })))
      .returning();
    world = { orgs, actor, occupationIds: rows.map((r) => r.id), clients: [], records: [], schemes: [], instants: [] };
    // A start that has every kind of record in every variant, so each figure is non-zero somewhere.
    for (let i = 0; i < 4; i++) await apply(world, { type: "client", cp: i, gender: "female", occupation: i });
    const kinds = ["job_training_scheme", "advice_session", "fair_integration_session", "fair_integration_event", "enrolment", "intercultural_activity", "skilled_worker_activity"];
    for (let i = 0; i < 70; i++) {
      await apply(world, { type: "record", kind: kinds[i % kinds.length], unit: i % 4, client: i, date: DATES[i % 5], variant: Math.floor(i / kinds.length) * 103, amount: 1 + (i % 9) });
    }
  });

  it("equals a recount over the history for random changes, periods, scopes and reference dates", { timeout: 600_000 }, async () => {
    const nonZero = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.noBias(fc.array(action, { minLength: 30, maxLength: 60 })), async (actions) => {
        world.instants = [];
        for (const a of [{ type: "instant" }, ...actions, { type: "instant" }]) await apply(world, a);
        const history = await loadHistory();
        const units = await unitsMap();
        const [orgA, orgB] = world.orgs;
        const scopes: Scope[] = [
          { level: "region", id: orgA.region.id },
          { level: "region", id: orgB.region.id },
          { level: "subproject", id: orgA.subproject.id },
          { level: "unit", id: orgB.contactPoints[1].id },
        ];
        const references: (string | undefined)[] = [undefined, world.instants[0], world.instants[Math.floor(world.instants.length / 2)], "2019-12-31", "2027-06-30"];
        for (const [from, to] of PERIODS) {
          for (const [i, asOfValue] of references.entries()) {
            const scope = scopes[i % scopes.length];
            const completersAsOf = i === 2 ? "2027-02-01" : undefined;
            const q = { from, to, asOf: asOfValue, completersAsOf };
            const expected = await recount(history, units, q, scope);
            const actual = await engine(q, scope);
            for (const [key, value] of Object.entries(expected.figures)) {
              expect(actual[key], `${key} ${JSON.stringify(q)} ${JSON.stringify(scope)}`).toBe(value);
              if (value) nonZero.add(key);
            }
            const top = actual["advice.topOccupations"] as TopOccupation[];
            for (const o of top) expect(o.count, `occupation ${o.name}`).toBe(expected.occupationCounts.get(o.id));
            expect(top.length).toBe(Math.min(5, expected.occupationCounts.size));
          }
        }
      }),
      { numRuns: 6, endOnFailure: true },
    );
    // The runs really exercised every figure (a recount of nothing would prove nothing).
    expect([...nonZero].sort()).toEqual(Object.keys((await recount(await loadHistory(), await unitsMap(), { from: "2019-01-01", to: "2020-12-31" }, { level: "network", id: null })).figures).sort());
  });

  it("rebuilt from the history, the ledger gives the same figures as the one written live", { timeout: 300_000 }, async () => {
    const db = await getDb();
    const queries = [
      { from: "2019-01-01", to: "2019-12-31" },
      { from: "2019-03-01", to: "2020-06-30", asOf: world.instants[0], completersAsOf: "2027-02-01" },
    ];
    const scopes: Scope[] = [
      { level: "region", id: world.orgs[0].region.id },
      { level: "subproject", id: world.orgs[1].subproject.id },
    ];
    class RollBack extends Error {}
    await expect(
      db.transaction(async (tx) => {
        const live = [];
        for (const q of queries) for (const scope of scopes) live.push(await computeFigures(tx, q, scope, "en"));
        await rebuildLedger(tx);
        const rebuilt = [];
        for (const q of queries) for (const scope of scopes) rebuilt.push(await computeFigures(tx, q, scope, "en"));
        expect(rebuilt).toEqual(live);
        expect(live.some((f) => (f["advice.initialSessions"] as number) > 0)).toBe(true);
        throw new RollBack();
      }),
    ).rejects.toBeInstanceOf(RollBack);
  });

  it("gives the same figures for a reference date after later entries, corrections and deletions", async () => {
    const q = { from: "2019-01-01", to: "2019-12-31" };
    const scope: Scope = { level: "region", id: world.orgs[0].region.id };
    const published = await instant();
    const before = await engine({ ...q, asOf: published }, scope);
    for (const a of [
      { type: "record", kind: "advice_session", unit: 0, client: 1, date: "2019-05-01", variant: 0, amount: 1 },
      { type: "record", kind: "fair_integration_session", unit: 1, client: 2, date: "2019-02-01", variant: 0, amount: 1 },
      { type: "edit", record: 3, date: "2019-08-08", variant: 2, client: 4, unit: 0 },
      { type: "delete", record: 5 },
      { type: "correctClient", client: 1, occupation: 2, gender: "male" },
      { type: "compact" },
      { type: "delete", record: 7 },
    ]) await apply(world, a);
    expect(await engine({ ...q, asOf: published }, scope)).toEqual(before);
    expect(await engine(q, scope)).not.toEqual(before);
  });
});
