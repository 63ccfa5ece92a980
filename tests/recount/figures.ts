/**
 * Every figure of docs/figures.md recounted from the raw records as they stood at the reference
 * date (as-of.ts), written out here once from the figures' definitions, apart from the engine
 * and its registry: the figures ledger tests (tests/integration/figures-ledger.test.ts), the demo
 * network's check (demo.test.ts) and the benchmark (scripts/bench/measure.mts) compare with it.
 */
import { sql, type SQL } from "drizzle-orm";
import { boundOf, clientOccupations, recordsAt, type AsOf, type Bound, type RecordSource, type Runner } from "./as-of";

export type { RecordSource, Runner };

export type Figures = Record<string, unknown>;

/** What a recount groups by: nothing (the report), the regional network, or the month a record occurred in. */
export type RecountGroup = "" | "region" | "month";

export interface RecountScope {
  level: "network" | "region" | "subproject" | "unit";
  /** The org unit; null for the network. */
  id: string | null;
}

export interface RecountQuery {
  from: string;
  to: string;
  asOf?: AsOf;
  /** The successful completers' reference date; absent: `asOf`. */
  completersAsOf?: AsOf;
  /** Absent: the network. */
  scope?: RecountScope;
  /** Where the records' state at the reference dates is read from (as-of.ts). */
  source: RecordSource;
}

const NETWORK: RecountScope = { level: "network", id: null };

/** Whole percent, rounded half up (docs/figures.md). */
const percent = (part: number, whole: number) => (whole ? Math.floor((100 * part) / whole + 0.5) : 0);

const initial = sql`x.kind = 'advice_session' and x.data->>'stage' = 'initial'`;
const opening = (targetGroup: string, activityType: string) =>
  sql`x.kind = 'intercultural_activity' and x.data->>'targetGroup' = ${targetGroup} and x.data->>'activityType' = ${activityType}`;
const openingOf = (targetGroup: string, types: string[]) => sql`x.kind = 'intercultural_activity' and x.data->>'targetGroup' = ${targetGroup} and x.data->>'activityType' in ${types}`;
const participants = sql`(x.data->>'participants')::int`;

/** The figures that count records (or sum a field of them), each with the records it takes. */
const RECORD_FIGURES: { key: string; where: SQL; sum?: SQL }[] = [
  { key: "advice.initialSessions", where: initial },
  { key: "advice.initialByType.recognition", where: sql`${initial} and x.data->>'adviceType' = 'recognition'` },
  { key: "advice.initialByType.recognitionAndJobTraining", where: sql`${initial} and x.data->>'adviceType' = 'recognition_and_job_training'` },
  { key: "advice.initialByType.jobTraining", where: sql`${initial} and x.data->>'adviceType' = 'job_training'` },
  { key: "advice.followUpSessions", where: sql`x.kind = 'advice_session' and x.data->>'stage' = 'follow_up'` },
  { key: "fairIntegration.adviceSessions", where: sql`x.kind = 'fair_integration_session'` },
  { key: "fairIntegration.groupEvents", where: sql`x.kind = 'fair_integration_event'` },
  { key: "fairIntegration.groupEventParticipants", where: sql`x.kind = 'fair_integration_event'`, sum: participants },
  { key: "jobTraining.schemesStarted", where: sql`x.kind = 'job_training_scheme'` },
  { key: "jobTraining.schemesByFormat.course", where: sql`x.kind = 'job_training_scheme' and x.data->>'format' = 'course'` },
  { key: "jobTraining.schemesByFormat.individual", where: sql`x.kind = 'job_training_scheme' and x.data->>'format' = 'individual'` },
  { key: "jobTraining.participantsCommencing", where: sql`x.kind = 'enrolment'` },
  ...(
    [
      ["labourMarket", "labour_market"],
      ["business", "business"],
    ] as const
  ).flatMap(([key, group]) => [
    { key: `interculturalOpening.${key}.trainings`, where: opening(group, "training") },
    { key: `interculturalOpening.${key}.trainingParticipants`, where: opening(group, "training"), sum: participants },
    { key: `interculturalOpening.${key}.events`, where: opening(group, "event") },
    { key: `interculturalOpening.${key}.eventParticipants`, where: opening(group, "event"), sum: participants },
    { key: `interculturalOpening.${key}.trainingEventsTotal`, where: openingOf(group, ["training", "event"]) },
    { key: `interculturalOpening.${key}.individualsTotal`, where: openingOf(group, ["training", "event"]), sum: participants },
    { key: `interculturalOpening.${key}.consultations`, where: opening(group, "consultation") },
  ]),
  { key: "skilledWorkerNetworks.peopleReached", where: sql`x.kind = 'skilled_worker_activity'`, sum: sql`(x.data->>'peopleReached')::int` },
];

