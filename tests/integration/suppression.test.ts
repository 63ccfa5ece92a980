import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { occupations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { BREAKDOWNS, type Breakdown } from "@/lib/figures/counters";
import type { FiguresBreakdown } from "@/lib/figures/breakdown";
import { computeFigures, figuresBreakdown, figuresReport, type FiguresReport, type TopOccupation } from "@/lib/figures/report";
import { execute } from "@/lib/operation";
import { RECORD_OPERATIONS, type PresentedRecord } from "@/lib/records/commands";
import { kindSpec } from "@/lib/records/kinds";
import { intervals, type AttackerView, type Relation } from "../helpers/intervals";
import { makeActor, makeClient, makeOrg, newKey } from "../helpers/factories";

/*
 * The protection of small cells tested the way an attacker would read the figures: random records
 * through the app's operations, then every response a user gets below the network (each
 * breakdown, and the report page: the report with its months table), read exactly as returned.
 * From what is shown, how the figures add up (written out here once more, from the definitions
 * of the figures) and non-negativity, linear programming gives each withheld cell the smallest
 * and largest value it could have; that interval must be at least 3 wide.
 */

type Org = Awaited<ReturnType<typeof makeOrg>>;

/** How figures add up within a row (README, "Protection of small cells"). */
const ROW_SUMS: [string, string[]][] = [
  ["advice.initialSessions", ["advice.initialByType.recognition", "advice.initialByType.recognitionAndJobTraining", "advice.initialByType.jobTraining"]],
  ["jobTraining.schemesStarted", ["jobTraining.schemesByFormat.course", "jobTraining.schemesByFormat.individual"]],
  ...["labourMarket", "business"].flatMap((g): [string, string[]][] => [
    [`interculturalOpening.${g}.trainingEventsTotal`, [`interculturalOpening.${g}.trainings`, `interculturalOpening.${g}.events`]],
    [`interculturalOpening.${g}.individualsTotal`, [`interculturalOpening.${g}.trainingParticipants`, `interculturalOpening.${g}.eventParticipants`]],
  ]),
];
/** Distinct people: per region a person may count in two regions. */
const PEOPLE = ["fairIntegration.individualsAdvised", "jobTraining.successfulCompleters"];
const MIN_WIDTH = 3;

const DATES = ["2019-01-15", "2019-02-03", "2019-03-20", "2019-05-31", "2019-07-04", "2019-11-11", "2020-01-02", "2020-07-15", "2020-07-31", "2020-12-01"];
const PERIODS: [string, string][] = [
  ["2019-01-01", "2019-12-31"],
  ["2019-03-01", "2019-05-31"],
  ["2020-07-01", "2020-07-31"],
  ["2019-01-01", "2020-12-31"],
];

interface World {
  orgs: Org[];
  adviser: Actor;
  coordinator: Actor;
  occupationIds: string[];
  clients: string[];
  schemes: PresentedRecord[];
}

const record = fc.record({
  kind: fc.constantFrom("advice_session", "advice_session", "advice_session", "fair_integration_session", "fair_integration_event", "job_training_scheme", "enrolment", "enrolment", "intercultural_activity", "intercultural_activity", "skilled_worker_activity"),
  org: fc.nat(1),
  cp: fc.nat(1),
  client: fc.nat(10_000),
  newClient: fc.boolean(),
  gender: fc.constantFrom("female", "male", "diverse", "not_stated"),
  residence: fc.constantFrom("eu_eea_ch", "third_country_permit", "asylum_seeker", "tolerated", "german"),
  country: fc.constantFrom("SY", "UA", "TR", "IN", "BR", undefined),
  occupation: fc.nat(5),
  date: fc.constantFrom(...DATES),
  pick: fc.array(fc.nat(5), { minLength: 5, maxLength: 5 }),
  amount: fc.integer({ min: 1, max: 30 }),
});
type RandomRecord = typeof record extends fc.Arbitrary<infer R> ? R : never;

function kindData(r: RandomRecord): Record<string, unknown> {
  const pick = <T>(values: readonly T[], i: number) => values[r.pick[i] % values.length];
  switch (r.kind) {
    case "advice_session":
      return { channel: "in_person", stage: pick(["initial", "initial", "follow_up"], 0), adviceType: pick(["recognition", "job_training", "recognition_and_job_training"], 1), nextStep: "no_further_action" };
    case "fair_integration_session":
      return { channel: "phone", topics: ["wages"] };
    case "fair_integration_event":
      return { title: "Arbeitsrecht", participants: r.amount, topics: ["wages"] };
    case "job_training_scheme":
      return { title: "Anpassung", format: pick(["course", "individual"], 2), measureType: "bridge_training", regulatedProfession: false, plannedEndOn: null };
    case "enrolment": {
      const outcome = pick(["successful", "ongoing", "discontinued"], 3);
      return { outcome, outcomeOn: outcome === "ongoing" ? null : "2020-12-31", achievement: outcome === "successful" ? "full_equivalence" : null, endOn: null };
    }
    case "intercultural_activity": {
      const activityType = pick(["training", "event", "consultation"], 3);
      return { targetGroup: pick(["labour_market", "business"], 4), activityType, participants: activityType === "consultation" ? null : r.amount, topics: ["intercultural_competence"] };
    }
    default:
      return { activityType: "event", peopleReached: r.amount };
  }
}

async function add(world: World, r: RandomRecord): Promise<void> {
  const org = world.orgs[r.org];
  const contactPoint = org.contactPoints[r.cp].id;
  const spec = kindSpec(r.kind);
  const body: Record<string, unknown> = { idempotencyKey: newKey(), occurredOn: r.date, ...kindData(r) };
  if (spec.unitLevel === "scheme") {
    const open = world.schemes.filter((s) => (s as Record<string, unknown>).format === "course" && s.occurredOn <= r.date);
    if (!open.length) return;
    body.schemeId = open[r.client % open.length].id;
  } else body.unitId = spec.unitLevel === "contact_point" ? contactPoint : org.subproject.id;
  if (spec.clientBased) {
    if (r.newClient || !world.clients.length) {
      const fields = { contactPointId: contactPoint, gender: r.gender, residenceStatus: r.residence, occupationId: world.occupationIds[r.occupation], ...(r.country ? { qualificationCountry: r.country } : {}) };
      world.clients.push((await makeClient(world.adviser, fields)).id);
    }
    body.clientId = world.clients[r.client % world.clients.length];
  }
  const result = await execute(RECORD_OPERATIONS[spec.kind].create, world.adviser, body);
  if (!result.ok) throw new Error(`create ${r.kind}: ${JSON.stringify(result.error)}`);
  if (spec.kind === "job_training_scheme") world.schemes.push(result.value);
}

// --- the attacker ------------------------------------------------------------------------------

/** Collects what a response shows; a value shown twice (the report and its months' total) must agree, and never be shown once and withheld once. */
class View {
  shown = new Map<string, number>();
  unknown = new Map<string, number>();
  relations: Relation[] = [];

  cell(id: string, value: number | null, least = 0) {
    if (value === null) {
      expect(this.shown.has(id), `${id} is shown elsewhere in the same response`).toBe(false);
      this.unknown.set(id, Math.max(least, this.unknown.get(id) ?? 0));
    } else {
      expect(this.unknown.has(id), `${id} is withheld elsewhere in the same response`).toBe(false);
      if (this.shown.has(id)) expect(this.shown.get(id), `${id} shown twice`).toBe(value);
      this.shown.set(id, value);
    }
  }

  get attacker(): AttackerView {
    return { shown: this.shown, unknown: this.unknown, relations: this.relations };
  }
}

const id = (row: string, key: string) => `${row}|${key}`;

function readBreakdown(view: View, b: FiguresBreakdown): void {
  const rows = [...b.rows.map((r) => ({ name: r.group, cells: r.cells })), { name: "total", cells: b.total.cells }];
  for (const r of rows) for (const k of b.keys) view.cell(id(r.name, k), r.cells[k].value);
  for (const r of rows) {
    for (const [sum, parts] of ROW_SUMS) {
      if (!b.keys.includes(sum)) continue;
      view.relations.push({ terms: [[id(r.name, sum), 1], ...parts.map((p): [string, number] => [id(r.name, p), -1])], op: "=" });
    }
  }
  for (const k of b.keys) {
    const parts = b.rows.map((r): [string, number] => [id(r.group, k), -1]);
    if (b.by === "region" && PEOPLE.includes(k)) {
      view.relations.push({ terms: [[id("total", k), 1], ...parts], op: "<=" });
      for (const r of b.rows) view.relations.push({ terms: [[id(r.group, k), 1], [id("total", k), -1]], op: "<=" });
    } else view.relations.push({ terms: [[id("total", k), 1], ...parts], op: "=" });
  }
}

function readReport(view: View, report: FiguresReport): void {
  const f = report.figures;
  for (const [key, value] of Object.entries(f)) {
    if (key === "advice.topOccupations" || key === "targets.initialSessions" || key.startsWith("jobTraining.shareByFormat")) continue;
    view.cell(key.startsWith("contactPoints.") || key.startsWith("organisation.") ? id("org", key) : id("total", key), value as number | null);
  }
  view.relations.push({ terms: [[id("org", "contactPoints.total"), 1], [id("org", "contactPoints.permanent"), -1], [id("org", "contactPoints.mobile"), -1]], op: "=" });
  // A shown share s of a format: (s − ½)·schemes ≤ 100·format ≤ (s + ½)·schemes.
  for (const format of ["course", "individual"]) {
    const share = f[`jobTraining.shareByFormat.${format}`] as number | null;
    if (share === null) continue;
    const part = id("total", `jobTraining.schemesByFormat.${format}`);
    const whole = id("total", "jobTraining.schemesStarted");
    view.relations.push({ terms: [[part, 100], [whole, -(share + 0.5)]], op: "<=" }, { terms: [[whole, share - 0.5], [part, -100]], op: "<=" });
  }
  // The listed occupations are some of the initial sessions, each listed one at least 1.
  const top = f["advice.topOccupations"] as TopOccupation[];
  for (const o of top) view.cell(id("top", o.id), o.count, 1);
  if (top.length) view.relations.push({ terms: [...top.map((o): [string, number] => [id("top", o.id), 1]), [id("total", "advice.initialSessions"), -1]], op: "<=" });
}

/** Every withheld cell's interval is at least MIN_WIDTH wide (or, for the network, as wide as withholding every group could make it). */
async function expectProtected(view: View, what: string, best?: () => Promise<Map<string, { min: number; max: number }>>): Promise<number> {
  for (const [cell, value] of view.shown) if (!cell.startsWith("total|") || !best) expect([1, 2], `${what}: ${cell} shows a small value`).not.toContain(value);
  const found = await intervals(view.attacker);
  const narrow = [...found].filter(([, i]) => i.max - i.min < MIN_WIDTH);
  if (narrow.length && best) {
    const possible = await best();
    for (const [cell, i] of narrow) expect(i.max - i.min, `${what}: ${cell}`).toBeGreaterThanOrEqual(possible.get(cell)!.max - possible.get(cell)!.min);
  } else expect(narrow.map(([cell, i]) => `${cell} in [${i.min}, ${i.max}]`), what).toEqual([]);
  return found.size;
}

async function breakdown(world: World, q: Record<string, string>, by: Breakdown): Promise<FiguresBreakdown> {
  const result = await execute(figuresBreakdown, world.coordinator, { ...q, by }, "en");
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe("protection of small cells, as an attacker reads it", () => {
  let world: World;

  beforeAll(async () => {
    const orgs = [await makeOrg(), await makeOrg()];
    const adviser = await makeActor("adviser", { unitIds: orgs.map((o) => o.subproject.id) });
    const coordinator = await makeActor("network_coordinator");
    const db = await getDb();
    const rows = await db
      .insert(occupations)
      .values([0, 1, 2, 3, 4, 5].map((i) => ({ nameDe: `Beruf ${i} ${randomUUID().slice(0, 6)}`, nameEn: `Occupation ${i} ${randomUUID().slice(0, 6)}` })))
      .returning();
    world = { orgs, adviser, coordinator, occupationIds: rows.map((r) => r.id), clients: [], schemes: [] };
  });

  it("leaves no withheld cell narrower than 3 in any breakdown or report page, below the network and in the network's groups", { timeout: 1_200_000 }, async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 25, maxLength: 60 }), fc.nat(3), async (records, periodIndex) => {
        for (const r of records) await add(world, r);
        const [a, b] = world.orgs;
        const scopes = [a.region.id, b.region.id, a.subproject.id, b.contactPoints[1].id];
        for (const [i, scope] of scopes.entries()) {
          const [from, to] = PERIODS[(periodIndex + i) % PERIODS.length];
          const q = { from, to, scope };
          for (const by of BREAKDOWNS) {
            const view = new View();
            readBreakdown(view, await breakdown(world, q, by));
            checked += await expectProtected(view, `${scope} by ${by} ${from}–${to}`);
          }
          // The report page: the report and its months table, one response.
          const report = await execute(figuresReport, world.coordinator, q, "en");
          if (!report.ok) throw new Error(JSON.stringify(report.error));
          const page = new View();
          readReport(page, report.value);
          readBreakdown(page, await breakdown(world, q, "month"));
          checked += await expectProtected(page, `${scope} report ${from}–${to}`);
        }
        // The network's groups: its totals stay exact, its regions and months are protected among themselves.
        const [from, to] = PERIODS[periodIndex];
        for (const by of ["region", "month", "gender"] as const) {
          const result = await breakdown(world, { from, to, scope: "network" }, by);
          const view = new View();
          readBreakdown(view, result);
          const everyGroup = async () => {
            const all = new View();
            readBreakdown(all, { ...result, rows: result.rows.map((r) => ({ ...r, cells: Object.fromEntries(result.keys.map((k) => [k, { value: null, suppressed: true as const }])) })) });
            return intervals(all.attacker);
          };
          if (process.env.DEBUG_SUPPRESSION) console.error(JSON.stringify({ by, rows: result.rows.map((r) => [r.group, Object.fromEntries(Object.entries(r.cells).filter(([k]) => k.startsWith("advice.initial")).map(([k, c]) => [k.slice(-12), c.value]))]), total: Object.fromEntries(Object.entries(result.total.cells).filter(([k]) => k.startsWith("advice.initial")).map(([k, c]) => [k.slice(-12), c.value])) }));
          checked += await expectProtected(view, `network by ${by} ${from}–${to}`, everyGroup);
          // Exact network totals: the same as counted without any protection.
          const exact = await (await getDb()).transaction((tx) => computeFigures(tx, { from, to }, { level: "network", id: null }, "en"));
          for (const k of result.keys) expect(result.total.cells[k].value, k).toBe(exact[k]);
        }
      }),
      { numRuns: 4, endOnFailure: true, ...(process.env.SUPPRESSION_SEED ? { seed: Number(process.env.SUPPRESSION_SEED) } : {}) },
    );
    // The runs really had withheld cells to attack.
    expect(checked).toBeGreaterThan(50);
  });

  it("answers 422 naming from and to for days that are not whole months below the network, and takes any days for the network", async () => {
    const region = world.orgs[0].region.id;
    for (const breakdownToo of [false, true]) {
      const ask = (from: string, to: string, scope: string, locale: "de" | "en" = "en") =>
        breakdownToo ? execute(figuresBreakdown, world.coordinator, { from, to, scope, by: "month" }, locale) : execute(figuresReport, world.coordinator, { from, to, scope }, locale);
      expect(await ask("2019-01-02", "2019-03-30", region)).toEqual({
        ok: false,
        error: {
          kind: "validation",
          fieldErrors: { from: ["Below the whole network a period starts on the first day of a month."], to: ["Below the whole network a period ends on the last day of a month."] },
        },
      });
      expect(await ask("2020-02-01", "2020-02-28", region, "de")).toEqual({ ok: false, error: { kind: "validation", fieldErrors: { to: ["Unterhalb des gesamten Netzwerks endet ein Zeitraum am letzten Tag eines Monats."] } } });
      expect((await ask("2020-02-01", "2020-02-29", region)).ok).toBe(true);
      expect((await ask("2019-01-02", "2019-03-30", "network")).ok).toBe(true);
    }
    // A regional coordinator's default scope is their region: the same rule.
    const regional = await makeActor("regional_coordinator", { regionId: region });
    expect(await execute(figuresReport, regional, { from: "2019-05-01", to: "2019-05-30" }, "en")).toMatchObject({ ok: false, error: { fieldErrors: { to: [expect.any(String)] } } });
  });
});