/** The records of the period in the scope, live at R (a contact point's records lie in its subproject and region). */
function liveIn(source: RecordSource, bound: Bound, q: { from: string; to: string; scope: RecountScope }): SQL {
  const { scope } = q;
  const within =
    scope.level === "network"
      ? sql`true`
      : scope.level === "region"
        ? sql`x.unit_id in (select u.id from org_units u where u.region_id = ${scope.id}::uuid)`
        : scope.level === "subproject"
          ? sql`x.unit_id in (select u.id from org_units u where u.id = ${scope.id}::uuid or u.parent_id = ${scope.id}::uuid)`
          : sql`x.unit_id = ${scope.id}::uuid`;
  return sql`(select x.* from ${recordsAt(source, bound)} x where x.occurred_on between ${q.from}::date and ${q.to}::date and ${within})`;
}

const GROUPS: Record<RecountGroup, { expr: SQL; join: SQL; where: SQL }> = {
  "": { expr: sql`''`, join: sql``, where: sql`true` },
  region: { expr: sql`u.region_id::text`, join: sql`join org_units u on u.id = x.unit_id`, where: sql`u.region_id is not null` },
  month: { expr: sql`to_char(x.occurred_on, 'YYYY-MM')`, join: sql``, where: sql`true` },
};

const numbers = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));

/** Distinct people: per region once in every region they came to; per month once, in the month of their first record of the period. */
async function people(db: Runner, live: SQL, group: RecountGroup, filter: SQL): Promise<Map<string, number>> {
  const g = GROUPS[group];
  const query =
    group === "month"
      ? sql`select to_char(first, 'YYYY-MM') as g, count(*) as n from (
              select x.client_id, min(x.occurred_on) as first from ${live} x where ${filter} group by x.client_id) p
            group by 1`
      : sql`select ${g.expr} as g, count(distinct x.client_id) as n from ${live} x ${g.join} where ${g.where} and ${filter} group by 1`;
  const rows = (await db.execute(query)).rows as { g: string; n: unknown }[];
  return new Map(rows.map((r) => [r.g, Number(r.n)]));
}

/** The figures that count records or people, per group (one group '' for the report, present even when nothing counts). */
export async function recountCounts(db: Runner, q: RecountQuery, group: RecountGroup): Promise<Map<string, Figures>> {
  const scope = q.scope ?? NETWORK;
  const bound = await boundOf(db, q.asOf);
  const completersBound = q.completersAsOf ? await boundOf(db, q.completersAsOf) : bound;
  const live = liveIn(q.source, bound, { ...q, scope });
  const g = GROUPS[group];
  const columns = RECORD_FIGURES.map((f, i) =>
    f.sum ? sql`coalesce(sum(${f.sum}) filter (where ${f.where}), 0) as ${sql.raw(`f${i}`)}` : sql`count(*) filter (where ${f.where}) as ${sql.raw(`f${i}`)}`,
  );
  const rows = (
    await db.execute(sql`
      select ${g.expr} as g, ${sql.join(columns, sql`, `)}
      from ${live} x ${g.join}
      where ${g.where}
      ${group ? sql`group by 1` : sql`` /* ungrouped: one row even when nothing counts */}`)
  ).rows;
  const advised = await people(db, live, group, sql`x.kind = 'fair_integration_session'`);
  // A success counts from the start of its outcome date, as of the completers' reference date.
  const completers = await people(
    db,
    completersBound === bound ? live : liveIn(q.source, completersBound, { ...q, scope }),
    group,
    sql`x.kind = 'enrolment' and x.data->>'outcome' = 'successful' and (x.data->>'outcomeOn')::date <= ${completersBound.day}::date`,
  );
  const byGroup = new Map(rows.map((row) => [String(row.g), row]));
  // Completers counted as of a later date can fall in a group that had no record yet at the first.
  const groups = new Set([...byGroup.keys(), ...advised.keys(), ...completers.keys()]);
  const out = new Map<string, Figures>();
  for (const group of groups) {
    const row = byGroup.get(group);
    const f: Record<string, number> = Object.fromEntries(RECORD_FIGURES.map((figure, i) => [figure.key, row ? Number(row[`f${i}`]) : 0]));
    const schemes = f["jobTraining.schemesStarted"];
    out.set(group, {
      ...f,
      "fairIntegration.individualsAdvised": advised.get(group) ?? 0,
      "jobTraining.successfulCompleters": completers.get(group) ?? 0,
      "jobTraining.shareByFormat.course": percent(f["jobTraining.schemesByFormat.course"], schemes),
      "jobTraining.shareByFormat.individual": percent(f["jobTraining.schemesByFormat.individual"], schemes),
    });
  }
  return out;
}

export interface OccupationCount {
  id: string;
  nameDe: string;
  nameEn: string;
  count: number;
}

const german = new Intl.Collator("de");

/**
 * Initial sessions per reference occupation of the client as it stood at R, most first, ties by
 * the German name in German collation (docs/figures.md, `advice.topOccupations`).
 */
export async function occupationCounts(db: Runner, q: RecountQuery): Promise<OccupationCount[]> {
  const bound = await boundOf(db, q.asOf);
  const rows = (
    await db.execute(sql`
      select o.id, o.name_de, o.name_en, count(*) as n
      from ${clientOccupations(q.source, bound, liveIn(q.source, bound, { ...q, scope: q.scope ?? NETWORK }), initial)} s
      join occupations o on o.id = s.occupation_id
      group by o.id, o.name_de, o.name_en`)
  ).rows as { id: string; name_de: string; name_en: string; n: unknown }[];
  return rows.map((o) => ({ id: o.id, nameDe: o.name_de, nameEn: o.name_en, count: Number(o.n) })).sort((a, b) => b.count - a.count || german.compare(a.nameDe, b.nameDe));
}

/** The org tree's figures on the period's last day, within the scope. */
async function orgFigures(db: Runner, scope: RecountScope, day: string): Promise<Figures> {
  const within =
    scope.level === "network"
      ? sql`true`
      : scope.level === "region"
        ? sql`u.region_id = ${scope.id}::uuid`
        : scope.level === "subproject"
          ? sql`(u.id = ${scope.id}::uuid or u.parent_id = ${scope.id}::uuid)`
          : sql`u.id = ${scope.id}::uuid`;
  const [org] = (
    await db.execute(sql`
      select count(*) filter (where level = 'contact_point') as total,
             count(*) filter (where level = 'contact_point' and contact_point_kind = 'permanent') as permanent,
             count(*) filter (where level = 'contact_point' and contact_point_kind = 'mobile') as mobile,
             count(*) filter (where level = 'region') as regions,
             count(*) filter (where level = 'subproject') as subprojects
      from org_units u where ${within} and active_from <= ${day}::date and (active_until is null or active_until >= ${day}::date)`)
  ).rows.map(numbers);
  return {
    "contactPoints.total": org.total,
    "contactPoints.permanent": org.permanent,
    "contactPoints.mobile": org.mobile,
    "organisation.regionalNetworks": org.regions,
    "organisation.subprojects": org.subprojects,
  };
}

const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1;
const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** The funding round's target of initial sessions, network-wide, counted up to the period's end (null before the round or below the network). */
async function targetProgress(db: Runner, q: RecountQuery): Promise<unknown> {
  if ((q.scope ?? NETWORK).level !== "network") return null;
  const [target] = (await db.execute(sql`select from_on::text, to_on::text, value from targets where key = 'initialSessions'`)).rows as { from_on: string; to_on: string; value: number }[];
  if (!target || q.to < target.from_on) return null;
  const until = q.to < target.to_on ? q.to : target.to_on;
  const bound = await boundOf(db, q.asOf);
  const [{ n }] = (
    await db.execute(sql`select count(*) as n from ${liveIn(q.source, bound, { from: target.from_on, to: until, scope: NETWORK })} x where ${initial}`)
  ).rows as { n: unknown }[];
  const reached = Number(n);
  return {
    target: target.value,
    from: target.from_on,
    to: target.to_on,
    reached,
    shareReached: oneDecimal((100 * reached) / target.value),
    shareElapsed: oneDecimal(Math.min(100, (100 * days(target.from_on, until)) / days(target.from_on, target.to_on))),
  };
}

/** Every figure of docs/figures.md for one period and scope as of the reference dates. */
export async function recount(db: Runner, q: RecountQuery): Promise<Figures> {
  const counts = (await recountCounts(db, q, "")).get("") ?? {};
  const top = (await occupationCounts(db, q)).slice(0, TOP_OCCUPATIONS).map((o) => ({ id: o.id, name: o.nameEn, count: o.count }));
  return {
    ...counts,
    "advice.topOccupations": top,
    ...(await orgFigures(db, q.scope ?? NETWORK, q.to)),
    "targets.initialSessions": await targetProgress(db, q),
  };
}

const TOP_OCCUPATIONS = 5;
